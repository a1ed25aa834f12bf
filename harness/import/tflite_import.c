/* The TFLite reader: Model -> subgraph 0 -> tensors and operators -> graph
 * IR. Operators are visited in the file's order (TFLite's execution
 * order); an operator may only read tensors an earlier operator wrote (or
 * the graph input, or constants), and a tensor is written once, so the
 * graph is acyclic by construction. Constants are copied out of the file
 * (aligned, owned by the model). */
#include "tflite_import.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "flatbuffer.h"
#include "prepare.h"
#include "tflite_schema.h"

typedef struct {
    tb_fb fb;
    char *err;
    size_t err_len;
    int failed;
    const char *name;
    tb_fb_vec opcodes, buffers, tensors, ops;
    int int8;          /* 1: an int8 model; 0: a float one */
    tb_model *m;
    int32_t *map;      /* TFLite tensor -> ours, -1 until used */
    uint8_t *written;  /* per TFLite tensor: the graph input or an op's output */
    int64_t act_elems;
} reader;

static int fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(reader *r, const char *fmt, ...)
{
    if (r->failed)
        return -1;
    r->failed = 1;
    int used = snprintf(r->err, r->err_len, "%s: ", r->name);
    if (used < 0 || (size_t)used >= r->err_len)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + used, r->err_len - (size_t)used, fmt, ap);
    va_end(ap);
    return -1;
}

/* Turns a flatbuffer access error into the reader's error. */
static int fb_check(reader *r, const char *where, int32_t index)
{
    if (!r->fb.err)
        return 0;
    return fail(r, "malformed file: %s (%s %d)", r->fb.err, where, (int)index);
}

/* ---- operator codes ---------------------------------------------------- */

/* TFLite's GetBuiltinCode: the larger of the two fields, since old files
 * only have the deprecated byte and new ones may leave it at its
 * placeholder. -1 for a malformed entry. */
static int32_t opcode_builtin(reader *r, uint32_t index)
{
    if (index >= r->opcodes.n)
        return -1;
    tb_fb_table oc = tb_fb_vec_table(&r->fb, &r->opcodes, index);
    int32_t code = tb_fb_i32(&r->fb, &oc, TB_TFL_OPCODE_BUILTIN, 0);
    int32_t dep = (int8_t)tb_fb_u8(&r->fb, &oc, TB_TFL_OPCODE_DEPRECATED_BUILTIN, 0);
    return r->fb.err ? -1 : (dep > code ? dep : code);
}

static void opcode_name(int32_t code, char *out, size_t n)
{
    const char *s = tb_tfl_builtin_name(code);
    if (s)
        snprintf(out, n, "%s", s);
    else
        snprintf(out, n, "BUILTIN_%d", (int)code);
}

/* The model's distinct operators in order of first use, comma-separated. */
static void op_list(reader *r, char *out, size_t n)
{
    int32_t seen[64];
    int n_seen = 0;
    out[0] = 0;
    for (uint32_t i = 0; i < r->ops.n && n_seen < 64; i++) {
        tb_fb_table op = tb_fb_vec_table(&r->fb, &r->ops, i);
        int32_t code = opcode_builtin(r, tb_fb_u32(&r->fb, &op, TB_TFL_OP_OPCODE_INDEX, 0));
        int dup = 0;
        for (int k = 0; k < n_seen; k++)
            dup |= seen[k] == code;
        if (dup || r->fb.err)
            continue;
        seen[n_seen++] = code;
        char name[32];
        opcode_name(code, name, sizeof name);
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s", used ? ", " : "", name);
    }
}

/* ---- tensors ----------------------------------------------------------- */

/* A TFLite shape as NHWC: rank 4 as is, [n,c] -> [n,1,1,c],
 * [c] -> [1,1,1,c], [n,w,c] -> [n,1,w,c]. */
static int read_shape(reader *r, int32_t ti, const tb_fb_table *t, tb_dims *d)
{
    tb_fb_vec s = tb_fb_vec_field(&r->fb, t, TB_TFL_TENSOR_SHAPE, 4);
    if (fb_check(r, "tensor", ti))
        return -1;
    if (s.n < 1 || s.n > 4)
        return fail(r, "tensor %d has rank %u; accepted: 1 to 4", (int)ti, (unsigned)s.n);
    int32_t v[4] = {1, 1, 1, 1};
    int64_t count = 1;
    for (uint32_t k = 0; k < s.n; k++) {
        v[4 - s.n + k] = tb_fb_vec_i32(&r->fb, &s, k);
        if (v[4 - s.n + k] < 1)
            return fail(r, "tensor %d has a zero or negative dimension (%d)", (int)ti,
                        (int)v[4 - s.n + k]);
        if (v[4 - s.n + k] > TB_TFLITE_MAX_DIM || (count *= v[4 - s.n + k]) > TB_TFLITE_MAX_ELEMS)
            return fail(r, "tensor %d is too large (a dimension above %d or more than %d "
                           "elements)",
                        (int)ti, TB_TFLITE_MAX_DIM, TB_TFLITE_MAX_ELEMS);
    }
    if (s.n == 4)
        *d = (tb_dims){v[0], v[1], v[2], v[3]};
    else /* rank 1 and 2 leave v[0] and v[1] at 1 */
        *d = (tb_dims){s.n == 3 ? v[1] : v[2], 1, s.n == 3 ? v[2] : 1, v[3]};
    return 0;
}

static tb_fb_table tensor_table(reader *r, int32_t ti)
{
    tb_fb_table none = {0, 0, 0, 0};
    if (ti < 0 || (uint32_t)ti >= r->tensors.n) {
        fail(r, "tensor index %d out of range (the subgraph has %u tensors)", (int)ti,
             (unsigned)r->tensors.n);
        return none;
    }
    tb_fb_table t = tb_fb_vec_table(&r->fb, &r->tensors, (uint32_t)ti);
    fb_check(r, "tensor", ti);
    return t;
}

