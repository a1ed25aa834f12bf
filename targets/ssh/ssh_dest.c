/* Parsing "[user@]host[:arch]". Names are checked against conservative
 * character sets: they end up in ssh's argument list, and a host starting
 * with '-' would be read as an option. */
#include "ssh_dest.h"

#include <stdio.h>
#include <string.h>

static int all_of(const char *s, size_t n, const char *allowed)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(allowed, s[i]))
            return 0;
    return 1;
}

#define TB_NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

static const tb_ssh_arch arches[] = {
    {"x86_64", "x86_64-linux-gnu-gcc", "gcc-x86-64-linux-gnu"},
    {"aarch64", "aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"},
};

const tb_ssh_arch *tb_ssh_arch_find(const char *name)
{
    for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++)
        if (strcmp(arches[i].name, name) == 0)
            return &arches[i];
    return NULL;
}

int tb_ssh_dest_parse(const char *spec, tb_ssh_dest *d, char *err, size_t len)
{
    memset(d, 0, sizeof *d);
    const char *at = strchr(spec, '@');
    const char *host = spec;
    if (at) {
        size_t n = (size_t)(at - spec);
        if (n == 0 || n >= sizeof d->user || !all_of(spec, n, TB_NAME_CHARS "._-") ||
            spec[0] == '-') {
            snprintf(err, len, "bad user name '%.*s' (letters, digits, '.', '_', '-')", (int)n,
                     spec);
            return -1;
        }
        memcpy(d->user, spec, n);
        host = at + 1;
    }
    const char *end, *rest, *allowed;
    if (host[0] == '[') { /* [IPv6]: its colons are not the arch separator */
        host++;
        end = host + strcspn(host, "]");
        if (!*end) {
            snprintf(err, len, "'[' without ']' in '%s'", spec);
            return -1;
        }
        rest = end + 1;
        allowed = "0123456789abcdefABCDEF:.";
    } else {
        end = host + strcspn(host, ":");
        rest = end;
        allowed = TB_NAME_CHARS "._-";
    }
    size_t n = (size_t)(end - host);
    if (n == 0 || n >= sizeof d->host || host[0] == '-' || !all_of(host, n, allowed)) {
        snprintf(err, len, "bad or missing host '%.*s' (a host name, an IPv4 address, or an "
                 "IPv6 address in brackets)", (int)n, host);
        return -1;
    }
    memcpy(d->host, host, n);
    if (*rest == 0)
        return 0;
    if (*rest != ':' || !tb_ssh_arch_find(rest + 1)) {
        snprintf(err, len, "unknown arch '%s'; accepted: %s (default: the remote's uname -m)",
                 *rest == ':' ? rest + 1 : rest, TB_SSH_ARCHES);
        return -1;
    }
    snprintf(d->arch, sizeof d->arch, "%s", rest + 1);
    return 0;
}

void tb_ssh_dest_login(const tb_ssh_dest *d, char *out, size_t n)
{
    snprintf(out, n, "%s%s%s", d->user, d->user[0] ? "@" : "", d->host);
}
