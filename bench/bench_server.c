/* tierbench-bench-server: the server tier's efficiency targets, measured
 * through the server target itself (so the figures are the records'):
 *   - GEMM shapes 2 and 4 (workloads/gemm.c) >= 80% of the SGEMM ceiling,
 *   - llm-decode >= 70% of the triad bandwidth,
 *   - im2col <= 20% of the server time of ic and vww: each convolution's
 *     im2col is timed alone on its real geometry and the sum divided by
 *     the inference's median.
 * Prints one line per figure with its target and PASS or MISS (judged on
 * the record's median) and, since the ceilings are best-of-repetitions
 * figures, the same ratio at the fastest repetition; exit 0 when
 * everything ran (a MISS is a finding, not an error). Ceiling sizes follow
 * TB_PROBE_SGEMM_N and TB_PROBE_TRIAD_MIB, as in a run. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blas_core.h"
#include "cpu_peak.h"
#include "gbench_shim.h"
#include "tb_kernels_blas.h"
#include "target.h"
#include "workload.h"

#define PROG "tierbench-bench-server"

typedef struct {
    int threads, reps;
    double min_time_s;
} options;

static tb_model *build(const char *spec)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[128], err[256];
    tb_model *m = NULL;
    if (tb_workload_parse(spec, &w, &p, canon, sizeof canon, err, sizeof err) == 0)
        m = tb_workload_build(w, &p, err, sizeof err);
    if (!m)
        fprintf(stderr, PROG ": %s: %s\n", spec, err);
    return m;
}

/* One server cell as a run would record it; 0, or -1 when it failed. */
static int server_cell(const char *spec, const tb_model *m, const options *o, tb_record *r)
{
    const tb_target_ops *server = tb_target_find("server");
    tb_record_init(r);
    r->macs = tb_graph_macs(&m->graph);
    r->n_layers = m->graph.n_ops;
    r->layers = calloc((size_t)m->graph.n_ops, sizeof *r->layers);
    if (!r->layers)
        abort();
    snprintf(r->cell_id, sizeof r->cell_id, "%s/server/fp32", spec);
    tb_cell cell = {spec, "/tmp", TB_DTYPE_FP32, o->reps, 2, o->min_time_s, NULL, o->threads, NULL};
    server->run(server, &cell, m, r);
    if (r->status != TB_STATUS_OK) {
        fprintf(stderr, PROG ": %s: %s\n", spec, r->reason);
        return -1;
    }
    return 0;
}

static const char *verdict(int pass)
{
    return pass ? "PASS" : "MISS";
}

typedef struct {
    tb_window w;
    const float *input;
    float *col;
} im2col_case;

static void run_im2col(void *arg)
{
    im2col_case *c = arg;
    tb_im2col_f32(&c->w, c->input, c->col);
}

/* Median ns of all the model's im2col calls in one inference, each timed
 * alone; -1 on failure. */
static double im2col_ns(const tb_model *m, const options *o)
{
    const tb_graph *g = &m->graph;
    double total = 0;
    for (int32_t i = 0; i < g->n_ops; i++) {
        im2col_case c;
        if (g->ops[i].type != TB_OP_CONV_2D)
            continue;
        tb_op_window(g, &g->ops[i], &c.w);
        const size_t bytes = tb_im2col_f32_bytes(&c.w);
        if (!bytes)
            continue;
        float *input = calloc((size_t)tb_dims_count(&c.w.input), sizeof(float));
        c.input = input;
        c.col = malloc(bytes);
        double ns[64];
        int64_t iters;
        char err[200];
        tb_gb_case gc = {"im2col", run_im2col, &c, o->reps < 64 ? o->reps : 64, o->min_time_s, 0};
        int reps = input && c.col ? tb_gb_run(&gc, ns, &iters, err, sizeof err) : -1;
        free(input);
        free(c.col);
        if (reps < 1)
            return -1;
        tb_stats st;
        tb_stats_compute(ns, reps, &st);
        total += st.median;
    }
    return total;
}

