/* The sbatch scripts of a run, written into RUN_DIR/slurm/ so a user can
 * read them and resubmit one by hand: a job array whose task k runs the
 * cells on line k+1 of its tasks file, or a single job (the merge). */
#ifndef TB_SLURM_SCRIPT_H
#define TB_SLURM_SCRIPT_H

#include <stddef.h>

typedef struct {
    const char *name;       /* "cells", "measured", "merge": file and job names */
    const char *run_id;
    const char *run_dir;    /* absolute */
    const char *partition;  /* NULL: the cluster's default */
    const char *time_limit; /* Slurm's format; NULL: the partition's default */
    int exclusive;          /* a whole node per task (measured cells) */
    const char *const *tasks; /* cell lists ("0-3,7"), one per array task; NULL: no array */
    int n_tasks;
    const char *command;    /* shell words run by the job; "$cells" is the task's list */
    const char *cache_dir;  /* TB_CACHE_DIR of the job (absolute) */
} tb_slurm_job_spec;

/* Writes RUN_DIR/slurm/<name>.sbatch (and <name>.tasks for an array) into
 * path. 0, or -1 with a reason. */
int tb_slurm_write_script(const tb_slurm_job_spec *spec, char *path, size_t path_len, char *err,
                          size_t err_len);

#endif
