/* int8 2-D convolution, reference version: direct loops, int32 accumulation,
 * per-output-channel requantisation. Optimised twins must match it bit for bit. */
#include "tb_kernels.h"
#include "tb_quant.h"

size_t tb_conv_s8_scratch_bytes(const tb_window *w)
{
    (void)w;
    return 0;
}

tb_status tb_conv_s8(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                     const int8_t *input, const int8_t *filter,
                     const int32_t *bias, int8_t *output)
{
    (void)ctx;
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (f->c != in->c || f->n != out->c || out->n != in->n)
        return TB_ERR_ARG;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++) {
                const int32_t iy0 = oy * w->stride_h - w->pad_top;
                const int32_t ix0 = ox * w->stride_w - w->pad_left;
                for (int32_t oc = 0; oc < out->c; oc++) {
                    int32_t acc = bias ? bias[oc] : 0;
                    for (int32_t ky = 0; ky < f->h; ky++) {
                        const int32_t iy = iy0 + ky;
                        if (iy < 0 || iy >= in->h)
                            continue;
                        for (int32_t kx = 0; kx < f->w; kx++) {
                            const int32_t ix = ix0 + kx;
                            if (ix < 0 || ix >= in->w)
                                continue;
                            const int8_t *ip = input + ((b * in->h + iy) * in->w + ix) * in->c;
                            const int8_t *fp = filter + ((oc * f->h + ky) * f->w + kx) * f->c;
                            for (int32_t ic = 0; ic < in->c; ic++)
                                acc += (ip[ic] + q->input_offset) * fp[ic];
                        }
                    }
                    acc = tb_requantize(acc, q->mult[oc], q->shift[oc]) + q->output_offset;
                    output[((b * out->h + oy) * out->w + ox) * out->c + oc] =
                        (int8_t)tb_clamp_i32(acc, q->act_min, q->act_max);
                }
            }
    return TB_OK;
}
