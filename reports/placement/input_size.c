/* The size of a workload's input, which the all-remote options upload:
 * the records do not carry it, so the workload is built from its spec. */
#include <stdio.h>

#include "profile.h"
#include "workload.h"

int64_t tb_place_input_bytes(const char *workload, char *why, size_t why_len)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[160], err[300];
    if (tb_workload_parse(workload, &w, &p, canon, sizeof canon, err, sizeof err)) {
        snprintf(why, why_len, "input size unknown: %s", err);
        return -1;
    }
    tb_model *m = tb_workload_build(w, &p, err, sizeof err);
    if (!m) {
        snprintf(why, why_len, "input size unknown: %s", err);
        return -1;
    }
    /* int8 codes: fp32 servers receive them too and dequantise (docs/placement.md). */
    int64_t n = tb_dims_count(&m->graph.tensors[m->graph.input].shape);
    tb_model_free(m);
    return n;
}
