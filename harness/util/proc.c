/* Child processes with a deadline: fork, exec, poll waitpid, and kill the
 * child's whole process group when time runs out. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double tb_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void tb_proc_die_with_parent(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) /* it died before prctl took effect */
        _exit(127);
}

int tb_proc_run(char *const argv[], const char *log_path, double timeout_s,
                tb_proc_result *res, char *err, size_t err_len)
{
    return tb_proc_run_input(argv, NULL, log_path, timeout_s, res, err, err_len);
}

int tb_proc_run_input(char *const argv[], const char *in_path, const char *log_path,
                      double timeout_s, tb_proc_result *res, char *err, size_t err_len)
{
    memset(res, 0, sizeof *res);
    const char *input = in_path ? in_path : "/dev/null";
    int in = open(input, O_RDONLY);
    if (in < 0) {
        snprintf(err, err_len, "cannot open %s: %s", input, strerror(errno));
        return -1;
    }
    int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (log < 0) {
        snprintf(err, err_len, "cannot open %s: %s", log_path, strerror(errno));
        close(in);
        return -1;
    }
    double t0 = tb_now_s();
    fflush(NULL);
    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        close(log);
        close(in);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group, so a timeout kills its children too */
        /* and it dies with its caller: a run's cell worker killed at its cell
         * timeout (or the run killed) must not leave an emulator behind */
        tb_proc_die_with_parent(parent);
        dup2(in, 0);
        dup2(log, 1);
        dup2(log, 2);
        execvp(argv[0], argv);
        dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(log);
    close(in);
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            snprintf(err, err_len, "waitpid: %s", strerror(errno));
            return -1;
        }
        if (tb_now_s() - t0 > timeout_s) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            res->timed_out = 1;
            break;
        }
        struct timespec nap = {0, 2000000};
        nanosleep(&nap, NULL);
    }
    res->seconds = tb_now_s() - t0;
    if (!res->timed_out) {
        if (WIFSIGNALED(status)) {
            res->signaled = 1;
            res->exit_code = WTERMSIG(status);
        } else {
            res->exit_code = WEXITSTATUS(status);
        }
    }
    return 0;
}

int tb_which(const char *tool, char *out, size_t n)
{
    if (!out || n == 0)
        return -1;
    const char *path = getenv("PATH");
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path ? path : "/usr/bin:/bin");
    for (char *save = NULL, *dir = strtok_r(buf, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        if (snprintf(out, n, "%s/%s", dir, tool) < (int)n && access(out, X_OK) == 0)
            return 0;
    }
    out[0] = 0;
    return -1;
}

void tb_last_line(const char *path, char *out, size_t n)
{
    char line[1024];
    out[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0])
            snprintf(out, n, "%s", line);
    }
    fclose(f);
}
