/* Bare-metal parity test of the DSP-extension kernels (kernels/arm_dsp):
 * each runs beside its reference kernel on every MLPerf Tiny layer shape
 * and on random ones (odd channel and pixel counts, padding up to the
 * filter size, strides 1-3, 1x1 / 3x3 / 10x4 / random filters, depth
 * multipliers 1-3, odd fully connected sizes, more than one row block of
 * output channels, adds of any length, pools with padding and global ones)
 * with random data, zero points, biases (or none) and per-channel
 * requantisation; and the fast requantisation runs beside tb_requantize at
 * every right shift. The outputs must match byte for byte, and the DSP
 * kernel must neither write past its output or scratch nor accept a
 * scratch smaller than it asked for. Prints a line for each of the first
 * failures and "dsp parity: N passed, M failed"; main's return is the exit
 * status. The seed is fixed (PARITY_SEED), so a failure repeats. */
#include <string.h>

#include "arm_dsp/tb_kernels_dsp.h"
#include "fw_test_util.h"
#include "mlperf_layers.h"
#include "tb_quant.h"

#ifndef PARITY_SEED
#define PARITY_SEED 0x7B5EEDu
#endif

enum {
    RANDOM_CASES = 300, /* per kernel */
    MAX_ACT = 40 * 1024,
    MAX_WEIGHTS = 64 * 1024,
    MAX_CH = 256,
    MAX_SCRATCH = 8 * 1024,
    MAX_MACS = 300 * 1000, /* random cases only: keeps the run short */
    MAX_REPORTS = 20,      /* failures printed; all are counted */
    GUARD = 32,
    FILL = 0x5A,
};

static int8_t input[MAX_ACT], weights[MAX_WEIGHTS];
static int8_t out_ref[MAX_ACT], out_dsp[MAX_ACT + GUARD];
static int8_t scratch[MAX_SCRATCH + GUARD] __attribute__((aligned(4)));
static int32_t bias[MAX_CH], mult[MAX_CH], shift[MAX_CH];

static fw_rng rng = {PARITY_SEED};
static int32_t passed, failed;

/* Counts a failed case, printing the first MAX_REPORTS. */
static void fail(const char *kernel, const char *label, int32_t index, const char *what,
                 int64_t detail)
{
    if (failed++ >= MAX_REPORTS)
        return;
    char line[160];
    int n = 0;
    fw_put_str(line, &n, "FAIL ");
    fw_put_str(line, &n, kernel);
    fw_put_str(line, &n, " ");
    fw_put_str(line, &n, label);
    fw_put_str(line, &n, " #");
    fw_put_int(line, &n, index);
    fw_put_str(line, &n, ": ");
    fw_put_str(line, &n, what);
    fw_put_str(line, &n, " ");
    fw_put_int(line, &n, detail);
    fw_put_str(line, &n, "\n");
    line[n] = 0;
    tb_sh_write0(line);
}

static int guard_intact(const int8_t *p)
{
    for (int i = 0; i < GUARD; i++)
        if (p[i] != (int8_t)FILL)
            return 0;
    return 1;
}

/* Compares the two runs of one case and counts it. */
static void check(const char *kernel, const char *label, int32_t index, tb_status ref,
                  tb_status dsp, int32_t count, size_t scratch_used)
{
    if (ref != TB_OK || dsp != TB_OK) {
        fail(kernel, label, index, ref != TB_OK ? "reference status" : "dsp status",
             ref != TB_OK ? ref : dsp);
    } else if (memcmp(out_ref, out_dsp, (size_t)count) != 0) {
        int32_t i = 0;
        while (out_ref[i] == out_dsp[i])
            i++;
        fail(kernel, label, index, "first mismatching byte", i);
    } else if (!guard_intact(out_dsp + count)) {
        fail(kernel, label, index, "wrote past the output of", count);
    } else if (!guard_intact(scratch + scratch_used)) {
        fail(kernel, label, index, "wrote past the scratch of", (int64_t)scratch_used);
    } else {
        passed++;
    }
}

/* Zero points, output range and per-channel requantisation scaled so that
 * typical sums of k products land inside int8 (most outputs neither clamp
 * nor round to zero); one case in eight takes any shift instead. One in
 * sixteen has an input offset no int8 zero point has, up to beyond a
 * halfword (the kernels hand those to the reference). */