static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
        const int ok = end && end != argv[i + 1] && !*end;
        if (!strcmp(argv[i], "--threads") && ok && v >= 1 && v <= 1024)
            o->threads = (int)v;
        else if (!strcmp(argv[i], "--reps") && ok && v >= 1 && v <= TB_MAX_REPS)
            o->reps = (int)v;
        else {
            fprintf(stderr, "usage: " PROG " [--threads 1..1024] [--reps 1..%d]\n"
                            "  unrecognised or out of range: '%s'\n", TB_MAX_REPS, argv[i]);
            return 2;
        }
        i++;
    }
    return -1;
}

int main(int argc, char **argv)
{
    options o = {(int)sysconf(_SC_NPROCESSORS_ONLN), 10, 0.2};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    char why[300];
    if (tb_blas_core_check(openblas_get_corename(), tb_cpu_fp32_lanes_here(), why, sizeof why)) {
        fprintf(stderr, PROG ": %s\n", why);
        return 2;
    }
    printf("# OpenBLAS %s, kernels %s, %d threads; %d repetitions of >= %g s, medians\n",
           openblas_get_config(), openblas_get_corename(), o.threads, o.reps, o.min_time_s);

    static const char *const gemms[] = {"gemm:shape=2", "gemm:shape=4"};
    static const char *const convs[] = {"ic", "vww"};
    tb_record r;
    tb_record_init(&r);
    int failed = 0, first = 1;
    for (size_t i = 0; i < 2; i++) {
        tb_model *m = build(gemms[i]);
        if (!m || server_cell(gemms[i], m, &o, &r)) {
            failed = 1;
        } else {
            const tb_efficiency *e = &r.efficiency;
            if (first)
                printf("sgemm ceiling (n=%s): %.1f GFLOP/s; triad: %.1f GB/s; fp32 peak: %s\n",
                       getenv("TB_PROBE_SGEMM_N") ? getenv("TB_PROBE_SGEMM_N") : "4096",
                       e->sgemm_ceiling_gflop_s, e->stream_triad_gb_s, e->peak_source);
            first = 0;
            printf("%-14s %8.1f GFLOP/s = %5.1f%% of the SGEMM ceiling (target >= 80%%) %s; "
                   "fastest rep %5.1f%%; %5.1f%% of peak\n", gemms[i], e->gflop_s,
                   e->pct_sgemm_ceiling, verdict(e->pct_sgemm_ceiling >= 80),
                   e->pct_sgemm_ceiling * r.latency_ns.median / r.latency_ns.min, e->pct_peak);
        }
        tb_record_free(&r);
        tb_model_free(m);
    }
    /* The default layer's weights (177 MB) fit a large server L3; a 7B-class
     * layer (629 MB of fp32 weights) does not, so it shows DRAM bandwidth. */
    static const char *const decodes[] = {"llm-decode", "llm-decode:hidden=4096,heads=32,ffn=11008"};
    tb_model *m = NULL;
    for (size_t i = 0; i < 2; i++) {
        m = build(decodes[i]);
        if (!m || server_cell(decodes[i], m, &o, &r)) {
            failed = 1;
        } else {
            const tb_efficiency *e = &r.efficiency;
            printf("%-14s %8.1f GB/s    = %5.1f%% of triad bandwidth (target >= 70%%) %s; "
                   "fastest rep %5.1f%%; %.0f MB moved per token, %s-bound\n", decodes[i],
                   e->gb_s, e->pct_stream, verdict(e->pct_stream >= 70),
                   e->pct_stream * r.latency_ns.median / r.latency_ns.min, e->bytes * 1e-6,
                   e->bound);
        }
        tb_record_free(&r);
        tb_model_free(m);
    }
    for (size_t i = 0; i < 2; i++) {
        m = build(convs[i]);
        double col_ns = m ? im2col_ns(m, &o) : -1;
        if (!m || col_ns < 0 || server_cell(convs[i], m, &o, &r)) {
            failed = 1;
        } else {
            const double share = 100.0 * col_ns / r.latency_ns.median;
            printf("%-14s im2col %8.1f us of %8.1f us = %5.1f%% (target <= 20%%) %s\n", convs[i],
                   col_ns * 1e-3, r.latency_ns.median * 1e-3, share, verdict(share <= 20));
        }
        tb_record_free(&r);
        tb_model_free(m);
    }
    return failed;
}
