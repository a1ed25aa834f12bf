/* Why XNNPACK's int8 bytes differ from ours: on every conv, depthwise and
 * fully connected layer of small workloads, both compute the same int32
 * accumulator (written out here from the definition) and differ only in
 * requantising it. Ours is TFLite's fixed-point multiplier and shift;
 * XNNPACK's (this version, on x86) is fp32: the accumulator times the fp32
 * scale input_scale * weight_scale / output_scale, clamped, rounded to
 * nearest even, plus the zero point. The test checks every output byte of
 * both against those two models, which is what docs/xnnpack-baseline.md
 * says of the differences the benchmark reports. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "tb_quant.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "workload.h"
#include "xnnpack_layer.h"

/* The int32 accumulator of output element o of weighted op i (bias plus the
 * products of zero-point-corrected inputs and weights; padding adds 0). */
static int32_t accumulator(const tb_graph *g, const tb_op *op, const int8_t *in, int64_t o)
{
    const tb_tensor *wt = &g->tensors[op->inputs[1]];
    const int8_t *f = wt->data;
    const int32_t zp = g->tensors[op->inputs[0]].zero_point;
    const int32_t oc = (int32_t)(o % g->tensors[op->output].shape.c);
    int32_t acc = op->inputs[2] >= 0 ? ((const int32_t *)g->tensors[op->inputs[2]].data)[oc] : 0;
    if (op->type == TB_OP_FULLY_CONNECTED) {
        const int64_t n_in = wt->shape.c, row = o / wt->shape.n;
        for (int64_t k = 0; k < n_in; k++)
            acc += (in[row * n_in + k] - zp) * f[oc * n_in + k];
        return acc;
    }
    tb_window w;
    tb_op_window(g, op, &w);
    const int dw = op->type == TB_OP_DEPTHWISE_CONV_2D;
    const int64_t pixel = o / w.output.c;
    const int32_t ox = (int32_t)(pixel % w.output.w), oy = (int32_t)(pixel / w.output.w);
    for (int32_t ky = 0; ky < w.filter.h; ky++)
        for (int32_t kx = 0; kx < w.filter.w; kx++) {
            const int32_t y = oy * w.stride_h - w.pad_top + ky;
            const int32_t x = ox * w.stride_w - w.pad_left + kx;
            if (y < 0 || y >= w.input.h || x < 0 || x >= w.input.w)
                continue;
            const int8_t *px = in + ((int64_t)y * w.input.w + x) * w.input.c;
            if (dw)
                acc += (px[oc / w.depth_multiplier] - zp) *
                       f[((int64_t)ky * w.filter.w + kx) * w.filter.c + oc];
            else
                for (int32_t ic = 0; ic < w.input.c; ic++)
                    acc += (px[ic] - zp) *
                           f[(((int64_t)oc * w.filter.h + ky) * w.filter.w + kx) * w.filter.c + ic];
        }
    return acc;
}

/* XNNPACK's fp32 requantisation, as this test asserts it to be. */
static int8_t fp32_requant(const tb_graph *g, const tb_op *op, const tb_requant *q, int32_t acc,
                           int32_t oc)
{
    const tb_tensor *in = &g->tensors[op->inputs[0]], *wt = &g->tensors[op->inputs[1]];
    const tb_tensor *out = &g->tensors[op->output];
    const float scale =
        in->scale * (wt->n_channel_scales ? wt->channel_scales[oc] : wt->scale) / out->scale;
    const float lo = (float)(q->act_min - out->zero_point);
    const float hi = (float)(q->act_max - out->zero_point);
    float v = (float)acc * scale;
    v = v < lo ? lo : (v > hi ? hi : v);
    return (int8_t)(lrintf(v) + out->zero_point);
}

/* Checks every output of every weighted op of the workload against both
 * models; adds its outputs and those where the two libraries differ. */
static void check_workload(const char *spec, int64_t *all_outputs, int64_t *all_differing)
{
    int64_t outputs = 0, differing = 0;
    char err[256];
    tb_model *m = tb_test_build(spec);
    TB_CHECK(m != NULL);
    if (!m)
        return;
    const tb_graph *g = &m->graph;
    uint8_t *arena = calloc(1, (size_t)m->plan_s8.arena_bytes);
    tb_ctx scratch = {NULL, tb_exec_s8_scratch_bytes(m, &tb_kernels_s8_ref)};
    scratch.buf = malloc(scratch.bytes + 1);
    memcpy(arena + m->plan_s8.offset[g->input], m->input_s8,
           (size_t)tb_tensor_bytes(&g->tensors[g->input]));
    int64_t fixed_misses = 0, fp32_misses = 0;
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        TB_CHECK_EQ_INT(tb_exec_s8_op(m, &tb_kernels_s8_ref, arena, &scratch, i), TB_OK);
        if (op->type != TB_OP_CONV_2D && op->type != TB_OP_DEPTHWISE_CONV_2D &&
            op->type != TB_OP_FULLY_CONNECTED)
            continue;
        const int64_t in_bytes = tb_tensor_bytes(&g->tensors[op->inputs[0]]);
        const int64_t out_bytes = tb_tensor_bytes(&g->tensors[op->output]);
        int8_t *in = calloc(1, (size_t)in_bytes + tb_xnn_input_slack_bytes());
        int8_t *xout = malloc((size_t)out_bytes);
        memcpy(in, tb_exec_s8_tensor(m, arena, op->inputs[0]), (size_t)in_bytes);
        tb_xnn_layer *x = tb_xnn_layer_new(m, i, in, xout, err, sizeof err);
        TB_CHECK(x != NULL);
        if (x && tb_xnn_layer_run(x) == 0) {
            const int8_t *ours = tb_exec_s8_tensor(m, arena, op->output);
            const tb_requant *q = &m->s8[i].requant;
            const int32_t channels = g->tensors[op->output].shape.c;
            for (int64_t o = 0; o < out_bytes; o++) {
                const int32_t oc = (int32_t)(o % channels);
                const int32_t acc = accumulator(g, op, in, o);
                const int32_t fixed = tb_clamp_i32(
                    tb_requantize(acc, q->mult[oc], q->shift[oc]) + q->output_offset,
                    q->act_min, q->act_max);
                fixed_misses += ours[o] != fixed;
                fp32_misses += xout[o] != fp32_requant(g, op, q, acc, oc);
                differing += ours[o] != xout[o];
            }
            outputs += out_bytes;
        }
        tb_xnn_layer_free(x);
        free(in);
        free(xout);
    }
    printf("  %s: %lld outputs, %lld differ\n", spec, (long long)outputs,
           (long long)differing);
    *all_outputs += outputs;
    *all_differing += differing;
    TB_CHECK_EQ_INT(fixed_misses, 0);
    TB_CHECK_EQ_INT(fp32_misses, 0);
    free(arena);
    free(scratch.buf);
    tb_model_free(m);
}

static int test_differences_are_requantisation(void)
{
    char err[256];
    TB_CHECK_EQ_INT(tb_xnn_init(err, sizeof err), 0);
    static const char *const specs[] = {"kws:width=16", "vww:alpha=0.25,res=32", "ic",
                                        "ad:hidden=32"};
    int64_t outputs = 0, differing = 0;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        check_workload(specs[i], &outputs, &differing);
    /* Differences exist (else the models would not be told apart), and
     * stay rare: they are rounding, not arithmetic. */
    TB_CHECK(differing > 0);
    TB_CHECK(differing * 100 < outputs);
    return 0;
}

int main(void)
{
    TB_RUN(test_differences_are_requantisation);
    return tb_test_summary();
}