/* The tensor's constant bytes: NULL with *len 0 when it has none. */
static const uint8_t *tensor_data(reader *r, int32_t ti, const tb_fb_table *t, uint32_t *len)
{
    *len = 0;
    uint32_t b = tb_fb_u32(&r->fb, t, TB_TFL_TENSOR_BUFFER, 0);
    if (fb_check(r, "tensor", ti))
        return NULL;
    if (b >= r->buffers.n) {
        fail(r, "tensor %d: buffer index %u out of range (%u buffers)", (int)ti, (unsigned)b,
             (unsigned)r->buffers.n);
        return NULL;
    }
    tb_fb_table buf = tb_fb_vec_table(&r->fb, &r->buffers, b);
    tb_fb_vec data = tb_fb_vec_field(&r->fb, &buf, TB_TFL_BUFFER_DATA, 1);
    uint64_t external = tb_fb_u64(&r->fb, &buf, TB_TFL_BUFFER_OFFSET, 0);
    if (fb_check(r, "buffer", (int32_t)b))
        return NULL;
    if (external > 1) {
        fail(r, "tensor %d: data stored outside the FlatBuffer (files over 2 GB) is not "
                "supported", (int)ti);
        return NULL;
    }
    *len = data.n;
    return data.n ? tb_fb_vec_bytes(&r->fb, &data) : NULL;
}

static void tensor_name(reader *r, int32_t ti, const tb_fb_table *t, char *out)
{
    tb_fb_vec s = tb_fb_string(&r->fb, t, TB_TFL_TENSOR_NAME);
    const uint8_t *p = tb_fb_vec_bytes(&r->fb, &s);
    size_t n = 0;
    /* Names end up in emitted C strings: keep them to a safe alphabet. */
    for (; n < s.n && n + 1 < TB_NAME_LEN; n++)
        out[n] = (p[n] >= '0' && p[n] <= '9') || (p[n] >= 'A' && p[n] <= 'Z') ||
                         (p[n] >= 'a' && p[n] <= 'z') || p[n] == '/' || p[n] == '.' ||
                         p[n] == '-'
                     ? (char)p[n]
                     : '_';
    if (n == 0)
        n = (size_t)snprintf(out, TB_NAME_LEN, "t%d", (int)ti);
    out[n] = 0;
}

typedef struct {
    int32_t n;          /* scales */
    const float *scale; /* model-owned */
    int32_t zero_point; /* the first (all must be 0 when n > 1) */
    int32_t dimension;
} quant;

/* A tensor's quantisation; n 0 when it has none. */
static int read_quant(reader *r, int32_t ti, const tb_fb_table *t, quant *q)
{
    memset(q, 0, sizeof *q);
    tb_fb_table qt = tb_fb_table_field(&r->fb, t, TB_TFL_TENSOR_QUANTIZATION);
    if (fb_check(r, "tensor", ti) || !qt.pos)
        return r->failed ? -1 : 0;
    tb_fb_vec sc = tb_fb_vec_field(&r->fb, &qt, TB_TFL_QUANT_SCALE, 4);
    tb_fb_vec zp = tb_fb_vec_field(&r->fb, &qt, TB_TFL_QUANT_ZERO_POINT, 8);
    uint8_t details = tb_fb_u8(&r->fb, &qt, TB_TFL_QUANT_DETAILS_TYPE, 0);
    q->dimension = tb_fb_i32(&r->fb, &qt, TB_TFL_QUANT_DIMENSION, 0);
    if (fb_check(r, "tensor", ti))
        return -1;
    if (details)
        return fail(r, "tensor %d: custom quantisation is not supported", (int)ti);
    if (sc.n != zp.n)
        return fail(r, "tensor %d: %u scales but %u zero points", (int)ti, (unsigned)sc.n,
                    (unsigned)zp.n);
    if (sc.n > TB_TFLITE_MAX_DIM)
        return fail(r, "tensor %d: %u scales (at most %d)", (int)ti, (unsigned)sc.n,
                    TB_TFLITE_MAX_DIM);
    if (sc.n == 0)
        return 0;
    float *s = tb_model_own(r->m, (size_t)sc.n * sizeof *s);
    for (uint32_t k = 0; k < sc.n; k++) {
        s[k] = tb_fb_vec_f32(&r->fb, &sc, k);
        int64_t z = tb_fb_vec_i64(&r->fb, &zp, k);
        if (!(s[k] > 0.0f) || !isfinite(s[k]))
            return fail(r, "tensor %d: scale %g is not a positive finite number", (int)ti,
                        (double)s[k]);
        if (z < INT8_MIN || z > INT8_MAX)
            return fail(r, "tensor %d: zero point %lld outside int8", (int)ti, (long long)z);
        if (k == 0)
            q->zero_point = (int32_t)z;
        else if (z != 0 || q->zero_point != 0)
            return fail(r, "tensor %d: per-channel zero points must all be 0", (int)ti);
    }
    q->n = (int32_t)sc.n;
    q->scale = s;
    return 0;
}

static const char *type_name_of(int32_t type)
{
    return tb_tfl_type_name(type);
}

/* Our tensor for TFLite tensor ti, read once. */
static tb_tensor *new_tensor(reader *r, int32_t ti, const tb_fb_table *t, int32_t want_type,
                             const char *role)
{
    int32_t type = (int8_t)tb_fb_u8(&r->fb, t, TB_TFL_TENSOR_TYPE, 0);
    int has_sparsity = tb_fb_has(&r->fb, t, TB_TFL_TENSOR_SPARSITY);
    if (fb_check(r, "tensor", ti))
        return NULL;
    if (type != want_type) {
        fail(r, "tensor %d (%s) is %s; a%s model needs %s here", (int)ti, role,
             type_name_of(type), r->int8 ? "n int8" : " float", type_name_of(want_type));
        return NULL;
    }
    if (has_sparsity) {
        fail(r, "tensor %d: sparse tensors are not supported", (int)ti);
        return NULL;
    }
    tb_graph *g = &r->m->graph;
    int32_t k = g->n_tensors++;
    tb_tensor *x = &g->tensors[k];
    memset(x, 0, sizeof *x);
    tensor_name(r, ti, t, x->name);
    x->dtype = want_type == TB_TFL_INT8 ? TB_DTYPE_INT8
               : want_type == TB_TFL_INT32 ? TB_DTYPE_INT32 : TB_DTYPE_FP32;
    x->scale = 1.0f;
    r->map[ti] = k;
    if (read_shape(r, ti, t, &x->shape))
        return NULL;
    return x;
}

