/* Campaign files (harness/run/campaign.c) and plan expansion: sweeps expand
 * to the cross product in a stated order, options are read, every error
 * names FILE:LINE and what is accepted; the plan has no duplicate cell and
 * survives plan.json (write, read back, resolve). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "campaign.h"
#include "plan_file.h"
#include "tb_test.h"

static tb_workload_choice workloads[256];
static const tb_target_ops *targets[32];

static char dir[] = "/tmp/tb_campaign_XXXXXX";

static const char *write_campaign(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static int load(const char *text, tb_campaign *c, char *err, size_t n)
{
    memset(c, 0, sizeof *c);
    c->workloads = workloads;
    c->max_workloads = 256;
    c->targets = targets;
    c->max_targets = 32;
    err[0] = 0;
    return tb_campaign_load(write_campaign("t.campaign", text), c, err, n);
}

static void release(tb_campaign *c)
{
    for (int i = 0; i < c->n_targets; i++)
        tb_target_release(c->targets[i]);
}

static int test_cross_product(void)
{
    tb_campaign c;
    char err[512];
    TB_CHECK_EQ_INT(load("# study\n"
                         "workload vww alpha=0.25,0.5,0.75,1.0 res=96,128,160,192,224\n"
                         "workload kws\n"
                         "workload ad hidden=8,16 bottleneck=4,8 input=64,128\n"
                         "target cortex-m4, cortex-m7 cortex-a53\n"
                         "target host\n"
                         "dtype int8\n"
                         "reps 5\nwarmup 1\nmin-time 0.02\nthreads 2\ncell-timeout 30\n",
                         &c, err, sizeof err),
                    0);
    TB_CHECK_EQ_INT(c.n_workloads, 20 + 1 + 8);
    TB_CHECK(strcmp(c.workloads[0].spec, "vww") == 0); /* alpha=0.25, res=96: the defaults */
    TB_CHECK(strcmp(c.workloads[1].spec, "vww:res=128") == 0);
    TB_CHECK(strcmp(c.workloads[19].spec, "vww:alpha=1,res=224") == 0);
    TB_CHECK(strcmp(c.workloads[20].spec, "kws") == 0);
    TB_CHECK(strcmp(c.workloads[28].spec, "ad:input=128,hidden=16") == 0);
    TB_CHECK_EQ_INT(c.n_targets, 4);
    TB_CHECK_EQ_INT(c.n_dtypes, 1);
    TB_CHECK_EQ_INT(c.reps, 5);
    TB_CHECK_EQ_INT(c.warmup, 1);
    TB_CHECK_EQ_INT(c.threads, 2);
    TB_CHECK_NEAR(c.min_time_s, 0.02, 1e-12);
    TB_CHECK_NEAR(c.cell_timeout_s, 30, 1e-12);

    tb_run_plan p = {workloads, c.n_workloads, targets, c.n_targets, c.dtypes, c.n_dtypes,
                     5, 1, 0.02, NULL, "t", 2, 30};
    int n = 0;
    tb_run_cell *cells = tb_run_expand(&p, &n, err, sizeof err);
    TB_CHECK(cells != NULL);
    TB_CHECK_EQ_INT(n, 29 * 4);
    if (cells) {
        TB_CHECK(strcmp(cells[0].id, "vww/cortex-m4/int8") == 0);
        TB_CHECK(strcmp(cells[3].id, "vww/host/int8") == 0);
        TB_CHECK_EQ_INT(tb_run_estimate(&p, cells, n, err, sizeof err), 0);
        for (int i = 0; i < n; i++)
            TB_CHECK(cells[i].estimate_s > 0);
        /* a bigger model costs more on the same target */
        TB_CHECK(cells[19 * 4].estimate_s > cells[0].estimate_s);
    }
    free(cells);
    release(&c);
    return 0;
}

static void expect_error(const char *text, const char *needle)
{
    tb_campaign c;
    char err[512], want[300];
    TB_CHECK_EQ_INT(load(text, &c, err, sizeof err), -1);
    snprintf(want, sizeof want, "t.campaign:%s", needle);
    if (!strstr(err, want))
        fprintf(stderr, "error '%s' lacks '%s'\n", err, want);
    TB_CHECK(strstr(err, want) != NULL);
    release(&c);
}

