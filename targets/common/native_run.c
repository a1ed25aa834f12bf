/* The measured native run: latency from Google Benchmark through our C
 * shim, per-layer times from clock hooks around each op, counters from
 * PAPI where the machine has them, peak RSS from the kernel. */
#include "native_run.h"

#include "energy.h"

#include <stdio.h>
#include <stdlib.h>

#include "counters.h"
#include "exec.h"
#include "gbench_shim.h"
#include "host_probe.h"
#include "output_check.h"

typedef struct {
    const tb_model *m;
    tb_dtype dtype;
    const tb_native_kernels *k;
    uint8_t *arena;
    tb_ctx scratch;
    const tb_exec_hooks *hooks;
    tb_status status;
} inference;

static void infer(void *arg)
{
    inference *x = arg;
    tb_status s = x->dtype == TB_DTYPE_INT8
                      ? tb_exec_s8(x->m, x->k->s8, x->arena, &x->scratch, x->hooks)
                      : tb_exec_f32(x->m, x->k->f32, x->arena, &x->scratch, x->hooks);
    if (s != TB_OK)
        x->status = s;
}

static const void *output_of(const inference *x)
{
    const tb_graph *g = &x->m->graph;
    return x->dtype == TB_DTYPE_INT8 ? (const void *)tb_exec_s8_tensor(x->m, x->arena, g->output)
                                     : (const void *)tb_exec_f32_tensor(x->m, x->arena, g->output);
}

/* Median per layer over `runs` profiled inferences. */
static void profile_layers(inference *x, int runs, tb_record *rec)
{
    const tb_graph *g = &x->m->graph;
    tb_layer_timer t = {g->n_ops, 0, calloc((size_t)runs * (size_t)g->n_ops, sizeof(double)),
                        calloc((size_t)g->n_ops, sizeof(struct timespec))};
    double *col = calloc((size_t)runs, sizeof *col);
    if (!t.ns || !t.begin || !col)
        abort();
    tb_exec_hooks hooks = {tb_layer_timer_hook, &t};
    x->hooks = &hooks;
    for (t.run = 0; t.run < runs; t.run++)
        infer(x);
    x->hooks = NULL;
    for (int32_t i = 0; i < g->n_ops; i++) {
        for (int r = 0; r < runs; r++)
            col[r] = t.ns[(size_t)r * (size_t)g->n_ops + (size_t)i];
        tb_stats st;
        tb_stats_compute(col, runs, &st);
        rec->layers[i].median_ns = st.median;
    }
    free(col);
    free(t.ns);
    free(t.begin);
}

void tb_native_run(const tb_cell *cell, const tb_model *m, const tb_native_kernels *k,
                   tb_record *rec)
{
    const int s8 = cell->dtype == TB_DTYPE_INT8;
    const tb_plan *plan = s8 ? &m->plan_s8 : &m->plan_f32;
    inference x = {m, cell->dtype, k, NULL, {NULL, 0}, NULL, TB_OK};
    snprintf(rec->backend, sizeof rec->backend, "%s", s8 ? k->s8->name : k->f32->name);
    const int rss_ok = tb_rss_reset_peak(rec->rss_reason, sizeof rec->rss_reason) == 0;

    x.scratch.bytes = s8 ? tb_exec_s8_scratch_bytes(m, k->s8) : tb_exec_f32_scratch_bytes(m, k->f32);
    rec->scratch_bytes = (int64_t)x.scratch.bytes;
    x.arena = aligned_alloc(64, ((size_t)plan->arena_bytes + 63) / 64 * 64);
    x.scratch.buf = x.scratch.bytes ? malloc(x.scratch.bytes) : NULL;
    if (!x.arena || (x.scratch.bytes && !x.scratch.buf)) {
        tb_record_status(rec, TB_STATUS_FAILED, "out of memory for a %lld-byte arena",
                         (long long)plan->arena_bytes);
        goto out;
    }

    infer(&x);
    if (x.status != TB_OK) {
        tb_record_status(rec, TB_STATUS_FAILED, "a kernel rejected its parameters (status %d)",
                         (int)x.status);
        goto out;
    }
    tb_check_output(m, cell->dtype, output_of(&x), rec);
    for (int i = 0; i < cell->warmup; i++)
        infer(&x);

    char err[200];
    tb_gb_case c = {rec->cell_id, infer, &x, cell->repetitions, cell->min_time_s, 0.0};
    int reps = tb_gb_run(&c, rec->samples_ns, &rec->iterations_per_rep, err, sizeof err);
    if (reps < 1) {
        tb_record_status(rec, TB_STATUS_FAILED, "timing failed: %s", err);
        goto out;
    }
    tb_record_latency(rec, reps, cell->warmup);
    snprintf(rec->latency_method, sizeof rec->latency_method, "measured (google-benchmark %s)",
             tb_gb_version());

    profile_layers(&x, reps, rec);
    tb_counters_measure(infer, &x, reps, &rec->counters);
    tb_energy_for_measured_cell(rec, m, cell->dtype, rec->threads > 0 ? rec->threads : 1, infer,
                                &x, cell->min_time_s);
    if (rss_ok)
        rec->peak_rss_bytes = tb_rss_peak_bytes(rec->rss_reason, sizeof rec->rss_reason);

    if (x.status != TB_OK)
        tb_record_status(rec, TB_STATUS_FAILED, "a kernel failed during timing (status %d)",
                         (int)x.status);
    else if (!rec->output_match)
        tb_record_status(rec, TB_STATUS_FAILED,
                         "output differs from the reference (max abs error %g, tolerance %g)",
                         rec->max_abs_err, rec->tolerance);
    else
        rec->status = TB_STATUS_OK;
out:
    free(x.arena);
    free(x.scratch.buf);
}
