/* Choosing a placement: every option of a workload on one link, the ones
 * that cannot run (with the reason), the best and runner-up under the
 * objective and constraints, and the latency / device-energy Pareto front. */
#ifndef TB_PLACE_DECIDE_H
#define TB_PLACE_DECIDE_H

#include "option_cost.h"

typedef enum { TB_OBJECTIVE_LATENCY, TB_OBJECTIVE_ENERGY } tb_objective;

typedef struct {
    tb_objective objective;
    double deadline_ms; /* < 0: none */
    double budget_uJ;   /* device energy budget; < 0: none */
} tb_constraints;

typedef struct {
    char option[TB_OPTION_NAME_LEN];
    char reason[420];
    int constraint; /* 1: it runs but misses the deadline or budget on this link */
} tb_exclusion;

typedef struct {
    tb_option *options;     /* every option that can run, constraints or not */
    int n_options;
    tb_exclusion *excluded; /* cannot run, or misses a constraint */
    int n_excluded;
    int best, runner_up;    /* into options; -1 when there is none */
    int meets;              /* best meets every constraint */
    char note[1024];        /* "" when there is nothing to say */
    int *pareto;            /* into options, by rising latency */
    int n_pareto;
} tb_decision;

/* Every runnable option of w on this link, and the exclusions. */
void tb_place_options(const tb_place_workload *w, const tb_link *access, const tb_link *backhaul,
                      tb_decision *d);

/* tb_place_options, then the choice and the Pareto front. */
void tb_place_decide(const tb_place_workload *w, const tb_link *access, const tb_link *backhaul,
                     const tb_constraints *c, tb_decision *d);
void tb_decision_free(tb_decision *d);

#endif