static void random_requant(tb_requant *q, int32_t channels, int32_t k)
{
    const int32_t extreme = fw_urand(&rng, 0, 7);
    int32_t zp = extreme == 0 ? -128 : extreme == 1 ? 127 : fw_urand(&rng, -128, 127);
    if (fw_urand(&rng, 0, 15) == 0)
        zp = fw_urand(&rng, 0, 3) ? fw_urand(&rng, -400, 400) : fw_urand(&rng, -70000, 70000);
    q->input_offset = -zp;
    q->output_offset = fw_urand(&rng, -128, 127);
    if (fw_urand(&rng, 0, 1)) {
        q->act_min = -128;
        q->act_max = 127;
    } else {
        q->act_min = fw_urand(&rng, -128, 0);
        q->act_max = fw_urand(&rng, q->act_min, 127);
    }
    /* A product is about (|zp| + 74) * 74 (74: an int8's spread) and a sum
     * of k of them sqrt(k) times that; shift it down to about 64. */
    int32_t scale_log2 = 0;
    while (((int64_t)128 << scale_log2) < (zp < 0 ? -zp : zp) + 74)
        scale_log2++;
    int32_t half_log2_k = 0;
    while ((int64_t)1 << (2 * half_log2_k) < k)
        half_log2_k++;
    const int wild = fw_urand(&rng, 0, 7) == 0;
    for (int32_t c = 0; c < channels; c++) {
        mult[c] = fw_urand(&rng, 1 << 30, INT32_MAX);
        shift[c] = wild ? fw_urand(&rng, -31, 8)
                        : -7 - scale_log2 - half_log2_k + fw_urand(&rng, -2, 2);
        bias[c] = fw_urand(&rng, -40000, 40000);
    }
    q->mult = mult;
    q->shift = shift;
}

/* One spatial axis of a random window: VALID, SAME (TensorFlow's rule), or
 * any padding up to the filter size (windows that miss the input entirely). */
static int32_t random_axis(int32_t k, int32_t stride, int32_t max_in, int32_t *in, int32_t *pad)
{
    switch (fw_urand(&rng, 0, 2)) {
    case 0:
        *pad = 0;
        *in = fw_urand(&rng, k, k + max_in);
        return (*in - k) / stride + 1;
    case 1: {
        *in = fw_urand(&rng, 1, max_in);
        const int32_t out = (*in + stride - 1) / stride;
        const int32_t total = (out - 1) * stride + k - *in;
        *pad = total > 0 ? total / 2 : 0;
        return out;
    }
    default:
        *pad = fw_urand(&rng, 0, k);
        *in = fw_urand(&rng, k > 2 * *pad ? k - 2 * *pad : 1, max_in + k);
        return (*in + 2 * *pad - k) / stride + 1;
    }
}

static int32_t elems(const tb_dims *d)
{
    return d->n * d->h * d->w * d->c;
}

/* Random data for a case; the DSP output and scratch start filled, so that
 * a write past their end shows. */
static void fill_case(int32_t in_count, int32_t weight_count)
{
    fw_fill_s8(&rng, input, in_count);
    fw_fill_s8(&rng, weights, weight_count);
    memset(out_dsp, FILL, sizeof out_dsp);
    memset(scratch, FILL, sizeof scratch);
}

static void run_conv(const char *label, int32_t index, const tb_window *w, const tb_requant *q)
{
    fill_case(elems(&w->input), elems(&w->filter));
    const int32_t *b = fw_urand(&rng, 0, 7) ? bias : 0;
    const size_t need = tb_conv_s8_dsp_scratch_bytes(w);
    if (need > 0) {
        tb_ctx small = {scratch, need - 1};
        const tb_status s = tb_conv_s8_dsp(&small, w, q, input, weights, b, out_dsp);
        /* An offset no int8 zero point has runs the reference, which needs
         * no scratch; any other must refuse. */
        if (s != TB_ERR_SCRATCH && (q->input_offset >= -127 && q->input_offset <= 128)) {
            fail("conv", label, index, "accepted a scratch short by one, status", s);
            return;
        }
    }
    tb_ctx ctx = {scratch, need};
    const tb_status ref = tb_conv_s8(0, w, q, input, weights, b, out_ref);
    const tb_status dsp = tb_conv_s8_dsp(&ctx, w, q, input, weights, b, out_dsp);
    check("conv", label, index, ref, dsp, elems(&w->output), need);
}

static void run_dwconv(const char *label, int32_t index, const tb_window *w, const tb_requant *q)
{
    fill_case(elems(&w->input), elems(&w->filter));
    const int32_t *b = fw_urand(&rng, 0, 7) ? bias : 0;
    const tb_status ref = tb_dwconv_s8(w, q, input, weights, b, out_ref);
    const tb_status dsp = tb_dwconv_s8_dsp(w, q, input, weights, b, out_dsp);
    check("dwconv", label, index, ref, dsp, elems(&w->output), 0);
}

