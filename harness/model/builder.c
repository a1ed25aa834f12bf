/* Model builder: from a layer list to a runnable, calibrated int8 model.
 *
 * Weights are drawn (He-normal for layers followed by ReLU, Glorot-normal
 * otherwise) from the seeded generator in layer order, then quantised
 * symmetrically: per output channel for convolutions, per tensor for fully
 * connected layers, as TFLite's converter does. Activation scales come from
 * one fp32 pass over the reference input with the dequantised weights
 * (min/max calibration), so the fp32 model is exactly the int8 model without
 * quantisation of activations. */
#include "builder.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "prepare.h"
#include "quantize.h"
#include "rng.h"

struct tb_builder {
    tb_graph g;
    int32_t cap_tensors, cap_ops;
    float **master; /* per tensor: fp32 weights/biases as drawn, NULL otherwise */
    tb_rng rng;
    char err[200];
};

/* ---- building ---------------------------------------------------------- */

tb_builder *tb_builder_new(const char *name, uint64_t seed)
{
    tb_builder *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    snprintf(b->g.name, sizeof b->g.name, "%s", name);
    b->g.input = -1;
    b->rng.state = seed;
    return b;
}

static int failed(const tb_builder *b)
{
    return b->err[0] != 0;
}

static int32_t fail(tb_builder *b, const char *what)
{
    if (!failed(b))
        snprintf(b->err, sizeof b->err, "%s: %s", b->g.name, what);
    return -1;
}

static int32_t add_tensor(tb_builder *b, const char *kind, tb_dims shape, tb_dtype dtype)
{
    if (b->g.n_tensors == b->cap_tensors) {
        b->cap_tensors = b->cap_tensors ? 2 * b->cap_tensors : 32;
        b->g.tensors = realloc(b->g.tensors, (size_t)b->cap_tensors * sizeof *b->g.tensors);
        b->master = realloc(b->master, (size_t)b->cap_tensors * sizeof *b->master);
        if (!b->g.tensors || !b->master)
            abort();
    }
    int32_t t = b->g.n_tensors++;
    tb_tensor *tt = &b->g.tensors[t];
    memset(tt, 0, sizeof *tt);
    snprintf(tt->name, sizeof tt->name, "%s_%d", kind, (int)t);
    tt->shape = shape;
    tt->dtype = dtype;
    tt->scale = 1.0f;
    b->master[t] = NULL;
    return t;
}

static int32_t add_op(tb_builder *b, tb_op op)
{
    if (b->g.n_ops == b->cap_ops) {
        b->cap_ops = b->cap_ops ? 2 * b->cap_ops : 32;
        b->g.ops = realloc(b->g.ops, (size_t)b->cap_ops * sizeof *b->g.ops);
        if (!b->g.ops)
            abort();
    }
    b->g.ops[b->g.n_ops++] = op;
    return op.output;
}

static int valid_act(const tb_builder *b, int32_t x)
{
    return x >= 0 && x < b->g.n_tensors && !b->master[x];
}

/* A constant of count values drawn N(0, std^2) (weights) or filled with
 * small uniform values (biases, std < 0 selects that). */
static int32_t add_const(tb_builder *b, const char *kind, tb_dims shape, tb_dtype dtype, float std)
{
    int32_t t = add_tensor(b, kind, shape, dtype);
    int64_t n = tb_dims_count(&shape);
    float *v = malloc((size_t)n * sizeof *v);
    if (!v)
        abort();
    for (int64_t i = 0; i < n; i++)
        v[i] = std >= 0 ? std * tb_rng_normal(&b->rng) : 0.1f * (2.0f * tb_rng_uniform(&b->rng) - 1.0f);
    b->master[t] = v;
    b->g.tensors[t].data = v; /* marks it constant; replaced by quantised data */
    return t;
}

static float init_std(int64_t fan_in, tb_activation act)
{
    return sqrtf((act == TB_ACT_NONE ? 1.0f : 2.0f) / (float)fan_in);
}

static tb_op make_op(tb_op_type type, int32_t in, int32_t stride, tb_padding pad,
                     tb_activation act)
{
    tb_op op = {.type = type, .inputs = {in, -1, -1, -1, -1}, .padding = pad, .stride_h = stride,
                .stride_w = stride, .depth_multiplier = 1, .activation = act};
    return op;
}

