/* One placement study of a run: every workload on every link, decided under
 * one objective and constraints, with the uplink sensitivity of each
 * decision. The output writers (output.h) render it. */
#ifndef TB_PLACEMENT_H
#define TB_PLACEMENT_H

#include "sweep.h"

/* The uplink sweep: 1 kbit/s to 10 Gbit/s, 10 points per decade. */
#define TB_SWEEP_LOW_BPS 1e3
#define TB_SWEEP_HIGH_BPS 1e10
enum { TB_SWEEP_PER_DECADE = 10 };

typedef struct {
    char run_id[96];
    tb_constraints constraints;
    tb_place_workload *workloads;
    int n_workloads;
    tb_link *links;
    int n_links;
    const tb_link *backhaul; /* NULL: each access link is its own backhaul */
    tb_decision *decisions;  /* [workload * n_links + link] */
    tb_sensitivity *sensitivity; /* likewise */
} tb_placement_study;

/* Fills decisions and sensitivity for the workloads and links already set. */
void tb_placement_compute(tb_placement_study *s);
void tb_placement_free(tb_placement_study *s);

#endif
