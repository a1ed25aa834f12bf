/* int8 fully connected for DSP-extension cores: two weight rows at a time
 * against one batch row, four k per step, the input offset added while
 * SXTAB16 widens the activations, SMLAD for the products. Fully connected
 * layers carry a few hundred MACs in the MLPerf Tiny networks, so this
 * stays plain C beside the convolution's hand-scheduled loop. */
#include "tb_arm_dsp.h"
#include "tb_kernels_dsp.h"

/* Rows w0 and w1 (w1 may be w0) against x: *s0, *s1 += their dot products
 * with x + offset. */
static void dot2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t k, int32_t off2,
                 int32_t input_offset, int32_t *s0, int32_t *s1)
{
    int32_t a0 = *s0, a1 = *s1, i = 0;
    for (; i + 4 <= k; i += 4) {
        const int32_t xv = tb_dsp_load_s8x4(x + i);
        const int32_t xe = __sxtab16(off2, xv), xo = tb_dsp_sxtab16_odd(off2, xv);
        const int32_t v0 = tb_dsp_load_s8x4(w0 + i), v1 = tb_dsp_load_s8x4(w1 + i);
        a0 = __smlad(xo, tb_dsp_sxtb16_odd(v0), __smlad(xe, __sxtb16(v0), a0));
        a1 = __smlad(xo, tb_dsp_sxtb16_odd(v1), __smlad(xe, __sxtb16(v1), a1));
    }
    for (; i < k; i++) {
        a0 += (x[i] + input_offset) * w0[i];
        a1 += (x[i] + input_offset) * w1[i];
    }
    *s0 = a0;
    *s1 = a1;
}

tb_status tb_fc_s8_dsp(const tb_fc_dims *d, const tb_requant *q,
                       const int8_t *input, const int8_t *weights,
                       const int32_t *bias, int8_t *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    if (!tb_dsp_int8_offset(q))
        return tb_fc_s8(d, q, input, weights, bias, output);
    const int32_t k = d->in_features, n = d->out_features;
    const int32_t off2 = (int32_t)(((uint32_t)q->input_offset & 0xFFFFu) * 0x10001u);
    const tb_dsp_range range = tb_dsp_range_of(q);
    for (int32_t o = 0; o < n; o += 2) {
        const int32_t o1 = o + 1 < n ? o + 1 : o;
        const int8_t *w0 = weights + o * k, *w1 = weights + o1 * k;
        for (int32_t b = 0; b < d->batch; b++) {
            int32_t s0 = bias ? bias[o] : 0, s1 = bias ? bias[o1] : 0;
            dot2(input + b * k, w0, w1, k, off2, q->input_offset, &s0, &s1);
            int8_t *out = output + b * n;
            out[o] = tb_dsp_output(s0, q->mult[o], q->shift[o], range);
            out[o1] = tb_dsp_output(s1, q->mult[o1], q->shift[o1], range);
        }
    }
    return TB_OK;
}
