/* The steps of a remote cell that do not depend on what runs: learning who
 * the remote is and making a private folder there, copying a file into it,
 * and removing it again. */
#ifndef TB_SSH_REMOTE_H
#define TB_SSH_REMOTE_H

#include "record.h"
#include "ssh_exec.h"

/* Deadlines (s) of the short steps; ConnectTimeout (15 s) fails an
 * unreachable host well before them. */
#define TB_SSH_PROBE_TIMEOUT_S 60
#define TB_SSH_COPY_TIMEOUT_S 300

/* Runs the probe script: fills who (hostname, uname, machine, cpu, board)
 * and dir, a new folder from the remote's `mktemp -d`. */
tb_ssh_status tb_ssh_probe(const tb_ssh_conn *c, const char *log_dir, tb_remote *who,
                           char *dir, size_t dir_len, char *err, size_t len);

/* Copies local_path to remote_path and makes it executable. */
tb_ssh_status tb_ssh_put_exec(const tb_ssh_conn *c, const char *log_dir, const char *local_path,
                              const char *remote_path, char *err, size_t len);

/* Removes the probe's folder. */
tb_ssh_status tb_ssh_cleanup(const tb_ssh_conn *c, const char *log_dir, const char *dir,
                             char *err, size_t len);

#endif
