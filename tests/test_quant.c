/* The fixed-point helpers of tb_quant.h on their edge cases (saturation,
 * ties, both shift directions) and against their definitions written in
 * 64-bit arithmetic, and the host-side tb_quantize_multiplier on random and
 * boundary reals. Every int8 kernel's bit-exactness rests on these. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "quantize.h"
#include "rng.h"
#include "tb_quant.h"
#include "tb_test.h"

enum { RANDOM_CASES = 20000 };

static int32_t urand(tb_rng *r, int32_t lo, int32_t hi)
{
    return (int32_t)(lo + (int64_t)(tb_rng_next(r) % (uint64_t)((int64_t)hi - lo + 1)));
}

/* Uniform in [0, 1) with a full 53-bit mantissa. */
static double unit_double(tb_rng *r)
{
    return (double)(tb_rng_next(r) >> 11) * 0x1p-53;
}

/* ---- definitions in 64-bit arithmetic ---------------------------------- */

static int64_t floor_div(int64_t a, int64_t d) /* d > 0; C's / truncates */
{
    int64_t q = a / d;
    return (a % d != 0 && a < 0) ? q - 1 : q;
}

/* a * b / 2^31 rounded half up (towards +infinity), as ARM's VQRDMULH. */
static int64_t def_doubling_high_mul(int32_t a, int32_t b)
{
    return floor_div((int64_t)a * b + ((int64_t)1 << 30), (int64_t)1 << 31);
}

/* x / 2^e rounded to nearest, ties away from zero. */
static int64_t def_divide_by_pot(int64_t x, int32_t e)
{
    if (e == 0)
        return x;
    const int64_t mag = ((x < 0 ? -x : x) + ((int64_t)1 << (e - 1))) >> e;
    return x < 0 ? -mag : mag;
}

/* ---- tb_sat_rounding_doubling_high_mul --------------------------------- */

static int test_doubling_high_mul_edges(void)
{
    /* The one product that does not fit: (-1) * (-1) = 1 saturates. */
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(INT32_MIN, INT32_MIN), INT32_MAX);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(INT32_MIN, INT32_MAX), -INT32_MAX);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(INT32_MAX, INT32_MAX), INT32_MAX - 1);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(INT32_MAX, 0), 0);
    /* Ties round up, not away from zero: +-0.5 -> 1 and 0, +-1.5 -> 2, -1. */
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(1 << 15, 1 << 15), 1);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(-(1 << 15), 1 << 15), 0);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(3 << 14, 1 << 16), 2);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(-(3 << 14), 1 << 16), -1);
    /* Just either side of a negative tie. */
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(-(1 << 30) - 1, 1), -1);
    TB_CHECK_EQ_INT(tb_sat_rounding_doubling_high_mul(-(1 << 30) + 1, 1), 0);
    return 0;
}

static int test_doubling_high_mul_matches_definition(void)
{
    tb_rng r = {0x0A11CE01};
    for (int i = 0; i < RANDOM_CASES; i++) {
        /* Half the draws small, so that products land near ties. */
        const int32_t lim = (i & 1) ? INT32_MAX : (1 << 16);
        const int32_t a = urand(&r, -lim, lim), b = urand(&r, -lim, lim);
        const int32_t got = tb_sat_rounding_doubling_high_mul(a, b);
        const int64_t want = def_doubling_high_mul(a, b);
        if (got != want) {
            fprintf(stderr, "a %d b %d\n", a, b);
            TB_CHECK_EQ_INT(got, want);
            break;
        }
    }
    return 0;
}

/* ---- tb_rounding_divide_by_pot ----------------------------------------- */

static int test_divide_by_pot_edges(void)
{
    /* Ties go away from zero on both sides. */
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(3, 1), 2);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-3, 1), -2);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(1, 1), 1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-1, 1), -1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-6, 2), -2);
    /* Off the ties: nearest. */
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-5, 2), -1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-7, 2), -2);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(5, 2), 1);
    /* Exponent 0 is the identity, even at the extremes. */
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(INT32_MIN, 0), INT32_MIN);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(INT32_MAX, 0), INT32_MAX);
    /* Exponent 31, the largest: every int32 maps to -1, 0 or 1. */
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(INT32_MIN, 31), -1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(INT32_MAX, 31), 1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(1 << 30, 31), 1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-(1 << 30), 31), -1);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot((1 << 30) - 1, 31), 0);
    TB_CHECK_EQ_INT(tb_rounding_divide_by_pot(-(1 << 30) + 1, 31), 0);
    return 0;
}

