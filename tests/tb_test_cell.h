/* Helper of the tests that run cells on a target directly (no runner): one
 * int8 cell in a throw-away folder, with the record prepared as the runner
 * prepares it. */
#ifndef TB_TEST_CELL_H
#define TB_TEST_CELL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "target.h"
#include "tb_test_model.h"

/* Runs m as one int8 cell (one repetition) on a target, in a temporary
 * work folder removed afterwards; r is initialised here. */
static inline void tb_test_run_int8(const char *target, const tb_model *m,
                                    const char *const *boards, tb_record *r)
{
    const tb_target_ops *t = tb_target_find(target);
    char dir[] = "/tmp/tb_cell_XXXXXX";
    tb_record_init(r);
    snprintf(r->cell_id, sizeof r->cell_id, "%s/%s/int8", m->graph.name, target);
    r->macs = tb_graph_macs(&m->graph);
    r->n_layers = m->graph.n_ops;
    r->layers = calloc((size_t)r->n_layers, sizeof *r->layers);
    for (int32_t i = 0; i < r->n_layers; i++)
        r->layers[i].instructions = r->layers[i].cycles = -1;
    tb_cell cell = {m->graph.name, mkdtemp(dir), TB_DTYPE_INT8, 1, 0, 0.01, boards, 0, NULL};
    t->run(t, &cell, m, r);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

#endif