static int32_t input(tb_builder *b, tb_dims shape, float scale, int32_t zero_point)
{
    if (failed(b))
        return -1;
    if (!(shape.n > 0 && shape.h > 0 && shape.w > 0 && shape.c > 0) || b->g.input >= 0)
        return fail(b, "input must be given once, with positive dimensions");
    int32_t t = add_tensor(b, "input", shape, TB_DTYPE_INT8);
    b->g.tensors[t].scale = scale;
    b->g.tensors[t].zero_point = zero_point;
    return b->g.input = t;
}

int32_t tb_b_input(tb_builder *b, int32_t h, int32_t w, int32_t c, float scale,
                   int32_t zero_point)
{
    return input(b, (tb_dims){1, h, w, c}, scale, zero_point);
}

int32_t tb_b_sequence(tb_builder *b, int32_t rows, int32_t features, float scale,
                      int32_t zero_point)
{
    return input(b, (tb_dims){rows, 1, 1, features}, scale, zero_point);
}

static int32_t window_out(tb_builder *b, int32_t x, tb_op op, int32_t kh, int32_t kw,
                          int32_t out_c, const char *kind)
{
    const tb_dims *in = &b->g.tensors[x].shape;
    int32_t oh, ow, pad;
    if (kh < 1 || kw < 1 || op.stride_h < 1)
        return fail(b, "window and stride must be positive");
    if (op.padding == TB_PAD_VALID && (kh > in->h || kw > in->w))
        return fail(b, "VALID window larger than its input");
    tb_window_axis(op.padding, in->h, kh, op.stride_h, &oh, &pad);
    tb_window_axis(op.padding, in->w, kw, op.stride_w, &ow, &pad);
    op.output = add_tensor(b, kind, (tb_dims){in->n, oh, ow, out_c}, TB_DTYPE_INT8);
    return add_op(b, op);
}

int32_t tb_b_conv(tb_builder *b, int32_t x, int32_t out_c, int32_t kh, int32_t kw,
                  int32_t stride, tb_padding pad, tb_activation act)
{
    if (failed(b) || !valid_act(b, x) || out_c < 1)
        return fail(b, "conv: bad input or channel count");
    int32_t in_c = b->g.tensors[x].shape.c;
    tb_op op = make_op(TB_OP_CONV_2D, x, stride, pad, act);
    op.inputs[1] = add_const(b, "conv_w", (tb_dims){out_c, kh, kw, in_c}, TB_DTYPE_INT8,
                             init_std((int64_t)kh * kw * in_c, act));
    op.inputs[2] = add_const(b, "conv_b", (tb_dims){1, 1, 1, out_c}, TB_DTYPE_INT32, -1);
    return window_out(b, x, op, kh, kw, out_c, "conv");
}

int32_t tb_b_dwconv(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                    tb_padding pad, tb_activation act)
{
    if (failed(b) || !valid_act(b, x))
        return fail(b, "depthwise: bad input");
    int32_t c = b->g.tensors[x].shape.c;
    tb_op op = make_op(TB_OP_DEPTHWISE_CONV_2D, x, stride, pad, act);
    op.inputs[1] = add_const(b, "dw_w", (tb_dims){1, kh, kw, c}, TB_DTYPE_INT8,
                             init_std((int64_t)kh * kw, act));
    op.inputs[2] = add_const(b, "dw_b", (tb_dims){1, 1, 1, c}, TB_DTYPE_INT32, -1);
    return window_out(b, x, op, kh, kw, c, "dwconv");
}

int32_t tb_b_fc(tb_builder *b, int32_t x, int32_t out_features, tb_activation act)
{
    if (failed(b) || !valid_act(b, x) || out_features < 1)
        return fail(b, "fully connected: bad input or width");
    const tb_dims in = b->g.tensors[x].shape;
    int32_t in_features = in.h * in.w * in.c;
    tb_op op = make_op(TB_OP_FULLY_CONNECTED, x, 1, TB_PAD_VALID, act);
    op.inputs[1] = add_const(b, "fc_w", (tb_dims){out_features, 1, 1, in_features},
                             TB_DTYPE_INT8, init_std(in_features, act));
    op.inputs[2] = add_const(b, "fc_b", (tb_dims){1, 1, 1, out_features}, TB_DTYPE_INT32, -1);
    op.output = add_tensor(b, "fc", (tb_dims){in.n, 1, 1, out_features}, TB_DTYPE_INT8);
    return add_op(b, op);
}

