/* The formula is in the header; this file only adds it up. */
#include "edge_cycle_model.h"

#include <stdio.h>
#include <string.h>

int tb_edge_cycles(const tb_edge_core *c, const cJSON *counts, tb_edge_estimate *out, char *err,
                   size_t err_len)
{
    memset(out, 0, sizeof *out);
    double insns = 0, conditional = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, counts) {
        const char *name = v->string;
        if (!cJSON_IsNumber(v))
            continue;
        if (strcmp(name, "insns") == 0) {
            insns = v->valuedouble;
            continue;
        }
        if (strcmp(name, "branch_taken") == 0 || strcmp(name, "branch_not_taken") == 0)
            conditional += v->valuedouble;
        if (v->valuedouble == 0)
            continue;
        int k = tb_edge_class_index(c, name);
        if (k < 0) {
            snprintf(err, err_len, "the %s issue model has no class '%s' (%.0f executed)",
                     c->core, name, v->valuedouble);
            return -1;
        }
        const int p = c->cls_pipe[k];
        out->pipe[p] += v->valuedouble * c->occupancy[k] / c->pipe_units[p];
    }
    out->dispatch = insns / c->dispatch_width;
    double bound = out->dispatch;
    out->bottleneck = -1;
    for (int p = 0; p < c->n_pipes; p++)
        if (out->pipe[p] > bound) {
            bound = out->pipe[p];
            out->bottleneck = p;
        }
    out->compute = bound / c->efficiency;
    out->mispredict = conditional * c->mispredict_rate * c->branch_refill;
    out->cycles = out->compute + out->mispredict;
    return 0;
}

double tb_edge_energy_uj(const tb_edge_board *b, double latency_ns)
{
    return latency_ns * b->active_power_w * 1e-3;
}

void tb_edge_energy_fill(tb_record *rec, const tb_edge_board *b, double latency_ns,
                         const char *latency_from)
{
    rec->have_energy = 1;
    rec->energy_uJ = tb_edge_energy_uj(b, latency_ns);
    snprintf(rec->energy_model, sizeof rec->energy_model, "board-active-power");
    snprintf(rec->energy_method, sizeof rec->energy_method,
             "estimated: latency (%s) x the board's typical active power (%.300s)",
             latency_from, b->path);
    rec->n_energy_params = 0;
    tb_record_energy_param(rec, "latency_ns", latency_ns);
    tb_record_energy_param(rec, "active_power_W", b->active_power_w);
}
