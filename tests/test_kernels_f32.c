/* fp32 reference kernels against naive loops written here in double
 * precision, over a few hundred randomised shapes per kernel (fixed seeds, so
 * a failure reproduces and prints its case). fp32 results are compared within
 * a relative tolerance, not bit for bit: summation order is free. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tb_kernels.h"
#include "tb_test.h"

enum { CASES = 300, MAX_SPATIAL = 12, MAX_CHANNELS = 19 };

#include "tb_test_rand.h"

/* Relative to the sum of the magnitudes of the terms that made a result:
 * float rounding error scales with that, not with the (possibly cancelled)
 * result itself. */
static const double REL_TOL = 1e-5;

/* ---- random data ------------------------------------------------------ */

static float frand(tb_rng *r, float lo, float hi)
{
    return lo + (hi - lo) * tb_rng_uniform(r);
}

static float *random_f32(tb_rng *r, size_t n)
{
    float *p = xcalloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = frand(r, -1.0f, 1.0f);
    return p;
}

/* A quarter of the cases run unclamped; the rest get a range that the data
 * crosses on both sides. */
static tb_clamp_f32 random_clamp(tb_rng *r)
{
    if (urand(r, 0, 3) == 0)
        return (tb_clamp_f32){-INFINITY, INFINITY};
    return (tb_clamp_f32){frand(r, -1.0f, -0.05f), frand(r, 0.05f, 1.0f)};
}

/* How often the expected values fell below, inside and above the clamp; a
 * test whose clamps never engage (or always do) proves little. */
static struct {
    long below, inside, above;
} seen;

static double clamp_counted(double v, const tb_clamp_f32 *a)
{
    if (v < a->act_min) {
        seen.below++;
        return a->act_min;
    }
    if (v > a->act_max) {
        seen.above++;
        return a->act_max;
    }
    seen.inside++;
    return v;
}

static void check_clamps_seen(void)
{
    TB_CHECK(seen.below > 0);
    TB_CHECK(seen.inside > 0);
    TB_CHECK(seen.above > 0);
    seen.below = seen.inside = seen.above = 0;
}

/* ---- reporting --------------------------------------------------------- */

/* Compares got with the double-precision want, each element within
 * REL_TOL * mag[i]; on the first miss prints the case. */
static void check_close(const char *kernel, int case_no, const char *params, const float *got,
                        const double *want, const double *mag, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const double tol = REL_TOL * mag[i] + 1e-30;
        if (fabs(got[i] - want[i]) <= tol)
            continue;
        fprintf(stderr, "%s case %d: %s\n  first difference at element %zu\n", kernel, case_no,
                params, i);
        TB_CHECK_NEAR(got[i], want[i], tol);
        return;
    }
}

static void describe_window(char *buf, size_t size, const tb_window *w, const tb_clamp_f32 *a)
{
    snprintf(buf, size,
             "batch %d input %dx%dx%d filter %dx%dx%dx%d output %dx%dx%d stride %d,%d "
             "pad_top %d pad_left %d depth_multiplier %d clamp [%g, %g]",
             w->input.n, w->input.h, w->input.w, w->input.c, w->filter.n, w->filter.h,
             w->filter.w, w->filter.c, w->output.h, w->output.w, w->output.c, w->stride_h,
             w->stride_w, w->pad_top, w->pad_left, w->depth_multiplier, (double)a->act_min,
             (double)a->act_max);
}

/* ---- window geometry --------------------------------------------------- */

/* Input at (b, y, x, c), zero where (y, x) is padding. */
static double input_at(const float *in, const tb_dims *d, int32_t b, int32_t y, int32_t x,
                       int32_t c)
{
    if (y < 0 || y >= d->h || x < 0 || x >= d->w)
        return 0.0;
    return in[(((size_t)b * d->h + y) * d->w + x) * d->c + c];
}

/* ---- convolution and depthwise convolution ---------------------------- */

