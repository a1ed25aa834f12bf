/* The host SIMD int8 kernels (kernels/simd) against the reference kernels,
 * byte for byte: hundreds of random shapes per kernel (odd channel counts,
 * k on both sides of the vector widths, strides 1-3, SAME and VALID,
 * depth multipliers 1-3, batches, ragged pixel and channel tiles, adds of
 * any length and scales), random
 * zero points, biases (or none), per-channel requantisation and activation
 * ranges, then every MLPerf Tiny layer shape. Tensors and scratch are
 * allocated at their exact sizes, so AddressSanitizer sees any overrun. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quantize.h"
#include "tb_kernels_simd.h"
#include "tb_test.h"

enum { CASES = 400, MAX_SPATIAL = 12, MAX_CHANNELS = 45 };

#include "mcu_kernels/mlperf_layers.h"
#include "tb_test_rand.h"
#include "tb_test_s8.h"

/* random_requant's parameters; in half the cases every shift a right
 * shift, as in calibrated models, where the kernels take the fast output
 * form (a left shift anywhere sends a run of channels to tb_requantize);
 * in some the whole int8 range for the activation (no fused ReLU),
 * weights down to -128 (which the kernels accept, though TFLite's are
 * symmetric) or an input offset outside an int8 zero point's range, which
 * the SIMD kernels hand to the reference. */
typedef struct {
    tb_requant q;
    int32_t weight_min;
} quant_case;

static quant_case random_quant(tb_rng *r, int32_t channels)
{
    quant_case c = {random_requant(r, channels), -127};
    if (urand(r, 0, 1))
        for (int32_t i = 0; i < channels; i++)
            ((int32_t *)c.q.shift)[i] = urand(r, -16, -1);
    if (urand(r, 0, 3) == 0) {
        c.q.act_min = INT8_MIN;
        c.q.act_max = INT8_MAX;
    }
    if (urand(r, 0, 3) == 0)
        c.weight_min = -128;
    if (urand(r, 0, 15) == 0)
        c.q.input_offset = urand(r, 0, 1) ? 129 : -200;
    return c;
}

/* Scratch at exactly the size asked for, from a misaligned start half the
 * time: the kernel must align within what it asked for. */
typedef struct {
    uint8_t *block;
    tb_ctx ctx;
} scratch;

static scratch scratch_for(tb_rng *r, size_t bytes)
{
    const size_t skew = (size_t)urand(r, 0, 1);
    scratch s = {xcalloc(bytes + skew, 1), {NULL, bytes}};
    s.ctx.buf = s.block + skew;
    return s;
}

static void run_conv_case(tb_rng *r, const tb_window *w, int depthwise, const char *label,
                          int case_no)
{
    const size_t n_out = elems(&w->output);
    quant_case qc = random_quant(r, w->output.c);
    int8_t *in = random_s8(r, elems(&w->input), -128, 127);
    int8_t *filter = random_s8(r, elems(&w->filter), qc.weight_min, 127);
    int32_t *bias = random_bias(r, w->output.c);
    int8_t *got = xcalloc(n_out, 1), *want = xcalloc(n_out, 1);
    char params[320];
    describe_window(params, sizeof params, w);
    if (depthwise) {
        TB_CHECK_EQ_INT(tb_dwconv_s8(w, &qc.q, in, filter, bias, want), TB_OK);
        TB_CHECK_EQ_INT(tb_dwconv_s8_simd(w, &qc.q, in, filter, bias, got), TB_OK);
    } else {
        tb_ctx none = {NULL, 0};
        TB_CHECK_EQ_INT(tb_conv_s8(&none, w, &qc.q, in, filter, bias, want), TB_OK);
        scratch s = scratch_for(r, tb_conv_s8_simd_scratch_bytes(w));
        TB_CHECK_EQ_INT(tb_conv_s8_simd(&s.ctx, w, &qc.q, in, filter, bias, got), TB_OK);
        free(s.block);
    }
    char name[96];
    snprintf(name, sizeof name, "%s %s", depthwise ? "dwconv" : "conv", label);
    check_bytes(name, case_no, params, &qc.q, w->output.c, got, want, n_out);
    free(in);
    free(filter);
    free(bias);
    free(got);
    free(want);
    free_requant(&qc.q);
}