static void run_fc(const char *label, int32_t index, const tb_fc_dims *d, const tb_requant *q)
{
    fill_case(d->batch * d->in_features, d->out_features * d->in_features);
    const int32_t *b = fw_urand(&rng, 0, 7) ? bias : 0;
    const tb_status ref = tb_fc_s8(d, q, input, weights, b, out_ref);
    const tb_status dsp = tb_fc_s8_dsp(d, q, input, weights, b, out_dsp);
    check("fc", label, index, ref, dsp, d->batch * d->out_features, 0);
}

/* TFLite's quantised add as tb_add_prepare sets it up (left shift 20, the
 * larger input scale giving multiplier 0.5 at shift 0, the other at most
 * that), with random scales and zero points; one case in eight takes any
 * output shift (left shifts included) and any left shift that keeps the
 * reference's int32 arithmetic from overflowing. */
static void random_add(tb_add_params_s8 *p)
{
    const int wild = fw_urand(&rng, 0, 7) == 0;
    p->left_shift = wild ? fw_urand(&rng, 0, 22) : 20;
    p->input1_offset = fw_urand(&rng, -127, 128);
    p->input2_offset = fw_urand(&rng, -127, 128);
    p->output_offset = fw_urand(&rng, -128, 127);
    const int first_larger = fw_urand(&rng, 0, 1);
    const int32_t other_mult = fw_urand(&rng, 1 << 30, INT32_MAX);
    const int32_t other_shift = fw_urand(&rng, -3, 0) - (other_mult > (1 << 30) ? 1 : 0);
    p->input1_mult = first_larger ? 1 << 30 : other_mult;
    p->input1_shift = first_larger ? 0 : other_shift;
    p->input2_mult = first_larger ? other_mult : 1 << 30;
    p->input2_shift = first_larger ? other_shift : 0;
    p->output_mult = fw_urand(&rng, 1 << 30, INT32_MAX);
    p->output_shift = wild ? fw_urand(&rng, -31, 4) : -20 + fw_urand(&rng, -1, 2);
    if (fw_urand(&rng, 0, 1)) {
        p->act_min = -128;
        p->act_max = 127;
    } else {
        p->act_min = fw_urand(&rng, -128, 0);
        p->act_max = fw_urand(&rng, p->act_min, 127);
    }
}

static void run_add(const char *label, int32_t index, int32_t count)
{
    tb_add_params_s8 p;
    random_add(&p);
    fill_case(count, count);
    const tb_status ref = tb_add_s8(&p, count, input, weights, out_ref);
    const tb_status dsp = tb_add_s8_dsp(&p, count, input, weights, out_dsp);
    check("add", label, index, ref, dsp, count, 0);
}

static void run_avgpool(const char *label, int32_t index, const tb_window *w)
{
    fill_case(elems(&w->input), 0);
    int32_t lo = -128, hi = 127;
    if (fw_urand(&rng, 0, 1)) {
        lo = fw_urand(&rng, -128, 0);
        hi = fw_urand(&rng, lo, 127);
    }
    const tb_status ref = tb_avgpool_s8(w, lo, hi, input, out_ref);
    const tb_status dsp = tb_avgpool_s8_dsp(w, lo, hi, input, out_dsp);
    check("avgpool", label, index, ref, dsp, elems(&w->output), 0);
}

/* Pools up to 5x5 at strides 1-3 with any padding, or global ones over up
 * to 24x24 cells (past the 256 a halfword lane sums between flushes). */
static tb_window random_pool_window(void)
{
    for (;;) {
        tb_window w = {0};
        w.input.n = w.output.n = fw_urand(&rng, 0, 3) ? 1 : 2;
        w.input.c = w.output.c = fw_urand(&rng, 1, 72);
        if (fw_urand(&rng, 0, 2) == 0) {
            w.input.h = w.filter.h = w.stride_h = fw_urand(&rng, 1, 24);
            w.input.w = w.filter.w = w.stride_w = fw_urand(&rng, 1, 24);
            w.output.h = w.output.w = 1;
        } else {
            w.filter.h = fw_urand(&rng, 1, 5);
            w.filter.w = fw_urand(&rng, 1, 5);
            w.stride_h = fw_urand(&rng, 1, 3);
            w.stride_w = fw_urand(&rng, 1, 3);
            w.output.h = random_axis(w.filter.h, w.stride_h, 14, &w.input.h, &w.pad_top);
            w.output.w = random_axis(w.filter.w, w.stride_w, 14, &w.input.w, &w.pad_left);
        }
        w.filter.n = w.filter.c = 1;
        if (elems(&w.input) <= MAX_ACT && elems(&w.output) <= MAX_ACT)
            return w;
    }
}

