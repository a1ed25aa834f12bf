/* int8 fully connected, reference version. Weights are symmetric (zero
 * point 0), as TFLite requires for int8 FULLY_CONNECTED. */
#include "tb_kernels.h"
#include "tb_quant.h"

tb_status tb_fc_s8(const tb_fc_dims *d, const tb_requant *q,
                   const int8_t *input, const int8_t *weights,
                   const int32_t *bias, int8_t *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    for (int32_t b = 0; b < d->batch; b++) {
        const int8_t *x = input + b * d->in_features;
        for (int32_t o = 0; o < d->out_features; o++) {
            const int8_t *wr = weights + o * d->in_features;
            int32_t acc = bias ? bias[o] : 0;
            for (int32_t i = 0; i < d->in_features; i++)
                acc += (x[i] + q->input_offset) * wr[i];
            acc = tb_requantize(acc, q->mult[o], q->shift[o]) + q->output_offset;
            output[b * d->out_features + o] = (int8_t)tb_clamp_i32(acc, q->act_min, q->act_max);
        }
    }
    return TB_OK;
}
