/* What --plan and the progress line's ETA expect a cell to cost in wall
 * seconds: a linear model per target (or its tier) whose parameters live in
 * harness/run/data/cell_cost.txt with how they were measured. An estimate,
 * for planning only; no record carries it. */
#ifndef TB_CELL_COST_H
#define TB_CELL_COST_H

#include <stddef.h>
#include <stdint.h>

#include "target.h"

enum { TB_CELL_COST_MAX_LINES = 32 };

typedef struct {
    int n;
    struct {
        char key[72];      /* a target name, or "tier:<tier>" */
        double overhead_s; /* per cell: build (object cache warm), emulator start, checks */
        double ns_per_mac; /* wall ns per MAC: emulated instructions, or native latency */
    } line[TB_CELL_COST_MAX_LINES];
} tb_cell_cost_model;

/* Loads the data file (tb_source_dir()/harness/run/data/cell_cost.txt);
 * 0, or -1 with "path:line: what". */
int tb_cell_cost_load(tb_cell_cost_model *m, char *err, size_t err_len);

/* Emulated cells: overhead + macs x ns_per_mac. Measured cells time
 * repetitions of at least min_time_s each after warmup inferences:
 * overhead + reps x max(min_time_s, latency) + warmup x latency, where
 * latency = macs x ns_per_mac. Seconds. */
double tb_cell_cost_estimate(const tb_cell_cost_model *m, const tb_target_ops *t, int64_t macs,
                             int reps, int warmup, double min_time_s);

#endif