static int32_t pool(tb_builder *b, tb_op_type type, int32_t x, int32_t kh, int32_t kw,
                    int32_t stride, tb_padding pad)
{
    if (failed(b) || !valid_act(b, x))
        return fail(b, "pool: bad input");
    tb_op op = make_op(type, x, stride, pad, TB_ACT_NONE);
    op.filter_h = kh;
    op.filter_w = kw;
    return window_out(b, x, op, kh, kw, b->g.tensors[x].shape.c,
                      type == TB_OP_MAX_POOL_2D ? "maxpool" : "avgpool");
}

int32_t tb_b_avgpool(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                     tb_padding pad)
{
    return pool(b, TB_OP_AVERAGE_POOL_2D, x, kh, kw, stride, pad);
}

int32_t tb_b_maxpool(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                     tb_padding pad)
{
    return pool(b, TB_OP_MAX_POOL_2D, x, kh, kw, stride, pad);
}

int32_t tb_b_add(tb_builder *b, int32_t x, int32_t y, tb_activation act)
{
    if (failed(b) || !valid_act(b, x) || !valid_act(b, y))
        return fail(b, "add: bad input");
    const tb_dims *a = &b->g.tensors[x].shape, *c = &b->g.tensors[y].shape;
    if (a->n != c->n || a->h != c->h || a->w != c->w || a->c != c->c)
        return fail(b, "add: operand shapes differ");
    tb_op op = make_op(TB_OP_ADD, x, 1, TB_PAD_VALID, act);
    op.inputs[1] = y;
    op.output = add_tensor(b, "add", *a, TB_DTYPE_INT8);
    return add_op(b, op);
}

int32_t tb_b_flatten(tb_builder *b, int32_t x)
{
    if (failed(b) || !valid_act(b, x))
        return fail(b, "flatten: bad input");
    const tb_dims in = b->g.tensors[x].shape;
    tb_op op = make_op(TB_OP_RESHAPE, x, 1, TB_PAD_VALID, TB_ACT_NONE);
    op.output = add_tensor(b, "reshape", (tb_dims){in.n, 1, 1, in.h * in.w * in.c},
                           TB_DTYPE_INT8);
    return add_op(b, op);
}

int32_t tb_b_softmax(tb_builder *b, int32_t x)
{
    if (failed(b) || !valid_act(b, x))
        return fail(b, "softmax: bad input");
    tb_op op = make_op(TB_OP_SOFTMAX, x, 1, TB_PAD_VALID, TB_ACT_NONE);
    op.output = add_tensor(b, "softmax", b->g.tensors[x].shape, TB_DTYPE_INT8);
    return add_op(b, op);
}

int32_t tb_b_layernorm(tb_builder *b, int32_t x, float epsilon)
{
    if (failed(b) || !valid_act(b, x) || !(epsilon > 0.0f))
        return fail(b, "layer norm: bad input or epsilon");
    const tb_dims in = b->g.tensors[x].shape;
    tb_op op = make_op(TB_OP_LAYER_NORM, x, 1, TB_PAD_VALID, TB_ACT_NONE);
    op.inputs[1] = add_const(b, "ln_gamma", (tb_dims){1, 1, 1, in.c}, TB_DTYPE_FP32, -1);
    op.inputs[2] = add_const(b, "ln_beta", (tb_dims){1, 1, 1, in.c}, TB_DTYPE_FP32, -1);
    for (int32_t c = 0; c < in.c; c++)
        b->master[op.inputs[1]][c] += 1.0f; /* a trained gamma sits near 1 */
    op.output = add_tensor(b, "layernorm", in, TB_DTYPE_FP32);
    op.epsilon = epsilon;
    return add_op(b, op);
}