/* An activation: the graph input or an op's output (written = 1), or an
 * op's input, which an earlier op must have written. */
static int32_t activation(reader *r, int32_t ti, int written, const char *role)
{
    tb_fb_table t = tensor_table(r, ti);
    if (r->failed)
        return -1;
    if (written && (r->written[ti] || r->map[ti] >= 0))
        return fail(r, "tensor %d is written twice or is a constant (a cycle or a repeated "
                       "output)", (int)ti);
    if (!written && !r->written[ti])
        return fail(r, "tensor %d (%s) is read before any operator writes it (operators out of "
                       "order, a cycle, or a constant where an activation belongs)",
                    (int)ti, role);
    if (written)
        r->written[ti] = 1;
    if (r->map[ti] >= 0)
        return r->map[ti];
    uint32_t len;
    if (tensor_data(r, ti, &t, &len), r->failed)
        return -1;
    if (len)
        return fail(r, "tensor %d (%s) holds constant data; constant operands are supported "
                       "only as weights and biases", (int)ti, role);
    tb_tensor *x = new_tensor(r, ti, &t, r->int8 ? TB_TFL_INT8 : TB_TFL_FLOAT32, role);
    if (!x)
        return -1;
    r->act_elems += tb_dims_count(&x->shape);
    if (r->act_elems > TB_TFLITE_MAX_ACT_ELEMS)
        return fail(r, "activations total more than %d elements", TB_TFLITE_MAX_ACT_ELEMS);
    if (r->int8) {
        quant q;
        if (read_quant(r, ti, &t, &q))
            return -1;
        if (q.n != 1)
            return fail(r, "tensor %d (%s): an int8 activation needs one scale and zero point "
                           "(has %d)", (int)ti, role, (int)q.n);
        x->scale = q.scale[0];
        x->zero_point = q.zero_point;
    }
    return r->map[ti];
}

/* How a weight tensor's scales run: per tensor, or per output channel
 * along TFLite dimension `axis` (conv and FC: 0, depthwise: 3). */
static int weight_quant(reader *r, int32_t ti, const tb_fb_table *t, tb_tensor *x,
                        int32_t channels, int32_t axis, int bias)
{
    quant q;
    if (read_quant(r, ti, t, &q))
        return -1;
    if (q.n == 0) /* a bias's scale is implied: input scale x weight scale */
        return bias ? 0 : fail(r, "tensor %d: int8 weights without quantisation", (int)ti);
    if (q.n != 1 && q.n != channels)
        return fail(r, "tensor %d: %d scales for %d output channels (accepted: 1 or %d)",
                    (int)ti, (int)q.n, (int)channels, (int)channels);
    if (q.n > 1 && !bias && q.dimension != axis)
        return fail(r, "tensor %d: quantised along dimension %d; accepted: %d (the output "
                       "channels)", (int)ti, (int)q.dimension, (int)axis);
    if (q.zero_point != 0)
        return fail(r, "tensor %d: %s zero point %d; the int8 kernels take symmetric "
                       "(zero point 0) %s, as TFLite's int8 specification requires",
                    (int)ti, bias ? "bias" : "weight", (int)q.zero_point,
                    bias ? "biases" : "weights");
    x->scale = q.scale[0];
    if (q.n > 1) {
        x->n_channel_scales = q.n;
        x->channel_scales = q.scale;
    }
    return 0;
}

/* Channel of weight element i: per-channel scales run along the outermost
 * dimension (conv, FC) or the innermost (depthwise, inner = 1). */
static int32_t channel_of(const tb_tensor *w, int inner, int64_t i)
{
    if (!w->n_channel_scales)
        return 0;
    if (inner)
        return (int32_t)(i % w->n_channel_scales);
    return (int32_t)(i / (tb_dims_count(&w->shape) / w->n_channel_scales));
}

/* A constant (weights when bias = 0, else a bias of `channels` values);
 * data copied into model memory. */
static int32_t constant(reader *r, int32_t ti, int bias, int32_t channels, int32_t axis,
                        const char *role)
{
    tb_fb_table t = tensor_table(r, ti);
    if (r->failed)
        return -1;
    if (r->written[ti] || r->map[ti] >= 0)
        return fail(r, "tensor %d (%s) is shared with another operand; constants must be "
                       "used once", (int)ti, role);
    uint32_t len;
    const uint8_t *data = tensor_data(r, ti, &t, &len);
    if (r->failed)
        return -1;
    /* A float model's int8 weights (weight-only "hybrid" quantisation) are
     * dequantised: the fp32 path runs them as float weights. */
    const int hybrid = !r->int8 && !bias &&
                       (int8_t)tb_fb_u8(&r->fb, &t, TB_TFL_TENSOR_TYPE, 0) == TB_TFL_INT8;
    const int32_t type = !r->int8 && !hybrid ? TB_TFL_FLOAT32 : bias ? TB_TFL_INT32 : TB_TFL_INT8;
    tb_tensor *x = new_tensor(r, ti, &t, type, role);
    if (!x)
        return -1;
    const int64_t n = tb_dims_count(&x->shape);
    const size_t bytes = (size_t)n * tb_dtype_bytes(x->dtype);
    if (!data || len != bytes)
        return fail(r, "tensor %d (%s): %u bytes of data for %lld elements of %s (needs %zu)",
                    (int)ti, role, (unsigned)len, (long long)n, type_name_of(type), bytes);
    if (bias && n != channels)
        return fail(r, "tensor %d (bias) has %lld values for %d output channels", (int)ti,
                    (long long)n, (int)channels);
    if ((r->int8 || hybrid) && weight_quant(r, ti, &t, x, channels, axis, bias))
        return -1;
    void *copy = tb_model_own(r->m, bytes);
    memcpy(copy, data, bytes); /* little-endian file on a little-endian host */
    x->data = copy;
    if (hybrid) {
        const int8_t *q = copy;
        float *deq = tb_model_own(r->m, (size_t)n * sizeof *deq);
        for (int64_t k = 0; k < n; k++)
            deq[k] = (float)q[k] * tb_weight_scale(x, channel_of(x, axis == 3, k));
        x->dtype = TB_DTYPE_FP32;
        x->data = deq;
        x->n_channel_scales = 0;
        x->scale = 1.0f;
    }
    if (bias)
        x->shape = (tb_dims){1, 1, 1, channels};
    return r->map[ti];
}

