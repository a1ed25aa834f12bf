/* Helpers shared by the int8 kernel tests: random tensors, biases and
 * per-channel requantisation as TFLite produces them, and a byte-for-byte
 * comparison that prints the first differing element's case. Include after
 * tb_test.h and tb_test_rand.h. */
#ifndef TB_TEST_S8_H
#define TB_TEST_S8_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tb_kernels.h"

static int8_t *random_s8(tb_rng *r, size_t n, int32_t lo, int32_t hi)
{
    int8_t *p = xcalloc(n, 1);
    for (size_t i = 0; i < n; i++)
        p[i] = (int8_t)urand(r, lo, hi);
    return p;
}

/* Bias of the accumulator's magnitude; a quarter of the cases have none,
 * which the kernels accept as NULL. */
static int32_t *random_bias(tb_rng *r, int32_t n)
{
    if (urand(r, 0, 3) == 0)
        return NULL;
    int32_t *bias = xcalloc((size_t)n, sizeof *bias);
    for (int32_t i = 0; i < n; i++)
        bias[i] = urand(r, -50000, 50000);
    return bias;
}

/* Per-channel parameters as TFLite produces them: multipliers in
 * [2^30, 2^31), shifts in [-12, 2], any zero points, and an activation range
 * strictly inside int8 so that the clamp engages on both sides. */
static tb_requant random_requant(tb_rng *r, int32_t channels)
{
    int32_t *mult = xcalloc((size_t)channels, sizeof *mult);
    int32_t *shift = xcalloc((size_t)channels, sizeof *shift);
    for (int32_t c = 0; c < channels; c++) {
        mult[c] = urand(r, INT32_C(1) << 30, INT32_MAX);
        shift[c] = urand(r, -12, 2);
    }
    tb_requant q = {
        .input_offset = -urand(r, -128, 127),
        .output_offset = urand(r, -128, 127),
        .act_min = urand(r, -128, -20),
        .act_max = urand(r, 20, 127),
        .mult = mult,
        .shift = shift,
    };
    return q;
}

static void free_requant(tb_requant *q)
{
    free((void *)q->mult);
    free((void *)q->shift);
}

/* Compares got with want; on the first difference prints the case and, when
 * q is given, the requantisation of the differing element's channel. */
static void check_bytes(const char *kernel, int case_no, const char *params,
                        const tb_requant *q, int32_t channels, const int8_t *got,
                        const int8_t *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (got[i] == want[i])
            continue;
        fprintf(stderr, "%s case %d: %s\n  first difference at element %zu", kernel, case_no,
                params, i);
        if (q) {
            int32_t ch = (int32_t)(i % (size_t)channels);
            fprintf(stderr, " (channel %d: mult %d shift %d; in_offset %d out_offset %d act [%d, %d])",
                    ch, q->mult[ch], q->shift[ch], q->input_offset, q->output_offset, q->act_min,
                    q->act_max);
        }
        fprintf(stderr, "\n");
        TB_CHECK_EQ_INT(got[i], want[i]);
        return;
    }
}

static void describe_window(char *buf, size_t size, const tb_window *w)
{
    snprintf(buf, size,
             "batch %d input %dx%dx%d filter %dx%dx%dx%d output %dx%dx%d stride %d,%d "
             "pad_top %d pad_left %d depth_multiplier %d",
             w->input.n, w->input.h, w->input.w, w->input.c, w->filter.n, w->filter.h,
             w->filter.w, w->filter.c, w->output.h, w->output.w, w->output.c, w->stride_h,
             w->stride_w, w->pad_top, w->pad_left, w->depth_multiplier);
}

#endif
