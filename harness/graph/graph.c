/* Graph IR queries: sizes, MAC and parameter counts, window geometry and a
 * structural check that every consumer of a graph (runtime, planner,
 * importer, firmware emitter) can rely on. */
#include "graph.h"

#include <stdio.h>
#include <string.h>

static const char *const op_names[TB_OP_COUNT] = {
    [TB_OP_CONV_2D] = "CONV_2D",
    [TB_OP_DEPTHWISE_CONV_2D] = "DEPTHWISE_CONV_2D",
    [TB_OP_FULLY_CONNECTED] = "FULLY_CONNECTED",
    [TB_OP_AVERAGE_POOL_2D] = "AVERAGE_POOL_2D",
    [TB_OP_MAX_POOL_2D] = "MAX_POOL_2D",
    [TB_OP_ADD] = "ADD",
    [TB_OP_RESHAPE] = "RESHAPE",
    [TB_OP_SOFTMAX] = "SOFTMAX",
    [TB_OP_LAYER_NORM] = "LAYER_NORM",
    [TB_OP_GELU] = "GELU",
    [TB_OP_ATTENTION] = "ATTENTION",
};

const char *tb_op_name(tb_op_type t)
{
    return (unsigned)t < TB_OP_COUNT ? op_names[t] : "UNKNOWN";
}

const char *tb_dtype_name(tb_dtype d)
{
    switch (d) {
    case TB_DTYPE_INT8: return "int8";
    case TB_DTYPE_INT32: return "int32";
    case TB_DTYPE_FP32: return "fp32";
    }
    return "unknown";
}

int tb_dtype_parse(const char *name, tb_dtype *out)
{
    if (name && strcmp(name, "int8") == 0)
        *out = TB_DTYPE_INT8;
    else if (name && strcmp(name, "fp32") == 0)
        *out = TB_DTYPE_FP32;
    else
        return -1;
    return 0;
}

size_t tb_dtype_bytes(tb_dtype d)
{
    return d == TB_DTYPE_INT8 ? 1 : 4;
}

int64_t tb_dims_count(const tb_dims *d)
{
    return (int64_t)d->n * d->h * d->w * d->c;
}

int64_t tb_tensor_bytes(const tb_tensor *t)
{
    return tb_dims_count(&t->shape) * (int64_t)tb_dtype_bytes(t->dtype);
}

/* Keys an attention query sees: the cache, then this step's rows. */
static int32_t attention_keys(const tb_graph *g, const tb_op *op)
{
    int32_t keys = g->tensors[op->inputs[1]].shape.n;
    if (op->inputs[3] >= 0)
        keys += g->tensors[op->inputs[3]].shape.n;
    return keys;
}

int64_t tb_op_macs(const tb_graph *g, const tb_op *op)
{
    const tb_tensor *out = &g->tensors[op->output];
    const tb_dims *f;
    switch (op->type) {
    case TB_OP_CONV_2D:
        f = &g->tensors[op->inputs[1]].shape;
        return tb_dims_count(&out->shape) * f->h * f->w * f->c;
    case TB_OP_DEPTHWISE_CONV_2D:
        f = &g->tensors[op->inputs[1]].shape;
        return tb_dims_count(&out->shape) * f->h * f->w;
    case TB_OP_FULLY_CONNECTED:
        return tb_dims_count(&g->tensors[op->inputs[1]].shape) * out->shape.n;
    case TB_OP_ATTENTION: /* q.k for every key, then the weighted sum of values */
        return 2 * out->shape.n * (int64_t)attention_keys(g, op) * out->shape.c;
    default:
        return 0;
    }
}

/* Elementwise operations per output element of the non-MAC ops, counting
 * one per arithmetic step of the reference kernel (a transcendental counts
 * one): ADD x+y; SOFTMAX max, subtract, exp, sum, divide; LAYER_NORM two
 * sums, subtract, square, subtract, scale, gamma, beta; GELU scale, erf,
 * add, two multiplies; pools one per window element. */