/* ---- operators --------------------------------------------------------- */

typedef struct {
    int32_t code;
    tb_fb_table options; /* pos 0 when absent */
    tb_fb_vec in, out;
    int32_t index;
} raw_op;

static int activation_of(reader *r, int32_t fused, tb_activation *act)
{
    switch (fused) {
    case TB_TFL_ACT_NONE: *act = TB_ACT_NONE; return 0;
    case TB_TFL_ACT_RELU: *act = TB_ACT_RELU; return 0;
    case TB_TFL_ACT_RELU6: *act = TB_ACT_RELU6; return 0;
    default:
        return fail(r, "fused activation %d is not supported (accepted: NONE, RELU, RELU6)",
                    (int)fused);
    }
}

static int padding_of(reader *r, int32_t pad, tb_padding *p)
{
    if (pad != TB_TFL_PAD_SAME && pad != TB_TFL_PAD_VALID)
        return fail(r, "padding %d is not SAME (0) or VALID (1)", (int)pad);
    *p = pad == TB_TFL_PAD_SAME ? TB_PAD_SAME : TB_PAD_VALID;
    return 0;
}

static int stride_ok(reader *r, const raw_op *o, int32_t sh, int32_t sw)
{
    if (sh < 1 || sw < 1 || sh > TB_TFLITE_MAX_DIM || sw > TB_TFLITE_MAX_DIM)
        return fail(r, "op %d: strides %dx%d; accepted: 1..%d", (int)o->index, (int)sh,
                    (int)sw, TB_TFLITE_MAX_DIM);
    return 0;
}

static int32_t op_input(reader *r, const raw_op *o, uint32_t k)
{
    return k < o->in.n ? tb_fb_vec_i32(&r->fb, &o->in, k) : -1;
}

/* The output of a window op must have the size TFLite's rules give. */
static int window_output(reader *r, const raw_op *o, const tb_op *op, int32_t fh, int32_t fw,
                         int32_t out_c)
{
    tb_graph *g = &r->m->graph;
    const tb_dims in = g->tensors[op->inputs[0]].shape;
    int32_t oh, ow, pad;
    if (op->padding == TB_PAD_VALID && (fh > in.h || fw > in.w))
        return fail(r, "op %d: VALID window %dx%d larger than its input %dx%d", (int)o->index,
                    (int)fh, (int)fw, (int)in.h, (int)in.w);
    tb_window_axis(op->padding, in.h, fh, op->stride_h, &oh, &pad);
    tb_window_axis(op->padding, in.w, fw, op->stride_w, &ow, &pad);
    const tb_dims *out = &g->tensors[op->output].shape;
    if (out->n != in.n || out->h != oh || out->w != ow || out->c != out_c)
        return fail(r, "op %d (%s): output %dx%dx%dx%d, but the window gives %dx%dx%dx%d",
                    (int)o->index, tb_op_name(op->type), (int)out->n, (int)out->h, (int)out->w,
                    (int)out->c, (int)in.n, (int)oh, (int)ow, (int)out_c);
    return 0;
}

/* 0 when an int8 op's accumulator, its bias plus `terms` products
 * (x - zp) * w of at most 255 * 128 each, cannot overflow int32 (TFLite's
 * kernels would overflow too; in C that is undefined behaviour). */
static int acc_ok(reader *r, const raw_op *o, const tb_op *op, int64_t terms)
{
    if (!r->int8)
        return 0;
    if (terms > TB_TFLITE_MAX_ACC_TERMS)
        return fail(r, "op %d: %lld products per output could overflow the int32 accumulator "
                       "(at most %d)", (int)o->index, (long long)terms, TB_TFLITE_MAX_ACC_TERMS);
    if (op->inputs[2] < 0)
        return 0;
    const tb_tensor *b = &r->m->graph.tensors[op->inputs[2]];
    const int64_t limit = INT32_MAX - terms * 255 * 128;
    for (int32_t c = 0; c < b->shape.c; c++) {
        const int64_t v = ((const int32_t *)b->data)[c];
        if (v > limit || v < -limit)
            return fail(r, "op %d: bias %lld plus %lld products could overflow the int32 "
                           "accumulator", (int)o->index, (long long)v, (long long)terms);
    }
    return 0;
}

static int same_quant(const tb_tensor *a, const tb_tensor *b)
{
    return a->scale == b->scale && a->zero_point == b->zero_point;
}

