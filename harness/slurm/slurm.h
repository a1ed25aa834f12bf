/* A run spread over a Slurm cluster (docs/slurm.md): the run folder with
 * its plan.json lives on shared storage; emulated cells go out as a job
 * array, measured cells as an array of whole-node (--exclusive) tasks, and
 * a merge job that depends on both gathers the records. RUN_DIR/slurm/
 * keeps the scripts, their logs and jobs.json (the job ids). */
#ifndef TB_SLURM_H
#define TB_SLURM_H

#include <stddef.h>

#include "record.h"

enum { TB_SLURM_MAX_CELLS_PER_TASK = 100 };

typedef struct {
    const char *partition;  /* NULL: the cluster's default */
    const char *time_limit; /* per task, Slurm's format; NULL: the partition's default */
    int cells_per_task;     /* emulated cells per array task, 1..TB_SLURM_MAX_CELLS_PER_TASK */
    const char *cache_dir;  /* object cache on shared storage (absolute) */
    const char *tierbench;  /* this program, by a path every node sees (absolute) */
} tb_slurm_options;

/* Prepares and submits the cells of RUN_DIR/plan.json that have no record
 * yet: first builds each emulated target's runtime objects into cache_dir
 * (by running that target's cheapest cell here), then writes the scripts,
 * submits them, writes RUN_DIR/slurm/jobs.json and prints the job ids.
 * 0, or -1 with the reason (a plan that cannot be read, sbatch refusing). */
int tb_slurm_submit(const char *run_dir, const tb_slurm_options *o, char *err, size_t err_len);

/* How far a run has come, from its cell records and, when it was
 * submitted to Slurm, the queue. Every plan cell is in exactly one of done,
 * running, pending and waiting. */
typedef struct {
    int total;
    int done;                /* cells with a record */
    int by_status[TB_STATUS_TIMEOUT + 1]; /* those by tb_cell_status (unknown: failed) */
    int running;   /* no record, in an array task that is running */
    int pending;   /* no record, in an array task waiting in the queue */
    int waiting;   /* no record and no queued task: not submitted, or its task ended */
    int submitted; /* RUN_DIR/slurm/jobs.json exists */
    int merged;    /* records in records.jsonl */
    char merge_job[32], merge_state[32]; /* the merge job and its queue state ("" gone) */
    char queue_error[256]; /* why the queue could not be asked, or "" */
    char run_id[64];
} tb_run_progress;

/* 0, or -1 with the reason (no readable plan.json). A queue that cannot
 * be asked leaves running and pending at 0 and says why in queue_error. */
int tb_run_progress_read(const char *run_dir, tb_run_progress *p, char *err, size_t err_len);

/* 1 when a path can go into #SBATCH lines and shell words as it is:
 * letters, digits and / . _ - + : @ only (no blanks, quotes, $ or %). */
int tb_slurm_path_ok(const char *path);

/* 1 when s is a time limit in one of Slurm's forms: M, M:S, H:M:S, D-H,
 * D-H:M, D-H:M:S, or UNLIMITED. */
int tb_slurm_time_ok(const char *s);

/* Ascending cell indices as a --cells list, runs of consecutive ones as
 * ranges: {0,1,2,3,7} -> "0-3,7". 0, or -1 when out is too small. */
int tb_cell_list_format(const int *idx, int n, char *out, size_t len);

#endif