static void run_fc_case(tb_rng *r, const tb_fc_dims *d, const char *label, int case_no)
{
    const size_t n_out = (size_t)d->batch * (size_t)d->out_features;
    quant_case qc = random_quant(r, d->out_features);
    int8_t *in = random_s8(r, (size_t)d->batch * (size_t)d->in_features, -128, 127);
    int8_t *weights =
        random_s8(r, (size_t)d->out_features * (size_t)d->in_features, qc.weight_min, 127);
    int32_t *bias = random_bias(r, d->out_features);
    int8_t *got = xcalloc(n_out, 1), *want = xcalloc(n_out, 1);
    TB_CHECK_EQ_INT(tb_fc_s8(d, &qc.q, in, weights, bias, want), TB_OK);
    TB_CHECK_EQ_INT(tb_fc_s8_simd(d, &qc.q, in, weights, bias, got), TB_OK);
    char params[128];
    snprintf(params, sizeof params, "%s batch %d in_features %d out_features %d%s", label,
             d->batch, d->in_features, d->out_features, bias ? "" : " no bias");
    check_bytes("fc", case_no, params, &qc.q, d->out_features, got, want, n_out);
    free(in);
    free(weights);
    free(bias);
    free(got);
    free(want);
    free_requant(&qc.q);
}

static int test_conv_matches_ref(void)
{
    tb_rng r = {0x51D0C0DE01};
    for (int i = 0; i < CASES; i++) {
        const tb_window w = random_conv_window(&r, 0);
        run_conv_case(&r, &w, 0, "random", i);
    }
    return 0;
}

static int test_dwconv_matches_ref(void)
{
    tb_rng r = {0x51D0C0DE02};
    for (int i = 0; i < CASES; i++) {
        tb_window w = random_conv_window(&r, 1);
        /* Multipliers 1-3, and channel blocks past the kernel's 128. */
        w.depth_multiplier = urand(&r, 0, 2) ? 1 : urand(&r, 2, 3);
        if (urand(&r, 0, 7) == 0)
            w.input.c = urand(&r, 100, 300);
        w.output.c = w.filter.c = w.input.c * w.depth_multiplier;
        run_conv_case(&r, &w, 1, "random", i);
    }
    return 0;
}

static int test_fc_matches_ref(void)
{
    tb_rng r = {0x51D0C0DE03};
    for (int i = 0; i < CASES; i++) {
        const tb_fc_dims d = {urand(&r, 1, 4), urand(&r, 1, 700), urand(&r, 1, 150)};
        run_fc_case(&r, &d, "random", i);
    }
    return 0;
}

/* Scales from 0.002 to 0.5 and any zero points, as tb_add_prepare turns
 * them into parameters; in some cases a left-shifting or negative
 * multiplier the fast form does not take, so the reference runs. */
static int test_add_matches_ref(void)
{
    tb_rng r = {0x51D0C0DE05};
    for (int i = 0; i < CASES; i++) {
        const int32_t count = urand(&r, 1, 3000);
        double s[3];
        for (int k = 0; k < 3; k++)
            s[k] = 0.002 * pow(250.0, (double)urand(&r, 0, 1000) / 1000.0);
        tb_add_params_s8 p;
        tb_add_prepare(s[0], urand(&r, -128, 127), s[1], urand(&r, -128, 127), s[2],
                       urand(&r, -128, 127), urand(&r, 0, 1) ? -128 : urand(&r, -128, -20),
                       urand(&r, 0, 1) ? 127 : urand(&r, 20, 127), &p);
        if (urand(&r, 0, 15) == 0)
            p.input2_shift = 1;
        if (urand(&r, 0, 15) == 0)
            p.output_mult = -p.output_mult;
        int8_t *a = random_s8(&r, (size_t)count, -128, 127);
        int8_t *b = random_s8(&r, (size_t)count, -128, 127);
        int8_t *got = xcalloc((size_t)count, 1), *want = xcalloc((size_t)count, 1);
        TB_CHECK_EQ_INT(tb_add_s8(&p, count, a, b, want), TB_OK);
        TB_CHECK_EQ_INT(tb_add_s8_simd(&p, count, a, b, got), TB_OK);
        char params[160];
        snprintf(params, sizeof params, "count %d scales %g %g %g left_shift %d", count, s[0],
                 s[1], s[2], p.left_shift);
        check_bytes("add", i, params, NULL, 1, got, want, (size_t)count);
        free(a);
        free(b);
        free(got);
        free(want);
    }
    tb_add_params_s8 bad = {.left_shift = 31};
    int8_t x = 0;
    TB_CHECK_EQ_INT(tb_add_s8_simd(&bad, 1, &x, &x, &x), TB_ERR_ARG);
    return 0;
}