/* Direct definition of both: output channel oc of a depthwise convolution
 * reads input channel oc / depth_multiplier through filter [1,H,W,C*M];
 * a 2-D convolution reads every input channel through filter OHWI. */
static void naive_conv(const tb_window *w, const tb_clamp_f32 *a, const float *in,
                       const float *filter, const float *bias, double *want, double *mag,
                       int depthwise)
{
    const tb_dims *id = &w->input, *fd = &w->filter, *od = &w->output;
    for (int32_t b = 0; b < od->n; b++)
        for (int32_t oy = 0; oy < od->h; oy++)
            for (int32_t ox = 0; ox < od->w; ox++)
                for (int32_t oc = 0; oc < od->c; oc++) {
                    const int32_t ic_first = depthwise ? oc / w->depth_multiplier : 0;
                    const int32_t ic_end = depthwise ? ic_first + 1 : id->c;
                    double acc = bias ? bias[oc] : 0.0, m = fabs(acc);
                    for (int32_t ky = 0; ky < fd->h; ky++)
                        for (int32_t kx = 0; kx < fd->w; kx++)
                            for (int32_t ic = ic_first; ic < ic_end; ic++) {
                                const double x = input_at(in, id, b,
                                                          oy * w->stride_h - w->pad_top + ky,
                                                          ox * w->stride_w - w->pad_left + kx, ic);
                                const size_t f = depthwise
                                    ? ((size_t)ky * fd->w + kx) * fd->c + oc
                                    : (((size_t)oc * fd->h + ky) * fd->w + kx) * fd->c + ic;
                                acc += x * filter[f];
                                m += fabs(x * filter[f]);
                            }
                    const size_t o = (((size_t)b * od->h + oy) * od->w + ox) * od->c + oc;
                    want[o] = clamp_counted(acc, a);
                    mag[o] = m;
                }
}

/* One random case on a window whose channels the caller set; a quarter of
 * the cases have no bias. */
static void run_conv_case(tb_rng *r, const tb_window *w, int depthwise, int case_no)
{
    const size_t n_out = elems(&w->output);
    float *in = random_f32(r, elems(&w->input)), *filter = random_f32(r, elems(&w->filter));
    float *bias = urand(r, 0, 3) ? random_f32(r, (size_t)w->output.c) : NULL;
    const tb_clamp_f32 a = random_clamp(r);
    float *got = xcalloc(n_out, sizeof *got);
    double *want = xcalloc(n_out, sizeof *want), *mag = xcalloc(n_out, sizeof *mag);
    TB_CHECK_EQ_INT(depthwise ? tb_dwconv_f32(w, &a, in, filter, bias, got)
                              : tb_conv_f32(NULL, w, &a, in, filter, bias, got),
                    TB_OK);
    naive_conv(w, &a, in, filter, bias, want, mag, depthwise);
    char params[320];
    describe_window(params, sizeof params, w, &a);
    check_close(depthwise ? "dwconv" : "conv", case_no, params, got, want, mag, n_out);
    free(in);
    free(filter);
    free(bias);
    free(got);
    free(want);
    free(mag);
}

static int test_conv_matches_naive(void)
{
    tb_rng r = {0xF32C0001};
    for (int i = 0; i < CASES; i++) {
        tb_window w = random_conv_window(&r, 0);
        run_conv_case(&r, &w, 0, i);
    }
    check_clamps_seen();
    return 0;
}

static int test_dwconv_matches_naive(void)
{
    tb_rng r = {0xF32C0002};
    for (int i = 0; i < CASES; i++) {
        tb_window w = random_conv_window(&r, 1);
        run_conv_case(&r, &w, 1, i);
    }
    check_clamps_seen();
    return 0;
}

/* ---- fully connected --------------------------------------------------- */

