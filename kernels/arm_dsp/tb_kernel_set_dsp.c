/* The Cortex-M DSP-extension backend: SMLAD convolutions, depthwise and
 * fully connected, a table-driven add and a four-lane average pool; max
 * pooling and softmax stay the reference kernels. Same int8 bytes as
 * tb_kernels_s8_ref.
 *
 * The add and the average pool live beside the table rather than in files
 * of their own because the MCU target builds firmware from a fixed list of
 * this backend's sources (targets/mcu/mcu.c, dsp_sources). */
#include "tb_add_table.h"
#include "tb_arm_dsp.h"
#include "tb_kernels_dsp.h"


/* Four elements per step: a word of each input, its bytes picked out to
 * index the tables (whose terms are doubled), the sum's requantisation by
 * tb_dsp_output_fast. Not inlined, so that the tables are reached through
 * pointers in registers rather than as offsets from the stack pointer. */
__attribute__((noinline)) static void add_run(const int32_t *t1, const int32_t *t2,
                                              tb_requant_fast out, int32_t count,
                                              const int8_t *a, const int8_t *b, int8_t *output)
{
    int32_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const uint32_t wa = (uint32_t)tb_dsp_load_s8x4(a + i);
        const uint32_t wb = (uint32_t)tb_dsp_load_s8x4(b + i);
        _Pragma("GCC unroll 4")
        for (int j = 0; j < 4; j++)
            output[i + j] = tb_dsp_output_fast(
                t1[(wa >> (8 * j)) & 0xFF] + t2[(wb >> (8 * j)) & 0xFF], &out);
    }
    for (; i < count; i++)
        output[i] = tb_dsp_output_fast(t1[(uint8_t)a[i]] + t2[(uint8_t)b[i]], &out);
}

tb_status tb_add_s8_dsp(const tb_add_params_s8 *p, int32_t count, const int8_t *a,
                        const int8_t *b, int8_t *output)
{
    const tb_requant q = {.output_offset = p->output_offset, .act_min = p->act_min,
                          .act_max = p->act_max, .mult = &p->output_mult,
                          .shift = &p->output_shift};
    tb_requant_fast out;
    if (count < TB_ADD_TABLE_MIN_COUNT || p->left_shift < 0 || p->left_shift > 30 ||
        !tb_dsp_fast_init(&out, &q, 0, 1))
        return tb_add_s8(p, count, a, b, output);
    int32_t t1[256], t2[256];
    if (tb_add_tables_doubled(p, t1, t2) != 0)
        return tb_add_s8(p, count, a, b, output);
    add_run(t1, t2, out, count, a, b, output);
    return TB_OK;
}

/* Cells a halfword lane may sum before it could overflow: 256 int8. */
enum { POOL_LANE_CELLS = 256 };

/* Sums of channels c0..c0+3 over rows [y0, y1) and columns [x0, x1) of
 * image: SXTAB16 adds a word's even and odd bytes to two words of halfword
 * lanes, taken into int32 before they could overflow. */
static void pool_sum4(const int8_t *image, const tb_dims *in, int32_t y0, int32_t y1, int32_t x0,
                      int32_t x1, int32_t c0, int32_t sum[4])
{
    int32_t even = 0, odd = 0, room = POOL_LANE_CELLS;
    sum[0] = sum[1] = sum[2] = sum[3] = 0;
    for (int32_t y = y0; y < y1; y++) {
        const int8_t *p = image + (y * in->w + x0) * in->c + c0;
        for (int32_t left = x1 - x0; left > 0;) {
            if (room == 0) {
                sum[0] += (int16_t)even;
                sum[1] += (int16_t)odd;
                sum[2] += even >> 16;
                sum[3] += odd >> 16;
                even = odd = 0;
                room = POOL_LANE_CELLS;
            }
            const int32_t n = left < room ? left : room;
            left -= n;
            room -= n;
            for (const int8_t *end = p + n * in->c; p != end; p += in->c) {
                const int32_t v = tb_dsp_load_s8x4(p);
                even = __sxtab16(even, v);
                odd = tb_dsp_sxtab16_odd(odd, v);
            }
        }
    }
    sum[0] += (int16_t)even;
    sum[1] += (int16_t)odd;
    sum[2] += even >> 16;
    sum[3] += odd >> 16;
}

/* The reference's average: the window's sum over its cells inside the
 * input, rounded half away from zero, clamped. */
TB_DSP_INLINE int8_t pool_average(int32_t sum, int32_t count, int32_t act_min, int32_t act_max)
{
    const int32_t avg =
        count == 0 ? 0 : sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    return (int8_t)tb_clamp_i32(avg, act_min, act_max);
}

/* Average pooling, four channels at a time; the last one to three
 * channels are summed bytewise. */
tb_status tb_avgpool_s8_dsp(const tb_window *w, int32_t act_min, int32_t act_max,
                            const int8_t *input, int8_t *output)
{
    const tb_dims *in = &w->input, *out = &w->output;
    if (out->c != in->c || out->n != in->n || w->filter.h < 1 || w->filter.w < 1)
        return TB_ERR_ARG;
    int8_t *o = output;
    for (int32_t b = 0; b < out->n; b++) {
        const int8_t *image = input + b * in->h * in->w * in->c;
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++, o += out->c) {
                int32_t y0, y1, x0, x1;
                tb_dsp_clip(oy * w->stride_h - w->pad_top, w->filter.h, in->h, &y0, &y1);
                tb_dsp_clip(ox * w->stride_w - w->pad_left, w->filter.w, in->w, &x0, &x1);
                /* Window rows and columns, from filter positions to input ones. */
                y0 += oy * w->stride_h - w->pad_top;
                y1 += oy * w->stride_h - w->pad_top;
                x0 += ox * w->stride_w - w->pad_left;
                x1 += ox * w->stride_w - w->pad_left;
                const int32_t count = y1 > y0 && x1 > x0 ? (y1 - y0) * (x1 - x0) : 0;
                int32_t c = 0;
                for (; count > 0 && c + 4 <= in->c; c += 4) {
                    int32_t sum[4];
                    pool_sum4(image, in, y0, y1, x0, x1, c, sum);
                    for (int32_t i = 0; i < 4; i++)
                        o[c + i] = pool_average(sum[i], count, act_min, act_max);
                }
                for (; c < in->c; c++) {
                    int32_t sum = 0;
                    for (int32_t y = y0; count > 0 && y < y1; y++)
                        for (int32_t x = x0; x < x1; x++)
                            sum += image[(y * in->w + x) * in->c + c];
                    o[c] = pool_average(sum, count, act_min, act_max);
                }
            }
    }
    return TB_OK;
}

const tb_kernels_s8 tb_kernels_s8_dsp = {
    .name = "dsp",
    .conv_scratch_bytes = tb_conv_s8_dsp_scratch_bytes,
    .conv = tb_conv_s8_dsp,
    .dwconv = tb_dwconv_s8_dsp,
    .fc = tb_fc_s8_dsp,
    .avgpool = tb_avgpool_s8_dsp,
    .maxpool = tb_maxpool_s8,
    .add = tb_add_s8_dsp,
    .softmax = tb_softmax_s8,
};