static int map_conv(reader *r, const raw_op *o, tb_op *op)
{
    const tb_fb_table *t = &o->options;
    const int dw = op->type == TB_OP_DEPTHWISE_CONV_2D;
    int32_t pad = tb_fb_u8(&r->fb, t, dw ? TB_TFL_DW_PADDING : TB_TFL_CONV_PADDING, 0);
    op->stride_w = tb_fb_i32(&r->fb, t, dw ? TB_TFL_DW_STRIDE_W : TB_TFL_CONV_STRIDE_W, 0);
    op->stride_h = tb_fb_i32(&r->fb, t, dw ? TB_TFL_DW_STRIDE_H : TB_TFL_CONV_STRIDE_H, 0);
    int32_t act = (int8_t)tb_fb_u8(&r->fb, t, dw ? TB_TFL_DW_ACTIVATION : TB_TFL_CONV_ACTIVATION, 0);
    int32_t dil_w = tb_fb_i32(&r->fb, t, dw ? TB_TFL_DW_DILATION_W : TB_TFL_CONV_DILATION_W, 1);
    int32_t dil_h = tb_fb_i32(&r->fb, t, dw ? TB_TFL_DW_DILATION_H : TB_TFL_CONV_DILATION_H, 1);
    int32_t mult = dw ? tb_fb_i32(&r->fb, t, TB_TFL_DW_DEPTH_MULTIPLIER, 0) : 1;
    if (fb_check(r, "op", o->index) || padding_of(r, pad, &op->padding) ||
        activation_of(r, act, &op->activation) || stride_ok(r, o, op->stride_h, op->stride_w))
        return -1;
    if (dil_w != 1 || dil_h != 1)
        return fail(r, "op %d: dilation %dx%d is not supported (accepted: 1x1)", (int)o->index,
                    (int)dil_h, (int)dil_w);
    tb_graph *g = &r->m->graph;
    const tb_dims in = g->tensors[op->inputs[0]].shape;
    const tb_dims out = g->tensors[op->output].shape;
    if ((op->inputs[1] = constant(r, op_input(r, o, 1), 0, out.c, dw ? 3 : 0, "filter")) < 0)
        return -1;
    const tb_dims f = g->tensors[op->inputs[1]].shape;
    if (dw) {
        op->depth_multiplier = in.c > 0 ? out.c / in.c : 0;
        /* The option is redundant (TFLite ignores it since 2.x); when set it must agree. */
        if (op->depth_multiplier < 1 || out.c != in.c * op->depth_multiplier ||
            (mult != 0 && mult != op->depth_multiplier) || f.n != 1 || f.c != out.c)
            return fail(r, "op %d (DEPTHWISE_CONV_2D): input %d channels, output %d, filter "
                           "[%d,%d,%d,%d], depth multiplier %d do not agree",
                        (int)o->index, (int)in.c, (int)out.c, (int)f.n, (int)f.h, (int)f.w,
                        (int)f.c, (int)mult);
    } else if (f.n != out.c || f.c != in.c) {
        return fail(r, "op %d (CONV_2D): filter [%d,%d,%d,%d] does not map %d to %d channels",
                    (int)o->index, (int)f.n, (int)f.h, (int)f.w, (int)f.c, (int)in.c,
                    (int)out.c);
    }
    int32_t b = op_input(r, o, 2);
    if (b >= 0 && (op->inputs[2] = constant(r, b, 1, out.c, 0, "bias")) < 0)
        return -1;
    if (acc_ok(r, o, op, (int64_t)f.h * f.w * (dw ? 1 : f.c)))
        return -1;
    return window_output(r, o, op, f.h, f.w, out.c);
}

static int map_pool(reader *r, const raw_op *o, tb_op *op)
{
    const tb_fb_table *t = &o->options;
    int32_t pad = tb_fb_u8(&r->fb, t, TB_TFL_POOL_PADDING, 0);
    op->stride_w = tb_fb_i32(&r->fb, t, TB_TFL_POOL_STRIDE_W, 0);
    op->stride_h = tb_fb_i32(&r->fb, t, TB_TFL_POOL_STRIDE_H, 0);
    op->filter_w = tb_fb_i32(&r->fb, t, TB_TFL_POOL_FILTER_W, 0);
    op->filter_h = tb_fb_i32(&r->fb, t, TB_TFL_POOL_FILTER_H, 0);
    int32_t act = (int8_t)tb_fb_u8(&r->fb, t, TB_TFL_POOL_ACTIVATION, 0);
    if (fb_check(r, "op", o->index) || padding_of(r, pad, &op->padding) ||
        activation_of(r, act, &op->activation) || stride_ok(r, o, op->stride_h, op->stride_w))
        return -1;
    if (op->filter_h < 1 || op->filter_w < 1 ||
        (int64_t)op->filter_h * op->filter_w > TB_TFLITE_MAX_WINDOW)
        return fail(r, "op %d: pool window %dx%d; accepted: positive, at most %d cells",
                    (int)o->index, (int)op->filter_h, (int)op->filter_w, TB_TFLITE_MAX_WINDOW);
    const tb_graph *g = &r->m->graph;
    if (r->int8 && !same_quant(&g->tensors[op->inputs[0]], &g->tensors[op->output]))
        return fail(r, "op %d (%s): output quantisation differs from the input's; the int8 "
                       "pools keep their input's scale and zero point, as TFLite requires",
                    (int)o->index, tb_op_name(op->type));
    return window_output(r, o, op, op->filter_h, op->filter_w,
                         g->tensors[op->inputs[0]].shape.c);
}

static int map_fc(reader *r, const raw_op *o, tb_op *op)
{
    int32_t act = (int8_t)tb_fb_u8(&r->fb, &o->options, TB_TFL_FC_ACTIVATION, 0);
    int32_t format = (int8_t)tb_fb_u8(&r->fb, &o->options, TB_TFL_FC_WEIGHTS_FORMAT, 0);
    if (fb_check(r, "op", o->index) || activation_of(r, act, &op->activation))
        return -1;
    if (format != 0)
        return fail(r, "op %d: FULLY_CONNECTED weights format %d; accepted: DEFAULT (0)",
                    (int)o->index, (int)format);
    tb_graph *g = &r->m->graph;
    tb_dims *out = &g->tensors[op->output].shape;
    const int32_t out_c = out->c;
    if ((op->inputs[1] = constant(r, op_input(r, o, 1), 0, out_c, 0, "weights")) < 0)
        return -1;
    tb_dims *w = &g->tensors[op->inputs[1]].shape;
    /* TFLite FC weights are [out, in] (rank 2): read as [out, 1, 1, in]. */
    if (w->h != 1 || w->w != 1 || w->n != out_c)
        return fail(r, "op %d (FULLY_CONNECTED): weights must be [%d, in]", (int)o->index,
                    (int)out_c);
    int32_t b = op_input(r, o, 2);
    if (b >= 0 && (op->inputs[2] = constant(r, b, 1, out_c, 0, "bias")) < 0)
        return -1;
    if (acc_ok(r, o, op, w->c))
        return -1;
    /* TFLite flattens the input to rows of `in` values (keep_num_dims only
     * changes the output's rank); the rows must be our batch dimension. */
    const tb_dims in = g->tensors[op->inputs[0]].shape;
    const int64_t n_in = tb_dims_count(&in);
    if (n_in % w->c || n_in / w->c != in.n)
        return fail(r, "op %d (FULLY_CONNECTED): input %dx%dx%dx%d is not rows of %d values "
                       "along its first dimension", (int)o->index, (int)in.n, (int)in.h,
                    (int)in.w, (int)in.c, (int)w->c);
    if (tb_dims_count(out) != (int64_t)in.n * out_c)
        return fail(r, "op %d (FULLY_CONNECTED): output has %lld values, not %d x %d",
                    (int)o->index, (long long)tb_dims_count(out), (int)in.n, (int)out_c);
    *out = (tb_dims){in.n, 1, 1, out_c};
    return 0;
}

