/* Runs the model over every workload x link of a study. */
#include "placement.h"

#include <stdlib.h>

void tb_placement_compute(tb_placement_study *s)
{
    size_t n = (size_t)s->n_workloads * (size_t)s->n_links;
    s->decisions = calloc(n + 1, sizeof *s->decisions);
    s->sensitivity = calloc(n + 1, sizeof *s->sensitivity);
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const tb_link *access = &s->links[l];
            size_t i = (size_t)w * (size_t)s->n_links + (size_t)l;
            tb_place_decide(&s->workloads[w], access, s->backhaul ? s->backhaul : access,
                            &s->constraints, &s->decisions[i]);
            tb_place_sensitivity(&s->workloads[w], access, s->backhaul, &s->constraints,
                                 TB_SWEEP_LOW_BPS, TB_SWEEP_HIGH_BPS, TB_SWEEP_PER_DECADE,
                                 &s->sensitivity[i]);
        }
}

void tb_placement_free(tb_placement_study *s)
{
    size_t n = (size_t)s->n_workloads * (size_t)s->n_links;
    for (size_t i = 0; s->decisions && i < n; i++) {
        tb_decision_free(&s->decisions[i]);
        tb_sensitivity_free(&s->sensitivity[i]);
    }
    free(s->decisions);
    free(s->sensitivity);
    tb_place_workloads_free(s->workloads, s->n_workloads);
    s->decisions = NULL;
    s->sensitivity = NULL;
    s->workloads = NULL;
}
