/* The --slurm options of tierbench run (docs/slurm.md). */
#ifndef TB_RUN_SLURM_H
#define TB_RUN_SLURM_H

#include "slurm.h"

/* getopt codes of the options, above cmd_run.c's own. */
enum { TB_OPT_SLURM = 512, TB_OPT_PARTITION, TB_OPT_TIME, TB_OPT_SHARED_DIR,
       TB_OPT_CELLS_PER_TASK };

#define TB_RUN_SLURM_LONG_OPTIONS                                                    \
    {"slurm", no_argument, NULL, TB_OPT_SLURM},                                      \
    {"partition", required_argument, NULL, TB_OPT_PARTITION},                        \
    {"time", required_argument, NULL, TB_OPT_TIME},                                  \
    {"shared-dir", required_argument, NULL, TB_OPT_SHARED_DIR},                      \
    {"cells-per-task", required_argument, NULL, TB_OPT_CELLS_PER_TASK}

#define TB_RUN_SLURM_HELP                                                                   \
    "      --slurm          submit the cells to Slurm instead of running them here: a job\n" \
    "                       array of emulated cells, measured cells on whole nodes, then a\n" \
    "                       merge job (docs/slurm.md); with --resume RUN_DIR: resubmit the\n" \
    "                       cells without a record\n"                                        \
    "      --partition P    Slurm partition(s) of every job (default: the cluster's)\n"     \
    "      --time T         time limit of each array task, e.g. 30, 2:00:00, 1-0\n"          \
    "      --shared-dir DIR the run folder goes to DIR/<run id> on storage every node\n"     \
    "                       mounts (default: --out); object cache: $TB_CACHE_DIR, else\n"    \
    "                       DIR/.tierbench-cache\n"                                          \
    "      --cells-per-task N  emulated cells per array task, 1..100 (default 1)\n"

typedef struct {
    int on;                 /* --slurm */
    const char *shared_dir; /* --shared-dir, or NULL */
    tb_slurm_options options; /* partition, time limit, cells per task (0: not given) */
} tb_run_slurm_args;

/* One of the options above into s; 0, or TB_EXIT_USAGE with a message. */
int tb_run_slurm_option(int opt, const char *arg, tb_run_slurm_args *s);

/* After parsing, before anything is written: sbatch on PATH, the options
 * only with --slurm. 0, or TB_EXIT_USAGE with a message. */
int tb_run_slurm_check(const tb_run_slurm_args *s);

/* Prepares and submits run_dir (its plan.json written); the exit status. */
int tb_run_slurm_submit(const char *run_dir, const tb_run_slurm_args *s);

#endif
