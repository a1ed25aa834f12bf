/* The placement model (docs/placement.md): one option runs the layers of a
 * workload on one tier, or layers 0..k on a first tier and the rest on a
 * later one; the device sends the input or the int8 activation at the cut,
 * the last tier sends the result back.
 *   latency = compute of each segment + bytes x 8 / bandwidth per transfer
 *             + one RTT per hop
 *   device energy = device compute (its layers' share of the record's
 *             energy) + radio (bits sent x tx nJ/bit + bits received x rx
 *             nJ/bit + the link's tail, once, when the radio is used) */
#ifndef TB_PLACE_OPTION_COST_H
#define TB_PLACE_OPTION_COST_H

#include <stdint.h>

#include "links.h"
#include "profile.h"

enum { TB_OPTION_NAME_LEN = 128 };

typedef struct {
    const tb_tier_profile *first;  /* runs layers 0..k, or all of them */
    const tb_tier_profile *second; /* NULL: everything on first */
    int k;                         /* the cut: after layer k (0 .. n_layers-2) */
} tb_placement;

typedef struct {
    char name[TB_OPTION_NAME_LEN]; /* device:T, edge:T, server:T, split:A>B@k=K */
    tb_placement where;
    int64_t cut_bytes;             /* split only; -1 otherwise */
    double latency_ms, device_uJ;
    double compute_ms, transfer_ms, rtt_ms;
    double device_compute_uJ, radio_uJ;
    int estimated;                 /* a segment's time came from a model */
} tb_option;

/* The device's access link carries every transfer from or to the device;
 * backhaul carries edge -> server (pass the access link when there is no
 * separate one). w->out_bytes must be known, and w->input_bytes when first
 * is not the device (tb_place_options checks both). */
void tb_place_evaluate(const tb_place_workload *w, const tb_placement *p, const tb_link *access,
                       const tb_link *backhaul, tb_option *out);

#endif