static int map_add(reader *r, const raw_op *o, tb_op *op)
{
    int32_t act = (int8_t)tb_fb_u8(&r->fb, &o->options, TB_TFL_ADD_ACTIVATION, 0);
    if (fb_check(r, "op", o->index) || activation_of(r, act, &op->activation))
        return -1;
    if ((op->inputs[1] = activation(r, op_input(r, o, 1), 0, "ADD operand")) < 0)
        return -1;
    const tb_graph *g = &r->m->graph;
    const tb_dims *a = &g->tensors[op->inputs[0]].shape, *b = &g->tensors[op->inputs[1]].shape,
                  *c = &g->tensors[op->output].shape;
    if (a->n != b->n || a->h != b->h || a->w != b->w || a->c != b->c || a->n != c->n ||
        a->h != c->h || a->w != c->w || a->c != c->c)
        return fail(r, "op %d (ADD): operands and output must have one shape (broadcasting is "
                       "not supported)", (int)o->index);
    return 0;
}

static int map_softmax(reader *r, const raw_op *o, tb_op *op, float *beta)
{
    *beta = tb_fb_f32(&r->fb, &o->options, TB_TFL_SOFTMAX_BETA, 0.0f);
    if (fb_check(r, "op", o->index))
        return -1;
    if (!(*beta > 0.0f) || !isfinite(*beta))
        return fail(r, "op %d (SOFTMAX): beta %g; accepted: a positive finite number",
                    (int)o->index, (double)*beta);
    const tb_tensor *out = &r->m->graph.tensors[op->output];
    if (r->int8 && (fabsf(out->scale - 1.0f / 256.0f) > 1e-6f || out->zero_point != -128))
        return fail(r, "op %d (SOFTMAX): output scale %g, zero point %d; the int8 softmax "
                       "writes scale 1/256, zero point -128 (TFLite's int8 rule)",
                    (int)o->index, (double)out->scale, (int)out->zero_point);
    return 0;
}

static int map_reshape(reader *r, const raw_op *o, tb_op *op)
{
    const tb_graph *g = &r->m->graph;
    const tb_tensor *in = &g->tensors[op->inputs[0]], *out = &g->tensors[op->output];
    if (tb_dims_count(&in->shape) != tb_dims_count(&out->shape))
        return fail(r, "op %d (RESHAPE): %lld elements in, %lld out", (int)o->index,
                    (long long)tb_dims_count(&in->shape), (long long)tb_dims_count(&out->shape));
    if (r->int8 && !same_quant(in, out))
        return fail(r, "op %d (RESHAPE): output quantisation differs from the input's",
                    (int)o->index);
    return 0;
}

typedef struct {
    int32_t builtin;
    tb_op_type type;
    uint8_t options;          /* BuiltinOptions tag it needs */
    uint8_t min_in, max_in;   /* inputs the op lists */
} op_rule;

static const op_rule rules[] = {
    {TB_TFL_CONV_2D, TB_OP_CONV_2D, TB_TFL_OPTIONS_CONV2D, 2, 3},
    {TB_TFL_DEPTHWISE_CONV_2D, TB_OP_DEPTHWISE_CONV_2D, TB_TFL_OPTIONS_DEPTHWISE, 2, 3},
    {TB_TFL_FULLY_CONNECTED, TB_OP_FULLY_CONNECTED, TB_TFL_OPTIONS_FULLY_CONNECTED, 2, 3},
    {TB_TFL_AVERAGE_POOL_2D, TB_OP_AVERAGE_POOL_2D, TB_TFL_OPTIONS_POOL2D, 1, 1},
    {TB_TFL_MAX_POOL_2D, TB_OP_MAX_POOL_2D, TB_TFL_OPTIONS_POOL2D, 1, 1},
    {TB_TFL_ADD, TB_OP_ADD, TB_TFL_OPTIONS_ADD, 2, 2},
    {TB_TFL_RESHAPE, TB_OP_RESHAPE, TB_TFL_OPTIONS_RESHAPE, 1, 2},
    {TB_TFL_SOFTMAX, TB_OP_SOFTMAX, TB_TFL_OPTIONS_SOFTMAX, 1, 1},
};

static const op_rule *rule_for(int32_t code)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].builtin == code)
            return &rules[i];
    return NULL;
}

