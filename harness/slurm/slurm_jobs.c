/* sbatch and squeue through tb_proc_run: their output lands in a log file
 * that is then read back, the same way every tool tierbench runs is. */
#include "slurm_jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

enum { SLURM_TIMEOUT_S = 60 };

int tb_slurm_sbatch(const char *script, const char *dependency, char *id, size_t id_len,
                    char *err, size_t err_len)
{
    char log[1100], dep[256];
    snprintf(log, sizeof log, "%s.submit.log", script);
    remove(log);
    char *argv[5] = {"sbatch", "--parsable", NULL, NULL, NULL};
    int n = 2;
    if (dependency) {
        snprintf(dep, sizeof dep, "--dependency=%s", dependency);
        argv[n++] = dep;
    }
    argv[n] = (char *)script;
    tb_proc_result r;
    if (tb_proc_run(argv, log, SLURM_TIMEOUT_S, &r, err, err_len) != 0)
        return -1;
    char line[300] = "";
    FILE *f = fopen(log, "r");
    if (f) {
        if (!fgets(line, sizeof line, f))
            line[0] = '\0';
        fclose(f);
    }
    line[strcspn(line, ";\n")] = '\0'; /* "<id>;<cluster>" on multi-cluster setups */
    if (r.timed_out || r.exit_code != 0 || !line[0] || strspn(line, "0123456789") != strlen(line)) {
        char last[300];
        tb_last_line(log, last, sizeof last);
        snprintf(err, err_len, "sbatch %s: %s", script,
                 r.timed_out ? "no answer from the controller in 60 s" : last);
        return -1;
    }
    snprintf(id, id_len, "%s", line);
    return 0;
}

/* Runs a Slurm client command with its output in a fresh temporary file,
 * named in log (the caller removes it). 0 when it ran, whatever its exit. */
static int run_client(char *const argv[], char log[32], tb_proc_result *r, char *err,
                      size_t err_len)
{
    snprintf(log, 32, "/tmp/tierbench-slurm-XXXXXX");
    int fd = mkstemp(log);
    if (fd < 0) {
        snprintf(err, err_len, "cannot create a temporary file for %s's answer", argv[0]);
        return -1;
    }
    close(fd);
    return tb_proc_run(argv, log, SLURM_TIMEOUT_S, r, err, err_len);
}

int tb_slurm_partitions_check(const char *list, char *err, size_t err_len)
{
    char path[1024], names[256];
    if (tb_which("scontrol", path, sizeof path) != 0)
        return 0;
    snprintf(names, sizeof names, "%s", list);
    for (char *save, *name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        char log[32];
        char *argv[] = {"scontrol", "show", "partition", name, NULL};
        tb_proc_result r;
        int rc = run_client(argv, log, &r, err, err_len);
        char last[300];
        tb_last_line(log, last, sizeof last);
        remove(log);
        if (rc != 0)
            return -1;
        if (r.timed_out || r.exit_code != 0) {
            snprintf(err, err_len, "partition '%s': %s", name,
                     r.timed_out ? "no answer from the controller in 60 s" : last);
            return -1;
        }
    }
    return 0;
}

int tb_slurm_queue(const char *job_ids, tb_slurm_queue_fn fn, void *ctx, char *err,
                   size_t err_len)
{
    char log[32];
    /* -r: one line per array task; %F the array's job id, %K the task id. */
    char *argv[] = {"squeue", "-h", "-r", "-j", (char *)job_ids, "-o", "%F|%K|%T", NULL};
    tb_proc_result r;
    int rc = run_client(argv, log, &r, err, err_len);
    if (rc == 0 && (r.timed_out || r.exit_code != 0)) {
        char last[300];
        tb_last_line(log, last, sizeof last);
        /* Every job already gone from the queue is not an error. */
        if (!strstr(last, "Invalid job id")) {
            snprintf(err, err_len, "squeue: %s",
                     r.timed_out ? "no answer from the controller in 60 s" : last);
            rc = -1;
        }
    } else if (rc == 0) {
        FILE *f = fopen(log, "r");
        char line[256];
        while (f && fgets(line, sizeof line, f)) {
            char *task = strchr(line, '|'), *state = task ? strchr(task + 1, '|') : NULL;
            if (!state)
                continue;
            *task++ = '\0';
            *state++ = '\0';
            state[strcspn(state, "\n")] = '\0';
            char *end;
            long t = strtol(task, &end, 10);
            fn(ctx, line, end != task && *end == '\0' ? (int)t : -1, state);
        }
        if (f)
            fclose(f);
    }
    remove(log);
    return rc;
}