static int test_errors(void)
{
    expect_error("workload kws\nfrobnicate 1\n", "2: unknown key 'frobnicate'; accepted: workload");
    expect_error("\n\nworkload vww res=96,100\n", "3: ");
    expect_error("workload vww res=96,100\n", "1: vww: res=100 is out of range");
    expect_error("workload nosuch\n", "1: unknown workload 'nosuch'");
    expect_error("workload kws width\n", "1: 'width': expected key=value");
    expect_error("workload kws:width=8\n", "1: 'kws:width=8': give parameters as separate");
    expect_error("target cortex-m4,cortex-m99\n", "1: ");
    expect_error("dtype int4\n", "1: dtype 'int4': accepted: int8, fp32");
    expect_error("reps 0\n", "1: reps '0': accepted: a whole number 1..1000");
    expect_error("reps 2.5\n", "1: reps '2.5'");
    expect_error("min-time fast\n", "1: min-time 'fast'");
    expect_error("min-time nan\n", "1: min-time 'nan': accepted: a number 0.001..60");
    expect_error("board nosuchboard\n", "1: ");
    expect_error("reps\n", "1: 'reps' has no value");
    return 0;
}

static int test_duplicate_cell(void)
{
    tb_campaign c;
    char err[512];
    TB_CHECK_EQ_INT(load("workload kws width=8,8\ntarget cortex-m4\n", &c, err, sizeof err), 0);
    tb_dtype d = TB_DTYPE_INT8;
    tb_run_plan p = {workloads, c.n_workloads, targets, c.n_targets, &d, 1, 1, 0, 0.01, NULL,
                     "t", 0, 0};
    int n;
    TB_CHECK(tb_run_expand(&p, &n, err, sizeof err) == NULL);
    TB_CHECK(strstr(err, "kws:width=8/cortex-m4/int8 appears twice") != NULL);
    release(&c);
    return 0;
}

static int test_plan_round_trip(void)
{
    tb_campaign c;
    char err[512];
    TB_CHECK_EQ_INT(load("workload kws width=4,8\nworkload ad\ntarget cortex-m4,host\n"
                         "board nrf52840\n", &c, err, sizeof err),
                    0);
    const tb_dtype d[2] = {TB_DTYPE_INT8, TB_DTYPE_FP32};
    const char *boards[] = {"nrf52840", NULL};
    tb_run_plan p = {workloads, c.n_workloads, targets, c.n_targets, d, 2, 4, 1, 0.01, boards,
                     "rt", 0, 12.5};
    int n;
    tb_run_cell *cells = tb_run_expand(&p, &n, err, sizeof err);
    TB_CHECK_EQ_INT(n, 3 * (1 + 2)); /* cortex-m4 runs int8 only */
    cJSON *ctx = cJSON_CreateObject();
    tb_store *s = tb_store_open(dir, "rt", ctx, err, sizeof err);
    TB_CHECK(s != NULL);
    TB_CHECK_EQ_INT(tb_plan_write(s, &p, cells, n, err, sizeof err), 0);
    char run_dir[300];
    snprintf(run_dir, sizeof run_dir, "%s/rt", dir);
    tb_loaded_plan lp;
    TB_CHECK_EQ_INT(tb_plan_load(run_dir, &lp, err, sizeof err), 0);
    TB_CHECK_EQ_INT(lp.n_cells, n);
    TB_CHECK_EQ_INT(lp.plan.n_workloads, 3);
    TB_CHECK_EQ_INT(lp.plan.n_targets, 2);
    TB_CHECK_EQ_INT(lp.plan.repetitions, 4);
    TB_CHECK_NEAR(lp.plan.cell_timeout_s, 12.5, 1e-12);
    TB_CHECK(lp.plan.boards && strcmp(lp.plan.boards[0], "nrf52840") == 0 && !lp.plan.boards[1]);
    for (int i = 0; i < n && i < lp.n_cells; i++) {
        TB_CHECK(strcmp(lp.cells[i].id, cells[i].id) == 0);
        TB_CHECK(lp.cells[i].target == cells[i].target);
        TB_CHECK_EQ_INT(lp.cells[i].dtype, cells[i].dtype);
        TB_CHECK(strcmp(lp.workloads[lp.cells[i].workload].spec,
                        workloads[cells[i].workload].spec) == 0);
    }
    tb_plan_free(&lp);
    tb_store_close(s);
    cJSON_Delete(ctx);
    free(cells);
    release(&c);
    return 0;
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    TB_RUN(test_cross_product);
    TB_RUN(test_errors);
    TB_RUN(test_duplicate_cell);
    TB_RUN(test_plan_round_trip);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return tb_test_summary();
}