static int test_fc_matches_naive(void)
{
    tb_rng r = {0xF32C0003};
    for (int i = 0; i < CASES; i++) {
        const tb_fc_dims d = {urand(&r, 1, 2), urand(&r, 1, 70), urand(&r, 1, 21)};
        const size_t n_out = (size_t)d.batch * d.out_features;
        float *in = random_f32(&r, (size_t)d.batch * d.in_features);
        float *weights = random_f32(&r, (size_t)d.out_features * d.in_features);
        float *bias = urand(&r, 0, 3) ? random_f32(&r, (size_t)d.out_features) : NULL;
        const tb_clamp_f32 a = random_clamp(&r);
        float *got = xcalloc(n_out, sizeof *got);
        double *want = xcalloc(n_out, sizeof *want), *mag = xcalloc(n_out, sizeof *mag);
        TB_CHECK_EQ_INT(tb_fc_f32(&d, &a, in, weights, bias, got), TB_OK);
        for (int32_t b = 0; b < d.batch; b++)
            for (int32_t o = 0; o < d.out_features; o++) {
                double acc = bias ? bias[o] : 0.0, m = fabs(acc);
                for (int32_t k = 0; k < d.in_features; k++) {
                    const double t = (double)in[(size_t)b * d.in_features + k] *
                                     weights[(size_t)o * d.in_features + k];
                    acc += t;
                    m += fabs(t);
                }
                want[(size_t)b * d.out_features + o] = clamp_counted(acc, &a);
                mag[(size_t)b * d.out_features + o] = m;
            }
        char params[128];
        snprintf(params, sizeof params, "batch %d in_features %d out_features %d%s clamp [%g, %g]",
                 d.batch, d.in_features, d.out_features, bias ? "" : " no bias",
                 (double)a.act_min, (double)a.act_max);
        check_close("fc", i, params, got, want, mag, n_out);
        free(in);
        free(weights);
        free(bias);
        free(got);
        free(want);
        free(mag);
    }
    check_clamps_seen();
    return 0;
}

/* ---- pooling ----------------------------------------------------------- */

/* Padding cells are outside the window: the average divides by the number
 * of real cells. */
static void naive_pool(const tb_window *w, const tb_clamp_f32 *a, const float *in, double *want,
                       double *mag, int is_max)
{
    const tb_dims *id = &w->input, *od = &w->output;
    for (int32_t b = 0; b < od->n; b++)
        for (int32_t oy = 0; oy < od->h; oy++)
            for (int32_t ox = 0; ox < od->w; ox++)
                for (int32_t c = 0; c < od->c; c++) {
                    double sum = 0.0, abs_sum = 0.0, max = -INFINITY;
                    int32_t count = 0;
                    for (int32_t ky = 0; ky < w->filter.h; ky++)
                        for (int32_t kx = 0; kx < w->filter.w; kx++) {
                            const int32_t y = oy * w->stride_h - w->pad_top + ky;
                            const int32_t x = ox * w->stride_w - w->pad_left + kx;
                            if (y < 0 || y >= id->h || x < 0 || x >= id->w)
                                continue;
                            const double v = in[(((size_t)b * id->h + y) * id->w + x) * id->c + c];
                            sum += v;
                            abs_sum += fabs(v);
                            count++;
                            max = v > max ? v : max;
                        }
                    TB_CHECK(count > 0); /* SAME and VALID windows always hold a cell */
                    const size_t o = (((size_t)b * od->h + oy) * od->w + ox) * od->c + c;
                    want[o] = clamp_counted(is_max ? max : sum / (count ? count : 1), a);
                    mag[o] = is_max ? fabs(max) : abs_sum / (count ? count : 1);
                }
}

static void run_pool_cases(uint64_t seed, int is_max)
{
    tb_rng r = {seed};
    for (int i = 0; i < CASES; i++) {
        tb_window w = random_window(&r, 4);
        w.input.c = w.output.c = urand(&r, 1, MAX_CHANNELS);
        w.filter.n = w.filter.c = 1;
        const tb_clamp_f32 a = random_clamp(&r);
        const size_t n_out = elems(&w.output);
        float *in = random_f32(&r, elems(&w.input)), *got = xcalloc(n_out, sizeof *got);
        double *want = xcalloc(n_out, sizeof *want), *mag = xcalloc(n_out, sizeof *mag);
        TB_CHECK_EQ_INT(is_max ? tb_maxpool_f32(&w, &a, in, got) : tb_avgpool_f32(&w, &a, in, got),
                        TB_OK);
        naive_pool(&w, &a, in, want, mag, is_max);
        char params[320];
        describe_window(params, sizeof params, &w, &a);
        check_close(is_max ? "maxpool" : "avgpool", i, params, got, want, mag, n_out);
        free(in);
        free(got);
        free(want);
        free(mag);
    }
    check_clamps_seen();
}

