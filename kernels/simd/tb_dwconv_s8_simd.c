/* int8 depthwise convolution vectorised over channels: for each output
 * pixel, each filter tap inside the input adds (x + offset) * w to a block
 * of int32 channel sums, a run of contiguous channels in both input and
 * filter. (x + offset) * w fits int16 (tb_simd_offset_ok), so the products
 * are 16-bit multiplies widened only to be summed. Only the taps the
 * reference sums are summed, in another order: the same int32 totals. */
#include "tb_kernels_simd.h"
#include "tb_simd.h"

/* Channels summed per pass, on the stack. */
enum { DW_BLOCK = 128 };

static void add_tap(int32_t *restrict acc, const int8_t *restrict x, const int8_t *restrict w,
                    int16_t offset, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const int16_t a = (int16_t)(x[i] + offset);
        acc[i] += (int16_t)(a * w[i]);
    }
}

tb_status tb_dwconv_s8_simd(const tb_window *w, const tb_requant *q, const int8_t *input,
                            const int8_t *filter, const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (w->depth_multiplier < 1 || out->c != in->c * w->depth_multiplier || f->c != out->c ||
        out->n != in->n)
        return TB_ERR_ARG;
    if (w->depth_multiplier != 1 || !tb_simd_offset_ok(q))
        return tb_dwconv_s8(w, q, input, filter, bias, output);
    const int32_t ch = in->c;
    const int16_t offset = (int16_t)q->input_offset;
    for (int32_t c0 = 0; c0 < ch; c0 += DW_BLOCK) {
        const int32_t n = ch - c0 < DW_BLOCK ? ch - c0 : DW_BLOCK;
        tb_requant_fast fast[DW_BLOCK];
        const tb_simd_output o = tb_simd_output_init(q, bias, c0, n, f->h * f->w, fast);
        int8_t *dst = output + c0;
        for (int32_t b = 0; b < out->n; b++)
            for (int32_t oy = 0; oy < out->h; oy++)
                for (int32_t ox = 0; ox < out->w; ox++, dst += ch) {
                    const int32_t iy0 = oy * w->stride_h - w->pad_top;
                    const int32_t ix0 = ox * w->stride_w - w->pad_left;
                    /* Filter rows and columns whose taps land inside the input. */
                    const int32_t ky0 = iy0 < 0 ? -iy0 : 0;
                    const int32_t ky1 = in->h - iy0 < f->h ? in->h - iy0 : f->h;
                    const int32_t kx0 = ix0 < 0 ? -ix0 : 0;
                    const int32_t kx1 = in->w - ix0 < f->w ? in->w - ix0 : f->w;
                    int32_t acc[DW_BLOCK];
                    for (int32_t i = 0; i < n; i++)
                        acc[i] = bias ? bias[c0 + i] : 0;
                    for (int32_t ky = ky0; ky < ky1; ky++)
                        for (int32_t kx = kx0; kx < kx1; kx++)
                            add_tap(acc,
                                    input + (((size_t)b * in->h + iy0 + ky) * in->w + ix0 + kx) * ch + c0,
                                    filter + ((size_t)ky * f->w + kx) * ch + c0, offset, n);
                    tb_simd_output_run(&o, 0, n, acc, dst);
                }
    }
    return TB_OK;
}
