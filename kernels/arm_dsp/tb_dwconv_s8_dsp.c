/* int8 depthwise convolution for DSP-extension cores. Depth multiplier 1
 * (every MLPerf Tiny network's) takes channels four at a time: one word of
 * activations and one of weights per filter tap, widened by SXTAB16/SXTB16
 * and multiplied lane by lane with SMLABB/SMLATT. Channels do not share a
 * sum, so SMLAD's pairing has nothing to add here. A 3x3 window that lies
 * inside the input, the common case, is unrolled. A pixel's sums are made
 * first and requantised in a second pass. Other depth multipliers, and
 * input offsets no int8 zero point gives, run the reference kernel. */
#include "tb_arm_dsp.h"
#include "tb_kernels_dsp.h"

/* One output pixel's taps: rows [ky0, ky1) and columns [kx0, kx1) of the
 * filter fall inside the input; x points at the input cell under tap
 * (ky0, kx0), f at that tap's weights, both at the pixel's first channel.
 * Taps outside the input are skipped, as the reference skips them. */
typedef struct {
    const int8_t *x, *f;
    int32_t rows, cols;
    int32_t x_row, f_row; /* bytes from one tap row to the next */
    int32_t step;         /* bytes from one tap to the next: the channel count */
} taps;

/* acc[i] += (x[i] + offset) * f[i] for the four channels at x and f. off2
 * holds the input offset in both halfwords: SXTAB16 adds it while
 * widening, so a lane holds x + offset, at most 255 in size, and the
 * 16 x 16 multiplies are exact. Even lanes are channels 0 and 2, odd lanes
 * 1 and 3; SMLABB multiplies the bottom halfwords, SMLATT the top ones. */
TB_DSP_INLINE void tap4(int32_t acc[4], const int8_t *x, const int8_t *f, int32_t off2)
{
    const int32_t xv = tb_dsp_load_s8x4(x), fv = tb_dsp_load_s8x4(f);
    const int32_t x_even = __sxtab16(off2, xv), x_odd = tb_dsp_sxtab16_odd(off2, xv);
    const int32_t f_even = __sxtb16(fv), f_odd = tb_dsp_sxtb16_odd(fv);
    acc[0] = __smlabb(x_even, f_even, acc[0]);
    acc[2] = __smlatt(x_even, f_even, acc[2]);
    acc[1] = __smlabb(x_odd, f_odd, acc[1]);
    acc[3] = __smlatt(x_odd, f_odd, acc[3]);
}

/* sums[0..3] = bias + the taps of channels c..c+3 of one pixel. full3x3:
 * the filter is 3x3 and the whole window lies inside the input (a constant
 * at each call site), so the taps are unrolled. */
TB_DSP_INLINE void sum4(const taps *t, int32_t c, int32_t off2, const int32_t *bias,
                        int32_t *sums, const int full3x3)
{
    /* Loops over the four channels and three filter rows are unrolled
     * before GCC's scalar replacement, so that acc lives in registers. */
    int32_t acc[4] = {0, 0, 0, 0};
    if (bias) {
        _Pragma("GCC unroll 4")
        for (int i = 0; i < 4; i++)
            acc[i] = bias[c + i];
    }
    const int8_t *x = t->x + c, *f = t->f + c;
    const int32_t step = t->step;
    if (full3x3) {
        _Pragma("GCC unroll 3")
        for (int ky = 0; ky < 3; ky++, x += t->x_row, f += t->f_row) {
            tap4(acc, x, f, off2);
            tap4(acc, x + step, f + step, off2);
            tap4(acc, x + 2 * step, f + 2 * step, off2);
        }
    } else {
        for (int32_t ky = 0; ky < t->rows; ky++, x += t->x_row, f += t->f_row)
            for (int32_t kx = 0; kx < t->cols; kx++)
                tap4(acc, x + kx * step, f + kx * step, off2);
    }
    _Pragma("GCC unroll 4")
    for (int i = 0; i < 4; i++)
        sums[i] = acc[i];
}

