/* The sequential cell runner. Models are built once per workload and
 * shared by every target and dtype, so all tiers run identical bytes. */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan.h"
#include "quant_impact.h"

static void fill_identity(const tb_run_plan *p, const tb_workload_choice *w,
                          const tb_target_ops *t, tb_dtype d, tb_record *r)
{
    snprintf(r->run_id, sizeof r->run_id, "%s", p->run_id);
    snprintf(r->workload, sizeof r->workload, "%s", w->spec);
    snprintf(r->target, sizeof r->target, "%s", t->name);
    snprintf(r->tier, sizeof r->tier, "%s", t->tier);
    snprintf(r->dtype, sizeof r->dtype, "%s", tb_dtype_name(d));
    snprintf(r->backend, sizeof r->backend, "-");
    if (w->model_file[0]) {
        snprintf(r->model_file, sizeof r->model_file, "%s", w->model_file);
        snprintf(r->model_fnv1a64, sizeof r->model_fnv1a64, "%016llx",
                 (unsigned long long)w->model_fnv1a64);
    }
}

static void fill_model(const tb_model *m, tb_dtype d, tb_record *r)
{
    const tb_graph *g = &m->graph;
    r->macs = tb_graph_macs(g);
    r->params = tb_graph_params(g);
    r->weight_bytes = tb_graph_weight_bytes(g);
    r->flops = tb_graph_flops(g);
    r->bytes_moved = tb_graph_bytes(g, d);
    r->n_ops = g->n_ops;
    r->arena_bytes = d == TB_DTYPE_INT8 ? m->plan_s8.arena_bytes : m->plan_f32.arena_bytes;
    r->arena_naive_bytes = tb_plan_naive_bytes(g, d);
    r->n_layers = g->n_ops;
    r->layers = calloc((size_t)g->n_ops, sizeof *r->layers);
    if (!r->layers)
        abort();
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        const tb_dims *s = &g->tensors[op->output].shape;
        tb_layer_record *l = &r->layers[i];
        l->op = tb_op_name(op->type);
        snprintf(l->output_shape, sizeof l->output_shape, "%dx%dx%dx%d", (int)s->n, (int)s->h,
                 (int)s->w, (int)s->c);
        l->macs = tb_op_macs(g, op);
        l->params = tb_op_params(g, op);
        l->instructions = l->cycles = -1;
    }
}

/* The cell's artifact folder, RUN_DIR/cells/<cell id with / : , = as _>;
 * targets that keep artifacts create it. */
static void cell_dir(const tb_store *store, const char *cell_id, char *out, size_t n)
{
    int len = snprintf(out, n, "%s/cells/", tb_store_dir(store));
    for (const char *c = cell_id; *c && len + 1 < (int)n; c++)
        out[len++] = strchr("/:,= ", *c) ? '_' : *c;
    out[len] = 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void print_result(const tb_record *r, double seconds)
{
    if (r->status == TB_STATUS_OK && r->have_latency)
        printf("ok  median %.3f ms, %.2f GMAC/s, output %s (%.1f s)\n", r->latency_ns.median / 1e6,
               r->macs_per_s / 1e9, r->output_match ? "matches" : "DIFFERS", seconds);
    else
        printf("%s: %s (%.1f s)\n", tb_status_name(r->status), r->reason, seconds);
    fflush(stdout);
}

static void count(tb_run_totals *t, tb_cell_status s)
{
    t->total++;
    if (s == TB_STATUS_OK)
        t->ok++;
    else if (s == TB_STATUS_SKIPPED)
        t->skipped++;
    else if (s == TB_STATUS_FAILED)
        t->failed++;
    else if (s == TB_STATUS_TIMEOUT)
        t->timeout++;
    else
        t->does_not_fit++;
}

/* The reference input plus 15 generated ones: enough to see arg-max
 * disagreements at a few per cent, cheap next to the cells themselves. */
enum { TB_QUANT_IMPACT_INPUTS = 16 };

/* A cell exists when both the target and the workload have the dtype. */
static int cell_exists(const tb_workload_choice *w, const tb_target_ops *t, tb_dtype d)
{
    const int has = w->model ? d != TB_DTYPE_INT8 || w->model->has_s8
                             : tb_workload_runs_dtype(w->workload, d);
    return has && tb_target_runs_dtype(t, d);
}

int tb_run_count_cells(const tb_run_plan *p)
{
    int n = 0;
    for (int wi = 0; wi < p->n_workloads; wi++)
        for (int ti = 0; ti < p->n_targets; ti++)
            for (int di = 0; di < p->n_dtypes; di++)
                n += cell_exists(&p->workloads[wi], p->targets[ti], p->dtypes[di]);
    return n;
}

int tb_run_cells(const tb_run_plan *p, tb_store *store, tb_run_totals *totals, char *err,
                 size_t err_len)
{
    const int total = tb_run_count_cells(p);
    int done = 0;
    memset(totals, 0, sizeof *totals);
    for (int wi = 0; wi < p->n_workloads; wi++) {
        const tb_workload_choice *w = &p->workloads[wi];
        char build_err[256] = "";
        tb_model *built = w->model ? NULL
                                   : tb_workload_build(w->workload, &w->params, build_err,
                                                       sizeof build_err);
        const tb_model *m = w->model ? w->model : built;
        tb_quant_impact qi;
        const int have_qi = m && tb_quant_impact_measure(m, TB_QUANT_IMPACT_INPUTS, 0x51A7u, &qi) == 0;
        for (int ti = 0; ti < p->n_targets; ti++)
            for (int di = 0; di < p->n_dtypes; di++) {
                const tb_target_ops *t = p->targets[ti];
                if (!cell_exists(w, t, p->dtypes[di]))
                    continue;
                tb_record *r = malloc(sizeof *r);
                if (!r)
                    abort();
                tb_record_init(r);
                fill_identity(p, w, t, p->dtypes[di], r);
                snprintf(r->cell_id, sizeof r->cell_id, "%s/%s/%s", w->spec, t->name,
                         r->dtype);
                printf("[%d/%d] %-28s ", ++done, total, r->cell_id);
                fflush(stdout);
                double t0 = now_s();
                char why[200], dir[4200];
                if (!m)
                    tb_record_status(r, TB_STATUS_FAILED, "%s", build_err);
                else if (!tb_target_usable(t, why, sizeof why))
                    tb_record_status(r, TB_STATUS_SKIPPED, "%s", why);
                else {
                    cell_dir(store, r->cell_id, dir, sizeof dir);
                    fill_model(m, p->dtypes[di], r);
                    r->have_quant_impact = have_qi;
                    if (have_qi)
                        r->quant_impact = qi;
                    tb_cell cell = {w->spec, dir, p->dtypes[di], p->repetitions, p->warmup,
                                    p->min_time_s, p->boards, p->threads};
                    t->run(t, &cell, m, r);
                }
                print_result(r, now_s() - t0);
                count(totals, r->status);
                int rc = tb_store_append(store, r, err, err_len);
                tb_record_free(r);
                free(r);
                if (rc != 0) {
                    tb_model_free(built);
                    return -1;
                }
            }
        tb_model_free(built);
    }
    return 0;
}
