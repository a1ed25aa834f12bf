/* Energy for measured cells: the operation-count model's arithmetic by hand,
 * its data-file checks, and the RAPL path exercised for real against a fake
 * powercap tree whose counter the measured function advances, including a
 * wrap-around, plus the fallback when RAPL is absent or disabled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "energy.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "workload.h"

static char dir[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static int test_op_model_by_hand(void)
{
    const tb_op_energy_table t = {.name = "t", .int8_mac_pj = 0.3, .fp32_mac_pj = 4.6,
                                  .int32_op_pj = 0.1, .fp32_op_pj = 0.9, .cache_pj_per_byte = 10,
                                  .dram_pj_per_byte = 200, .static_w_per_core = 2};
    /* fp32: 1e6 MACs x 4.6 + (2.5e6 - 2e6) ops x 0.9 = 4.6e6 + 0.45e6 pJ;
     * footprint 2000 > LLC 1000, so the 1500 constant bytes come from DRAM
     * (3e5 pJ) and the other 500 bytes from cache (5e3 pJ); static 2 W x 2
     * cores x 1 ms = 4e9 pJ. Sum 4,005,355,000 pJ = 4005.355 µJ. */
    tb_op_energy_input in = {1000000, 2500000, 2000, 1500, 2000, 1000, TB_DTYPE_FP32, 1e-3, 2};
    tb_record *rec = calloc(1, sizeof *rec);
    TB_CHECK_NEAR(tb_op_energy_estimate(&t, &in, rec), 4005.355, 1e-6);
    TB_CHECK(rec->have_energy);
    TB_CHECK(strcmp(rec->energy_model, "op-energy") == 0);
    TB_CHECK(rec->n_energy_params > 10);
    /* int8, everything cached (footprint fits), no static power. */
    const tb_op_energy_table t0 = {.int8_mac_pj = 0.3, .int32_op_pj = 0.1, .cache_pj_per_byte = 10,
                                   .dram_pj_per_byte = 200};
    tb_op_energy_input in8 = {1000, 2100, 300, 100, 400, 1000, TB_DTYPE_INT8, 1.0, 1};
    /* 1000 x 0.3 + 100 x 0.1 + 300 x 10 = 3310 pJ */
    TB_CHECK_NEAR(tb_op_energy_estimate(&t0, &in8, NULL), 3310e-6, 1e-12);
    free(rec);
    return 0;
}

static int test_table_files(void)
{
    tb_op_energy_table t;
    char err[512], path[128];
    TB_CHECK_EQ_INT(tb_op_energy_default(&t, err, sizeof err), 0);
    TB_CHECK(strstr(t.source, "Horowitz") != NULL);
    TB_CHECK_NEAR(t.fp32_mac_pj, 3.7 + 0.9, 1e-12);
    snprintf(path, sizeof path, "%s/bad.energy", dir);
    write_file(path, "name x\nsource s\nint8_mac_pj 0.3\n");
    TB_CHECK_EQ_INT(tb_op_energy_load(path, &t, err, sizeof err), -1);
    TB_CHECK(strstr(err, "missing 'fp32_mac_pj'") != NULL);
    write_file(path, "name x\nsource s\nint8_mac_pj -1\n");
    TB_CHECK_EQ_INT(tb_op_energy_load(path, &t, err, sizeof err), -1);
    TB_CHECK(strstr(err, "bad.energy:3:") != NULL);
    write_file(path, "name x\nsourse s\n");
    TB_CHECK_EQ_INT(tb_op_energy_load(path, &t, err, sizeof err), -1);
    TB_CHECK(strstr(err, "unknown key 'sourse'") != NULL);
    return 0;
}

/* The measured function: one inference costs 1000 µJ on the fake package. */
typedef struct {
    char counter[200];
    double uj, range;
    int calls;
} fake_package;

static void fake_inference(void *arg)
{
    fake_package *p = arg;
    p->uj += 1000;
    if (p->uj >= p->range)
        p->uj -= p->range;
    char text[64];
    snprintf(text, sizeof text, "%.0f\n", p->uj);
    write_file(p->counter, text);
    p->calls++;
}

static int test_rapl_from_powercap(void)
{
    char zone[128], sub[128], text[64];
    snprintf(zone, sizeof zone, "%s/intel-rapl:0", dir);
    snprintf(sub, sizeof sub, "%s/intel-rapl:0:0", dir);
    mkdir(zone, 0700);
    mkdir(sub, 0700);
    fake_package p = {.range = 262143328850.0};
    snprintf(p.counter, sizeof p.counter, "%s/energy_uj", zone);
    p.uj = p.range - 500; /* the first inference wraps the counter */
    snprintf(text, sizeof text, "%.0f\n", p.uj);
    write_file(p.counter, text);
    snprintf(text, sizeof text, "%.0f\n", p.range);
    char path[160];
    snprintf(path, sizeof path, "%s/max_energy_range_uj", zone);
    write_file(path, text);
    snprintf(path, sizeof path, "%s/energy_uj", sub); /* a sub-zone: must be ignored */
    write_file(path, "5\n");
    setenv("TB_POWERCAP_ROOT", dir, 1);

    tb_model *m = tb_test_build("ad:input=16,hidden=8,bottleneck=4");
    TB_CHECK(m != NULL);
    tb_record *rec = calloc(1, sizeof *rec);
    rec->latency_ns.median = 1e3;
    tb_energy_for_measured_cell(rec, m, TB_DTYPE_INT8, 1, fake_inference, &p, 0.001);
    TB_CHECK(rec->have_energy);
    TB_CHECK(strcmp(rec->energy_model, "rapl") == 0);
    TB_CHECK_NEAR(rec->energy_uJ, 1000.0, 1e-9);
    TB_CHECK(p.calls >= 1);

    /* Disabled: the op model, saying why. */
    setenv("TB_RAPL_DISABLE", "1", 1);
    memset(rec, 0, sizeof *rec);
    rec->latency_ns.median = 1e3;
    tb_energy_for_measured_cell(rec, m, TB_DTYPE_INT8, 1, fake_inference, &p, 0.001);
    TB_CHECK(strcmp(rec->energy_model, "op-energy") == 0);
    TB_CHECK(strstr(rec->energy_method, "TB_RAPL_DISABLE") != NULL);
    TB_CHECK(rec->energy_uJ > 0);
    unsetenv("TB_RAPL_DISABLE");

    /* A zone without a readable counter: fallback with the reason. */
    remove(p.counter);
    memset(rec, 0, sizeof *rec);
    tb_energy_for_measured_cell(rec, m, TB_DTYPE_INT8, 1, fake_inference, &p, 0.001);
    TB_CHECK(strcmp(rec->energy_model, "op-energy") == 0);
    TB_CHECK(strstr(rec->energy_method, "energy_uj not readable") != NULL);
    unsetenv("TB_POWERCAP_ROOT");
    free(rec);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/tb_energy_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    TB_RUN(test_op_model_by_hand);
    TB_RUN(test_table_files);
    TB_RUN(test_rapl_from_powercap);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    int rc = tb_test_summary();
    return system(cmd) == 0 ? rc : 1;
}
