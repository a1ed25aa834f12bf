/* The native cell program: built for this machine and for aarch64 (run
 * under qemu-aarch64), it prints the host's int8 output bytes, status 0,
 * and with --reps the asked-for number of timing samples; bad arguments
 * exit 2. Skips the aarch64 half, with the reason, where the cross compiler
 * or qemu-aarch64 is missing. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cell_program.h"
#include "cell_report.h"
#include "proc.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "workload.h"

static void remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* Runs argv with its output in dir/run.log; the exit code, or -1. */
static int run_logged(char *const argv[], const char *dir, char *log, size_t n)
{
    char err[256];
    tb_proc_result r;
    snprintf(log, n, "%s/run.log", dir);
    remove(log);
    if (tb_proc_run(argv, log, 300, &r, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return r.timed_out || r.signaled ? -1 : r.exit_code;
}

static void check_output(const tb_model *m, const tb_cell_report *rep)
{
    TB_CHECK_EQ_INT(rep->status, 0);
    TB_CHECK_EQ_INT(rep->got_output, rep->n_output);
    TB_CHECK(memcmp(rep->output, m->expected_s8, (size_t)rep->n_output) == 0);
}

static int test_native(void)
{
    char cc[TB_PATH_MAX];
    if (tb_which("cc", cc, sizeof cc))
        TB_SKIP("no cc on PATH");
    tb_model *m = tb_test_build("kws:width=16");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    char dir[] = "/tmp/tb_cell_XXXXXX", err[1024], log[TB_PATH_MAX];
    TB_CHECK(mkdtemp(dir) != NULL);
    tb_program_build b;
    int rc = tb_cell_program_build("cc", NULL, m, dir, &b, err, sizeof err);
    if (rc != TB_BUILD_OK)
        fprintf(stderr, "%s\n", err);
    TB_CHECK_EQ_INT(rc, TB_BUILD_OK);

    const tb_graph *g = &m->graph;
    int8_t out[64];
    double samples[8];
    tb_cell_report rep = {.output = out, .n_output = tb_dims_count(&g->tensors[g->output].shape),
                          .samples_ns = samples, .max_samples = 8};
    TB_CHECK(rep.n_output <= 64);
    char *timed[] = {b.exe, "--reps", "3", "--warmup", "2", "--min-time", "0.001", NULL};
    TB_CHECK_EQ_INT(run_logged(timed, dir, log, sizeof log), 0);
    tb_cell_report_parse(log, &rep);
    check_output(m, &rep);
    TB_CHECK_EQ_INT(rep.n_samples, 3);
    for (int i = 0; i < rep.n_samples; i++)
        TB_CHECK(samples[i] > 0);
    /* The batch comes from doubling until it lasted the minimum time; how
     * long later repetitions take depends on the machine's load, so only
     * the batch's form is checked here. */
    TB_CHECK(rep.iterations >= 1);
    TB_CHECK((rep.iterations & (rep.iterations - 1)) == 0);
    TB_CHECK(rep.peak_rss_bytes > 0);

    /* Without --reps: the marked inference only. */
    char *once[] = {b.exe, NULL};
    TB_CHECK_EQ_INT(run_logged(once, dir, log, sizeof log), 0);
    tb_cell_report_parse(log, &rep);
    check_output(m, &rep);
    TB_CHECK_EQ_INT(rep.n_samples, 0);
    TB_CHECK_EQ_INT(rep.iterations, -1);

    char *bad[][4] = {{b.exe, "--reps", "0", NULL},
                      {b.exe, "--min-time", "-1", NULL},
                      {b.exe, "--frobnicate", "1", NULL},
                      {b.exe, "--reps", NULL}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        TB_CHECK_EQ_INT(run_logged(bad[i], dir, log, sizeof log), 2);
    remove_dir(dir);
    tb_model_free(m);
    return 0;
}

static int test_aarch64_under_qemu(void)
{
    char path[TB_PATH_MAX];
    if (tb_which("aarch64-linux-gnu-gcc", path, sizeof path))
        TB_SKIP("aarch64-linux-gnu-gcc not found (scripts/setup.sh installs it)");
    if (tb_which("qemu-aarch64", path, sizeof path))
        TB_SKIP("qemu-aarch64 not found (scripts/setup.sh installs qemu-user)");
    tb_model *m = tb_test_build("ad");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    char dir[] = "/tmp/tb_cell_XXXXXX", err[1024], log[TB_PATH_MAX];
    TB_CHECK(mkdtemp(dir) != NULL);
    tb_program_build b;
    int rc = tb_cell_program_build("aarch64-linux-gnu-gcc", "-mcpu=cortex-a53", m, dir, &b,
                                   err, sizeof err);
    if (rc != TB_BUILD_OK)
        fprintf(stderr, "%s\n", err);
    TB_CHECK_EQ_INT(rc, TB_BUILD_OK);
    const tb_graph *g = &m->graph;
    int64_t n = tb_dims_count(&g->tensors[g->output].shape);
    int8_t *out = calloc((size_t)n, 1);
    tb_cell_report rep = {.output = out, .n_output = n};
    char *argv[] = {"qemu-aarch64", "-cpu", "cortex-a53", b.exe, NULL};
    TB_CHECK_EQ_INT(run_logged(argv, dir, log, sizeof log), 0);
    tb_cell_report_parse(log, &rep);
    check_output(m, &rep);
    free(out);
    remove_dir(dir);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    TB_RUN(test_native);
    TB_RUN(test_aarch64_under_qemu);
    return tb_test_summary();
}
