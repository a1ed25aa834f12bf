/* The probe is a POSIX sh script fed to the remote's `sh -s`, so it works
 * whatever the login shell; it prints "tb-<key> <value>" lines that are
 * read back from its log (ssh's own messages may be mixed in). */
#include "ssh_remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPU: lscpu's name where util-linux is there (it names Arm cores, e.g.
 * Cortex-A72), else /proc/cpuinfo's model name, Hardware or CPU part. */
static const char probe_script[] =
    "d=$(mktemp -d \"${TMPDIR:-/tmp}/tierbench.XXXXXX\") || exit 3\n"
    "echo \"tb-dir $d\"\n"
    "echo \"tb-machine $(uname -m)\"\n"
    "echo \"tb-hostname $(uname -n)\"\n"
    "echo \"tb-uname $(uname -a)\"\n"
    "field() { sed -n \"s/^$1[[:space:]]*: *//p\" /proc/cpuinfo 2>/dev/null | head -n 1; }\n"
    "cpu=$(LC_ALL=C lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)\n"
    "[ -n \"$cpu\" ] || cpu=$(field 'model name')\n"
    "[ -n \"$cpu\" ] || cpu=$(field Hardware)\n"
    "[ -n \"$cpu\" ] || cpu=$(field 'CPU part')\n"
    "echo \"tb-cpu $cpu\"\n"
    "echo \"tb-board $(tr -d '\\000' 2>/dev/null </proc/device-tree/model)\"\n";

/* The value of the first "tb-<key> " line of a log, "" when absent. */
static void probe_value(const char *log, const char *key, char *out, size_t n)
{
    char line[1024], want[64];
    snprintf(want, sizeof want, "tb-%s ", key);
    out[0] = 0;
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, want, strlen(want)) == 0) {
            line[strcspn(line, "\n")] = 0;
            snprintf(out, n, "%s", line + strlen(want));
            break;
        }
    fclose(f);
}

/* The remote folder is used in later command lines and removed with rm -rf:
 * accept only what mktemp makes from our template. */
static int safe_dir(const char *d)
{
    return d[0] == '/' && strstr(d, "/tierbench.") && !strstr(d, "..") &&
           strspn(d, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") ==
               strlen(d);
}

tb_ssh_status tb_ssh_probe(const tb_ssh_conn *c, const char *log_dir, tb_remote *who,
                           char *dir, size_t dir_len, char *err, size_t len)
{
    char script[2048], log[2048];
    snprintf(script, sizeof script, "%s/probe.sh", log_dir);
    FILE *f = fopen(script, "w");
    if (!f || fputs(probe_script, f) < 0 || fclose(f) != 0) {
        snprintf(err, len, "cannot write %s", script);
        return TB_SSH_FAILED;
    }
    tb_ssh_status s = tb_ssh_exec(c, log_dir, "probe", "sh -s", script, TB_SSH_PROBE_TIMEOUT_S,
                                  err, len);
    if (s != TB_SSH_OK)
        return s;
    tb_ssh_log_path(log_dir, "probe", log, sizeof log);
    snprintf(who->host, sizeof who->host, "%s", c->login);
    probe_value(log, "hostname", who->hostname, sizeof who->hostname);
    probe_value(log, "uname", who->uname, sizeof who->uname);
    probe_value(log, "machine", who->machine, sizeof who->machine);
    probe_value(log, "cpu", who->cpu, sizeof who->cpu);
    probe_value(log, "board", who->board, sizeof who->board);
    probe_value(log, "dir", dir, dir_len);
    if (!safe_dir(dir) || !who->machine[0]) {
        snprintf(err, len, "the probe on %s printed no usable folder or uname -m (see %s)",
                 c->login, log);
        return TB_SSH_FAILED;
    }
    return TB_SSH_OK;
}

tb_ssh_status tb_ssh_put_exec(const tb_ssh_conn *c, const char *log_dir, const char *local_path,
                              const char *remote_path, char *err, size_t len)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cat > %s && chmod 755 %s", remote_path, remote_path);
    return tb_ssh_exec(c, log_dir, "copy", cmd, local_path, TB_SSH_COPY_TIMEOUT_S, err, len);
}

tb_ssh_status tb_ssh_cleanup(const tb_ssh_conn *c, const char *log_dir, const char *dir,
                             char *err, size_t len)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return tb_ssh_exec(c, log_dir, "cleanup", cmd, NULL, TB_SSH_PROBE_TIMEOUT_S, err, len);
}
