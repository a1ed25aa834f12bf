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

#endif
