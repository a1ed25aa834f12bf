/* fp32 2-D and depthwise convolution, reference versions. A depthwise
 * convolution is a grouped convolution with one input channel per group, so
 * both share one loop nest parameterised by the group structure. */
#include "tb_kernels.h"

static float clampf(float x, const tb_clamp_f32 *a)
{
    return x < a->act_min ? a->act_min : (x > a->act_max ? a->act_max : x);
}

/* in_per_group input channels feed each output channel; output channel oc
 * reads input channels starting at in_base(oc) and filter elements at
 * filter index ((oc_row * fh + ky) * fw + kx) * f_stride + f_col. */
static void conv_loops(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                       const float *filter, const float *bias, float *output, int depthwise)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    const int32_t dm = depthwise ? w->depth_multiplier : 1;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++)
                for (int32_t oc = 0; oc < out->c; oc++) {
                    const int32_t iy0 = oy * w->stride_h - w->pad_top;
                    const int32_t ix0 = ox * w->stride_w - w->pad_left;
                    const int32_t ic0 = depthwise ? oc / dm : 0;
                    const int32_t nic = depthwise ? 1 : in->c;
                    float acc = bias ? bias[oc] : 0.0f;
                    for (int32_t ky = 0; ky < f->h; ky++) {
                        const int32_t iy = iy0 + ky;
                        if (iy < 0 || iy >= in->h)
                            continue;
                        for (int32_t kx = 0; kx < f->w; kx++) {
                            const int32_t ix = ix0 + kx;
                            if (ix < 0 || ix >= in->w)
                                continue;
                            const float *ip = input + ((b * in->h + iy) * in->w + ix) * in->c + ic0;
                            const float *fp = depthwise
                                ? filter + (ky * f->w + kx) * f->c + oc
                                : filter + ((oc * f->h + ky) * f->w + kx) * f->c;
                            for (int32_t i = 0; i < nic; i++)
                                acc += ip[i] * fp[i];
                        }
                    }
                    output[((b * out->h + oy) * out->w + ox) * out->c + oc] = clampf(acc, a);
                }
}

size_t tb_conv_f32_scratch_bytes(const tb_window *w)
{
    (void)w;
    return 0;
}

tb_status tb_conv_f32(tb_ctx *ctx, const tb_window *w, const tb_clamp_f32 *a,
                      const float *input, const float *filter,
                      const float *bias, float *output)
{
    (void)ctx;
    if (w->filter.c != w->input.c || w->filter.n != w->output.c || w->output.n != w->input.n)
        return TB_ERR_ARG;
    conv_loops(w, a, input, filter, bias, output, 0);
    return TB_OK;
}

tb_status tb_dwconv_f32(const tb_window *w, const tb_clamp_f32 *a,
                        const float *input, const float *filter,
                        const float *bias, float *output)
{
    const int32_t dm = w->depth_multiplier;
    if (dm < 1 || w->output.c != w->input.c * dm || w->filter.c != w->output.c ||
        w->output.n != w->input.n)
        return TB_ERR_ARG;
    conv_loops(w, a, input, filter, bias, output, 1);
    return TB_OK;
}

tb_status tb_fc_f32(const tb_fc_dims *d, const tb_clamp_f32 *a,
                    const float *input, const float *weights,
                    const float *bias, float *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    for (int32_t b = 0; b < d->batch; b++)
        for (int32_t o = 0; o < d->out_features; o++) {
            const float *x = input + b * d->in_features, *wr = weights + o * d->in_features;
            float acc = bias ? bias[o] : 0.0f;
            for (int32_t i = 0; i < d->in_features; i++)
                acc += x[i] * wr[i];
            output[b * d->out_features + o] = clampf(acc, a);
        }
    return TB_OK;
}
