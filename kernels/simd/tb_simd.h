/* Helpers shared by the SIMD kernels: the range of input offsets they
 * take, and the output step, which is the reference's requantisation
 * applied to a run of int32 sums. Internal to kernels/simd. */
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

/* How a run of output channels is requantised: the reference's
 * tb_requantize one channel at a time, or, where tb_quant.h's proof says
 * it gives the same bytes, tb_requantize_fast, whose int32 and int64 lanes
 * GCC vectorises across the run (tb_requantize's 64-bit masks and the
 * saturation case defeat it). */
typedef struct {
    const tb_requant *q;
    int32_t first;      /* the run's first channel */
    int fast;           /* every channel has its constants in f */
    tb_requant_fast *f; /* n of them, for channels first.. */
} tb_simd_output;

/* Sets up o for channels first..first+n-1 (f has room for n) whose sums
 * are bias (or 0) plus k products of an offset activation and a weight:
 * fast when each channel takes the fast form and no sum can reach 2^30 in
 * size, the bound tb_requantize_fast needs. */
static inline tb_simd_output tb_simd_output_init(const tb_requant *q, const int32_t *bias,
                                                 int32_t first, int32_t n, int64_t k,
                                                 tb_requant_fast *f)
{
    tb_simd_output o = {q, first, 1, f};
    int64_t bias_max = 0;
    for (int32_t c = 0; bias && c < n; c++) {
        const int64_t b = bias[first + c] < 0 ? -(int64_t)bias[first + c] : bias[first + c];
        bias_max = b > bias_max ? b : bias_max;
    }
    o.fast &= bias_max + k * 255 * 128 < ((int64_t)1 << 30);
    for (int32_t c = 0; o.fast && c < n; c++)
        o.fast &= tb_requant_fast_init(&f[c], q->mult[first + c], q->shift[first + c],
                                       q->output_offset);
    return o;
}

/* out[i] for n channels from offset i of o's run (i.e. channel
 * o->first + at + i), from their int32 sums: requantise, add the output
 * zero point, clamp to the activation range. */
static inline void tb_simd_output_run(const tb_simd_output *o, int32_t at, int32_t n,
                                      const int32_t *restrict acc, int8_t *restrict out)
{
    const int32_t lo = o->q->act_min, hi = o->q->act_max;
    if (o->fast) {
        const tb_requant_fast *restrict f = o->f + at;
        for (int32_t i = 0; i < n; i++)
            out[i] = (int8_t)tb_clamp_i32(tb_requantize_fast(2 * acc[i], &f[i]), lo, hi);
        return;
    }
    const int32_t *restrict mult = o->q->mult + o->first + at;
    const int32_t *restrict shift = o->q->shift + o->first + at;
    const int32_t offset = o->q->output_offset;
    for (int32_t i = 0; i < n; i++)
        out[i] = (int8_t)tb_clamp_i32(tb_requantize(acc[i], mult[i], shift[i]) + offset, lo, hi);
}

#endif
