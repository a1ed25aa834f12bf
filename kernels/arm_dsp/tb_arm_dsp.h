/* Helpers shared by the DSP-extension kernels: unaligned word loads, the
 * SXTB16 forms ACLE lacks, window clipping, and the output step they all
 * end with, in the reference's form and a fast one. Internal to
 * kernels/arm_dsp; needs the Armv7E-M / Armv8-M DSP extension. */
#ifndef TB_ARM_DSP_H
#define TB_ARM_DSP_H

#if !defined(__ARM_FEATURE_DSP)
#error "kernels/arm_dsp needs a core with the DSP extension (Cortex-M4, M7, M33, M55)"
#endif

#include <arm_acle.h>
#include <string.h>

#include "tb_kernels.h"
#include "tb_quant.h"

/* Forced inline so that helpers taking constant tile sizes are specialised
 * per call site, with their unused lanes compiled away. */
#define TB_DSP_INLINE static inline __attribute__((always_inline))

/* Four int8 from any address. Armv7E-M and Armv8-M LDR accepts unaligned
 * addresses, and memcpy lets the compiler emit that LDR without breaking
 * C's aliasing rules; tensors with odd channel counts need it. */
TB_DSP_INLINE int32_t tb_dsp_load_s8x4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* SXTB16 takes bytes 0 and 2 of a word into two sign-extended halfwords:
 * (x0, x2). Its rotate operand gives the odd bytes, (x1, x3), in the same
 * instruction; GCC 12's ACLE has no __ror and does not fuse a C rotate into
 * the builtin, so the rotated forms are written out. */
TB_DSP_INLINE int32_t tb_dsp_sxtb16_odd(int32_t x)
{
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

/* SXTAB16 with the rotate: (a.lo + x1, a.hi + x3), halfword-wise. */
TB_DSP_INLINE int32_t tb_dsp_sxtab16_odd(int32_t a, int32_t x)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
    return r;
}

/* [lo, hi) of the filter positions 0..k-1 that land inside 0..n-1 when the
 * window starts at p0 (negative in the padding); empty (hi <= lo) when the
 * window misses the input altogether. */
TB_DSP_INLINE void tb_dsp_clip(int32_t p0, int32_t k, int32_t n, int32_t *lo, int32_t *hi)
{
    *lo = p0 < 0 ? -p0 : 0;
    *hi = n - p0 < k ? n - p0 : k;
}

/* Whether the input offset is minus an int8 zero point, [-127, 128]. The
 * kernels rely on it (padding holds the zero point as an int8, offset
 * activations fit a halfword) and hand any other offset to the reference. */
TB_DSP_INLINE int tb_dsp_int8_offset(const tb_requant *q)
{
    return q->input_offset >= -127 && q->input_offset <= 128;
}

/* The output zero point and activation range, copied out of tb_requant so
 * that they stay in registers: an int8 output store may alias anything
 * reached through a pointer, and would force them to be loaded again. */
typedef struct {
    int32_t offset, min, max;
} tb_dsp_range;

TB_DSP_INLINE tb_dsp_range tb_dsp_range_of(const tb_requant *q)
{
    return (tb_dsp_range){q->output_offset, q->act_min, q->act_max};
}

/* The reference kernels' last step, unchanged: requantise, add the output
 * zero point, clamp to the activation range. */
TB_DSP_INLINE int8_t tb_dsp_output(int32_t acc, int32_t mult, int32_t shift, tb_dsp_range r)
{
    return (int8_t)tb_clamp_i32(tb_requantize(acc, mult, shift) + r.offset, r.min, r.max);
}

/* The same step in five instructions (ADD, SMMLAR, ASR, SSAT, STRB) where
 * it applies: tb_requantize_fast of x2 = 2 * acc, |acc| < 2^30, with the
 * zero point folded in, and SSAT for the clamp when the activation range
 * is all of int8, as it is without an activation or under a ReLU whose
 * zero point is -128. Kernels make x2 by doubling one factor of every
 * product (and the bias) before they sum, for nothing in the loop. */
TB_DSP_INLINE int8_t tb_dsp_output_fast(int32_t x2, const tb_requant_fast *f)
{
    return (int8_t)__ssat(tb_requantize_fast(x2, f), 8);
}

/* Accumulators stay under 2^30 in size, so that doubled they fit int32,
 * when a bias of at most bias_max in size and n products of at most
 * product_max each cannot reach it. */
TB_DSP_INLINE int tb_dsp_sums_fit(int64_t bias_max, int64_t n, int64_t product_max)
{
    return bias_max + n * product_max < ((int64_t)1 << 30);
}

/* f[0..n) for output channels [first, first + n) of q, and whether every
 * one of them can take tb_dsp_output_fast; kernels keep tb_dsp_output for
 * the rest (left shifts, shifts past 31, narrower activation ranges). */
TB_DSP_INLINE int tb_dsp_fast_init(tb_requant_fast *f, const tb_requant *q, int32_t first,
                                   int32_t n)
{
    int fast = q->act_min == INT8_MIN && q->act_max == INT8_MAX;
    for (int32_t c = 0; c < n; c++)
        fast &= tb_requant_fast_init(&f[c], q->mult[first + c], q->shift[first + c],
                                     q->output_offset);
    return fast;
}

#endif