int32_t tb_b_gelu(tb_builder *b, int32_t x)
{
    if (failed(b) || !valid_act(b, x))
        return fail(b, "gelu: bad input");
    tb_op op = make_op(TB_OP_GELU, x, 1, TB_PAD_VALID, TB_ACT_NONE);
    op.output = add_tensor(b, "gelu", b->g.tensors[x].shape, TB_DTYPE_FP32);
    return add_op(b, op);
}

int32_t tb_b_attention(tb_builder *b, int32_t q, int32_t k, int32_t v, int32_t heads,
                       int32_t cache_rows)
{
    if (failed(b) || !valid_act(b, q) || !valid_act(b, k) || !valid_act(b, v) || heads < 1 ||
        cache_rows < 0)
        return fail(b, "attention: bad inputs, heads or cache length");
    const tb_dims qs = b->g.tensors[q].shape;
    if (qs.c % heads)
        return fail(b, "attention: width is not a multiple of the head count");
    tb_op op = make_op(TB_OP_ATTENTION, q, 1, TB_PAD_VALID, TB_ACT_NONE);
    op.inputs[1] = k;
    op.inputs[2] = v;
    op.heads = heads;
    if (cache_rows > 0) {
        op.inputs[3] = add_const(b, "k_cache", (tb_dims){cache_rows, 1, 1, qs.c}, TB_DTYPE_FP32, 1.0f);
        op.inputs[4] = add_const(b, "v_cache", (tb_dims){cache_rows, 1, 1, qs.c}, TB_DTYPE_FP32, 1.0f);
    }
    op.output = add_tensor(b, "attention", qs, TB_DTYPE_FP32);
    return add_op(b, op);
}

/* ---- finishing: quantise, calibrate, prepare --------------------------- */

/* Quantisation channel of weight element i: conv weights are OHWI (channel
 * outermost), depthwise [1,H,W,C] (innermost), FC per tensor. */
static int32_t weight_channel(tb_op_type type, int64_t n, int32_t channels, int64_t i)
{
    if (type == TB_OP_CONV_2D)
        return (int32_t)(i / (n / channels));
    return type == TB_OP_DEPTHWISE_CONV_2D ? (int32_t)(i % channels) : 0;
}

/* Quantises the weights of a weighted op: int8 data with per-channel (or
 * per-tensor) scales, and their dequantised fp32 twin. */
static void quantize_weights(tb_model *m, float **master, const tb_op *op, tb_op_f32 *f)
{
    tb_tensor *w = &m->graph.tensors[op->inputs[1]];
    const float *src = master[op->inputs[1]];
    const int64_t n = tb_dims_count(&w->shape);
    const int32_t channels = op->type == TB_OP_CONV_2D ? w->shape.n
                             : op->type == TB_OP_DEPTHWISE_CONV_2D ? w->shape.c : 1;
    float *scales = tb_model_own(m, (size_t)channels * sizeof *scales);
    int8_t *q = tb_model_own(m, (size_t)n);
    float *deq = tb_model_own(m, (size_t)n * sizeof *deq);
    for (int64_t i = 0; i < n; i++) {
        int32_t ch = weight_channel(op->type, n, channels, i);
        float a = fabsf(src[i]);
        scales[ch] = a > scales[ch] ? a : scales[ch];
    }
    for (int32_t c = 0; c < channels; c++)
        scales[c] = scales[c] > 0.0f ? scales[c] / 127.0f : 1.0f;
    for (int64_t i = 0; i < n; i++) {
        int32_t ch = weight_channel(op->type, n, channels, i);
        long v = lroundf(src[i] / scales[ch]);
        q[i] = (int8_t)(v > 127 ? 127 : (v < -127 ? -127 : v));
        deq[i] = (float)q[i] * scales[ch];
    }
    w->data = q;
    w->zero_point = 0;
    if (op->type == TB_OP_FULLY_CONNECTED) {
        w->scale = scales[0];
    } else {
        w->n_channel_scales = channels;
        w->channel_scales = scales;
        w->scale = scales[0];
    }
    f->weights = deq;
}