static int fits(const tb_window *w, int64_t macs)
{
    return elems(&w->input) <= MAX_ACT && elems(&w->output) <= MAX_ACT &&
           elems(&w->filter) <= MAX_WEIGHTS && w->output.c <= MAX_CH &&
           tb_conv_s8_dsp_scratch_bytes(w) <= MAX_SCRATCH && macs <= MAX_MACS;
}

/* Shapes: 1x1 in place, 1x1 strided, 3x3, the kws 10x4 on one channel,
 * 3x3 stride 2 on three channels, anything up to 5x5 / stride 3, and 3x3
 * on a few channels over a larger input into a few output channels (the
 * kernel then gathers pixels in batches, and keeps the weights of every
 * pair of output channels between them). */
static tb_window random_conv_window(void)
{
    for (;;) {
        tb_window w = {0};
        /* Filter and stride per shape; 0 means random (up to 5, up to 3). */
        static const int32_t kh[] = {1, 1, 3, 10, 3, 0, 3}, kw[] = {1, 1, 3, 4, 3, 0, 3};
        static const int32_t stride[] = {1, 2, 0, 2, 2, 0, 0};
        const int32_t shape = fw_urand(&rng, 0, 6);
        w.filter.h = kh[shape] ? kh[shape] : fw_urand(&rng, 1, 5);
        w.filter.w = kw[shape] ? kw[shape] : fw_urand(&rng, 1, 5);
        w.stride_h = stride[shape] ? stride[shape] : fw_urand(&rng, 1, shape == 5 ? 3 : 2);
        w.stride_w = stride[shape] ? stride[shape] : fw_urand(&rng, 1, shape == 5 ? 3 : 2);
        w.input.n = w.output.n = fw_urand(&rng, 0, 3) ? 1 : 2;
        w.input.c = w.filter.c = shape == 3   ? 1
                                 : shape == 4 ? 3
                                 : shape == 6 ? fw_urand(&rng, 1, 4)
                                              : fw_urand(&rng, 1, 72);
        w.output.c = w.filter.n = shape == 6          ? fw_urand(&rng, 2, 16)
                                  : fw_urand(&rng, 0, 5) ? fw_urand(&rng, 1, 72)
                                                         : fw_urand(&rng, 65, 150);
        if (shape == 0) {
            w.input.h = w.output.h = fw_urand(&rng, 1, 12);
            w.input.w = w.output.w = fw_urand(&rng, 1, 12);
        } else {
            const int32_t max_in = shape == 3 ? 30 : shape == 6 ? 24 : 10;
            w.output.h = random_axis(w.filter.h, w.stride_h, max_in, &w.input.h, &w.pad_top);
            w.output.w = random_axis(w.filter.w, w.stride_w, shape == 6 ? 24 : 10, &w.input.w,
                                     &w.pad_left);
        }
        const int64_t macs = (int64_t)elems(&w.output) * w.filter.h * w.filter.w * w.filter.c;
        if (fits(&w, macs))
            return w;
    }
}

static tb_window random_dw_window(void)
{
    for (;;) {
        tb_window w = {0};
        const int square3 = fw_urand(&rng, 0, 3) != 0;
        w.filter.h = square3 ? 3 : fw_urand(&rng, 1, 5);
        w.filter.w = square3 ? 3 : fw_urand(&rng, 1, 5);
        w.stride_h = fw_urand(&rng, 1, square3 ? 2 : 3);
        w.stride_w = square3 ? w.stride_h : fw_urand(&rng, 1, 3);
        w.depth_multiplier = fw_urand(&rng, 0, 4) ? 1 : fw_urand(&rng, 2, 3);
        w.input.n = w.output.n = fw_urand(&rng, 0, 3) ? 1 : 2;
        /* Now and then a wide input on a few channels, whose windows span
         * more columns than a slice row holds: the kernel then takes the
         * output in vertical strips. */
        const int wide = fw_urand(&rng, 0, 4) == 0;
        w.input.c = fw_urand(&rng, 1, wide ? 9 : 72);
        w.output.c = w.filter.c = w.input.c * w.depth_multiplier;
        w.filter.n = 1;
        w.output.h = random_axis(w.filter.h, w.stride_h, wide ? 8 : 14, &w.input.h, &w.pad_top);
        w.output.w =
            random_axis(w.filter.w, w.stride_w, wide ? 200 : 14, &w.input.w, &w.pad_left);
        const int64_t macs = (int64_t)elems(&w.output) * w.filter.h * w.filter.w;
        if (fits(&w, macs))
            return w;
    }
}

