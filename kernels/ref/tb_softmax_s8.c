/* int8 softmax, reference version. It follows TFLite's fixed-point
 * algorithm (gemmlowp's exp on negative values in Q5.26, a sum in Q12.19 and
 * a Newton-Raphson reciprocal) so that the output is bit-exact with TFLM;
 * output scale is 1/256 and zero point -128. Each Qm.n value below is an
 * int32 with m integer bits. */
#include "tb_kernels.h"
#include "tb_quant.h"

enum { SCALED_DIFF_INT_BITS = 5, ACCUM_INT_BITS = 12 };

static int32_t mul(int32_t a, int32_t b) /* Qa.x * Qb.y -> Q(a+b) */
{
    return tb_sat_rounding_doubling_high_mul(a, b);
}

/* x * 2^exponent with saturation, exponent > 0. */
static int32_t sat_shift_left(int32_t x, int exponent)
{
    const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1);
    if (x > threshold)
        return INT32_MAX;
    if (x < -threshold)
        return INT32_MIN;
    return (int32_t)((uint32_t)x << exponent);
}

/* exp(a) for a in [-1/4, 0), Q0.31 in and out: Taylor series around -1/8. */
static int32_t exp_quarter_interval(int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668;
    const int32_t one_third = 715827883;
    int32_t x = a + (1 << 28);
    int32_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
    int32_t x4_over_4 = tb_rounding_divide_by_pot(x4, 2);
    int32_t poly = tb_rounding_divide_by_pot(mul(x4_over_4 + x3, one_third) + x2, 1);
    return exp_minus_one_eighth + mul(exp_minus_one_eighth, x + poly);
}

/* exp(a) for a <= 0 in Q5.26; result Q0.31. */
static int32_t exp_on_negative_values(int32_t a)
{
    enum { FRAC = 31 - SCALED_DIFF_INT_BITS };
    static const int32_t exp_of_minus_pot[7] = {
        1672461947, /* exp(-1/4) */
        1302514674, /* exp(-1/2) */
        790015084,  /* exp(-1)   */
        290630308,  /* exp(-2)   */
        39332535,   /* exp(-4)   */
        720401,     /* exp(-8)   */
        242,        /* exp(-16)  */
    };
    if (a == 0)
        return INT32_MAX;
    const int32_t one_quarter = 1 << (FRAC - 2);
    int32_t a_mod_quarter_minus_quarter = (a & (one_quarter - 1)) - one_quarter;
    int32_t result = exp_quarter_interval(
        sat_shift_left(a_mod_quarter_minus_quarter, SCALED_DIFF_INT_BITS));
    int32_t remainder = a_mod_quarter_minus_quarter - a;
    for (int e = -2; e <= 4; e++)
        if (remainder & (1 << (FRAC + e)))
            result = mul(result, exp_of_minus_pot[e + 2]);
    return result;
}

static int32_t rounding_half_sum(int32_t a, int32_t b)
{
    int64_t sum = (int64_t)a + b;
    return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out. */
static int32_t one_over_one_plus_x(int32_t a)
{
    const int32_t q2_one = 1 << 29;
    int32_t half_denominator = rounding_half_sum(a, INT32_MAX);
    int32_t x = 1515870810 + mul(half_denominator, -1010580540); /* 48/17 - 32/17 d, Q2 */
    for (int i = 0; i < 3; i++) {
        int32_t one_minus_hdx = q2_one - mul(half_denominator, x);
        x = x + sat_shift_left(mul(x, one_minus_hdx), 2);
    }
    return sat_shift_left(x, 1);
}

static int32_t reciprocal(int32_t sum_q12, int *num_bits_over_unit)
{
    int headroom_plus_one = __builtin_clz((uint32_t)sum_q12);
    *num_bits_over_unit = ACCUM_INT_BITS - headroom_plus_one;
    int32_t shifted_minus_one =
        (int32_t)(((uint32_t)sum_q12 << headroom_plus_one) - (1u << 31));
    return one_over_one_plus_x(shifted_minus_one);
}

static int32_t scaled_diff(const tb_softmax_params_s8 *p, int32_t diff)
{
    return mul((int32_t)((uint32_t)diff << p->input_left_shift), p->input_mult);
}

tb_status tb_softmax_s8(const tb_softmax_params_s8 *p, const int8_t *input,
                        int8_t *output)
{
    if (p->rows < 1 || p->depth < 1 || p->input_left_shift < 0 || p->input_left_shift > 31)
        return TB_ERR_ARG;
    for (int32_t r = 0; r < p->rows; r++) {
        const int8_t *in = input + r * p->depth;
        int8_t *out = output + r * p->depth;
        int32_t max_in_row = INT8_MIN;
        for (int32_t c = 0; c < p->depth; c++)
            max_in_row = in[c] > max_in_row ? in[c] : max_in_row;
        int32_t sum_of_exps = 0;
        for (int32_t c = 0; c < p->depth; c++) {
            int32_t diff = in[c] - max_in_row;
            if (diff >= p->diff_min)
                sum_of_exps += tb_rounding_divide_by_pot(
                    exp_on_negative_values(scaled_diff(p, diff)), ACCUM_INT_BITS);
        }
        int num_bits_over_unit;
        int32_t shifted_scale = reciprocal(sum_of_exps, &num_bits_over_unit);
        for (int32_t c = 0; c < p->depth; c++) {
            int32_t diff = in[c] - max_in_row;
            int32_t v = INT8_MIN;
            if (diff >= p->diff_min) {
                int32_t e = exp_on_negative_values(scaled_diff(p, diff));
                /* A sum of 512 or more exponentials asks for a shift of 32 or
                 * more, which C leaves undefined; the exact quotient is then
                 * below one half and rounds to zero. */
                const int exponent = num_bits_over_unit + 31 - 8;
                v = exponent > 31 ? INT8_MIN
                                  : tb_rounding_divide_by_pot(mul(shifted_scale, e), exponent) + INT8_MIN;
            }
            out[c] = (int8_t)tb_clamp_i32(v, INT8_MIN, INT8_MAX);
        }
    }
    return TB_OK;
}