static int test_avgpool_matches_naive(void)
{
    run_pool_cases(0xF32C0004, 0);
    return 0;
}

static int test_maxpool_matches_naive(void)
{
    run_pool_cases(0xF32C0005, 1);
    return 0;
}

/* ---- add --------------------------------------------------------------- */

static int test_add_matches_naive(void)
{
    tb_rng r = {0xF32C0006};
    for (int i = 0; i < CASES; i++) {
        const int32_t count = urand(&r, 1, 257);
        float *x = random_f32(&r, (size_t)count), *y = random_f32(&r, (size_t)count);
        const tb_clamp_f32 a = random_clamp(&r);
        float *got = xcalloc((size_t)count, sizeof *got);
        double *want = xcalloc((size_t)count, sizeof *want);
        double *mag = xcalloc((size_t)count, sizeof *mag);
        TB_CHECK_EQ_INT(tb_add_f32(&a, count, x, y, got), TB_OK);
        for (int32_t k = 0; k < count; k++) {
            want[k] = clamp_counted((double)x[k] + y[k], &a);
            mag[k] = fabs(x[k]) + fabs(y[k]);
        }
        char params[96];
        snprintf(params, sizeof params, "count %d clamp [%g, %g]", count, (double)a.act_min,
                 (double)a.act_max);
        check_close("add", i, params, got, want, mag, (size_t)count);
        free(x);
        free(y);
        free(got);
        free(want);
        free(mag);
    }
    check_clamps_seen();
    return 0;
}

/* ---- softmax ----------------------------------------------------------- */

/* Each probability within REL_TOL of the double-precision value (relative
 * to itself: exp and one division keep relative error small even for tiny
 * probabilities), and every row summing to one. Logits span [-10, 10] and
 * beta [0.25, 2] so that the smallest probabilities stay normal floats. */
static int test_softmax_matches_naive(void)
{
    tb_rng r = {0xF32C0007};
    for (int i = 0; i < CASES; i++) {
        const tb_softmax_params_f32 p = {urand(&r, 1, 4), urand(&r, 1, 300),
                                         frand(&r, 0.25f, 2.0f)};
        const size_t n = (size_t)p.rows * p.depth;
        float *in = xcalloc(n, sizeof *in), *got = xcalloc(n, sizeof *got);
        double *want = xcalloc(n, sizeof *want), *mag = xcalloc(n, sizeof *mag);
        for (size_t k = 0; k < n; k++)
            in[k] = frand(&r, -10.0f, 10.0f);
        TB_CHECK_EQ_INT(tb_softmax_f32(&p, in, got), TB_OK);
        char params[96];
        snprintf(params, sizeof params, "rows %d depth %d beta %.9g", p.rows, p.depth,
                 (double)p.beta);
        for (int32_t row = 0; row < p.rows; row++) {
            const float *x = in + (size_t)row * p.depth;
            double max = x[0], sum = 0.0, got_sum = 0.0;
            for (int32_t c = 1; c < p.depth; c++)
                max = x[c] > max ? x[c] : max;
            for (int32_t c = 0; c < p.depth; c++)
                sum += exp(p.beta * (x[c] - max));
            for (int32_t c = 0; c < p.depth; c++) {
                const size_t k = (size_t)row * p.depth + c;
                want[k] = exp(p.beta * (x[c] - max)) / sum;
                mag[k] = want[k];
                got_sum += got[k];
            }
            if (fabs(got_sum - 1.0) > REL_TOL) {
                fprintf(stderr, "softmax case %d: %s row %d\n", i, params, row);
                TB_CHECK_NEAR(got_sum, 1.0, REL_TOL);
            }
        }
        check_close("softmax", i, params, got, want, mag, n);
        free(in);
        free(got);
        free(want);
        free(mag);
    }
    return 0;
}