/* The networks' own layers, at the sizes the host target runs. */
static int test_mlperf_layers_match_ref(void)
{
    tb_rng r = {0x51D0C0DE04};
    const int n = (int)(sizeof mlperf_layers / sizeof mlperf_layers[0]);
    for (int i = 0; i < n; i++) {
        const mlperf_layer *l = &mlperf_layers[i];
        if (l->kind == LAYER_CONV || l->kind == LAYER_DWCONV)
            run_conv_case(&r, &l->w, l->kind == LAYER_DWCONV, l->name, i);
        else if (l->kind == LAYER_FC)
            run_fc_case(&r, &l->fc, l->name, i);
    }
    return 0;
}

/* A scratch one byte short of the query is refused, not overrun. */
static int test_conv_refuses_short_scratch(void)
{
    static int8_t in[5 * 5 * 3], filter[4 * 3 * 3 * 3], out[3 * 3 * 4];
    static int32_t mult[4] = {1 << 30, 1 << 30, 1 << 30, 1 << 30}, shift[4] = {-8, -8, -8, -8};
    const tb_requant q = {.act_min = -128, .act_max = 127, .mult = mult, .shift = shift};
    const tb_window w = {.input = {1, 5, 5, 3}, .filter = {4, 3, 3, 3}, .output = {1, 3, 3, 4},
                         .stride_h = 1, .stride_w = 1, .depth_multiplier = 1};
    const size_t bytes = tb_conv_s8_simd_scratch_bytes(&w);
    TB_CHECK(bytes > 0);
    uint8_t *buf = xcalloc(bytes, 1);
    tb_ctx ctx = {buf, bytes - 1};
    TB_CHECK_EQ_INT(tb_conv_s8_simd(&ctx, &w, &q, in, filter, NULL, out), TB_ERR_SCRATCH);
    ctx.bytes = bytes;
    TB_CHECK_EQ_INT(tb_conv_s8_simd(&ctx, &w, &q, in, filter, NULL, out), TB_OK);
    tb_window bad = w;
    bad.filter.c = 2;
    TB_CHECK_EQ_INT(tb_conv_s8_simd(&ctx, &bad, &q, in, filter, NULL, out), TB_ERR_ARG);
    free(buf);
    return 0;
}

/* The table is complete and names itself; what it does not speed up is
 * the reference. */
static int test_table(void)
{
    const tb_kernels_s8 *k = &tb_kernels_s8_simd;
    TB_CHECK(strcmp(k->name, "simd") == 0);
    TB_CHECK(k->conv == tb_conv_s8_simd && k->conv_scratch_bytes == tb_conv_s8_simd_scratch_bytes);
    TB_CHECK(k->dwconv == tb_dwconv_s8_simd && k->fc == tb_fc_s8_simd);
    TB_CHECK(k->avgpool == tb_avgpool_s8 && k->maxpool == tb_maxpool_s8);
    TB_CHECK(k->add == tb_add_s8_simd && k->softmax == tb_softmax_s8);
    return 0;
}

int main(void)
{
    TB_RUN(test_conv_matches_ref);
    TB_RUN(test_dwconv_matches_ref);
    TB_RUN(test_fc_matches_ref);
    TB_RUN(test_add_matches_ref);
    TB_RUN(test_mlperf_layers_match_ref);
    TB_RUN(test_conv_refuses_short_scratch);
    TB_RUN(test_table);
    return tb_test_summary();
}
