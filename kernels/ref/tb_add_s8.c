/* int8 elementwise add with rescaling, reference version (TFLite's
 * quantised ADD: both inputs brought to a common scale with 20 bits of
 * headroom, summed, then requantised to the output scale). */
#include "tb_kernels.h"
#include "tb_quant.h"

tb_status tb_add_s8(const tb_add_params_s8 *p, int32_t count,
                    const int8_t *a, const int8_t *b, int8_t *output)
{
    if (count < 0 || p->left_shift < 0 || p->left_shift > 30)
        return TB_ERR_ARG;
    for (int32_t i = 0; i < count; i++) {
        int32_t x = (a[i] + p->input1_offset) * (1 << p->left_shift);
        int32_t y = (b[i] + p->input2_offset) * (1 << p->left_shift);
        x = tb_requantize(x, p->input1_mult, p->input1_shift);
        y = tb_requantize(y, p->input2_mult, p->input2_shift);
        int32_t sum = tb_requantize(x + y, p->output_mult, p->output_shift) + p->output_offset;
        output[i] = (int8_t)tb_clamp_i32(sum, p->act_min, p->act_max);
    }
    return TB_OK;
}