/* bias + the taps of channel c of one pixel, for the last one to three. */
static int32_t sum1(const taps *t, int32_t c, const int32_t *bias, int32_t input_offset)
{
    int32_t acc = bias ? bias[c] : 0;
    const int8_t *x = t->x + c, *f = t->f + c;
    for (int32_t ky = 0; ky < t->rows; ky++, x += t->x_row, f += t->f_row)
        for (int32_t kx = 0; kx < t->cols; kx++)
            acc += (x[kx * t->step] + input_offset) * f[kx * t->step];
    return acc;
}

/* Channels summed before they are requantised, in a pass of their own:
 * kept apart, the multiply loop and tb_requantize each get the registers
 * they need instead of spilling each other's. 256 bytes of stack. */
enum { CHUNK = 64 };

/* Output channels [c0, c0 + n) of one pixel, n <= CHUNK. */
static void pixel_chunk(const taps *t, int32_t c0, int32_t n, int32_t off2,
                        const int32_t *bias, const tb_requant *q, int full3x3, int8_t *out)
{
    int32_t sums[CHUNK];
    int32_t c = 0;
    if (full3x3)
        for (; c + 4 <= n; c += 4)
            sum4(t, c0 + c, off2, bias, sums + c, 1);
    else
        for (; c + 4 <= n; c += 4)
            sum4(t, c0 + c, off2, bias, sums + c, 0);
    for (; c < n; c++)
        sums[c] = sum1(t, c0 + c, bias, q->input_offset);
    const tb_dsp_range range = tb_dsp_range_of(q);
    const int32_t *mult = q->mult + c0, *shift = q->shift + c0;
    for (c = 0; c < n; c++)
        out[c0 + c] = tb_dsp_output(sums[c], mult[c], shift[c], range);
}

tb_status tb_dwconv_s8_dsp(const tb_window *w, const tb_requant *q,
                           const int8_t *input, const int8_t *filter,
                           const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (w->depth_multiplier != 1 || !tb_dsp_int8_offset(q))
        return tb_dwconv_s8(w, q, input, filter, bias, output);
    if (out->c != in->c || f->c != out->c || out->n != in->n)
        return TB_ERR_ARG;
    const int32_t ch = in->c;
    const int32_t off2 = (int32_t)(((uint32_t)q->input_offset & 0xFFFFu) * 0x10001u);
    const int is3x3 = f->h == 3 && f->w == 3;
    int8_t *o = output;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++, o += ch) {
                const int32_t iy0 = oy * w->stride_h - w->pad_top;
                const int32_t ix0 = ox * w->stride_w - w->pad_left;
                int32_t ky0, ky1, kx0, kx1;
                tb_dsp_clip(iy0, f->h, in->h, &ky0, &ky1);
                tb_dsp_clip(ix0, f->w, in->w, &kx0, &kx1);
                /* A window that misses the input sums no taps, and its
                 * pointers are never formed (they could leave the tensor). */
                const int empty = ky1 <= ky0 || kx1 <= kx0;
                const taps t = {
                    .x = empty ? input
                               : input + ((b * in->h + iy0 + ky0) * in->w + ix0 + kx0) * ch,
                    .f = empty ? filter : filter + (ky0 * f->w + kx0) * ch,
                    .rows = empty ? 0 : ky1 - ky0,
                    .cols = kx1 - kx0,
                    .x_row = in->w * ch,
                    .f_row = f->w * ch,
                    .step = ch,
                };
                const int full3x3 = is3x3 && t.rows == 3 && t.cols == 3;
                for (int32_t c0 = 0; c0 < ch; c0 += CHUNK)
                    pixel_chunk(&t, c0, ch - c0 < CHUNK ? ch - c0 : CHUNK, off2, bias, q,
                                full3x3, o);
            }
    return TB_OK;
}
