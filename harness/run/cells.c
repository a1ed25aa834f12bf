/* A run's cells: the plan expanded in order, their estimated cost, their
 * default time limit, and the merge of their records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_cost.h"
#include "runner.h"

/* A cell exists when both the target and the workload have the dtype. */
static int cell_exists(const tb_workload_choice *w, const tb_target_ops *t, tb_dtype d)
{
    const int has = w->model ? d != TB_DTYPE_INT8 || w->model->has_s8
                             : tb_workload_runs_dtype(w->workload, d);
    return has && tb_target_runs_dtype(t, d);
}

tb_run_cell *tb_run_expand(const tb_run_plan *p, int *n_cells, char *err, size_t err_len)
{
    const int max = p->n_workloads * p->n_targets * p->n_dtypes;
    tb_run_cell *cells = calloc((size_t)max + 1, sizeof *cells);
    if (!cells)
        abort();
    int n = 0;
    for (int wi = 0; wi < p->n_workloads; wi++)
        for (int ti = 0; ti < p->n_targets; ti++)
            for (int di = 0; di < p->n_dtypes; di++) {
                const tb_workload_choice *w = &p->workloads[wi];
                if (!cell_exists(w, p->targets[ti], p->dtypes[di]))
                    continue;
                tb_run_cell *c = &cells[n];
                *c = (tb_run_cell){wi, p->targets[ti], p->dtypes[di], "", 0};
                snprintf(c->id, sizeof c->id, "%s/%s/%s", w->spec, c->target->name,
                         tb_dtype_name(c->dtype));
                for (int k = 0; k < n; k++)
                    if (strcmp(cells[k].id, c->id) == 0) {
                        snprintf(err, err_len, "cell %s appears twice (a workload, target or "
                                 "dtype is listed twice)", c->id);
                        free(cells);
                        return NULL;
                    }
                n++;
            }
    *n_cells = n;
    return cells;
}

int tb_run_estimate(const tb_run_plan *p, tb_run_cell *cells, int n_cells, char *err,
                    size_t err_len)
{
    tb_cell_cost_model cost;
    if (tb_cell_cost_load(&cost, err, err_len))
        return -1;
    for (int wi = 0; wi < p->n_workloads; wi++) {
        const tb_workload_choice *w = &p->workloads[wi];
        int64_t macs = 0;
        if (w->model)
            macs = tb_graph_macs(&w->model->graph);
        else if (tb_workload_macs(w->workload, &w->params, &macs, err, err_len) != 0)
            return -1;
        for (int i = 0; i < n_cells; i++)
            if (cells[i].workload == wi)
                cells[i].estimate_s = tb_cell_cost_estimate(&cost, cells[i].target, macs,
                                                            p->repetitions, p->warmup,
                                                            p->min_time_s);
    }
    return 0;
}

/* Emulated: the emulator's own limit plus time for the build before it, so
 * the target's more precise report wins. Measured: what the repetitions may
 * take, with room for a slow machine and the server's ceiling probes (these
 * margins are choices, not measurements: a limit catches hangs, it does not
 * time cells). */
double tb_cell_timeout_default(const tb_run_plan *p, const tb_run_cell *c)
{
    if (!c->target->measured)
        return TB_EMULATION_TIMEOUT_S + 300;
    return 1800 + 3 * c->estimate_s + 2 * p->repetitions * p->min_time_s;
}

cJSON *tb_run_merge(const tb_store *store, const char *const *ids, int n_ids, int *missing,
                    char *err, size_t err_len)
{
    cJSON *a = cJSON_CreateArray();
    *missing = 0;
    for (int i = 0; i < n_ids; i++) {
        cJSON *r = tb_store_read_cell(store, ids[i]);
        if (r)
            cJSON_AddItemToArray(a, r);
        else
            ++*missing;
    }
    if (tb_store_write_records(store, a, err, err_len) != 0) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}
