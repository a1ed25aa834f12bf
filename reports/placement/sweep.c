/* The uplink sweep. A flip between two grid points is narrowed by bisection
 * on log(bandwidth) until the bracket is within 0.01 %, so the reported rate
 * is where the two options' costs cross, not a grid point. */
#include "sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void decision_at(const tb_place_workload *w, const tb_link *access,
                        const tb_link *backhaul, const tb_constraints *c, double bps,
                        char name[TB_OPTION_NAME_LEN])
{
    tb_link l = *access;
    l.uplink_bps = bps;
    tb_decision d;
    tb_place_decide(w, &l, backhaul ? backhaul : &l, c, &d);
    snprintf(name, TB_OPTION_NAME_LEN, "%s", d.best >= 0 ? d.options[d.best].name : "");
    tb_decision_free(&d);
}

void tb_place_sensitivity(const tb_place_workload *w, const tb_link *access,
                          const tb_link *backhaul, const tb_constraints *c, double low_bps,
                          double high_bps, int per_decade, tb_sensitivity *s)
{
    memset(s, 0, sizeof *s);
    s->low_bps = low_bps;
    s->high_bps = high_bps;
    int steps = (int)ceil(log10(high_bps / low_bps) * per_decade);
    char prev[TB_OPTION_NAME_LEN], cur[TB_OPTION_NAME_LEN];
    double prev_bps = low_bps;
    decision_at(w, access, backhaul, c, low_bps, prev);
    memcpy(s->at_low, prev, sizeof prev);
    for (int i = 1; i <= steps; i++) {
        double bps = i == steps ? high_bps : low_bps * pow(10.0, (double)i / per_decade);
        decision_at(w, access, backhaul, c, bps, cur);
        if (strcmp(cur, prev) != 0) {
            double lo = prev_bps, hi = bps;
            char mid_name[TB_OPTION_NAME_LEN], hi_name[TB_OPTION_NAME_LEN];
            memcpy(hi_name, cur, sizeof cur);
            while (hi / lo > 1.0001) {
                double mid = sqrt(lo * hi);
                decision_at(w, access, backhaul, c, mid, mid_name);
                if (strcmp(mid_name, prev) == 0) {
                    lo = mid;
                } else {
                    hi = mid;
                    memcpy(hi_name, mid_name, sizeof mid_name);
                }
            }
            s->flips = realloc(s->flips, (size_t)(s->n_flips + 1) * sizeof *s->flips);
            tb_flip *f = &s->flips[s->n_flips++];
            f->uplink_bps = hi;
            memcpy(f->from, prev, sizeof prev);
            memcpy(f->to, hi_name, sizeof hi_name);
            /* Several crossings inside one grid step: record the nearest one
             * and let the next grid comparison catch the rest. */
            memcpy(prev, hi_name, sizeof hi_name);
            if (strcmp(hi_name, cur) != 0) {
                prev_bps = hi;
                i--;
                continue;
            }
        }
        memcpy(prev, cur, sizeof cur);
        prev_bps = bps;
    }
    memcpy(s->at_high, prev, sizeof prev);
}

void tb_sensitivity_free(tb_sensitivity *s)
{
    free(s->flips);
    memset(s, 0, sizeof *s);
}
