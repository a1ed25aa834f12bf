/* The ssh target's name: "[user@]host[:arch]" parsed, bad spellings
 * refused with a reason (nothing that ssh would read as an option gets
 * through), the family made and released through the registry, and
 * TB_SSH_OPTS bounded. */
#include <stdlib.h>
#include <string.h>

#include "ssh_dest.h"
#include "ssh_exec.h"
#include "target.h"
#include "tb_test.h"

static int parses(const char *spec, const char *user, const char *host, const char *arch)
{
    tb_ssh_dest d;
    char err[256] = "";
    if (tb_ssh_dest_parse(spec, &d, err, sizeof err)) {
        fprintf(stderr, "  '%s' refused: %s\n", spec, err);
        return 0;
    }
    return strcmp(d.user, user) == 0 && strcmp(d.host, host) == 0 && strcmp(d.arch, arch) == 0;
}

static int refused(const char *spec, const char *needle)
{
    tb_ssh_dest d;
    char err[256] = "";
    return tb_ssh_dest_parse(spec, &d, err, sizeof err) == -1 && strstr(err, needle) != NULL;
}

static int test_parse(void)
{
    TB_CHECK(parses("pi@raspberrypi.local:aarch64", "pi", "raspberrypi.local", "aarch64"));
    TB_CHECK(parses("pi@10.0.0.7", "pi", "10.0.0.7", ""));
    TB_CHECK(parses("board_1", "", "board_1", ""));
    TB_CHECK(parses("me@[fe80::1]:x86_64", "me", "fe80::1", "x86_64"));
    TB_CHECK(parses("[::1]", "", "::1", ""));
    return 0;
}

static int test_refuse(void)
{
    TB_CHECK(refused("", "missing host"));
    TB_CHECK(refused("pi@", "missing host"));
    TB_CHECK(refused("@host", "bad user"));
    TB_CHECK(refused("-oProxyCommand=x", "bad or missing host"));
    TB_CHECK(refused("pi@-p", "bad or missing host"));
    TB_CHECK(refused("-l@host", "bad user"));
    TB_CHECK(refused("pi@host:armv7l", "accepted: x86_64, aarch64"));
    TB_CHECK(refused("pi@host:", "unknown arch"));
    TB_CHECK(refused("pi@ho st", "bad or missing host"));
    TB_CHECK(refused("pi@host;rm", "bad or missing host"));
    TB_CHECK(refused("pi@[::1", "without ']'"));
    TB_CHECK(refused("pi@[::1]x", "unknown arch"));
    TB_CHECK(refused("pi@[zz]", "bad or missing host"));
    return 0;
}

static int test_registry(void)
{
    char err[1024];
    const tb_target_ops *t = tb_target_resolve("ssh:pi@pi4:aarch64", err, sizeof err);
    TB_CHECK(t != NULL);
    if (t) {
        TB_CHECK(strcmp(t->name, "ssh:pi@pi4:aarch64") == 0);
        TB_CHECK(strcmp(t->tier, "edge") == 0);
        TB_CHECK(t->measured == 1);
        TB_CHECK(tb_target_runs_dtype(t, TB_DTYPE_INT8) && !tb_target_runs_dtype(t, TB_DTYPE_FP32));
        tb_target_release(t);
    }
    TB_CHECK(tb_target_resolve("ssh:pi@pi4:sparc", err, sizeof err) == NULL);
    TB_CHECK(strstr(err, "accepted form: ssh:[user@]host[:arch]") != NULL);
    TB_CHECK(tb_target_resolve("nosuch", err, sizeof err) == NULL);
    TB_CHECK(strstr(err, "host") && strstr(err, "ssh:[user@]host[:arch]"));
    const tb_target_ops *host = tb_target_resolve("host", err, sizeof err);
    TB_CHECK(host == tb_target_find("host"));
    tb_target_release(host); /* a listed target: left alone */
    TB_CHECK(tb_target_find("host") != NULL);
    return 0;
}

static int test_opts(void)
{
    tb_ssh_dest d;
    tb_ssh_conn c;
    char err[256];
    TB_CHECK(tb_ssh_dest_parse("pi@pi4", &d, err, sizeof err) == 0);
    setenv("TB_SSH_OPTS", "-p 2222 -i /k -o UserKnownHostsFile=/kh", 1);
    TB_CHECK(tb_ssh_conn_init(&c, &d, err, sizeof err) == 0);
    TB_CHECK(strcmp(c.login, "pi@pi4") == 0);
    char many[400] = "";
    for (int i = 0; i <= TB_SSH_MAX_OPTS; i++)
        strcat(many, "-4 ");
    setenv("TB_SSH_OPTS", many, 1);
    TB_CHECK(tb_ssh_conn_init(&c, &d, err, sizeof err) == -1 && strstr(err, "TB_SSH_OPTS"));
    unsetenv("TB_SSH_OPTS");
    return 0;
}

int main(void)
{
    TB_RUN(test_parse);
    TB_RUN(test_refuse);
    TB_RUN(test_registry);
    TB_RUN(test_opts);
    return tb_test_summary();
}
