/* sbatch scripts: #SBATCH lines for what the job asks of the cluster, then
 * the environment every task shares and the tierbench command. */
#include "slurm_script.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "slurm.h"
#include "source_dir.h"
#include "store.h"

int tb_slurm_path_ok(const char *path)
{
    if (!*path)
        return 0;
    for (const char *p = path; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("/._-+:@", *p)))
            return 0;
    return 1;
}

static int write_tasks(const tb_slurm_job_spec *s, char *err, size_t err_len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/slurm/%s.tasks", s->run_dir, s->name);
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    for (int i = 0; i < s->n_tasks; i++)
        fprintf(f, "%s\n", s->tasks[i]);
    if (fclose(f) != 0) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void sbatch_lines(FILE *f, const tb_slurm_job_spec *s)
{
    fprintf(f, "#SBATCH --job-name=tb-%s-%s\n", s->name, s->run_id);
    fprintf(f, "#SBATCH --output=%s/slurm/logs/%s-%s.out\n", s->run_dir, s->name,
            s->tasks ? "%A_%a" : "%j");
    if (s->tasks)
        fprintf(f, "#SBATCH --array=0-%d\n", s->n_tasks - 1);
    fprintf(f, "#SBATCH --ntasks=1\n");
    if (s->exclusive)
        fprintf(f, "#SBATCH --exclusive\n");
    else
        fprintf(f, "#SBATCH --cpus-per-task=1\n");
    if (s->partition)
        fprintf(f, "#SBATCH --partition=%s\n", s->partition);
    if (s->time_limit)
        fprintf(f, "#SBATCH --time=%s\n", s->time_limit);
}

int tb_slurm_write_script(const tb_slurm_job_spec *s, char *path, size_t path_len, char *err,
                          size_t err_len)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/slurm/logs", s->run_dir);
    if (tb_mkdir_p(dir) != 0) {
        snprintf(err, err_len, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    if (s->tasks && write_tasks(s, err, err_len))
        return -1;
    snprintf(path, path_len, "%s/slurm/%s.sbatch", s->run_dir, s->name);
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "#!/bin/sh\n# tierbench run %s: %s job, written by tierbench run --slurm "
               "(docs/slurm.md)\n",
            s->run_id, s->name);
    sbatch_lines(f, s);
    fprintf(f, "set -eu\n");
    /* The checkout and the object cache live on shared storage: every task
     * reuses the runtime objects compiled before submission. */
    fprintf(f, "export TB_SOURCE_DIR=%s\n", tb_source_dir());
    fprintf(f, "export TB_CACHE_DIR=%s\n", s->cache_dir);
    if (s->tasks)
        fprintf(f, "cells=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" %s/slurm/%s.tasks)\n",
                s->run_dir, s->name);
    fprintf(f, "exec %s\n", s->command);
    if (fclose(f) != 0) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