static int map_op(reader *r, uint32_t i)
{
    raw_op o = {.index = (int32_t)i};
    tb_fb_table t = tb_fb_vec_table(&r->fb, &r->ops, i);
    uint32_t opcode = tb_fb_u32(&r->fb, &t, TB_TFL_OP_OPCODE_INDEX, 0);
    uint8_t options_type = tb_fb_u8(&r->fb, &t, TB_TFL_OP_OPTIONS_TYPE, 0);
    o.options = tb_fb_table_field(&r->fb, &t, TB_TFL_OP_OPTIONS);
    o.in = tb_fb_vec_field(&r->fb, &t, TB_TFL_OP_INPUTS, 4);
    o.out = tb_fb_vec_field(&r->fb, &t, TB_TFL_OP_OUTPUTS, 4);
    if (fb_check(r, "op", (int32_t)i))
        return -1;
    if (opcode >= r->opcodes.n)
        return fail(r, "op %u: opcode index %u out of range (%u operator codes)", (unsigned)i,
                    (unsigned)opcode, (unsigned)r->opcodes.n);
    o.code = opcode_builtin(r, opcode);
    if (fb_check(r, "operator code", (int32_t)opcode))
        return -1;
    const op_rule *rule = rule_for(o.code);
    if (!rule) {
        char name[32], list[512];
        opcode_name(o.code, name, sizeof name);
        op_list(r, list, sizeof list);
        return fail(r, "unsupported operator %s (op %u); the model's operators: %s; supported: "
                       "CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, AVERAGE_POOL_2D, "
                       "MAX_POOL_2D, ADD, RESHAPE, SOFTMAX",
                    name, (unsigned)i, list);
    }
    if (o.in.n < rule->min_in || o.in.n > rule->max_in || o.out.n != 1)
        return fail(r, "op %u (%s): %u inputs and %u outputs; accepted: %u to %u inputs, 1 "
                       "output", (unsigned)i, tb_op_name(rule->type), (unsigned)o.in.n,
                    (unsigned)o.out.n, (unsigned)rule->min_in, (unsigned)rule->max_in);
    if (o.options.pos && options_type != rule->options)
        return fail(r, "op %u (%s): options of type %u; expected %u", (unsigned)i,
                    tb_op_name(rule->type), (unsigned)options_type, (unsigned)rule->options);
    if (!o.options.pos && rule->type != TB_OP_RESHAPE && rule->type != TB_OP_FULLY_CONNECTED &&
        rule->type != TB_OP_ADD)
        return fail(r, "op %u (%s): options missing", (unsigned)i, tb_op_name(rule->type));

    tb_graph *g = &r->m->graph;
    tb_op *op = &g->ops[g->n_ops];
    *op = (tb_op){.type = rule->type, .inputs = {-1, -1, -1, -1, -1}, .padding = TB_PAD_VALID,
                  .stride_h = 1, .stride_w = 1, .depth_multiplier = 1};
    float beta = 1.0f;
    if ((op->inputs[0] = activation(r, op_input(r, &o, 0), 0, "input")) < 0 ||
        (op->output = activation(r, tb_fb_vec_i32(&r->fb, &o.out, 0), 1, "output")) < 0)
        return -1;
    int rc;
    switch (rule->type) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D: rc = map_conv(r, &o, op); break;
    case TB_OP_FULLY_CONNECTED: rc = map_fc(r, &o, op); break;
    case TB_OP_AVERAGE_POOL_2D:
    case TB_OP_MAX_POOL_2D: rc = map_pool(r, &o, op); break;
    case TB_OP_ADD: rc = map_add(r, &o, op); break;
    case TB_OP_SOFTMAX: rc = map_softmax(r, &o, op, &beta); break;
    default: rc = map_reshape(r, &o, op); break;
    }
    if (rc)
        return -1;
    r->m->f32[g->n_ops].softmax_beta = beta;
    r->m->f32[g->n_ops].clamp = tb_real_clamp(op->activation);
    g->n_ops++;
    return 0;
}

/* ---- the model --------------------------------------------------------- */

/* fp32 weights and biases: a float model's own; an int8 model's
 * dequantised (biases at input_scale x weight_scale, TFLite's rule). */
static void fp32_params(tb_model *m)
{
    const tb_graph *g = &m->graph;
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        if (op->type != TB_OP_CONV_2D && op->type != TB_OP_DEPTHWISE_CONV_2D &&
            op->type != TB_OP_FULLY_CONNECTED)
            continue;
        const tb_tensor *w = &g->tensors[op->inputs[1]];
        const tb_tensor *b = op->inputs[2] >= 0 ? &g->tensors[op->inputs[2]] : NULL;
        if (!m->has_s8) {
            m->f32[i].weights = w->data;
            m->f32[i].bias = b ? b->data : NULL;
            continue;
        }
        const int64_t n = tb_dims_count(&w->shape);
        const int8_t *q = w->data;
        float *deq = tb_model_own(m, (size_t)n * sizeof *deq);
        for (int64_t k = 0; k < n; k++)
            deq[k] = (float)q[k] *
                     tb_weight_scale(w, channel_of(w, op->type == TB_OP_DEPTHWISE_CONV_2D, k));
        m->f32[i].weights = deq;
        if (!b)
            continue;
        const float in_scale = g->tensors[op->inputs[0]].scale;
        const int32_t *qb = b->data;
        float *deqb = tb_model_own(m, (size_t)b->shape.c * sizeof *deqb);
        for (int32_t c = 0; c < b->shape.c; c++)
            deqb[c] = (float)((double)qb[c] * in_scale * tb_weight_scale(w, c));
        m->f32[i].bias = deqb;
    }
}