int64_t tb_op_flops(const tb_graph *g, const tb_op *op)
{
    const int64_t out = tb_dims_count(&g->tensors[op->output].shape);
    switch (op->type) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D:
    case TB_OP_FULLY_CONNECTED:
        return 2 * tb_op_macs(g, op) + out; /* + bias */
    case TB_OP_ATTENTION: /* + scale, max, exp, sum, divide per score */
        return 2 * tb_op_macs(g, op) +
               5 * (int64_t)op->heads * g->tensors[op->output].shape.n * attention_keys(g, op);
    case TB_OP_AVERAGE_POOL_2D:
    case TB_OP_MAX_POOL_2D:
        return out * op->filter_h * op->filter_w;
    case TB_OP_ADD: return out;
    case TB_OP_SOFTMAX: return 5 * out;
    case TB_OP_LAYER_NORM: return 8 * out;
    case TB_OP_GELU: return 5 * out;
    default: return 0;
    }
}

int64_t tb_graph_flops(const tb_graph *g)
{
    int64_t n = 0;
    for (int32_t i = 0; i < g->n_ops; i++)
        n += tb_op_flops(g, &g->ops[i]);
    return n;
}

static int64_t stored_bytes(const tb_tensor *t, tb_dtype path)
{
    if (path == TB_DTYPE_FP32 || !t->data)
        return tb_dims_count(&t->shape) * (int64_t)tb_dtype_bytes(path);
    return tb_tensor_bytes(t);
}

int64_t tb_op_bytes(const tb_graph *g, const tb_op *op, tb_dtype path)
{
    if (op->type == TB_OP_RESHAPE)
        return 0; /* a view: the runtime aliases it when it can */
    int64_t n = stored_bytes(&g->tensors[op->output], path);
    for (int k = 0; k < TB_MAX_OP_INPUTS; k++)
        if (op->inputs[k] >= 0)
            n += stored_bytes(&g->tensors[op->inputs[k]], path);
    return n;
}

int64_t tb_graph_constant_bytes(const tb_graph *g, tb_dtype path)
{
    int64_t n = 0;
    for (int32_t i = 0; i < g->n_tensors; i++)
        if (g->tensors[i].data)
            n += stored_bytes(&g->tensors[i], path);
    return n;
}

int64_t tb_graph_bytes(const tb_graph *g, tb_dtype path)
{
    int64_t n = 0;
    for (int32_t i = 0; i < g->n_ops; i++)
        n += tb_op_bytes(g, &g->ops[i], path);
    return n;
}

int tb_graph_has_int8(const tb_graph *g)
{
    for (int32_t i = 0; i < g->n_ops; i++)
        if (g->ops[i].type >= TB_OP_LAYER_NORM)
            return 0;
    return 1;
}

int64_t tb_op_params(const tb_graph *g, const tb_op *op)
{
    int64_t n = 0;
    /* An attention's KV cache is state carried between steps, not weights. */
    const int last = op->type == TB_OP_ATTENTION ? 3 : TB_MAX_OP_INPUTS;
    for (int i = 1; i < last; i++) {
        int32_t t = op->inputs[i];
        if (t >= 0 && g->tensors[t].data)
            n += tb_dims_count(&g->tensors[t].shape);
    }
    return n;
}

int64_t tb_graph_macs(const tb_graph *g)
{
    int64_t n = 0;
    for (int32_t i = 0; i < g->n_ops; i++)
        n += tb_op_macs(g, &g->ops[i]);
    return n;
}

int64_t tb_graph_params(const tb_graph *g)
{
    int64_t n = 0;
    for (int32_t i = 0; i < g->n_ops; i++)
        n += tb_op_params(g, &g->ops[i]);
    return n;
}

int64_t tb_graph_weight_bytes(const tb_graph *g)
{
    return tb_graph_constant_bytes(g, TB_DTYPE_INT8);
}

void tb_window_axis(tb_padding pad, int32_t in, int32_t filter, int32_t stride,
                    int32_t *out, int32_t *pad_before)
{
    if (pad == TB_PAD_VALID) {
        *out = (in - filter + stride) / stride;
        *pad_before = 0;
        return;
    }
    *out = (in + stride - 1) / stride;
    int32_t total = (*out - 1) * stride + filter - in;
    *pad_before = total > 0 ? total / 2 : 0;
}