/* ---- transformer ops ---------------------------------------------------- */

/* LayerNorm rows with a large common offset, so that a one-pass variance
 * would lose them; tolerance relative to the magnitude of each term of the
 * affine output (|normalised * gamma| + |beta|). */
static int test_layernorm_matches_naive(void)
{
    tb_rng r = {0xF32C0008};
    for (int i = 0; i < CASES; i++) {
        const tb_layernorm_dims d = {urand(&r, 1, 5), urand(&r, 2, 300), 1e-5f};
        const size_t n = (size_t)d.rows * d.depth;
        float *in = random_f32(&r, n), *got = xcalloc(n, sizeof *got);
        float *gamma = random_f32(&r, (size_t)d.depth), *beta = random_f32(&r, (size_t)d.depth);
        double *want = xcalloc(n, sizeof *want), *mag = xcalloc(n, sizeof *mag);
        const float offset = frand(&r, -50.0f, 50.0f);
        for (size_t k = 0; k < n; k++)
            in[k] += offset;
        TB_CHECK_EQ_INT(tb_layernorm_f32(&d, in, gamma, beta, got), TB_OK);
        for (int32_t row = 0; row < d.rows; row++) {
            const float *x = in + (size_t)row * d.depth;
            double mean = 0.0, var = 0.0;
            for (int32_t c = 0; c < d.depth; c++)
                mean += x[c];
            mean /= d.depth;
            for (int32_t c = 0; c < d.depth; c++)
                var += (x[c] - mean) * (x[c] - mean);
            var /= d.depth;
            for (int32_t c = 0; c < d.depth; c++) {
                const size_t k = (size_t)row * d.depth + c;
                const double norm = (x[c] - mean) / sqrt(var + d.epsilon);
                want[k] = norm * gamma[c] + beta[c];
                /* float inputs near |offset| carry offset * 2^-24 of rounding */
                mag[k] = (fabs(norm) + 1.0 + fabs(offset)) * fabs(gamma[c]) * 4 + fabs(beta[c]);
            }
        }
        char params[64];
        snprintf(params, sizeof params, "rows %d depth %d offset %g", d.rows, d.depth,
                 (double)offset);
        check_close("layernorm", i, params, got, want, mag, n);
        free(in), free(got), free(gamma), free(beta), free(want), free(mag);
    }
    const tb_layernorm_dims bad = {1, 4, 0.0f};
    float x[4] = {0}, y[4];
    TB_CHECK_EQ_INT(tb_layernorm_f32(&bad, x, x, x, y), TB_ERR_ARG);
    return 0;
}

static int test_gelu_matches_naive(void)
{
    tb_rng r = {0xF32C0009};
    const size_t n = 4096;
    float *in = xcalloc(n, sizeof *in), *got = xcalloc(n, sizeof *got);
    double *want = xcalloc(n, sizeof *want), *mag = xcalloc(n, sizeof *mag);
    for (size_t k = 0; k < n; k++) {
        in[k] = frand(&r, -8.0f, 8.0f);
        want[k] = 0.5 * in[k] * (1.0 + erf(in[k] / sqrt(2.0)));
        mag[k] = fabs(in[k]) * 4; /* erff and the product round at float */
    }
    TB_CHECK_EQ_INT(tb_gelu_f32((int32_t)n, in, got), TB_OK);
    check_close("gelu", 0, "x in [-8, 8]", got, want, mag, n);
    /* The tails: GELU(8) is 8 and GELU(-8) is 0 to float precision. */
    const float tails[2] = {8.0f, -8.0f};
    float out[2];
    TB_CHECK_EQ_INT(tb_gelu_f32(2, tails, out), TB_OK);
    TB_CHECK_NEAR(out[0], 8.0, 1e-6);
    TB_CHECK_NEAR(out[1], 0.0, 1e-6);
    free(in), free(got), free(want), free(mag);
    return 0;
}