static int read_subgraph(reader *r, const tb_fb_table *sg)
{
    r->tensors = tb_fb_vec_field(&r->fb, sg, TB_TFL_SUBGRAPH_TENSORS, 4);
    r->ops = tb_fb_vec_field(&r->fb, sg, TB_TFL_SUBGRAPH_OPERATORS, 4);
    tb_fb_vec ins = tb_fb_vec_field(&r->fb, sg, TB_TFL_SUBGRAPH_INPUTS, 4);
    tb_fb_vec outs = tb_fb_vec_field(&r->fb, sg, TB_TFL_SUBGRAPH_OUTPUTS, 4);
    if (fb_check(r, "subgraph", 0))
        return -1;
    if (r->tensors.n < 2 || r->tensors.n > TB_TFLITE_MAX_TENSORS)
        return fail(r, "subgraph 0 has %u tensors; accepted: 2..%d", (unsigned)r->tensors.n,
                    TB_TFLITE_MAX_TENSORS);
    if (r->ops.n < 1 || r->ops.n > TB_TFLITE_MAX_OPS)
        return fail(r, "subgraph 0 has %u operators; accepted: 1..%d", (unsigned)r->ops.n,
                    TB_TFLITE_MAX_OPS);
    if (ins.n != 1 || outs.n != 1)
        return fail(r, "subgraph 0 has %u inputs and %u outputs; accepted: one of each",
                    (unsigned)ins.n, (unsigned)outs.n);
    tb_model *m = r->m;
    tb_graph *g = &m->graph;
    g->tensors = tb_model_own(m, r->tensors.n * sizeof *g->tensors);
    g->ops = tb_model_own(m, r->ops.n * sizeof *g->ops);
    m->s8 = tb_model_own(m, r->ops.n * sizeof *m->s8);
    m->f32 = tb_model_own(m, r->ops.n * sizeof *m->f32);
    r->map = tb_model_own(m, r->tensors.n * sizeof *r->map);
    r->written = tb_model_own(m, r->tensors.n);
    for (uint32_t t = 0; t < r->tensors.n; t++)
        r->map[t] = -1;

    const int32_t in = tb_fb_vec_i32(&r->fb, &ins, 0);
    tb_fb_table it = tensor_table(r, in);
    int32_t type = r->failed ? -1 : (int8_t)tb_fb_u8(&r->fb, &it, TB_TFL_TENSOR_TYPE, 0);
    if (fb_check(r, "tensor", in) || r->failed)
        return -1;
    if (type != TB_TFL_INT8 && type != TB_TFL_FLOAT32)
        return fail(r, "input tensor %d is %s; accepted: INT8 (an int8 model) or FLOAT32 (a "
                       "float model)", (int)in, type_name_of(type));
    r->int8 = type == TB_TFL_INT8;
    if ((g->input = activation(r, in, 1, "graph input")) < 0)
        return -1;
    for (uint32_t i = 0; i < r->ops.n; i++)
        if (map_op(r, i))
            return -1;
    const int32_t out = tb_fb_vec_i32(&r->fb, &outs, 0);
    if (out < 0 || (uint32_t)out >= r->tensors.n || !r->written[out] || r->map[out] < 0)
        return fail(r, "graph output tensor %d is not written by any operator", (int)out);
    g->output = r->map[out];
    return 0;
}

static void model_name(const char *name, char *out, size_t n)
{
    size_t k = 0;
    for (; name[k] && k + 1 < n; k++)
        out[k] = (name[k] >= '0' && name[k] <= '9') || (name[k] >= 'A' && name[k] <= 'Z') ||
                         (name[k] >= 'a' && name[k] <= 'z') || name[k] == '-' || name[k] == '.'
                     ? name[k]
                     : '_';
    out[k] = 0;
}

tb_model *tb_tflite_read(const uint8_t *bytes, size_t len, const char *name, char *err,
                         size_t err_len)
{
    reader r = {.fb = {bytes, len, NULL}, .err = err, .err_len = err_len, .name = name};
    if (len > TB_TFLITE_MAX_FILE_BYTES) {
        fail(&r, "file of %zu bytes; accepted: at most %d", len, TB_TFLITE_MAX_FILE_BYTES);
        return NULL;
    }
    tb_fb_table root;
    if (tb_fb_root(&r.fb, TB_TFL_IDENTIFIER, &root)) {
        fail(&r, "not a TFLite model: %s (expected a FlatBuffer with identifier \"%s\")",
             r.fb.err, TB_TFL_IDENTIFIER);
        return NULL;
    }
    uint32_t version = tb_fb_u32(&r.fb, &root, TB_TFL_MODEL_VERSION, 0);
    r.opcodes = tb_fb_vec_field(&r.fb, &root, TB_TFL_MODEL_OPERATOR_CODES, 4);
    r.buffers = tb_fb_vec_field(&r.fb, &root, TB_TFL_MODEL_BUFFERS, 4);
    tb_fb_vec subgraphs = tb_fb_vec_field(&r.fb, &root, TB_TFL_MODEL_SUBGRAPHS, 4);
    tb_fb_table sg = subgraphs.n ? tb_fb_vec_table(&r.fb, &subgraphs, 0) : (tb_fb_table){0};
    if (fb_check(&r, "model", 0))
        return NULL;
    if (version != TB_TFL_SCHEMA_VERSION) {
        fail(&r, "schema version %u; accepted: %d", (unsigned)version, TB_TFL_SCHEMA_VERSION);
        return NULL;
    }
    if (!sg.pos) {
        fail(&r, "the model has no subgraph");
        return NULL;
    }
    if (r.opcodes.n > TB_TFLITE_MAX_OPCODES) {
        fail(&r, "%u operator codes; accepted: at most %d", (unsigned)r.opcodes.n,
             TB_TFLITE_MAX_OPCODES);
        return NULL;
    }
    r.m = tb_model_alloc();
    model_name(name, r.m->graph.name, sizeof r.m->graph.name);
    if (read_subgraph(&r, &sg) || tb_graph_validate(&r.m->graph, err, err_len)) {
        tb_model_free(r.m);
        return NULL;
    }
    r.m->has_s8 = r.int8;
    fp32_params(r.m);
    tb_prepare_plans(r.m);
    return r.m;
}

int tb_tflite_prepare(tb_model *m, uint64_t seed, char *err, size_t err_len)
{
    const tb_graph *g = &m->graph;
    tb_rng rng = {seed};
    if (m->has_s8) {
        tb_prepare_input_s8(m, &rng);
        for (int32_t i = 0; i < g->n_ops; i++)
            if (tb_prepare_s8_op(m, i)) {
                snprintf(err, err_len, "%s: op %d (%s): its scales cannot be expressed as int8 "
                                       "fixed-point parameters", g->name, (int)i,
                         tb_op_name(g->ops[i].type));
                return -1;
            }
    } else {
        tb_prepare_input_f32(m, &rng, TB_TFLITE_F32_INPUT_LO, TB_TFLITE_F32_INPUT_HI);
    }
    tb_status s = tb_prepare_expected(m);
    if (s != TB_OK) {
        snprintf(err, err_len, "%s: the reference kernels refused the model (status %d)",
                 g->name, (int)s);
        return -1;
    }
    return 0;
}
