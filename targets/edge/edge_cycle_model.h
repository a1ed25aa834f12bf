/* The edge cycle model: estimated cycles of a Cortex-A core from executed
 * instruction counts by class (the A64 plugin's) and the core's issue model
 * (edge_profile.h). A throughput bound, derated by an efficiency:
 *
 *   dispatch   = insns / dispatch_width
 *   pipe[p]    = sum over classes c on pipe p of count(c) x occupancy(c) / units(p)
 *   bound      = max(dispatch, max over p of pipe[p])
 *   compute    = bound / efficiency
 *   mispredict = conditional branches x mispredict_rate x branch_refill
 *   cycles     = compute + mispredict
 *
 * docs/edge.md gives the sources of each core's numbers and the errors. */
#ifndef TB_EDGE_CYCLE_MODEL_H
#define TB_EDGE_CYCLE_MODEL_H

#include <cjson/cJSON.h>

#include "edge_profile.h"
#include "record.h"

typedef struct {
    double dispatch;             /* cycles the front end needs */
    double pipe[TB_EDGE_MAX_PIPES]; /* cycles each pipe kind needs */
    int bottleneck;              /* index of the busiest pipe, or -1: dispatch */
    double compute, mispredict, cycles;
} tb_edge_estimate;

/* counts: {"insns":N,"alu":N,...}. 0, or -1 when a class that executed has
 * no line in the core's file. */
int tb_edge_cycles(const tb_edge_core *c, const cJSON *counts, tb_edge_estimate *out, char *err,
                   size_t err_len);

/* Energy of one inference: latency x the board's active power
 * (s x W = J, so µJ = ns x W x 1e-3). */
double tb_edge_energy_uj(const tb_edge_board *b, double latency_ns);

/* Fills rec's energy (board-active-power) from a latency and a board;
 * `latency_from` says where the latency came from ("cycle model",
 * "measured on the board"). */
void tb_edge_energy_fill(tb_record *rec, const tb_edge_board *b, double latency_ns,
                         const char *latency_from);

#endif