/* Multi-head attention against a double-precision softmax(q k^T / sqrt(d)) v
 * per head, with and without a KV cache. The output is a convex
 * combination of values, so the tolerance is relative to max |v|. */
static int test_attention_matches_naive(void)
{
    tb_rng r = {0xF32C000A};
    for (int i = 0; i < CASES / 3; i++) {
        tb_attention_dims d = {urand(&r, 1, 9), urand(&r, 1, 9), 0, urand(&r, 1, 4),
                               urand(&r, 1, 16)};
        if (urand(&r, 0, 1))
            d.cache_rows = urand(&r, 1, 20);
        const int32_t width = d.heads * d.head_dim, keys = d.cache_rows + d.kv_rows;
        float *q = random_f32(&r, (size_t)d.q_rows * width);
        float *k = random_f32(&r, (size_t)d.kv_rows * width);
        float *v = random_f32(&r, (size_t)d.kv_rows * width);
        float *kc = d.cache_rows ? random_f32(&r, (size_t)d.cache_rows * width) : NULL;
        float *vc = d.cache_rows ? random_f32(&r, (size_t)d.cache_rows * width) : NULL;
        const size_t n = (size_t)d.q_rows * width;
        float *got = xcalloc(n, sizeof *got);
        double *want = xcalloc(n, sizeof *want), *mag = xcalloc(n, sizeof *mag);
        double *p = xcalloc((size_t)keys, sizeof *p);
        tb_ctx scratch = {xcalloc(tb_attention_f32_scratch_bytes(&d), 1),
                          tb_attention_f32_scratch_bytes(&d)};
        TB_CHECK_EQ_INT(tb_attention_f32(&scratch, &d, q, k, v, kc, vc, got), TB_OK);
        for (int32_t h = 0; h < d.heads; h++)
            for (int32_t row = 0; row < d.q_rows; row++) {
                double max = -INFINITY, sum = 0.0;
                for (int32_t j = 0; j < keys; j++) {
                    const float *kr = j < d.cache_rows ? kc + (size_t)j * width
                                                       : k + (size_t)(j - d.cache_rows) * width;
                    double dot = 0.0;
                    for (int32_t c = 0; c < d.head_dim; c++)
                        dot += (double)q[(size_t)row * width + h * d.head_dim + c] *
                               kr[h * d.head_dim + c];
                    p[j] = dot / sqrt((double)d.head_dim);
                    max = p[j] > max ? p[j] : max;
                }
                for (int32_t j = 0; j < keys; j++)
                    sum += p[j] = exp(p[j] - max);
                for (int32_t c = 0; c < d.head_dim; c++) {
                    const size_t o = (size_t)row * width + h * d.head_dim + c;
                    want[o] = 0.0;
                    mag[o] = 10.0; /* |v| <= 1; float softmax and sums */
                    for (int32_t j = 0; j < keys; j++) {
                        const float *vr = j < d.cache_rows
                                              ? vc + (size_t)j * width
                                              : v + (size_t)(j - d.cache_rows) * width;
                        want[o] += p[j] / sum * vr[h * d.head_dim + c];
                    }
                }
            }
        char params[96];
        snprintf(params, sizeof params, "q %d kv %d cache %d heads %d head_dim %d", d.q_rows,
                 d.kv_rows, d.cache_rows, d.heads, d.head_dim);
        check_close("attention", i, params, got, want, mag, n);
        tb_ctx small = {scratch.buf, scratch.bytes - 1};
        TB_CHECK_EQ_INT(tb_attention_f32(&small, &d, q, k, v, kc, vc, got), TB_ERR_SCRATCH);
        free(q), free(k), free(v), free(kc), free(vc), free(got), free(want), free(mag), free(p);
        free(scratch.buf);
    }
    return 0;
}

