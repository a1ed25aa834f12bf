/* The cycle model: estimated cycles from executed-instruction counts by
 * class, a core's cycle table and a board's flash timing. docs/mcu.md
 * states the formula, its sources and its known errors. */
#ifndef TB_CYCLE_MODEL_H
#define TB_CYCLE_MODEL_H

#include <cjson/cJSON.h>

#include "profile.h"

typedef struct {
    double compute;  /* issue_factor x (sum of count x cost + register transfers) */
    double refill;   /* taken branches x pipeline refill */
    double wait;     /* taken branches x flash wait states x fetch miss rate */
    double cycles;   /* the sum */
} tb_cycle_estimate;

/* counts: the plugin's object {"insns":N,"alu":N,...,"ldm_regs":N,...}.
 * 0, or -1 when a class that executed has no cost in the table. */
int tb_cycles_estimate(const tb_cycle_table *t, const tb_board *b, const cJSON *counts,
                       tb_cycle_estimate *out, char *err, size_t err_len);

/* Energy of `cycles` at the board's run-mode current: µA/MHz x V x cycles
 * gives pJ, so µJ = that x 1e-6. */
double tb_energy_uj(const tb_board *b, double cycles);

#endif
