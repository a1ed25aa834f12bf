/* The server target end to end on small workloads (fp32 output within the
 * tolerance, threads as asked, an efficiency block), its ceiling probes on
 * cheap sizes (sane positive numbers, no timing thresholds), the peak
 * table and the check of OpenBLAS's kernel choice. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blas_core.h"
#include "ceilings.h"
#include "cpu_peak.h"
#include "cpuinfo.h"
#include "firmware_build.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "target.h"
#include "workload.h"

static void run_cell(const tb_model *m, int threads, tb_record *r)
{
    const tb_target_ops *server = tb_target_find("server");
    tb_record_init(r);
    r->macs = tb_graph_macs(&m->graph);
    r->n_layers = m->graph.n_ops;
    r->layers = calloc((size_t)m->graph.n_ops, sizeof *r->layers);
    snprintf(r->cell_id, sizeof r->cell_id, "test/server/fp32");
    tb_cell cell = {m->graph.name, "/tmp", TB_DTYPE_FP32, 3, 1, 0.001, NULL, threads, NULL};
    server->run(server, &cell, m, r);
}

/* kws and ad (convolutions, pointwise, depthwise, FC), a small BERT layer
 * and one with BERT-base's 3072-long FFN reduction, and a decode step over
 * a KV cache: all within the fp32 tolerance of the reference. */
static int test_server_runs_workloads(void)
{
    static const char *const specs[] = {
        "kws:width=16", "ad:hidden=16", "bert:seq=8,hidden=64,heads=4,ffn=128",
        "bert:seq=4,hidden=64,heads=4,ffn=3072", "llm-decode:hidden=64,heads=4,ffn=128,context=16",
    };
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        tb_model *m = tb_test_build(specs[i]);
        TB_CHECK(m != NULL);
        if (!m)
            continue;
        tb_record r;
        run_cell(m, 0, &r);
        if (r.status != TB_STATUS_OK)
            fprintf(stderr, "%s: %s\n", specs[i], r.reason);
        TB_CHECK_EQ_INT(r.status, TB_STATUS_OK);
        TB_CHECK(r.output_match && r.max_abs_err <= r.tolerance);
        TB_CHECK(strncmp(r.backend, "openblas:", 9) == 0);
        TB_CHECK(r.have_latency && r.latency_ns.median > 0);
        TB_CHECK(r.threads >= 1);
        TB_CHECK(r.have_efficiency);
        const tb_efficiency *e = &r.efficiency;
        TB_CHECK(e->flops == (double)tb_graph_flops(&m->graph));
        TB_CHECK(e->bytes == (double)tb_graph_bytes(&m->graph, TB_DTYPE_FP32));
        TB_CHECK(e->gflop_s > 0 && e->gb_s > 0);
        TB_CHECK(e->sgemm_ceiling_gflop_s > 0 && e->stream_triad_gb_s > 0);
        TB_CHECK(e->pct_sgemm_ceiling > 0 && e->pct_stream > 0);
        TB_CHECK(strcmp(e->bound, "compute") == 0 || strcmp(e->bound, "memory") == 0);
        TB_CHECK(e->peak_source[0] != 0);
        TB_CHECK(e->peak_gflop_s > 0 ? e->pct_peak > 0 : strncmp(e->peak_source, "unknown", 7) == 0);
        tb_record_free(&r);
        tb_model_free(m);
    }
    return 0;
}

/* --threads reaches OpenBLAS, and the ceilings are measured per count. */
static int test_threads_option(void)
{
    tb_model *m = tb_test_build("ad:hidden=16");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    for (int t = 1; t <= 2; t++) {
        tb_record r;
        run_cell(m, t, &r);
        TB_CHECK_EQ_INT(r.status, TB_STATUS_OK);
        TB_CHECK_EQ_INT(r.threads, t);
        tb_record_free(&r);
    }
    tb_model_free(m);
    return 0;
}

/* A wrong expected output fails the cell: the fp32 check is not a no-op. */
static int test_mismatch_detected(void)
{
    tb_model *m = tb_test_build("ad:hidden=16");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    ((float *)m->expected_f32)[0] += 1.0f;
    tb_record r;
    run_cell(m, 1, &r);
    TB_CHECK_EQ_INT(r.status, TB_STATUS_FAILED);
    TB_CHECK(!r.have_efficiency);
    tb_record_free(&r);
    tb_model_free(m);
    return 0;
}

static int test_probes(void)
{
    TB_CHECK(tb_probe_sgemm_gflop_s(64, 2) > 0);
    TB_CHECK(tb_probe_triad_gb_s(1 << 20, 1, 2) > 0);
    TB_CHECK(tb_probe_triad_gb_s(1 << 20, 2, 2) > 0);
    TB_CHECK(tb_probe_triad_gb_s(1 << 20, 0, 2) < 0);
    const tb_ceilings *a, *b;
    char why[256];
    TB_CHECK_EQ_INT(tb_ceilings_get(1, NULL, &a, why, sizeof why), 0);
    TB_CHECK_EQ_INT(tb_ceilings_get(1, NULL, &b, why, sizeof why), 0);
    TB_CHECK(a == b); /* measured once per process */
    TB_CHECK(a->sgemm_n == 96 && a->triad_array_bytes == (size_t)2 << 20);
    setenv("TB_PROBE_TRIAD_MIB", "lots", 1);
    TB_CHECK_EQ_INT(tb_ceilings_get(3, NULL, &a, why, sizeof why), -1);
    TB_CHECK(strstr(why, "TB_PROBE_TRIAD_MIB") != NULL);
    setenv("TB_PROBE_TRIAD_MIB", "2", 1);
    return 0;
}

