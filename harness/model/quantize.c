/* Fixed-point parameter derivation, following TFLite's quantization_util. */
#include "quantize.h"

#include <math.h>

void tb_quantize_multiplier(double real, int32_t *mult, int32_t *shift)
{
    if (real == 0.0) {
        *mult = 0;
        *shift = 0;
        return;
    }
    int exp;
    double q = frexp(real, &exp);
    int64_t q_fixed = (int64_t)llround(q * (double)(1LL << 31));
    if (q_fixed == (1LL << 31)) {
        q_fixed /= 2;
        exp++;
    }
    if (exp < -31) { /* too small to represent: flush to zero as TFLite does */
        exp = 0;
        q_fixed = 0;
    }
    if (exp > 30) { /* saturate rather than overflow the left shift */
        exp = 30;
        q_fixed = (1LL << 31) - 1;
    }
    *mult = (int32_t)q_fixed;
    *shift = exp;
}

void tb_add_prepare(double s1, int32_t z1, double s2, int32_t z2, double so, int32_t zo,
                    int32_t act_min, int32_t act_max, tb_add_params_s8 *p)
{
    const int left_shift = 20;
    const double twice_max = 2.0 * (s1 > s2 ? s1 : s2);
    p->left_shift = left_shift;
    p->input1_offset = -z1;
    p->input2_offset = -z2;
    p->output_offset = zo;
    p->act_min = act_min;
    p->act_max = act_max;
    tb_quantize_multiplier(s1 / twice_max, &p->input1_mult, &p->input1_shift);
    tb_quantize_multiplier(s2 / twice_max, &p->input2_mult, &p->input2_shift);
    tb_quantize_multiplier(twice_max / ((double)(1 << left_shift) * so), &p->output_mult,
                           &p->output_shift);
}

int tb_softmax_prepare(double input_scale, double beta, int32_t rows, int32_t depth,
                       tb_softmax_params_s8 *p)
{
    enum { SCALED_DIFF_INT_BITS = 5 };
    double real = beta * input_scale * (double)(1LL << (31 - SCALED_DIFF_INT_BITS));
    if (real > (double)((1LL << 31) - 1))
        real = (double)((1LL << 31) - 1);
    int32_t mult, shift;
    tb_quantize_multiplier(real, &mult, &shift);
    if (shift < 0)
        return -1;
    p->rows = rows;
    p->depth = depth;
    p->input_mult = mult;
    p->input_left_shift = shift;
    const double radius = ((1 << SCALED_DIFF_INT_BITS) - 1) *
                          (double)(1LL << (31 - SCALED_DIFF_INT_BITS)) / (double)(1LL << shift);
    p->diff_min = -(int32_t)floor(radius);
    return 0;
}