/* ---- argument checks --------------------------------------------------- */

/* A small valid geometry; each check breaks one relation. Buffers are large
 * enough for any of the broken variants. */
static int test_inconsistent_dims_rejected(void)
{
    static float in[1024], filter[1024], out[1024];
    const tb_clamp_f32 a = {-INFINITY, INFINITY};
    const tb_window conv = {.input = {1, 5, 5, 3}, .filter = {4, 3, 3, 3},
                            .output = {1, 3, 3, 4}, .stride_h = 1, .stride_w = 1,
                            .depth_multiplier = 1};
    tb_window w = conv;
    TB_CHECK_EQ_INT(tb_conv_f32(NULL, &w, &a, in, filter, NULL, out), TB_OK);
    w.filter.c = 2;
    TB_CHECK_EQ_INT(tb_conv_f32(NULL, &w, &a, in, filter, NULL, out), TB_ERR_ARG);
    w = conv;
    w.output.n = 2;
    TB_CHECK_EQ_INT(tb_conv_f32(NULL, &w, &a, in, filter, NULL, out), TB_ERR_ARG);

    const tb_window dw = {.input = {1, 5, 5, 3}, .filter = {1, 3, 3, 6},
                          .output = {1, 3, 3, 6}, .stride_h = 1, .stride_w = 1,
                          .depth_multiplier = 2};
    w = dw;
    TB_CHECK_EQ_INT(tb_dwconv_f32(&w, &a, in, filter, NULL, out), TB_OK);
    w.depth_multiplier = 0;
    TB_CHECK_EQ_INT(tb_dwconv_f32(&w, &a, in, filter, NULL, out), TB_ERR_ARG);
    w = dw;
    w.filter.c = 3;
    TB_CHECK_EQ_INT(tb_dwconv_f32(&w, &a, in, filter, NULL, out), TB_ERR_ARG);

    const tb_fc_dims fc = {2, 10, 4};
    tb_fc_dims d = fc;
    TB_CHECK_EQ_INT(tb_fc_f32(&d, &a, in, filter, NULL, out), TB_OK);
    d.in_features = 0;
    TB_CHECK_EQ_INT(tb_fc_f32(&d, &a, in, filter, NULL, out), TB_ERR_ARG);

    const tb_window pool = {.input = {1, 5, 5, 3}, .filter = {1, 2, 2, 1},
                            .output = {1, 2, 2, 3}, .stride_h = 2, .stride_w = 2};
    w = pool;
    TB_CHECK_EQ_INT(tb_avgpool_f32(&w, &a, in, out), TB_OK);
    w.output.c = 4;
    TB_CHECK_EQ_INT(tb_avgpool_f32(&w, &a, in, out), TB_ERR_ARG);
    TB_CHECK_EQ_INT(tb_maxpool_f32(&w, &a, in, out), TB_ERR_ARG);

    TB_CHECK_EQ_INT(tb_add_f32(&a, -1, in, filter, out), TB_ERR_ARG);
    TB_CHECK_EQ_INT(tb_softmax_f32(&(tb_softmax_params_f32){0, 8, 1.0f}, in, out), TB_ERR_ARG);
    TB_CHECK_EQ_INT(tb_softmax_f32(&(tb_softmax_params_f32){2, 0, 1.0f}, in, out), TB_ERR_ARG);
    return 0;
}

int main(void)
{
    TB_RUN(test_conv_matches_naive);
    TB_RUN(test_dwconv_matches_naive);
    TB_RUN(test_fc_matches_naive);
    TB_RUN(test_avgpool_matches_naive);
    TB_RUN(test_maxpool_matches_naive);
    TB_RUN(test_add_matches_naive);
    TB_RUN(test_softmax_matches_naive);
    TB_RUN(test_layernorm_matches_naive);
    TB_RUN(test_gelu_matches_naive);
    TB_RUN(test_attention_matches_naive);
    TB_RUN(test_inconsistent_dims_rejected);
    return tb_test_summary();
}
