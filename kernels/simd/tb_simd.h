/* Helpers shared by the SIMD kernels: the range of input offsets they
 * take, and the output step, which is the reference's own requantisation
 * applied to a row of int32 sums. Internal to kernels/simd. */
#ifndef TB_SIMD_H
#define TB_SIMD_H

#include "tb_kernels.h"
#include "tb_quant.h"

/* Dot products at most this long: their int32 sums of int8 products, each
 * at most 255 * 128 in size, cannot overflow whatever the order of the
 * additions. Longer ones run the reference. */
enum { TB_SIMD_MAX_K = 65536 };

/* Whether the input offset is minus an int8 zero point, [-127, 128], as
 * TFLite guarantees: then an offset activation fits int16, its product
 * with an int8 weight fits int16, and padding can hold the zero point as a
 * byte. Kernels hand any other offset to the reference. */
static inline int tb_simd_offset_ok(const tb_requant *q)
{
    return q->input_offset >= -127 && q->input_offset <= 128;
}

/* bias + dot in wrapping arithmetic: the kernels sum the reference's terms
 * in another order (and some in another form), so the total is the
 * reference's exact int32 sum but a partial one might not fit. */
static inline int32_t tb_simd_add_wrap(int32_t bias, int32_t dot)
{
    return (int32_t)((uint32_t)bias + (uint32_t)dot);
}

/* out[i] for channels first..first+n-1 from their int32 sums: the
 * reference's tb_requantize, output zero point and clamp, unchanged. */
static inline void tb_simd_output_row(const int32_t *restrict acc, const tb_requant *q,
                                      int32_t first, int32_t n, int8_t *restrict out)
{
    const int32_t *restrict mult = q->mult + first;
    const int32_t *restrict shift = q->shift + first;
    const int32_t offset = q->output_offset, lo = q->act_min, hi = q->act_max;
    for (int32_t i = 0; i < n; i++)
        out[i] = (int8_t)tb_clamp_i32(tb_requantize(acc[i], mult[i], shift[i]) + offset, lo, hi);
}

#endif
