/* int8 average and max pooling, reference versions. Padding cells are
 * excluded from the window, as in TFLite; the average rounds half away from
 * zero like TFLM's reference kernel. */
#include "tb_kernels.h"
#include "tb_quant.h"

typedef int32_t (*pool_reduce)(const int8_t *input, const tb_dims *in,
                               int32_t b, int32_t y0, int32_t y1,
                               int32_t x0, int32_t x1, int32_t c);

static int32_t reduce_avg(const int8_t *input, const tb_dims *in, int32_t b,
                          int32_t y0, int32_t y1, int32_t x0, int32_t x1, int32_t c)
{
    int32_t sum = 0, count = 0;
    for (int32_t y = y0; y < y1; y++)
        for (int32_t x = x0; x < x1; x++, count++)
            sum += input[((b * in->h + y) * in->w + x) * in->c + c];
    if (count == 0)
        return 0;
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

static int32_t reduce_max(const int8_t *input, const tb_dims *in, int32_t b,
                          int32_t y0, int32_t y1, int32_t x0, int32_t x1, int32_t c)
{
    int32_t m = INT8_MIN;
    for (int32_t y = y0; y < y1; y++)
        for (int32_t x = x0; x < x1; x++) {
            int32_t v = input[((b * in->h + y) * in->w + x) * in->c + c];
            m = v > m ? v : m;
        }
    return m;
}

static tb_status pool_s8(const tb_window *w, int32_t act_min, int32_t act_max,
                         const int8_t *input, int8_t *output, pool_reduce reduce)
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
                    int32_t v = reduce(input, in, b, y0, y1, x0, x1, c);
                    output[((b * out->h + oy) * out->w + ox) * out->c + c] =
                        (int8_t)tb_clamp_i32(v, act_min, act_max);
                }
            }
    return TB_OK;
}

tb_status tb_avgpool_s8(const tb_window *w, int32_t act_min, int32_t act_max,
                        const int8_t *input, int8_t *output)
{
    return pool_s8(w, act_min, act_max, input, output, reduce_avg);
}

tb_status tb_maxpool_s8(const tb_window *w, int32_t act_min, int32_t act_max,
                        const int8_t *input, int8_t *output)
{
    return pool_s8(w, act_min, act_max, input, output, reduce_max);
}
