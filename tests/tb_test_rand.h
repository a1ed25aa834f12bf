/* Helpers shared by the kernel tests: random integers, exact-size
 * allocations (so AddressSanitizer sees a one-element overrun) and random
 * but consistent window geometries. Needs MAX_SPATIAL and MAX_CHANNELS
 * defined by the including test. */
#ifndef TB_TEST_RAND_H
#define TB_TEST_RAND_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rng.h"
#include "tb_kernels.h"

static int32_t urand(tb_rng *r, int32_t lo, int32_t hi)
{
    return (int32_t)(lo + (int64_t)(tb_rng_next(r) % (uint64_t)((int64_t)hi - lo + 1)));
}

/* Exact-size heap blocks, so AddressSanitizer catches a kernel that reads or
 * writes one element past its tensor. */
static void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

static size_t elems(const tb_dims *d)
{
    return (size_t)d->n * (size_t)d->h * (size_t)d->w * (size_t)d->c;
}

/* One spatial axis: VALID (no padding, input at least the filter) or SAME
 * (TensorFlow's rule: output ceil(in / stride), padding split with the odd
 * cell after). Filters up to 5 keep the leading padding within 0..2. */
static int32_t random_axis(tb_rng *r, int same, int32_t k, int32_t stride, int32_t *in,
                           int32_t *pad)
{
    *in = urand(r, same ? 1 : k, MAX_SPATIAL);
    if (!same) {
        *pad = 0;
        return (*in - k) / stride + 1;
    }
    const int32_t out = (*in + stride - 1) / stride;
    const int32_t total = (out - 1) * stride + k - *in;
    *pad = total > 0 ? total / 2 : 0;
    return out;
}

/* Batch and spatial geometry; the caller fills in channels. */
static tb_window random_window(tb_rng *r, int32_t max_k)
{
    tb_window w = {0};
    const int same = urand(r, 0, 1);
    w.filter.h = urand(r, 1, max_k);
    w.filter.w = urand(r, 1, max_k);
    w.stride_h = urand(r, 1, 3);
    w.stride_w = urand(r, 1, 3);
    w.input.n = w.output.n = urand(r, 1, 2);
    w.output.h = random_axis(r, same, w.filter.h, w.stride_h, &w.input.h, &w.pad_top);
    w.output.w = random_axis(r, same, w.filter.w, w.stride_w, &w.input.w, &w.pad_left);
    w.depth_multiplier = 1;
    return w;
}

/* A random convolution (depthwise: depth multiplier 1 or 2) geometry with
 * channel counts up to MAX_CHANNELS, most of them not multiples of 4. */
static tb_window random_conv_window(tb_rng *r, int depthwise)
{
    tb_window w = random_window(r, 5);
    if (depthwise) {
        w.depth_multiplier = urand(r, 1, 2);
        w.input.c = urand(r, 1, MAX_CHANNELS);
        w.filter.n = 1;
        w.output.c = w.filter.c = w.input.c * w.depth_multiplier;
    } else {
        w.input.c = w.filter.c = urand(r, 1, MAX_CHANNELS);
        w.output.c = w.filter.n = urand(r, 1, MAX_CHANNELS);
    }
    return w;
}

#endif
