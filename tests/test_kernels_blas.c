/* The OpenBLAS kernel set against the reference kernels on randomised
 * shapes (fixed seeds): convolutions with strides, padding and pointwise
 * filters, depthwise convolutions (depth multipliers 1 and 2), fully
 * connected layers of one row (SGEMV) and many (SGEMM),
 * attention with and without a KV cache. fp32 within rounding: each
 * element within REL_TOL of the sum of the magnitudes of its terms, which
 * the reference kernel itself computes on the absolute values. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tb_kernels_blas.h"
#include "tb_test.h"

enum { CASES = 300, MAX_SPATIAL = 12, MAX_CHANNELS = 40 };

#include "tb_test_rand.h"

/* Two float computations of one sum in different orders each err by a few
 * ulps of the magnitude sum for these sizes (K <= 1000). */
static const double REL_TOL = 2e-5;
static const tb_clamp_f32 no_clamp = {-INFINITY, INFINITY};

static float *random_f32(tb_rng *r, size_t n)
{
    float *p = xcalloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = 2.0f * tb_rng_uniform(r) - 1.0f;
    return p;
}

static float *abs_copy(const float *x, size_t n)
{
    if (!x)
        return NULL;
    float *p = xcalloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = fabsf(x[i]);
    return p;
}

/* Clamps that the data crosses on both sides in half of the cases. */
static tb_clamp_f32 random_clamp(tb_rng *r)
{
    return urand(r, 0, 1) ? no_clamp : (tb_clamp_f32){-0.5f, 0.5f};
}

/* 1 when every element of got is within REL_TOL * mag of want. */
static int close_enough(const char *kernel, int case_no, const float *got, const float *want,
                        const float *mag, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const double tol = REL_TOL * mag[i] + 1e-30;
        if (!(fabs((double)got[i] - want[i]) <= tol)) {
            fprintf(stderr, "%s case %d: element %zu: %.9g vs reference %.9g (tolerance %g)\n",
                    kernel, case_no, i, (double)got[i], (double)want[i], tol);
            return 0;
        }
    }
    return 1;
}

/* A quarter of the cases are pointwise (1x1, stride 1, no padding), which
 * the BLAS kernel runs without im2col. */
static tb_window conv_case_window(tb_rng *r, int case_no)
{
    tb_window w = random_conv_window(r, 0);
    if (case_no % 4 == 0) {
        w.filter.h = w.filter.w = w.stride_h = w.stride_w = 1;
        w.pad_top = w.pad_left = 0;
        w.output.h = w.input.h;
        w.output.w = w.input.w;
    }
    return w;
}

/* Random tensors of one convolution case, their absolute values (for the
 * magnitudes) and outputs; a quarter of the cases have no bias. */
typedef struct {
    float *in, *filter, *bias, *ain, *afilter, *abias, *got, *want, *mag;
    size_t n_out;
    tb_clamp_f32 a;
} window_case;

static window_case window_case_new(tb_rng *r, const tb_window *w)
{
    window_case c;
    const size_t n_in = elems(&w->input), n_f = elems(&w->filter);
    c.n_out = elems(&w->output);
    c.in = random_f32(r, n_in);
    c.filter = random_f32(r, n_f);
    c.bias = urand(r, 0, 3) ? random_f32(r, (size_t)w->output.c) : NULL;
    c.ain = abs_copy(c.in, n_in);
    c.afilter = abs_copy(c.filter, n_f);
    c.abias = abs_copy(c.bias, (size_t)w->output.c);
    c.a = random_clamp(r);
    c.got = xcalloc(c.n_out, sizeof *c.got);
    c.want = xcalloc(c.n_out, sizeof *c.want);
    c.mag = xcalloc(c.n_out, sizeof *c.mag);
    return c;
}

static void window_case_free(window_case *c)
{
    free(c->in), free(c->filter), free(c->bias), free(c->ain), free(c->afilter), free(c->abias);
    free(c->got), free(c->want), free(c->mag);
}

