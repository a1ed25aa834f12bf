/* Running commands on a remote machine through the OpenSSH client: every
 * command has a deadline, runs in batch mode (never a password prompt),
 * and writes its output to a log of its own in the cell's folder. */
#ifndef TB_SSH_EXEC_H
#define TB_SSH_EXEC_H

#include <stddef.h>

#include "ssh_dest.h"

enum { TB_SSH_MAX_OPTS = 32 };

/* How to reach one remote: the login and the user's ssh options
 * ($TB_SSH_OPTS: whitespace-separated ssh arguments, e.g.
 * "-p 2222 -i key -o UserKnownHostsFile=file"). */
typedef struct {
    char login[320];
    char opts[1024];
} tb_ssh_conn;

/* Reads TB_SSH_OPTS; 0, or -1 with what is wrong in err. */
int tb_ssh_conn_init(tb_ssh_conn *c, const tb_ssh_dest *d, char *err, size_t len);

typedef enum { TB_SSH_OK, TB_SSH_FAILED, TB_SSH_TIMEOUT } tb_ssh_status;

/* <log_dir>/ssh-<step>.log */
void tb_ssh_log_path(const char *log_dir, const char *step, char *out, size_t n);

/* Runs command (a line for the remote's login shell) with standard input
 * from in_path (NULL: none), its output in tb_ssh_log_path(log_dir, step).
 * TB_SSH_OK when it exited 0; otherwise err says why in the user's terms:
 * ssh's own error (unreachable host, refused key, changed host key), the
 * command's exit status and last line, or the deadline (TB_SSH_TIMEOUT:
 * ours, or the remote's: a command run under `timeout` exits 124). */
tb_ssh_status tb_ssh_exec(const tb_ssh_conn *c, const char *log_dir, const char *step,
                          const char *command, const char *in_path, double timeout_s,
                          char *err, size_t len);

#endif