static int test_divide_by_pot_matches_definition(void)
{
    tb_rng r = {0x0A11CE02};
    for (int i = 0; i < RANDOM_CASES; i++) {
        const int32_t x = (i & 1) ? urand(&r, INT32_MIN, INT32_MAX) : urand(&r, -64, 64);
        const int32_t e = urand(&r, 0, (i & 1) ? 31 : 4);
        const int32_t got = tb_rounding_divide_by_pot(x, e);
        const int64_t want = def_divide_by_pot(x, e);
        if (got != want) {
            fprintf(stderr, "x %d exponent %d\n", x, e);
            TB_CHECK_EQ_INT(got, want);
            break;
        }
    }
    return 0;
}

/* ---- tb_requantize ----------------------------------------------------- */

static int test_requantize_shifts(void)
{
    const int32_t half = 1 << 30; /* multiplier 0.5 */
    /* shift > 0 scales up before the multiply. */
    TB_CHECK_EQ_INT(tb_requantize(1000, half, 2), 2000);
    TB_CHECK_EQ_INT(tb_requantize(-7, INT32_MAX, 2), -28);
    TB_CHECK_EQ_INT(tb_requantize(-1000, half, 1), -1000);
    /* shift 0: 3 * 0.5 = 1.5, a tie rounded up. */
    TB_CHECK_EQ_INT(tb_requantize(3, half, 0), 2);
    TB_CHECK_EQ_INT(tb_requantize(-3, half, 0), -1);
    /* shift < 0 rounds twice, as TFLM does: 5 * 0.25 = 1.25, yet the
     * multiply gives 2.5 -> 3 and the divide 1.5 -> 2. Once rounded it would
     * be 1. For -5: -2.5 -> -2, then -1.0 -> -1. */
    TB_CHECK_EQ_INT(tb_requantize(5, half, -1), 2);
    TB_CHECK_EQ_INT(tb_requantize(-5, half, -1), -1);
    TB_CHECK_EQ_INT(tb_requantize(-3, half, -1), -1);
    TB_CHECK_EQ_INT(tb_requantize(1 << 20, half, -12), 128);
    TB_CHECK_EQ_INT(tb_requantize(-(1 << 20), half, -12), -128);
    TB_CHECK_EQ_INT(tb_requantize(INT32_MAX, INT32_MAX, -31), 1);
    return 0;
}

static int test_requantize_matches_definition(void)
{
    tb_rng r = {0x0A11CE03};
    for (int i = 0; i < RANDOM_CASES; i++) {
        const int32_t mult = urand(&r, INT32_C(1) << 30, INT32_MAX);
        const int32_t shift = urand(&r, -31, 4);
        /* TFLM shifts left in int32, so x * 2^shift must fit. */
        const int32_t lim = shift > 0 ? INT32_MAX >> shift : INT32_MAX;
        const int32_t x = (i & 1) ? urand(&r, -lim, lim) : urand(&r, -4096, 4096);
        const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
        const int32_t got = tb_requantize(x, mult, shift);
        const int64_t want = def_divide_by_pot(def_doubling_high_mul(x * (1 << left), mult), right);
        if (got != want) {
            fprintf(stderr, "x %d mult %d shift %d\n", x, mult, shift);
            TB_CHECK_EQ_INT(got, want);
            break;
        }
    }
    return 0;
}

/* ---- tb_quantize_multiplier -------------------------------------------- */

static double represented(int32_t mult, int32_t shift)
{
    return ldexp((double)mult, shift - 31);
}

/* The precomputed form the DSP kernels use must equal tb_requantize plus
 * the offset wherever its init accepts the channel (the host C path here;
 * the Arm SMMLAR path is checked by the parity firmware under QEMU). */