static int test_conv_matches_ref(void)
{
    tb_rng r = {0xB1A50001};
    int pointwise = 0, padded = 0, strided = 0;
    for (int i = 0; i < CASES; i++) {
        const tb_window w = conv_case_window(&r, i);
        window_case c = window_case_new(&r, &w);
        tb_ctx ctx = {NULL, tb_conv_f32_blas_scratch_bytes(&w)};
        ctx.buf = ctx.bytes ? xcalloc(1, ctx.bytes) : NULL;
        pointwise += ctx.bytes == 0;
        padded += w.pad_top > 0 || w.pad_left > 0;
        strided += w.stride_h > 1 || w.stride_w > 1;
        TB_CHECK_EQ_INT(tb_conv_f32_blas(&ctx, &w, &c.a, c.in, c.filter, c.bias, c.got), TB_OK);
        TB_CHECK_EQ_INT(tb_conv_f32(NULL, &w, &c.a, c.in, c.filter, c.bias, c.want), TB_OK);
        TB_CHECK_EQ_INT(tb_conv_f32(NULL, &w, &no_clamp, c.ain, c.afilter, c.abias, c.mag), TB_OK);
        TB_CHECK(close_enough("conv", i, c.got, c.want, c.mag, c.n_out));
        if (ctx.bytes) {
            ctx.bytes--;
            TB_CHECK_EQ_INT(tb_conv_f32_blas(&ctx, &w, &c.a, c.in, c.filter, c.bias, c.got),
                            TB_ERR_SCRATCH);
        }
        free(ctx.buf);
        window_case_free(&c);
    }
    TB_CHECK(pointwise >= CASES / 4 && padded > 0 && strided > 0);
    return 0;
}

static int test_dwconv_matches_ref(void)
{
    tb_rng r = {0xB1A50004};
    int multiplied = 0;
    for (int i = 0; i < CASES; i++) {
        const tb_window w = random_conv_window(&r, 1);
        window_case c = window_case_new(&r, &w);
        multiplied += w.depth_multiplier > 1;
        TB_CHECK_EQ_INT(tb_dwconv_f32_vec(&w, &c.a, c.in, c.filter, c.bias, c.got), TB_OK);
        TB_CHECK_EQ_INT(tb_dwconv_f32(&w, &c.a, c.in, c.filter, c.bias, c.want), TB_OK);
        TB_CHECK_EQ_INT(tb_dwconv_f32(&w, &no_clamp, c.ain, c.afilter, c.abias, c.mag), TB_OK);
        TB_CHECK(close_enough("dwconv", i, c.got, c.want, c.mag, c.n_out));
        window_case_free(&c);
    }
    TB_CHECK(multiplied > 0 && multiplied < CASES);
    return 0;
}

static int test_fc_matches_ref(void)
{
    tb_rng r = {0xB1A50002};
    int one_row = 0;
    for (int i = 0; i < CASES; i++) {
        const tb_fc_dims d = {i % 2 ? 1 : urand(&r, 2, 9), urand(&r, 1, 300), urand(&r, 1, 70)};
        const size_t n_in = (size_t)d.batch * d.in_features, n_out = (size_t)d.batch * d.out_features;
        const size_t n_w = (size_t)d.out_features * d.in_features;
        float *in = random_f32(&r, n_in), *weights = random_f32(&r, n_w);
        float *bias = urand(&r, 0, 3) ? random_f32(&r, (size_t)d.out_features) : NULL;
        float *ain = abs_copy(in, n_in), *aw = abs_copy(weights, n_w);
        float *abias = abs_copy(bias, (size_t)d.out_features);
        const tb_clamp_f32 a = random_clamp(&r);
        float *got = xcalloc(n_out, sizeof *got), *want = xcalloc(n_out, sizeof *want);
        float *mag = xcalloc(n_out, sizeof *mag);
        one_row += d.batch == 1;
        TB_CHECK_EQ_INT(tb_fc_f32_blas(&d, &a, in, weights, bias, got), TB_OK);
        TB_CHECK_EQ_INT(tb_fc_f32(&d, &a, in, weights, bias, want), TB_OK);
        TB_CHECK_EQ_INT(tb_fc_f32(&d, &no_clamp, ain, aw, abias, mag), TB_OK);
        TB_CHECK(close_enough("fc", i, got, want, mag, n_out));
        free(in), free(weights), free(bias), free(ain), free(aw), free(abias);
        free(got), free(want), free(mag);
    }
    TB_CHECK_EQ_INT(one_row, CASES / 2);
    return 0;
}

/* Attention outputs are convex combinations of values in [-1, 1]; the
 * scores err by about head_dim ulps, so the output by as much. */