/* Asymmetric int8 quantisation covering [lo, hi] (widened to include 0). */
static void choose_quant(float lo, float hi, float *scale, int32_t *zp)
{
    lo = lo < 0.0f ? lo : 0.0f;
    hi = hi > 0.0f ? hi : 0.0f;
    float s = (hi - lo) / 255.0f;
    if (!(s > 0.0f))
        s = 1.0f / 256.0f; /* a constant tensor: any scale represents it */
    long z = lroundf(-128.0f - lo / s);
    *scale = s;
    *zp = (int32_t)(z < -128 ? -128 : (z > 127 ? 127 : z));
}

typedef struct {
    float *lo, *hi;
    const tb_model *m;
    const uint8_t *arena;
} calib;

static void record_range(void *user, int32_t op_index, int begin)
{
    calib *c = user;
    if (begin)
        return;
    const tb_graph *g = &c->m->graph;
    int32_t t = g->ops[op_index].output;
    const float *v = tb_exec_f32_tensor(c->m, c->arena, t);
    int64_t n = tb_dims_count(&g->tensors[t].shape);
    for (int64_t i = 0; i < n; i++) {
        c->lo[t] = v[i] < c->lo[t] ? v[i] : c->lo[t];
        c->hi[t] = v[i] > c->hi[t] ? v[i] : c->hi[t];
    }
}

static void assign_activation_quant(tb_model *m, const float *lo, const float *hi)
{
    tb_graph *g = &m->graph;
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        tb_tensor *out = &g->tensors[op->output];
        const tb_tensor *in = &g->tensors[op->inputs[0]];
        switch (op->type) {
        case TB_OP_AVERAGE_POOL_2D:
        case TB_OP_MAX_POOL_2D:
        case TB_OP_RESHAPE: /* TFLite requires these to keep their input's quantisation */
            out->scale = in->scale;
            out->zero_point = in->zero_point;
            break;
        case TB_OP_SOFTMAX:
            out->scale = 1.0f / 256.0f;
            out->zero_point = -128;
            break;
        default:
            choose_quant(lo[op->output], hi[op->output], &out->scale, &out->zero_point);
        }
    }
}

/* Biases become int32 at scale input_scale * weight_scale (TFLite's rule),
 * and the fp32 path gets their dequantised value. */
static void quantize_bias(tb_model *m, float **master, const tb_op *op, tb_op_f32 *f)
{
    tb_graph *g = &m->graph;
    if (op->inputs[2] < 0)
        return;
    tb_tensor *bt = &g->tensors[op->inputs[2]];
    const tb_tensor *in = &g->tensors[op->inputs[0]], *w = &g->tensors[op->inputs[1]];
    const float *src = master[op->inputs[2]];
    int32_t n = bt->shape.c;
    int32_t *q = tb_model_own(m, (size_t)n * sizeof *q);
    float *deq = tb_model_own(m, (size_t)n * sizeof *deq);
    float *scales = tb_model_own(m, (size_t)n * sizeof *scales);
    for (int32_t c = 0; c < n; c++) {
        scales[c] = in->scale * tb_weight_scale(w, c);
        q[c] = (int32_t)lroundf(src[c] / scales[c]);
        deq[c] = (float)q[c] * scales[c];
    }
    bt->data = q;
    bt->n_channel_scales = n;
    bt->channel_scales = scales;
    bt->scale = scales[0];
    f->bias = deq;
}

static int weighted(const tb_op *op)
{
    return op->type == TB_OP_CONV_2D || op->type == TB_OP_DEPTHWISE_CONV_2D ||
           op->type == TB_OP_FULLY_CONNECTED;
}

/* A model-owned copy of an fp32 constant (the builder's masters die with
 * it); NULL for tensor -1. */
static float *keep_fp32(tb_model *m, float **master, int32_t t)
{
    if (t < 0)
        return NULL;
    size_t bytes = (size_t)tb_dims_count(&m->graph.tensors[t].shape) * sizeof(float);
    return memcpy(tb_model_own(m, bytes), master[t], bytes);
}

