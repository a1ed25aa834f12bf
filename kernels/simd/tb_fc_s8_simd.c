/* int8 fully connected as a dot-product GEMV: FC_ROWS weight rows at a
 * time against one batch row, so each activation loaded is used FC_ROWS
 * times. The input offset is added in int16 (x + offset fits it, see
 * tb_simd_offset_ok) and the int16 by int8 reductions become VPDPWSSD /
 * VPMADDWD on x86 and SMLAL on Arm. Weights are read in place, once per
 * batch row: a GEMV has no reuse that packing them would pay for. */
#include "tb_kernels_simd.h"
#include "tb_simd.h"

/* Weight rows per pass, and outputs requantised per row call. */
enum { FC_ROWS = 4, FC_BLOCK = 64 };

/* s[j] = dot(x + offset, w[j]) over k, for FC_ROWS weight rows. */
static void dot_rows(const int8_t *restrict x, const int8_t *const w[FC_ROWS], int32_t k,
                     int16_t offset, int32_t s[FC_ROWS])
{
    const int8_t *restrict w0 = w[0], *restrict w1 = w[1], *restrict w2 = w[2],
                           *restrict w3 = w[3];
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (int32_t i = 0; i < k; i++) {
        const int16_t a = (int16_t)(x[i] + offset);
        a0 += a * w0[i];
        a1 += a * w1[i];
        a2 += a * w2[i];
        a3 += a * w3[i];
    }
    s[0] = a0;
    s[1] = a1;
    s[2] = a2;
    s[3] = a3;
}

tb_status tb_fc_s8_simd(const tb_fc_dims *d, const tb_requant *q, const int8_t *input,
                        const int8_t *weights, const int32_t *bias, int8_t *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    if (!tb_simd_offset_ok(q) || d->in_features > TB_SIMD_MAX_K)
        return tb_fc_s8(d, q, input, weights, bias, output);
    const int32_t k = d->in_features, n = d->out_features;
    for (int32_t o0 = 0; o0 < n; o0 += FC_BLOCK) {
        const int32_t m = n - o0 < FC_BLOCK ? n - o0 : FC_BLOCK;
        tb_requant_fast f[FC_BLOCK];
        const tb_simd_output out = tb_simd_output_init(q, bias, o0, m, k, f);
        for (int32_t b = 0; b < d->batch; b++) {
            const int8_t *x = input + (size_t)b * (size_t)k;
            int32_t sums[FC_BLOCK];
            for (int32_t j = 0; j < m; j += FC_ROWS) {
                /* Past the last row, the last row again: computed, not kept. */
                const int8_t *w[FC_ROWS];
                for (int32_t r = 0; r < FC_ROWS; r++)
                    w[r] = weights + (size_t)(o0 + (j + r < m ? j + r : m - 1)) * (size_t)k;
                int32_t s[FC_ROWS];
                dot_rows(x, w, k, (int16_t)q->input_offset, s);
                for (int32_t r = 0; r < FC_ROWS && j + r < m; r++)
                    sums[j + r] = tb_simd_add_wrap(bias ? bias[o0 + j + r] : 0, s[r]);
            }
            tb_simd_output_run(&out, 0, m, sums, output + (size_t)b * (size_t)n + o0);
        }
    }
    return TB_OK;
}