void tb_op_window(const tb_graph *g, const tb_op *op, tb_window *w)
{
    const tb_tensor *in = &g->tensors[op->inputs[0]];
    const tb_tensor *out = &g->tensors[op->output];
    int32_t oh, ow;
    w->input = in->shape;
    w->output = out->shape;
    if (op->type == TB_OP_CONV_2D || op->type == TB_OP_DEPTHWISE_CONV_2D)
        w->filter = g->tensors[op->inputs[1]].shape;
    else
        w->filter = (tb_dims){1, op->filter_h, op->filter_w, 1};
    w->stride_h = op->stride_h;
    w->stride_w = op->stride_w;
    w->depth_multiplier = op->depth_multiplier;
    tb_window_axis(op->padding, in->shape.h, w->filter.h, op->stride_h, &oh, &w->pad_top);
    tb_window_axis(op->padding, in->shape.w, w->filter.w, op->stride_w, &ow, &w->pad_left);
}

size_t tb_graph_conv_scratch_bytes(const tb_graph *g, size_t (*conv_scratch_bytes)(const tb_window *w))
{
    size_t most = 0;
    for (int32_t i = 0; i < g->n_ops; i++) {
        if (g->ops[i].type != TB_OP_CONV_2D)
            continue;
        tb_window w;
        tb_op_window(g, &g->ops[i], &w);
        size_t n = conv_scratch_bytes(&w);
        most = n > most ? n : most;
    }
    return most;
}

static int bad(char *err, size_t n, const tb_graph *g, int32_t op, const char *what)
{
    snprintf(err, n, "%s: op %d (%s): %s", g->name, (int)op,
             op >= 0 && op < g->n_ops ? tb_op_name(g->ops[op].type) : "-", what);
    return -1;
}

static int dims_positive(const tb_dims *d)
{
    return d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

static int dims_equal(const tb_dims *a, const tb_dims *b)
{
    return a->n == b->n && a->h == b->h && a->w == b->w && a->c == b->c;
}

static int check_window(const tb_graph *g, const tb_op *op)
{
    tb_window w;
    int32_t oh, ow, ph, pw;
    if (op->stride_h < 1 || op->stride_w < 1)
        return 0;
    tb_op_window(g, op, &w);
    if (w.filter.h < 1 || w.filter.w < 1)
        return 0;
    tb_window_axis(op->padding, w.input.h, w.filter.h, op->stride_h, &oh, &ph);
    tb_window_axis(op->padding, w.input.w, w.filter.w, op->stride_w, &ow, &pw);
    return oh == w.output.h && ow == w.output.w && w.output.n == w.input.n;
}

/* Input slots an op type reads; the rest must be -1. */
static int input_slots(tb_op_type t)
{
    switch (t) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D:
    case TB_OP_FULLY_CONNECTED:
    case TB_OP_LAYER_NORM:
        return 3;
    case TB_OP_ADD: return 2;
    case TB_OP_ATTENTION: return 5;
    default: return 1;
    }
}

static int row_major(const tb_dims *d, int32_t width)
{
    return d->n > 0 && d->h == 1 && d->w == 1 && d->c == width;
}

static int check_attention(const tb_graph *g, const tb_op *op)
{
    const tb_dims *q = &g->tensors[op->inputs[0]].shape;
    const tb_dims *k = &g->tensors[op->inputs[1]].shape;
    const int32_t width = q->c;
    if (op->heads < 1 || width % op->heads || !row_major(q, width) || !row_major(k, width) ||
        !dims_equal(k, &g->tensors[op->inputs[2]].shape) ||
        !dims_equal(q, &g->tensors[op->output].shape) || (op->inputs[3] < 0) != (op->inputs[4] < 0))
        return -1;
    if (op->inputs[3] < 0)
        return 0;
    const tb_tensor *kc = &g->tensors[op->inputs[3]], *vc = &g->tensors[op->inputs[4]];
    return kc->data && vc->data && row_major(&kc->shape, width) &&
                   dims_equal(&kc->shape, &vc->shape)
               ? 0
               : -1;
}