static void run_layer(const mlperf_layer *l, int32_t index)
{
    tb_requant q;
    switch (l->kind) {
    case LAYER_CONV:
        random_requant(&q, l->w.output.c, l->w.filter.h * l->w.filter.w * l->w.filter.c);
        run_conv(l->name, index, &l->w, &q);
        break;
    case LAYER_DWCONV:
        random_requant(&q, l->w.output.c, l->w.filter.h * l->w.filter.w);
        run_dwconv(l->name, index, &l->w, &q);
        break;
    case LAYER_FC:
        random_requant(&q, l->fc.out_features, l->fc.in_features);
        run_fc(l->name, index, &l->fc, &q);
        break;
    case LAYER_ADD:
        run_add(l->name, index, elems(&l->w.input));
        break;
    case LAYER_AVGPOOL:
        run_avgpool(l->name, index, &l->w);
        break;
    }
}

/* tb_requantize_fast as the kernels run it (SMMLAR on these cores) against
 * tb_requantize plus the offset, at one shift: sums at and near the ends
 * of its range (|x| < 2^30), small ones (which meet the roundings' ties
 * often at small shifts), and random ones, for edge and random
 * multipliers and offsets. A case per shift. */
static void run_requant(int32_t shift)
{
    static const int32_t edge_x[] = {0, 1, -1, 2, -2, (1 << 30) - 1, -(1 << 30) + 1, 1 << 29,
                                     -(1 << 29)};
    static const int32_t edge_mult[] = {0, 1, 1 << 30, INT32_MAX, 1518500250};
    static const int32_t edge_offset[] = {0, -128, 127};
    int mismatched = 0;
    int32_t mismatch = 0;
    for (int32_t i = 0; i < 400 && !mismatched; i++) {
        const int32_t mult = i < 5 ? edge_mult[i] : fw_urand(&rng, 0, INT32_MAX);
        const int32_t offset = i < 3 ? edge_offset[i] : fw_urand(&rng, -128, 127);
        tb_requant_fast f;
        if (!tb_requant_fast_init(&f, mult, shift, offset))
            continue;
        for (int32_t j = 0; j < 40; j++) {
            const int32_t x = j < 9    ? edge_x[j]
                              : j < 30 ? fw_urand(&rng, -4096, 4096)
                                       : fw_urand(&rng, -(1 << 30) + 1, (1 << 30) - 1);
            if (tb_requantize_fast(2 * x, &f) != tb_requantize(x, mult, shift) + offset) {
                mismatched = 1;
                mismatch = x;
                break;
            }
        }
    }
    if (mismatched)
        fail("requant", "shift", shift, "mismatch at sum", mismatch);
    else
        passed++;
}

int main(void)
{
    for (int32_t shift = -31; shift <= -1; shift++)
        run_requant(shift);
    const int32_t layers = (int32_t)(sizeof mlperf_layers / sizeof mlperf_layers[0]);
    for (int32_t i = 0; i < layers; i++)
        run_layer(&mlperf_layers[i], i);
    for (int32_t i = 0; i < RANDOM_CASES; i++) {
        tb_requant q;
        const tb_window cw = random_conv_window();
        random_requant(&q, cw.output.c, cw.filter.h * cw.filter.w * cw.filter.c);
        run_conv("random", i, &cw, &q);

        const tb_window dw = random_dw_window();
        random_requant(&q, dw.output.c, dw.filter.h * dw.filter.w);
        run_dwconv("random", i, &dw, &q);

        const tb_fc_dims fc = {fw_urand(&rng, 1, 4), fw_urand(&rng, 1, 300),
                               fw_urand(&rng, 1, 150)};
        random_requant(&q, fc.out_features, fc.in_features);
        run_fc("random", i, &fc, &q);

        /* Lengths either side of the table threshold and of a word. */
        run_add("random", i,
                fw_urand(&rng, 0, 3) ? fw_urand(&rng, 0, 3000) : fw_urand(&rng, 250, 262));

        const tb_window pw = random_pool_window();
        run_avgpool("random", i, &pw);
    }
    char line[80];
    int n = 0;
    fw_put_str(line, &n, "dsp parity: ");
    fw_put_int(line, &n, passed);
    fw_put_str(line, &n, " passed, ");
    fw_put_int(line, &n, failed);
    fw_put_str(line, &n, " failed\n");
    line[n] = 0;
    tb_sh_write0(line);
    return failed ? 1 : 0;
}
