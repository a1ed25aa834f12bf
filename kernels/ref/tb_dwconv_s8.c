/* int8 depthwise convolution, reference version. Output channel
 * ic * depth_multiplier + m reads input channel ic (TFLite's layout). */
#include "tb_kernels.h"
#include "tb_quant.h"

tb_status tb_dwconv_s8(const tb_window *w, const tb_requant *q,
                       const int8_t *input, const int8_t *filter,
                       const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    const int32_t dm = w->depth_multiplier;
    if (dm < 1 || out->c != in->c * dm || f->c != out->c || out->n != in->n)
        return TB_ERR_ARG;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++) {
                const int32_t iy0 = oy * w->stride_h - w->pad_top;
                const int32_t ix0 = ox * w->stride_w - w->pad_left;
                for (int32_t ic = 0; ic < in->c; ic++)
                    for (int32_t m = 0; m < dm; m++) {
                        const int32_t oc = ic * dm + m;
                        int32_t acc = bias ? bias[oc] : 0;
                        for (int32_t ky = 0; ky < f->h; ky++) {
                            const int32_t iy = iy0 + ky;
                            if (iy < 0 || iy >= in->h)
                                continue;
                            for (int32_t kx = 0; kx < f->w; kx++) {
                                const int32_t ix = ix0 + kx;
                                if (ix < 0 || ix >= in->w)
                                    continue;
                                int32_t x = input[((b * in->h + iy) * in->w + ix) * in->c + ic];
                                acc += (x + q->input_offset) * filter[(ky * f->w + kx) * f->c + oc];
                            }
                        }
                        acc = tb_requantize(acc, q->mult[oc], q->shift[oc]) + q->output_offset;
                        output[((b * out->h + oy) * out->w + ox) * out->c + oc] =
                            (int8_t)tb_clamp_i32(acc, q->act_min, q->act_max);
                    }
            }
    return TB_OK;
}
