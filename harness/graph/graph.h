/* The static graph IR every tier executes: tensors (NHWC, int8/int32/fp32,
 * per-tensor or per-channel quantisation) and ops in execution order. A
 * tb_graph is plain data: constants point into memory the graph does not
 * own, so the same structure can be emitted as const data for firmware. */
#ifndef TB_GRAPH_H
#define TB_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "tb_kernels.h"

typedef enum { TB_DTYPE_INT8, TB_DTYPE_INT32, TB_DTYPE_FP32 } tb_dtype;

typedef enum {
    TB_OP_CONV_2D,
    TB_OP_DEPTHWISE_CONV_2D,
    TB_OP_FULLY_CONNECTED,
    TB_OP_AVERAGE_POOL_2D,
    TB_OP_MAX_POOL_2D,
    TB_OP_ADD,
    TB_OP_RESHAPE,
    TB_OP_SOFTMAX,
    /* Transformer ops; fp32 kernels only (a graph using them has no int8 form). */
    TB_OP_LAYER_NORM, /* inputs: x, gamma, beta; over the innermost dimension */
    TB_OP_GELU,
    TB_OP_ATTENTION,  /* inputs: q, k, v, k_cache, v_cache (caches constant or -1) */
    TB_OP_COUNT
} tb_op_type;

typedef enum { TB_ACT_NONE, TB_ACT_RELU, TB_ACT_RELU6 } tb_activation;
typedef enum { TB_PAD_SAME, TB_PAD_VALID } tb_padding;

enum { TB_MAX_OP_INPUTS = 5, TB_NAME_LEN = 24 };

typedef struct {
    char name[TB_NAME_LEN];
    tb_dims shape; /* NHWC; vectors are [n, 1, 1, c] */
    tb_dtype dtype;
    /* Quantisation: real = scale * (q - zero_point). Per-channel tensors
     * (weights, biases) carry one scale per output channel. */
    float scale;
    int32_t zero_point;
    int32_t n_channel_scales;
    const float *channel_scales;
    const void *data; /* constants only; NULL for activations */
} tb_tensor;

typedef struct {
    tb_op_type type;
    int32_t inputs[TB_MAX_OP_INPUTS]; /* tensor indices, -1 when unused */
    int32_t output;
    tb_padding padding;
    int32_t stride_h, stride_w;
    int32_t filter_h, filter_w; /* pools; convs take theirs from the weights */
    int32_t depth_multiplier;
    tb_activation activation;
    int32_t heads; /* attention */
    float epsilon; /* layer norm */
} tb_op;

typedef struct {
    char name[32];
    int32_t n_tensors, n_ops;
    tb_tensor *tensors;
    tb_op *ops;
    int32_t input, output; /* tensor indices */
} tb_graph;

const char *tb_op_name(tb_op_type t);
const char *tb_dtype_name(tb_dtype d);
/* The activation dtype a name ("int8", "fp32") stands for; 0, or -1. */
int tb_dtype_parse(const char *name, tb_dtype *out);
size_t tb_dtype_bytes(tb_dtype d);
int64_t tb_dims_count(const tb_dims *d);
int64_t tb_tensor_bytes(const tb_tensor *t);

/* Multiply-accumulates of one op (conv, depthwise, FC; 0 for the rest). */
int64_t tb_op_macs(const tb_graph *g, const tb_op *op);
/* Weights plus biases of one op, in elements. */
int64_t tb_op_params(const tb_graph *g, const tb_op *op);
int64_t tb_graph_macs(const tb_graph *g);
/* Floating-point (or integer) operations of one op as the reference kernels
 * do them: 2 per MAC, plus the elementwise work docs/results.md lists. */
int64_t tb_op_flops(const tb_graph *g, const tb_op *op);
int64_t tb_graph_flops(const tb_graph *g);
/* Compulsory bytes one inference moves when every tensor is read once per
 * use and written once: activations at the dtype's size, constants as the
 * dtype's path stores them (int8: int8 weights, int32 biases; fp32: all 4
 * bytes). A lower bound on memory traffic, the denominator of GB/s. */
int64_t tb_op_bytes(const tb_graph *g, const tb_op *op, tb_dtype path);
int64_t tb_graph_bytes(const tb_graph *g, tb_dtype path);
/* Bytes of every constant (weights, biases, KV caches) as the path stores
 * them: what the model's memory holds besides its activations. */
int64_t tb_graph_constant_bytes(const tb_graph *g, tb_dtype path);
/* 1 when every op has an int8 kernel. */
int tb_graph_has_int8(const tb_graph *g);
int64_t tb_graph_params(const tb_graph *g);
/* Bytes of all constant tensors (weights, biases) as stored (int8 model). */
int64_t tb_graph_weight_bytes(const tb_graph *g);

/* Output size and leading padding of a window along one axis, TFLite rules:
 * SAME gives ceil(in / stride) and puts the odd padding row at the end. */
void tb_window_axis(tb_padding pad, int32_t in, int32_t filter, int32_t stride,
                    int32_t *out, int32_t *pad_before);

/* Fill the kernel window for a conv/depthwise/pool op from its tensors. */
void tb_op_window(const tb_graph *g, const tb_op *op, tb_window *w);

/* The largest scratch a kernel set's convolution asks for over the graph's
 * CONV_2D ops, from the set's *_scratch_bytes query (bytes). */
size_t tb_graph_conv_scratch_bytes(const tb_graph *g, size_t (*conv_scratch_bytes)(const tb_window *w));

/* Structural check: indices in range, shapes consistent with each op.
 * Returns 0, or -1 with a one-line reason in err. */
int tb_graph_validate(const tb_graph *g, char *err, size_t err_len);

#endif
