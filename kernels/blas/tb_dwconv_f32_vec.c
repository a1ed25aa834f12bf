/* fp32 depthwise convolution with channels innermost: each filter tap adds
 * input pixel x filter row into the output pixel's channels, a loop the
 * compiler vectorises (the reference kernel walks one channel at a time).
 * Per output it sums bias, then taps in (ky, kx) order, as the reference. */
#include "tb_blas_epilogue.h"
#include "tb_kernels_blas.h"

tb_status tb_dwconv_f32_vec(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                            const float *filter, const float *bias, float *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    const int32_t dm = w->depth_multiplier;
    if (dm < 1 || out->c != in->c * dm || f->c != out->c || out->n != in->n)
        return TB_ERR_ARG;
    const size_t oc = (size_t)out->c;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++) {
                float *restrict o = output + (((size_t)b * out->h + oy) * out->w + ox) * oc;
                tb_blas_bias_rows(o, bias, 1, oc);
                const int32_t iy0 = oy * w->stride_h - w->pad_top;
                const int32_t ix0 = ox * w->stride_w - w->pad_left;
                for (int32_t ky = 0; ky < f->h; ky++) {
                    const int32_t iy = iy0 + ky;
                    if (iy < 0 || iy >= in->h)
                        continue;
                    for (int32_t kx = 0; kx < f->w; kx++) {
                        const int32_t ix = ix0 + kx;
                        if (ix < 0 || ix >= in->w)
                            continue;
                        const float *restrict x =
                            input + (((size_t)b * in->h + iy) * in->w + ix) * (size_t)in->c;
                        const float *restrict k = filter + ((size_t)ky * f->w + kx) * oc;
                        if (dm == 1)
                            for (size_t c = 0; c < oc; c++)
                                o[c] += x[c] * k[c];
                        else
                            for (size_t c = 0; c < oc; c++)
                                o[c] += x[c / (size_t)dm] * k[c];
                    }
                }
                tb_blas_clamp(o, oc, a);
            }
    return TB_OK;
}
