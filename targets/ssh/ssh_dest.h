/* Where an ssh target runs: the "[user@]host[:arch]" part of its name,
 * parsed and checked before anything connects. */
#ifndef TB_SSH_DEST_H
#define TB_SSH_DEST_H

#include <stddef.h>

#define TB_SSH_FORM "ssh:[user@]host[:arch]"
#define TB_SSH_ARCHES "x86_64, aarch64"

typedef struct {
    char user[64];  /* empty: ssh's own choice (ssh_config User, else the local user) */
    char host[256]; /* a name, an IPv4 address, or an IPv6 address (given in brackets) */
    char arch[16];  /* x86_64 | aarch64; empty: the remote's `uname -m` */
} tb_ssh_dest;

/* 0, or -1 with what was wrong in err. */
int tb_ssh_dest_parse(const char *spec, tb_ssh_dest *d, char *err, size_t len);

/* An architecture tierbench builds the cell program for. */
typedef struct {
    const char *name;      /* `uname -m` */
    const char *cross_gcc; /* Debian's cross compiler for it */
    const char *package;   /* and its package */
} tb_ssh_arch;

/* NULL when tierbench does not build for this `uname -m`. */
const tb_ssh_arch *tb_ssh_arch_find(const char *name);

/* "user@host" or "host", as ssh takes it. */
void tb_ssh_dest_login(const tb_ssh_dest *d, char *out, size_t n);

#endif
