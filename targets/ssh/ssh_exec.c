/* ssh command lines. OpenSSH keeps the first value it reads for an option,
 * so BatchMode goes before the user's options (it must win: a prompt
 * would wait for a terminal nobody watches) and our connection defaults go
 * after them (the user's win). Host-key checking is left as ssh and the
 * user configure it: tierbench never turns it off. */
#include "ssh_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

static const char *const batch[] = {"-o", "BatchMode=yes"};
static const char *const defaults[] = {"-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=10",
                                       "-o", "ServerAliveCountMax=3"};

/* Splits opts (modified) into argv; the count, or -1 when there are too many. */
static int split_opts(char *opts, char **argv, int max)
{
    int n = 0;
    for (char *save = NULL, *t = strtok_r(opts, " \t\n", &save); t;
         t = strtok_r(NULL, " \t\n", &save)) {
        if (n == max)
            return -1;
        argv[n++] = t;
    }
    return n;
}

int tb_ssh_conn_init(tb_ssh_conn *c, const tb_ssh_dest *d, char *err, size_t len)
{
    tb_ssh_dest_login(d, c->login, sizeof c->login);
    const char *env = getenv("TB_SSH_OPTS");
    if (!env)
        env = "";
    if (strlen(env) >= sizeof c->opts) {
        snprintf(err, len, "TB_SSH_OPTS is longer than %zu characters", sizeof c->opts - 1);
        return -1;
    }
    snprintf(c->opts, sizeof c->opts, "%s", env);
    char copy[sizeof c->opts], *argv[TB_SSH_MAX_OPTS];
    snprintf(copy, sizeof copy, "%s", c->opts);
    if (split_opts(copy, argv, TB_SSH_MAX_OPTS) < 0) {
        snprintf(err, len, "TB_SSH_OPTS has more than %d words", TB_SSH_MAX_OPTS);
        return -1;
    }
    return 0;
}

void tb_ssh_log_path(const char *log_dir, const char *step, char *out, size_t n)
{
    snprintf(out, n, "%s/ssh-%s.log", log_dir, step);
}

tb_ssh_status tb_ssh_exec(const tb_ssh_conn *c, const char *log_dir, const char *step,
                          const char *command, const char *in_path, double timeout_s,
                          char *err, size_t len)
{
    enum { N_FIXED = 2 + 6 + 4 };
    char opts[sizeof c->opts], login[sizeof c->login], cmd[4096], ssh[] = "ssh", dashes[] = "--";
    char *argv[N_FIXED + TB_SSH_MAX_OPTS + 1];
    int n = 0;
    snprintf(opts, sizeof opts, "%s", c->opts);
    snprintf(login, sizeof login, "%s", c->login);
    snprintf(cmd, sizeof cmd, "%s", command);
    argv[n++] = ssh;
    for (size_t i = 0; i < sizeof batch / sizeof batch[0]; i++)
        argv[n++] = (char *)batch[i];
    n += split_opts(opts, argv + n, TB_SSH_MAX_OPTS);
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        argv[n++] = (char *)defaults[i];
    argv[n++] = dashes;
    argv[n++] = login;
    argv[n++] = cmd;
    argv[n] = NULL;

    char log[2048], last[256];
    tb_ssh_log_path(log_dir, step, log, sizeof log);
    remove(log);
    tb_proc_result r;
    if (tb_proc_run_input(argv, in_path, log, timeout_s, &r, err, len))
        return TB_SSH_FAILED;
    tb_last_line(log, last, sizeof last);
    if (r.timed_out) {
        snprintf(err, len, "ssh %s on %s: no answer within %g s (see %s)", step, c->login,
                 timeout_s, log);
        return TB_SSH_TIMEOUT;
    }
    if (r.signaled) {
        snprintf(err, len, "ssh %s on %s: ssh killed by signal %d", step, c->login, r.exit_code);
        return TB_SSH_FAILED;
    }
    if (r.exit_code == 255) { /* ssh's own failure: its message is the last line */
        snprintf(err, len, "ssh to %s failed (%s): %s", c->login, step,
                 last[0] ? last : "no message");
        return TB_SSH_FAILED;
    }
    if (r.exit_code == 124) { /* coreutils `timeout` on the remote expired */
        snprintf(err, len, "%s on %s: stopped by its deadline on the remote (see %s)", step,
                 c->login, log);
        return TB_SSH_TIMEOUT;
    }
    if (r.exit_code != 0) {
        snprintf(err, len, "%s on %s exited with status %d: %s", step, c->login, r.exit_code,
                 last[0] ? last : "no message");
        return TB_SSH_FAILED;
    }
    return TB_SSH_OK;
}