static int test_requantize_fast_matches(void)
{
    tb_rng r = {0x0A11CE05};
    int checked = 0;
    for (int i = 0; i < 200000; i++) {
        const int32_t mult = urand(&r, 1 << 30, INT32_MAX);
        const int32_t shift = urand(&r, -31, -1), offset = urand(&r, -128, 127);
        const int32_t x = urand(&r, -(1 << 30) + 1, (1 << 30) - 1);
        tb_requant_fast f;
        if (!tb_requant_fast_init(&f, mult, shift, offset))
            continue;
        checked++;
        const int32_t want = tb_requantize(x, mult, shift) + offset;
        const int32_t got = tb_requantize_fast(2 * x, &f);
        if (got != want) {
            fprintf(stderr, "x %d mult %d shift %d offset %d: %d != %d\n", x, mult, shift,
                    offset, got, want);
            TB_CHECK(0);
            break;
        }
    }
    TB_CHECK(checked > 100000);
    /* Out of its domain it declines rather than computing something else. */
    tb_requant_fast f;
    TB_CHECK_EQ_INT(tb_requant_fast_init(&f, 1 << 30, 0, 0), 0);
    TB_CHECK_EQ_INT(tb_requant_fast_init(&f, 1 << 30, 2, 0), 0);
    TB_CHECK_EQ_INT(tb_requant_fast_init(&f, -5, -3, 0), 0);
    return 0;
}

static int test_quantize_multiplier_random(void)
{
    tb_rng r = {0x0A11CE04};
    for (int i = 0; i < RANDOM_CASES; i++) {
        const double real = 1e-6 * pow(1e9, unit_double(&r)); /* log-uniform [1e-6, 1e3] */
        int32_t mult, shift;
        tb_quantize_multiplier(real, &mult, &shift);
        const double got = represented(mult, shift);
        /* Normalised, within 1e-9, and the nearest representable value
         * (half a unit of the last place at most). */
        if (mult < (INT32_C(1) << 30) || fabs(got - real) > 1e-9 * real ||
            fabs(got - real) > ldexp(0.5, shift - 31)) {
            fprintf(stderr, "real %.17g -> mult %d shift %d = %.17g\n", real, mult, shift, got);
            TB_CHECK(0);
            break;
        }
    }
    return 0;
}

static void check_quantized(double real, int32_t want_mult, int32_t want_shift)
{
    int32_t mult = -1, shift = -1;
    tb_quantize_multiplier(real, &mult, &shift);
    if (mult != want_mult || shift != want_shift)
        fprintf(stderr, "real %.17g\n", real);
    TB_CHECK_EQ_INT(mult, want_mult);
    TB_CHECK_EQ_INT(shift, want_shift);
}

static int test_quantize_multiplier_edges(void)
{
    check_quantized(0.0, 0, 0);
    check_quantized(1.0, 1 << 30, 1);
    check_quantized(0.5, 1 << 30, 0);
    /* Rounds up to 2^31: renormalised to the next power of two. */
    check_quantized(1.0 - 0x1p-40, 1 << 30, 1);
    /* 2^-32 is the smallest kept (shift -31); anything below flushes. */
    check_quantized(0x1p-32, 1 << 30, -31);
    check_quantized(0x1.8p-33, 0, 0);
    check_quantized(1e-12, 0, 0);
    /* Above 2^30 the left shift would overflow: saturated, as documented. */
    check_quantized(0x1p40, INT32_MAX, 30);
    return 0;
}

int main(void)
{
    TB_RUN(test_doubling_high_mul_edges);
    TB_RUN(test_doubling_high_mul_matches_definition);
    TB_RUN(test_divide_by_pot_edges);
    TB_RUN(test_divide_by_pot_matches_definition);
    TB_RUN(test_requantize_shifts);
    TB_RUN(test_requantize_matches_definition);
    TB_RUN(test_requantize_fast_matches);
    TB_RUN(test_quantize_multiplier_random);
    TB_RUN(test_quantize_multiplier_edges);
    return tb_test_summary();
}
