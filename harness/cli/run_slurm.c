/* run --slurm on the command line: its options checked before anything is
 * written (no sbatch is bad input, exit 2), then the run folder handed to
 * tb_slurm_submit with absolute paths every node can use. */
#include "run_slurm.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "proc.h"
#include "slurm_jobs.h"
#include "source_dir.h"
#include "store.h"

int tb_run_slurm_option(int opt, const char *arg, tb_run_slurm_args *s)
{
    long n;
    switch (opt) {
    case TB_OPT_SLURM:
        s->on = 1;
        return 0;
    case TB_OPT_PARTITION:
        if (!*arg || strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789_.,-") != strlen(arg))
            return tb_usage_error("--partition '%s': accepted: Slurm partition names "
                                  "(letters, digits, _ . -), comma-separated",
                                  arg);
        s->options.partition = arg;
        return 0;
    case TB_OPT_TIME:
        if (!tb_slurm_time_ok(arg))
            return tb_usage_error("--time '%s': accepted: a Slurm time limit per task: "
                                  "minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED",
                                  arg);
        s->options.time_limit = arg;
        return 0;
    case TB_OPT_SHARED_DIR:
        s->shared_dir = arg;
        return 0;
    case TB_OPT_CELLS_PER_TASK:
        if (tb_parse_int(arg, 1, TB_SLURM_MAX_CELLS_PER_TASK, &n))
            return tb_usage_error("--cells-per-task '%s': accepted: a whole number 1..%d", arg,
                                  TB_SLURM_MAX_CELLS_PER_TASK);
        s->options.cells_per_task = (int)n;
        return 0;
    }
    return tb_usage_error("run: bad option (see tierbench run --help)");
}

int tb_run_slurm_check(const tb_run_slurm_args *s)
{
    char path[PATH_MAX];
    if (!s->on) {
        if (s->options.partition || s->options.time_limit || s->shared_dir ||
            s->options.cells_per_task)
            return tb_usage_error("--partition, --time, --shared-dir and --cells-per-task "
                                  "go with --slurm");
        return 0;
    }
    if (tb_which("sbatch", path, sizeof path) != 0)
        return tb_usage_error("run --slurm: sbatch not found on PATH: run on a Slurm login node "
                              "(or load its module, e.g. module load slurm); docs/slurm.md");
    char err[512];
    if (s->options.partition && tb_slurm_partitions_check(s->options.partition, err, sizeof err))
        return tb_usage_error("--partition: %s (sinfo lists the partitions)", err);
    if (s->shared_dir && !tb_slurm_path_ok(s->shared_dir))
        return tb_usage_error("--shared-dir '%s': accepted: a path of letters, digits and "
                              "/ . _ - + : @ (it goes into sbatch scripts)",
                              s->shared_dir);
    return 0;
}

/* A path every node sees the same, or "" when it is not one sbatch
 * scripts can carry. */
static void absolute(const char *path, char *out, size_t n)
{
    char real[PATH_MAX];
    if (!realpath(path, real) || !tb_slurm_path_ok(real) || strlen(real) >= n)
        out[0] = '\0';
    else
        snprintf(out, n, "%s", real);
}

int tb_run_slurm_submit(const char *run_dir, const tb_run_slurm_args *s)
{
    char dir[PATH_MAX], exe[PATH_MAX], cache[PATH_MAX], root[PATH_MAX];
    absolute(run_dir, dir, sizeof dir);
    absolute("/proc/self/exe", exe, sizeof exe);
    const char *bad = !dir[0]                          ? run_dir
                      : !exe[0]                        ? "this tierbench program"
                      : !tb_slurm_path_ok(tb_source_dir()) ? tb_source_dir()
                                                          : NULL;
    if (bad)
        return tb_usage_error("run --slurm: the path of %s has characters sbatch scripts "
                              "cannot carry; accepted: letters, digits and / . _ - + : @",
                              bad);
    /* The object cache goes beside the runs on the shared storage, unless
     * the user keeps it elsewhere. */
    const char *env = getenv("TB_CACHE_DIR");
    if (env && *env) {
        if (tb_mkdir_p(env) != 0)
            return tb_usage_error("TB_CACHE_DIR '%s': %s", env, strerror(errno));
        absolute(env, cache, sizeof cache);
        if (!cache[0])
            return tb_usage_error("TB_CACHE_DIR '%s': accepted: a path of letters, digits and "
                                  "/ . _ - + : @",
                                  env);
    } else {
        snprintf(root, sizeof root, "%s", dir);
        snprintf(cache, sizeof cache, "%s/.tierbench-cache", dirname(root));
    }
    tb_slurm_options o = s->options;
    o.cells_per_task = o.cells_per_task ? o.cells_per_task : 1;
    o.cache_dir = cache;
    o.tierbench = exe;
    char err[1024];
    if (tb_slurm_submit(dir, &o, err, sizeof err) != 0) {
        fprintf(stderr, "tierbench: run --slurm: %s\n", err);
        fprintf(stderr, "tierbench: the run folder %s stays resumable: fix the cause and run "
                        "tierbench run --resume %s --slurm (or without --slurm, here)\n",
                dir, dir);
        return TB_EXIT_USAGE;
    }
    return TB_EXIT_OK;
}