static tb_model *finish(tb_builder *b, int32_t output, char *err, size_t err_len)
{
    tb_model *m = tb_model_alloc();
    /* Move the graph arrays into the model's ownership. */
    tb_graph *g = &m->graph;
    *g = b->g;
    g->output = output;
    tb_model_adopt(m, g->tensors);
    tb_model_adopt(m, g->ops);
    b->g.tensors = NULL;
    b->g.ops = NULL;
    if (tb_graph_validate(g, err, err_len)) {
        tb_model_free(m);
        return NULL;
    }

    m->has_s8 = tb_graph_has_int8(g);
    m->s8 = tb_model_own(m, (size_t)g->n_ops * sizeof *m->s8);
    m->f32 = tb_model_own(m, (size_t)g->n_ops * sizeof *m->f32);
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        m->f32[i].clamp = tb_real_clamp(op->activation);
        m->f32[i].softmax_beta = 1.0f;
        if (weighted(op)) {
            quantize_weights(m, b->master, op, &m->f32[i]);
            m->f32[i].bias = keep_fp32(m, b->master, op->inputs[2]);
        }
    }
    for (int32_t t = 0; t < g->n_tensors; t++)
        if (g->tensors[t].dtype == TB_DTYPE_FP32 && b->master[t])
            g->tensors[t].data = keep_fp32(m, b->master, t);

    tb_prepare_input_s8(m, &b->rng);
    tb_prepare_plans(m);

    uint8_t *arena = malloc((size_t)m->plan_f32.arena_bytes);
    float *lo = calloc((size_t)g->n_tensors, sizeof *lo);
    float *hi = calloc((size_t)g->n_tensors, sizeof *hi);
    tb_ctx scratch = {NULL, tb_exec_f32_scratch_bytes(m, &tb_kernels_f32_ref)};
    scratch.buf = malloc(scratch.bytes ? scratch.bytes : 1);
    if (!arena || !lo || !hi || !scratch.buf)
        abort();
    calib c = {lo, hi, m, arena};
    tb_exec_hooks hooks = {record_range, &c};
    tb_status s = TB_OK;
    if (m->has_s8) {
        s = tb_exec_f32(m, &tb_kernels_f32_ref, arena, &scratch, &hooks);
        if (s == TB_OK)
            assign_activation_quant(m, lo, hi);
        for (int32_t i = 0; i < g->n_ops && s == TB_OK; i++) {
            if (weighted(&g->ops[i]))
                quantize_bias(m, b->master, &g->ops[i], &m->f32[i]);
            if (tb_prepare_s8_op(m, i))
                s = TB_ERR_ARG;
        }
    }
    if (s == TB_OK)
        s = tb_prepare_expected(m);
    free(scratch.buf);
    free(arena);
    free(lo);
    free(hi);
    if (s != TB_OK) {
        snprintf(err, err_len,
                 "%s: the graph cannot be quantised or run by the reference kernels (status %d)",
                 g->name, (int)s);
        tb_model_free(m);
        return NULL;
    }
    return m;
}

static void discard(tb_builder *b)
{
    for (int32_t t = 0; t < b->g.n_tensors; t++)
        free(b->master[t]);
    free(b->master);
    free(b->g.tensors);
    free(b->g.ops);
    free(b);
}

/* 0 when the layer list described a graph with an input and an output. */
static int described(const tb_builder *b, int32_t output, char *err, size_t err_len)
{
    if (failed(b))
        snprintf(err, err_len, "%s", b->err);
    else if (b->g.input < 0 || output < 0)
        snprintf(err, err_len, "%s: graph has no input or output", b->g.name);
    else
        return 0;
    return -1;
}

tb_model *tb_builder_finish(tb_builder *b, int32_t output, char *err, size_t err_len)
{
    tb_model *m = described(b, output, err, err_len) == 0 ? finish(b, output, err, err_len)
                                                          : NULL;
    discard(b);
    return m;
}

int tb_builder_macs(tb_builder *b, int32_t output, int64_t *macs, char *err, size_t err_len)
{
    int rc = described(b, output, err, err_len);
    if (rc == 0) {
        b->g.output = output;
        rc = tb_graph_validate(&b->g, err, err_len);
    }
    if (rc == 0)
        *macs = tb_graph_macs(&b->g);
    discard(b);
    return rc;
}
