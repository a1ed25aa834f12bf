/* Output comparison shared by every target. */
#include "output_check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void tb_check_output(const tb_model *m, tb_dtype dtype, const void *output, tb_record *rec)
{
    const tb_graph *g = &m->graph;
    const int64_t n = tb_dims_count(&g->tensors[g->output].shape);
    const size_t bytes = (size_t)n * tb_dtype_bytes(dtype);
    const void *expected = dtype == TB_DTYPE_INT8 ? (const void *)m->expected_s8
                                                  : (const void *)m->expected_f32;
    rec->have_output = 1;
    snprintf(rec->output_checksum, sizeof rec->output_checksum, "%016llx",
             (unsigned long long)tb_fnv1a64(output, bytes));
    snprintf(rec->expected_checksum, sizeof rec->expected_checksum, "%016llx",
             (unsigned long long)tb_fnv1a64(expected, bytes));
    if (dtype == TB_DTYPE_INT8) {
        const int8_t *a = output, *b = expected;
        rec->max_abs_err = 0.0;
        for (int64_t i = 0; i < n; i++) {
            double d = fabs((double)a[i] - b[i]);
            rec->max_abs_err = d > rec->max_abs_err ? d : rec->max_abs_err;
        }
        rec->tolerance = 0.0;
        rec->output_match = memcmp(output, expected, bytes) == 0;
        return;
    }
    const float *a = output, *b = expected;
    double err = 0.0, scale = 1.0;
    for (int64_t i = 0; i < n; i++) {
        double d = fabs((double)a[i] - b[i]);
        err = d > err || isnan(d) ? d : err;
        scale = fabs(b[i]) > scale ? fabs(b[i]) : scale;
    }
    rec->max_abs_err = err;
    rec->tolerance = TB_FP32_TOLERANCE * scale;
    rec->output_match = err <= rec->tolerance;
}
