/* Talking to the cluster: submitting a script with sbatch and asking squeue
 * what became of a run's jobs. Both go through the ordinary Slurm commands,
 * so any cluster the user can submit to works. */
#ifndef TB_SLURM_JOBS_H
#define TB_SLURM_JOBS_H

#include <stddef.h>

/* sbatch --parsable [--dependency=DEP] SCRIPT; the job id into id. Its
 * output goes to SCRIPT.submit.log. 0, or -1 with sbatch's message. */
int tb_slurm_sbatch(const char *script, const char *dependency, char *id, size_t id_len,
                    char *err, size_t err_len);

/* Asks the controller whether each partition of a comma-separated list
 * exists. 0 (also when scontrol is not installed: sbatch will say), or -1
 * with scontrol's answer. */
int tb_slurm_partitions_check(const char *list, char *err, size_t err_len);

/* One queued job or array task: its job id (the array's for a task), the
 * array task id (-1 for a plain job) and Slurm's state (PENDING, RUNNING,
 * COMPLETING, ...). */
typedef void (*tb_slurm_queue_fn)(void *ctx, const char *job_id, int task, const char *state);

/* Calls fn for every task of the jobs (comma-separated ids) still in the
 * queue; jobs the controller no longer knows are simply absent. 0, or -1
 * with a reason (squeue missing or failing). */
int tb_slurm_queue(const char *job_ids, tb_slurm_queue_fn fn, void *ctx, char *err,
                   size_t err_len);

#endif
