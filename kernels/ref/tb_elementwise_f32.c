/* fp32 pooling, add and softmax, reference versions. */
#include <math.h>

#include "tb_kernels.h"

static float clampf(float x, const tb_clamp_f32 *a)
{
    return x < a->act_min ? a->act_min : (x > a->act_max ? a->act_max : x);
}

static tb_status pool_f32(const tb_window *w, const tb_clamp_f32 *a,
                          const float *input, float *output, int is_max)
{
    const tb_dims *in = &w->input, *out = &w->output;
    if (out->c != in->c || out->n != in->n || w->filter.h < 1 || w->filter.w < 1)
        return TB_ERR_ARG;
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++) {
                int32_t y0 = oy * w->stride_h - w->pad_top, x0 = ox * w->stride_w - w->pad_left;
                int32_t y1 = y0 + w->filter.h, x1 = x0 + w->filter.w;
                y0 = y0 < 0 ? 0 : y0;
                x0 = x0 < 0 ? 0 : x0;
                y1 = y1 > in->h ? in->h : y1;
                x1 = x1 > in->w ? in->w : x1;
                for (int32_t c = 0; c < out->c; c++) {
                    float acc = is_max ? -INFINITY : 0.0f;
                    for (int32_t y = y0; y < y1; y++)
                        for (int32_t x = x0; x < x1; x++) {
                            float v = input[((b * in->h + y) * in->w + x) * in->c + c];
                            acc = is_max ? (v > acc ? v : acc) : acc + v;
                        }
                    if (!is_max)
                        acc /= (float)((y1 - y0) * (x1 - x0));
                    output[((b * out->h + oy) * out->w + ox) * out->c + c] = clampf(acc, a);
                }
            }
    return TB_OK;
}

tb_status tb_avgpool_f32(const tb_window *w, const tb_clamp_f32 *a,
                         const float *input, float *output)
{
    return pool_f32(w, a, input, output, 0);
}

tb_status tb_maxpool_f32(const tb_window *w, const tb_clamp_f32 *a,
                         const float *input, float *output)
{
    return pool_f32(w, a, input, output, 1);
}

tb_status tb_add_f32(const tb_clamp_f32 *a, int32_t count, const float *x,
                     const float *y, float *output)
{
    if (count < 0)
        return TB_ERR_ARG;
    for (int32_t i = 0; i < count; i++)
        output[i] = clampf(x[i] + y[i], a);
    return TB_OK;
}

tb_status tb_softmax_f32(const tb_softmax_params_f32 *p, const float *input,
                         float *output)
{
    if (p->rows < 1 || p->depth < 1)
        return TB_ERR_ARG;
    for (int32_t r = 0; r < p->rows; r++) {
        const float *in = input + r * p->depth;
        float *out = output + r * p->depth;
        float max = in[0], sum = 0.0f;
        for (int32_t c = 1; c < p->depth; c++)
            max = in[c] > max ? in[c] : max;
        for (int32_t c = 0; c < p->depth; c++)
            sum += out[c] = expf((in[c] - max) * p->beta);
        for (int32_t c = 0; c < p->depth; c++)
            out[c] /= sum;
    }
    return TB_OK;
}
