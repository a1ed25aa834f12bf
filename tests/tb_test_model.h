/* The model of a built-in workload from its spec, for tests. */
#ifndef TB_TEST_MODEL_H
#define TB_TEST_MODEL_H

#include <stdio.h>

#include "workload.h"

/* The model of a workload spec, or NULL with the reason on stderr. */
static inline tb_model *tb_test_build(const char *spec)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[128], err[512];
    if (tb_workload_parse(spec, &w, &p, canon, sizeof canon, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", spec, err);
        return NULL;
    }
    tb_model *m = tb_workload_build(w, &p, err, sizeof err);
    if (!m)
        fprintf(stderr, "%s: %s\n", spec, err);
    return m;
}

#endif