static int check_op(const tb_graph *g, int32_t i, char *err, size_t n)
{
    const tb_op *op = &g->ops[i];
    int n_in = op->type == TB_OP_ADD ? 2 : op->type == TB_OP_ATTENTION ? 3 : 1;
    int has_weights = op->type == TB_OP_CONV_2D || op->type == TB_OP_DEPTHWISE_CONV_2D ||
                      op->type == TB_OP_FULLY_CONNECTED;
    if ((unsigned)op->type >= TB_OP_COUNT)
        return bad(err, n, g, i, "unknown op type");
    if (op->output < 0 || op->output >= g->n_tensors)
        return bad(err, n, g, i, "output tensor index out of range");
    for (int k = 0; k < TB_MAX_OP_INPUTS; k++)
        if (op->inputs[k] < -1 || op->inputs[k] >= g->n_tensors)
            return bad(err, n, g, i, "input tensor index out of range");
    for (int k = input_slots(op->type); k < TB_MAX_OP_INPUTS; k++)
        if (op->inputs[k] != -1)
            return bad(err, n, g, i, "an input slot the op does not use is set (must be -1)");
    if (op->inputs[0] < 0 || ((n_in >= 2 || has_weights) && op->inputs[1] < 0) ||
        (n_in == 3 && op->inputs[2] < 0))
        return bad(err, n, g, i, "a required input is missing");
    const tb_tensor *in = &g->tensors[op->inputs[0]], *out = &g->tensors[op->output];
    if (!dims_positive(&in->shape) || !dims_positive(&out->shape))
        return bad(err, n, g, i, "tensor with a zero or negative dimension");
    if (has_weights) {
        const tb_tensor *wt = &g->tensors[op->inputs[1]];
        if (!wt->data || !dims_positive(&wt->shape))
            return bad(err, n, g, i, "weights missing or empty");
        if (op->inputs[2] >= 0 && g->tensors[op->inputs[2]].shape.c != out->shape.c)
            return bad(err, n, g, i, "bias length differs from output channels");
    }
    switch (op->type) {
    case TB_OP_CONV_2D: {
        const tb_dims *f = &g->tensors[op->inputs[1]].shape;
        if (f->c != in->shape.c || f->n != out->shape.c || !check_window(g, op))
            return bad(err, n, g, i, "filter or output shape does not match input");
        break;
    }
    case TB_OP_DEPTHWISE_CONV_2D: {
        const tb_dims *f = &g->tensors[op->inputs[1]].shape;
        if (op->depth_multiplier < 1 || out->shape.c != in->shape.c * op->depth_multiplier ||
            f->c != out->shape.c || !check_window(g, op))
            return bad(err, n, g, i, "filter or output shape does not match input");
        break;
    }
    case TB_OP_FULLY_CONNECTED: {
        const tb_dims *f = &g->tensors[op->inputs[1]].shape;
        if (f->n != out->shape.c || (int64_t)f->c * in->shape.n != tb_dims_count(&in->shape) ||
            out->shape.n != in->shape.n)
            return bad(err, n, g, i, "weights [out, in] do not match input and output");
        break;
    }
    case TB_OP_AVERAGE_POOL_2D:
    case TB_OP_MAX_POOL_2D:
        if (in->shape.c != out->shape.c || !check_window(g, op))
            return bad(err, n, g, i, "output shape does not match the pooling window");
        break;
    case TB_OP_ADD:
        if (!dims_equal(&in->shape, &g->tensors[op->inputs[1]].shape) ||
            !dims_equal(&in->shape, &out->shape))
            return bad(err, n, g, i, "ADD operands and output differ in shape");
        break;
    case TB_OP_RESHAPE:
    case TB_OP_SOFTMAX:
    case TB_OP_GELU:
        if (tb_dims_count(&in->shape) != tb_dims_count(&out->shape))
            return bad(err, n, g, i, "element count changes");
        break;
    case TB_OP_LAYER_NORM:
        for (int k = 1; k <= 2; k++)
            if (op->inputs[k] < 0 || !g->tensors[op->inputs[k]].data ||
                tb_dims_count(&g->tensors[op->inputs[k]].shape) != in->shape.c)
                return bad(err, n, g, i, "gamma and beta must be constants of the row length");
        if (!dims_equal(&in->shape, &out->shape))
            return bad(err, n, g, i, "output shape differs from input");
        break;
    case TB_OP_ATTENTION:
        if (check_attention(g, op))
            return bad(err, n, g, i, "q, k, v, caches and output must be [rows,1,1,heads*d] "
                                     "with one row width and both caches or none");
        break;
    default:
        break;
    }
    return 0;
}

int tb_graph_validate(const tb_graph *g, char *err, size_t err_len)
{
    if (g->n_ops < 1 || g->n_tensors < 2)
        return bad(err, err_len, g, -1, "graph has no ops");
    if (g->input < 0 || g->input >= g->n_tensors || g->output < 0 || g->output >= g->n_tensors)
        return bad(err, err_len, g, -1, "graph input or output index out of range");
    for (int32_t i = 0; i < g->n_ops; i++)
        if (check_op(g, i, err, err_len))
            return -1;
    return 0;
}