static int test_attention_matches_ref(void)
{
    tb_rng r = {0xB1A50003};
    int cached = 0, decode = 0;
    for (int i = 0; i < CASES; i++) {
        tb_attention_dims d = {urand(&r, 1, 12), urand(&r, 0, 12), urand(&r, 0, 20),
                               urand(&r, 1, 4), urand(&r, 1, 24)};
        if (d.kv_rows + d.cache_rows == 0)
            d.kv_rows = 1;
        if (i % 3 == 0)
            d.q_rows = 1;
        const size_t width = (size_t)d.heads * d.head_dim;
        float *q = random_f32(&r, (size_t)d.q_rows * width);
        float *k = random_f32(&r, (size_t)d.kv_rows * width);
        float *v = random_f32(&r, (size_t)d.kv_rows * width);
        float *kc = d.cache_rows ? random_f32(&r, (size_t)d.cache_rows * width) : NULL;
        float *vc = d.cache_rows ? random_f32(&r, (size_t)d.cache_rows * width) : NULL;
        const size_t n_out = (size_t)d.q_rows * width;
        float *got = xcalloc(n_out, sizeof *got), *want = xcalloc(n_out, sizeof *want);
        tb_ctx blas = {NULL, tb_attention_f32_blas_scratch_bytes(&d)};
        tb_ctx ref = {NULL, tb_attention_f32_scratch_bytes(&d)};
        blas.buf = xcalloc(1, blas.bytes);
        ref.buf = xcalloc(1, ref.bytes);
        cached += d.cache_rows > 0;
        decode += d.q_rows == 1;
        TB_CHECK_EQ_INT(tb_attention_f32_blas(&blas, &d, q, k, v, kc, vc, got), TB_OK);
        TB_CHECK_EQ_INT(tb_attention_f32(&ref, &d, q, k, v, kc, vc, want), TB_OK);
        const double tol = 4.0 * d.head_dim * 1.2e-7 + 1e-6;
        for (size_t j = 0; j < n_out; j++)
            if (!(fabs((double)got[j] - want[j]) <= tol)) {
                fprintf(stderr, "attention case %d (q %d kv %d cache %d heads %d dim %d): element "
                        "%zu: %.9g vs %.9g\n", i, d.q_rows, d.kv_rows, d.cache_rows, d.heads,
                        d.head_dim, j, (double)got[j], (double)want[j]);
                TB_CHECK_NEAR(got[j], want[j], tol);
                break;
            }
        blas.bytes--;
        TB_CHECK_EQ_INT(tb_attention_f32_blas(&blas, &d, q, k, v, kc, vc, got), TB_ERR_SCRATCH);
        free(q), free(k), free(v), free(kc), free(vc), free(got), free(want);
        free(blas.buf), free(ref.buf);
    }
    TB_CHECK(cached > CASES / 2 && cached < CASES && decode >= CASES / 3);
    return 0;
}

static int test_bad_dims_rejected(void)
{
    float x[4] = {0};
    tb_window w = {{1, 2, 2, 1}, {1, 1, 1, 2}, {1, 2, 2, 1}, 1, 1, 0, 0, 1}; /* filter c != input c */
    tb_ctx none = {NULL, 0};
    TB_CHECK_EQ_INT(tb_conv_f32_blas(&none, &w, &no_clamp, x, x, NULL, x), TB_ERR_ARG);
    TB_CHECK_EQ_INT(tb_dwconv_f32_vec(&w, &no_clamp, x, x, NULL, x), TB_ERR_ARG);
    const tb_fc_dims fc = {0, 1, 1};
    TB_CHECK_EQ_INT(tb_fc_f32_blas(&fc, &no_clamp, x, x, NULL, x), TB_ERR_ARG);
    const tb_attention_dims ad = {1, 1, 2, 1, 1}; /* a cache but no cache tensors */
    float s[8];
    tb_ctx ctx = {s, sizeof s};
    TB_CHECK_EQ_INT(tb_attention_f32_blas(&ctx, &ad, x, x, x, NULL, NULL, x), TB_ERR_ARG);
    return 0;
}

int main(void)
{
    TB_RUN(test_conv_matches_ref);
    TB_RUN(test_dwconv_matches_ref);
    TB_RUN(test_fc_matches_ref);
    TB_RUN(test_attention_matches_ref);
    TB_RUN(test_bad_dims_rejected);
    return tb_test_summary();
}
