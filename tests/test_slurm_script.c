/* The parts of run --slurm that need no cluster: cell lists as array tasks
 * get them, the time limits accepted, and the sbatch scripts written (what
 * each asks of Slurm and what it runs). tests/cluster/ runs them for real. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "slurm.h"
#include "slurm_script.h"
#include "tb_test.h"

static int test_cell_lists(void)
{
    char out[64];
    const int runs[] = {0, 1, 2, 3, 7, 9, 10};
    TB_CHECK_EQ_INT(tb_cell_list_format(runs, 7, out, sizeof out), 0);
    TB_CHECK(strcmp(out, "0-3,7,9-10") == 0);
    const int one[] = {42};
    TB_CHECK_EQ_INT(tb_cell_list_format(one, 1, out, sizeof out), 0);
    TB_CHECK(strcmp(out, "42") == 0);
    TB_CHECK_EQ_INT(tb_cell_list_format(runs, 0, out, sizeof out), 0);
    TB_CHECK(strcmp(out, "") == 0);
    /* "0-3,7,9-10" needs 11 bytes */
    TB_CHECK_EQ_INT(tb_cell_list_format(runs, 7, out, 10), -1);
    TB_CHECK_EQ_INT(tb_cell_list_format(runs, 7, out, 11), 0);
    return 0;
}

static int test_time_limits(void)
{
    const char *good[] = {"5", "30:00", "1:30:00", "2-0", "1-12:00", "1-12:00:00", "UNLIMITED"};
    const char *bad[] = {"", "1:x", "-5", "1-", "1:2:3:4", "1-2:3:4:5", "5m", "1 0", ":5"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        if (!tb_slurm_time_ok(good[i]))
            fprintf(stderr, "refused: '%s'\n", good[i]);
        TB_CHECK(tb_slurm_time_ok(good[i]));
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (tb_slurm_time_ok(bad[i]))
            fprintf(stderr, "accepted: '%s'\n", bad[i]);
        TB_CHECK(!tb_slurm_time_ok(bad[i]));
    }
    return 0;
}

static int test_paths(void)
{
    TB_CHECK(tb_slurm_path_ok("/scratch/u-1/tb_runs/2026.11@x:y+z"));
    TB_CHECK(!tb_slurm_path_ok("/scratch/my runs"));
    TB_CHECK(!tb_slurm_path_ok("/scratch/%j"));
    TB_CHECK(!tb_slurm_path_ok("/scratch/$HOME"));
    TB_CHECK(!tb_slurm_path_ok("/scratch/'x'"));
    TB_CHECK(!tb_slurm_path_ok(""));
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *buf = calloc(1, 8192);
    if (buf && fread(buf, 1, 8191, f) == 0)
        buf[0] = '\0';
    fclose(f);
    return buf;
}

static int test_array_script(void)
{
    char dir[] = "/tmp/tb-slurm-script-XXXXXX";
    TB_CHECK(mkdtemp(dir) != NULL);
    const char *tasks[] = {"0-2", "3-4,6"};
    tb_slurm_job_spec spec = {"measured", "r1", dir, "gpu", "1:00:00", 1, tasks, 2,
                              "/opt/tb/tierbench run --resume X --cells \"$cells\"",
                              "/shared/cache"};
    char path[1024], err[256];
    TB_CHECK_EQ_INT(tb_slurm_write_script(&spec, path, sizeof path, err, sizeof err), 0);
    char *s = slurp(path);
    TB_CHECK(s != NULL);
    if (s) {
        TB_CHECK(strncmp(s, "#!/bin/sh\n", 10) == 0);
        TB_CHECK(strstr(s, "#SBATCH --array=0-1\n") != NULL);
        TB_CHECK(strstr(s, "#SBATCH --exclusive\n") != NULL);
        TB_CHECK(strstr(s, "#SBATCH --partition=gpu\n") != NULL);
        TB_CHECK(strstr(s, "#SBATCH --time=1:00:00\n") != NULL);
        TB_CHECK(strstr(s, "#SBATCH --job-name=tb-measured-r1\n") != NULL);
        TB_CHECK(strstr(s, "/slurm/logs/measured-%A_%a.out\n") != NULL);
        TB_CHECK(strstr(s, "export TB_CACHE_DIR=/shared/cache\n") != NULL);
        TB_CHECK(strstr(s, "SLURM_ARRAY_TASK_ID + 1") != NULL);
        TB_CHECK(strstr(s, "\nexec /opt/tb/tierbench run --resume X --cells \"$cells\"\n"));
        /* every #SBATCH line comes before the first command, or sbatch ignores it */
        const char *last_sbatch = s, *p;
        while ((p = strstr(last_sbatch + 1, "#SBATCH")))
            last_sbatch = p;
        TB_CHECK(strstr(s, "set -eu") > last_sbatch);
    }
    free(s);
    char tasks_path[1100];
    snprintf(tasks_path, sizeof tasks_path, "%s/slurm/measured.tasks", dir);
    s = slurp(tasks_path);
    TB_CHECK(s && strcmp(s, "0-2\n3-4,6\n") == 0);
    free(s);

    tb_slurm_job_spec merge = {"merge", "r1", dir, NULL, NULL, 0, NULL, 0,
                               "/opt/tb/tierbench merge X", "/shared/cache"};
    TB_CHECK_EQ_INT(tb_slurm_write_script(&merge, path, sizeof path, err, sizeof err), 0);
    s = slurp(path);
    TB_CHECK(s && !strstr(s, "--array") && !strstr(s, "--exclusive") &&
             !strstr(s, "--partition") && !strstr(s, "--time") && strstr(s, "%j.out"));
    free(s);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    TB_CHECK_EQ_INT(system(cmd), 0);
    return 0;
}

int main(void)
{
    TB_RUN(test_cell_lists);
    TB_RUN(test_time_limits);
    TB_RUN(test_paths);
    TB_RUN(test_array_script);
    return tb_test_summary();
}