/* A run's cells run in worker processes: the ceilings of the run come from
 * the file the first server cell left in the run folder, not a new probe. */
static int test_ceilings_shared_by_a_run(void)
{
    char dir[] = "/tmp/tb_ceilings_XXXXXX", path[128], why[256];
    TB_CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/server-ceilings-t4-n96-m2.txt", dir);
    FILE *f = fopen(path, "w");
    TB_CHECK(f != NULL);
    if (!f)
        return 0;
    fprintf(f, "4 96 123.5 2097152 45.25\n");
    fclose(f);
    const tb_ceilings *c;
    TB_CHECK_EQ_INT(tb_ceilings_get(4, dir, &c, why, sizeof why), 0);
    TB_CHECK_NEAR(c->sgemm_gflop_s, 123.5, 0);
    TB_CHECK_NEAR(c->triad_gb_s, 45.25, 0);
    remove(path);
    rmdir(dir);
    return 0;
}

static int test_peak_table(void)
{
    char table[1100];
    snprintf(table, sizeof table, "%s/targets/blas/cpu_peak.table", tb_source_dir());
    tb_cpu_peak p;
    tb_cpu_peak_for(table, "GenuineIntel", 6, 207, "fpu avx2 fma avx512f sse", 2300, 2, &p);
    TB_CHECK_NEAR(p.gflop_s, 16 * 2 * 2 * 2 * 2.3, 1e-9);
    tb_cpu_peak_for(table, "GenuineIntel", 6, 207, "fpu avx2 fma", 2000, 1, &p);
    TB_CHECK_NEAR(p.gflop_s, 8 * 2 * 2 * 1 * 2.0, 1e-9);
    tb_cpu_peak_for(table, "GenuineIntel", 6, 85, "avx2 fma avx512f", 2000, 1, &p);
    TB_CHECK(p.gflop_s <= 0 && strstr(p.source, "SKU") != NULL);
    tb_cpu_peak_for(table, "AuthenticAMD", 99, 1, "avx2 fma", 2000, 1, &p);
    TB_CHECK(p.gflop_s <= 0 && strstr(p.source, "not in") != NULL);
    tb_cpu_peak_for(table, "GenuineIntel", 6, 207, "sse sse2 avx512fx", 2000, 1, &p);
    TB_CHECK(p.gflop_s <= 0 && strstr(p.source, "flags") != NULL);
    tb_cpu_peak_for("/nonexistent/table", "GenuineIntel", 6, 207, "avx512f", 2000, 1, &p);
    TB_CHECK(p.gflop_s <= 0 && strstr(p.source, "/nonexistent/table: ") != NULL);
    /* A typo is an error with its line, never a silent default. */
    char typo[] = "/tmp/tb_peak_XXXXXX";
    int fd = mkstemp(typo);
    TB_CHECK(fd >= 0);
    if (fd >= 0) {
        const char text[] = "cpu GenuineIntel 6 207\nname x\nfma_unit 2\nclock cpuinfo\n";
        TB_CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
        close(fd);
        tb_cpu_peak_for(typo, "GenuineIntel", 6, 207, "avx512f", 2000, 1, &p);
        TB_CHECK(p.gflop_s <= 0 && strstr(p.source, ":3: unknown key 'fma_unit'") != NULL);
        remove(typo);
    }
    tb_cpu_peak_compute(table, 1, &p);
    TB_CHECK(p.gflop_s > 0 || strncmp(p.source, "unknown", 7) == 0);
    /* Exact keys: x86's "model" is a number, not the "model name" line. */
    char model[64];
    tb_cpuinfo_field("model", model, sizeof model);
    TB_CHECK(strspn(model, "0123456789") == strlen(model));
    return 0;
}

static int test_blas_core_check(void)
{
    char why[300] = "";
    TB_CHECK_EQ_INT(tb_blas_core_check("SkylakeX", 16, why, sizeof why), 0);
    TB_CHECK_EQ_INT(tb_blas_core_check("Haswell", 8, why, sizeof why), 0);
    TB_CHECK_EQ_INT(tb_blas_core_check("FutureLake", 16, why, sizeof why), 0);
    TB_CHECK_EQ_INT(tb_blas_core_check("Prescott", 0, why, sizeof why), 0);
    TB_CHECK_EQ_INT(tb_blas_core_check("Prescott", 16, why, sizeof why), -1);
    TB_CHECK(strstr(why, "OPENBLAS_CORETYPE=SkylakeX") != NULL);
    TB_CHECK_EQ_INT(tb_blas_core_check("Sandybridge", 8, why, sizeof why), -1);
    TB_CHECK(strstr(why, "OPENBLAS_CORETYPE=Haswell") != NULL);
    return 0;
}

int main(void)
{
    /* Cheap probes: a 96x96 SGEMM and 2 MiB triad arrays. */
    setenv("TB_PROBE_SGEMM_N", "96", 1);
    setenv("TB_PROBE_TRIAD_MIB", "2", 1);
    TB_RUN(test_probes);
    TB_RUN(test_ceilings_shared_by_a_run);
    TB_RUN(test_peak_table);
    TB_RUN(test_blas_core_check);
    TB_RUN(test_server_runs_workloads);
    TB_RUN(test_threads_option);
    TB_RUN(test_mismatch_detected);
    return tb_test_summary();
}
