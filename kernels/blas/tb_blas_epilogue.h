/* What surrounds a BLAS product in a layer: the bias goes in as C before
 * the product (beta = 1) and the activation clamp runs after it. */
#ifndef TB_BLAS_EPILOGUE_H
#define TB_BLAS_EPILOGUE_H

#include <math.h>
#include <string.h>

#include "tb_kernels.h"

/* rows x cols matrix with every row = bias (zeros when bias is NULL). */
static inline void tb_blas_bias_rows(float *c, const float *bias, size_t rows, size_t cols)
{
    for (size_t r = 0; r < rows; r++, c += cols) {
        if (bias)
            memcpy(c, bias, cols * sizeof(float));
        else
            memset(c, 0, cols * sizeof(float));
    }
}

/* An unbounded clamp (no activation) is the identity, NaN included, and
 * costs a pass over the output: skipped. */
static inline void tb_blas_clamp(float *x, size_t n, const tb_clamp_f32 *a)
{
    const float lo = a->act_min, hi = a->act_max;
    if (lo == -INFINITY && hi == INFINITY)
        return;
    for (size_t i = 0; i < n; i++)
        x[i] = x[i] < lo ? lo : (x[i] > hi ? hi : x[i]);
}

#endif
