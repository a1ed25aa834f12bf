/* Fixed-point requantisation helpers, bit-exact with TensorFlow Lite Micro's
 * reference kernels (and so with CMSIS-NN): a saturating rounding doubling
 * high multiply followed by a rounding divide by a power of two, ties away
 * from zero. Every int8 kernel of every tier goes through these. */
#ifndef TB_QUANT_H
#define TB_QUANT_H

#include <stdint.h>

static inline int32_t tb_clamp_i32(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* (a * b * 2) >> 32 rounded to nearest; the one overflowing case
 * INT32_MIN * INT32_MIN saturates to INT32_MAX. */
static inline int32_t tb_sat_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN)
        return INT32_MAX;
    int64_t ab = (int64_t)a * (int64_t)b;
    int64_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    int64_t sum = ab + nudge;
    /* Division (not a shift) truncates toward zero, as gemmlowp does. */
    return (int32_t)(sum / ((int64_t)1 << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero. */
static inline int32_t tb_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    int32_t remainder = x & mask;
    int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLM's MultiplyByQuantizedMultiplier: shift > 0 scales up first. */
static inline int32_t tb_requantize(int32_t x, int32_t mult, int32_t shift)
{
    int32_t left = shift > 0 ? shift : 0;
    int32_t right = shift > 0 ? 0 : -shift;
    int32_t scaled = (int32_t)((uint32_t)x << left);
    return tb_rounding_divide_by_pot(
        tb_sat_rounding_doubling_high_mul(scaled, mult), right);
}

/* tb_requantize(x, mult, shift) + offset, for shift < 0 and |x| < 2^30,
 * from 2x and three per-channel constants worked out once per channel: per
 * output one 32 x 32 -> high-word multiply-accumulate with rounding, and a
 * shift (SMMLAR and ASR on Arm, with an ADD for the sign). Bit-exact, by
 * this argument. Let e = -shift (1..31). The doubling high multiply is
 * floor((x * mult + 2^30) / 2^31): its nudge and truncating division agree
 * with that floor for either sign of the product; it cannot saturate, as
 * |x| < 2^30; and it equals floor((2x * mult + 2^31) / 2^32), SMMULR of 2x
 * and mult. With t that result, the divide by 2^e is
 * (t + 2^(e-1) - [t < 0]) >> e, and with mult >= 0 [x < 0] may stand in
 * for [t < 0]: they differ only when t = 0, which both map to 0. The
 * offset joins the constant as offset * 2^e, a whole multiple of the
 * divisor, and nothing overflows while the constant's size stays under
 * 2^30 (|t| < 2^30 as well). */
typedef struct {
    int32_t round; /* 2^(e-1) + offset * 2^e */
    int32_t mult;
    int32_t shift; /* e */
} tb_requant_fast;

/* The constants for one channel, or 0 when the form does not apply
 * (shift >= 0 or < -31, mult < 0, or an offset too large for e): callers
 * keep tb_requantize for those. */
static inline int tb_requant_fast_init(tb_requant_fast *f, int32_t mult, int32_t shift,
                                       int32_t offset)
{
    if (shift >= 0 || shift < -31 || mult < 0)
        return 0;
    /* Powers of two as uint32 products, not 64-bit shifts: kernels set up
     * every channel, and a variable 64-bit shift is a dozen instructions
     * on a 32-bit core. */
    const int64_t round =
        (int64_t)(UINT32_C(1) << (-shift - 1)) + (int64_t)offset * (int64_t)(UINT32_C(1) << -shift);
    if (round >= (1 << 30) || round <= -(1 << 30))
        return 0;
    f->round = (int32_t)round;
    f->mult = mult;
    f->shift = -shift;
    return 1;
}

/* tb_requantize(x, mult, shift) + offset for the channel f was made from,
 * given x2 = 2x, |x| < 2^30. */
static inline int32_t tb_requantize_fast(int32_t x2, const tb_requant_fast *f)
{
    int32_t t = f->round + (x2 >> 31);
#if defined(__ARM_FEATURE_DSP)
    /* GCC does not fold the rounded high-word multiply-accumulate into
     * SMMLAR; written as the 64-bit expression it takes five instructions
     * more. */
    __asm__("smmlar %0, %1, %2, %0" : "+r"(t) : "r"(x2), "r"(f->mult));
#else
    t += (int32_t)(((int64_t)x2 * f->mult + ((int64_t)1 << 31)) >> 32);
#endif
    return t >> f->shift;
}

#endif
