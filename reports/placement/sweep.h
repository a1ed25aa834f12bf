/* Sensitivity of a decision to the device's uplink bandwidth: the decision
 * on a log-spaced grid of uplink rates (the link's other figures held), and
 * the rates at which it changes, each refined by bisection. */
#ifndef TB_PLACE_SWEEP_H
#define TB_PLACE_SWEEP_H

#include "decide.h"

typedef struct {
    double uplink_bps; /* below it "from" is chosen, at and above it "to" */
    char from[TB_OPTION_NAME_LEN], to[TB_OPTION_NAME_LEN];
} tb_flip;

typedef struct {
    double low_bps, high_bps;
    char at_low[TB_OPTION_NAME_LEN], at_high[TB_OPTION_NAME_LEN]; /* "" when none */
    tb_flip *flips;
    int n_flips;
} tb_sensitivity;

/* Sweeps access->uplink_bps over [low_bps, high_bps] with per_decade grid
 * points per factor of 10. backhaul NULL: it follows the swept access link. */
void tb_place_sensitivity(const tb_place_workload *w, const tb_link *access,
                          const tb_link *backhaul, const tb_constraints *c, double low_bps,
                          double high_bps, int per_decade, tb_sensitivity *s);
void tb_sensitivity_free(tb_sensitivity *s);

#endif
