/* Evaluating one placement on one link: the arithmetic of model.h, term by
 * term, so each part can be reported in the breakdown. */
#include "option_cost.h"

#include <stdio.h>
#include <string.h>

static double sum(const double *v, int from, int to)
{
    double s = 0;
    for (int i = from; i < to; i++)
        s += v[i];
    return s;
}

static double ms_to_send(int64_t bytes, double bps)
{
    return (double)bytes * 8.0 / bps * 1e3;
}

static double uJ_for_bits(int64_t bytes, double nJ_per_bit)
{
    return (double)bytes * 8.0 * nJ_per_bit * 1e-3;
}

void tb_place_evaluate(const tb_place_workload *w, const tb_placement *p, const tb_link *access,
                       const tb_link *backhaul, tb_option *o)
{
    const tb_tier_profile *a = p->first, *b = p->second;
    memset(o, 0, sizeof *o);
    o->where = *p;
    o->cut_bytes = -1;
    o->estimated = a->estimated || (b && b->estimated);
    if (b) {
        snprintf(o->name, sizeof o->name, "split:%s>%s@k=%d", a->target, b->target, p->k);
        o->cut_bytes = w->out_bytes[p->k];
        o->compute_ms = sum(a->layer_ms, 0, p->k + 1) + sum(b->layer_ms, p->k + 1, w->n_layers);
        if (a->tier == TB_TIER_DEVICE)
            o->device_compute_uJ = sum(a->layer_uJ, 0, p->k + 1);
    } else {
        snprintf(o->name, sizeof o->name, "%s:%s", tb_tier_label(a->tier), a->target);
        o->compute_ms = a->total_ms;
        if (a->tier == TB_TIER_DEVICE)
            o->device_compute_uJ = a->total_uJ;
    }
    const tb_tier_profile *last = b ? b : a;
    int radio = 0;
    if (a->tier != TB_TIER_DEVICE) { /* the device uploads its input */
        o->transfer_ms += ms_to_send(w->input_bytes, access->uplink_bps);
        o->rtt_ms += access->rtt_ms;
        o->radio_uJ += uJ_for_bits(w->input_bytes, access->tx_nJ_per_bit);
        radio = 1;
    }
    if (b) { /* the first tier sends the cut tensor on */
        const tb_link *hop = a->tier == TB_TIER_DEVICE ? access : backhaul;
        o->transfer_ms += ms_to_send(o->cut_bytes, hop->uplink_bps);
        o->rtt_ms += hop->rtt_ms;
        if (a->tier == TB_TIER_DEVICE) {
            o->radio_uJ += uJ_for_bits(o->cut_bytes, access->tx_nJ_per_bit);
            radio = 1;
        }
    }
    if (last->tier != TB_TIER_DEVICE) { /* the result comes back, over the same hops */
        int64_t out = w->out_bytes[w->n_layers - 1];
        o->transfer_ms += ms_to_send(out, access->downlink_bps);
        if (b && a->tier == TB_TIER_EDGE)
            o->transfer_ms += ms_to_send(out, backhaul->downlink_bps);
        o->radio_uJ += uJ_for_bits(out, access->rx_nJ_per_bit);
    }
    if (radio)
        o->radio_uJ += access->tail_uJ;
    o->latency_ms = o->compute_ms + o->transfer_ms + o->rtt_ms;
    o->device_uJ = o->device_compute_uJ + o->radio_uJ;
}
