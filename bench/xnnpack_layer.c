/* tierbench layers as XNNPACK operators (the API of Debian 12's
 * libxnnpack-dev, git 2022-02-16): convolutions and depthwise convolutions
 * go to the per-channel-scale "qc8" convolution, fully connected layers
 * with one weight scale to the "qs8" fully connected operator, and those
 * with per-channel scales to a qc8 1x1 convolution over a 1x1 image. */
#include "xnnpack_layer.h"

#include <stdio.h>
#include <stdlib.h>

#include <xnnpack.h>

struct tb_xnn_layer {
    xnn_operator_t op;
};

/* The arguments of xnn_create/setup_convolution2d_nhwc_qc8 that describe
 * geometry, in the header's order and names. */
typedef struct {
    uint32_t pad_top, pad_right, pad_bottom, pad_left;
    uint32_t kernel_h, kernel_w, stride_h, stride_w;
    uint32_t groups;
    size_t group_in, group_out;
    size_t batch, in_h, in_w;
    uint32_t flags;
} conv_geometry;

size_t tb_xnn_input_slack_bytes(void)
{
    return XNN_EXTRA_BYTES;
}

static const char *status_name(enum xnn_status s)
{
    switch (s) {
    case xnn_status_success: return "success";
    case xnn_status_uninitialized: return "uninitialized";
    case xnn_status_invalid_parameter: return "invalid parameter";
    case xnn_status_invalid_state: return "invalid state";
    case xnn_status_unsupported_parameter: return "unsupported parameter";
    case xnn_status_unsupported_hardware: return "unsupported hardware";
    case xnn_status_out_of_memory: return "out of memory";
    }
    return "unknown status";
}

int tb_xnn_init(char *err, size_t err_len)
{
    enum xnn_status s = xnn_initialize(NULL);
    if (s != xnn_status_success) {
        snprintf(err, err_len, "xnn_initialize failed: %s", status_name(s));
        return -1;
    }
    return 0;
}

/* Padding after the last row or column: what makes XNNPACK's output size,
 * (in + before + after - kernel) / stride + 1, equal ours. VALID windows
 * that leave input unread need none (the division floors). */
static uint32_t far_padding(int32_t in, int32_t out, int32_t kernel, int32_t stride,
                            int32_t before)
{
    int32_t after = (out - 1) * stride + kernel - in - before;
    return after > 0 ? (uint32_t)after : 0;
}

static conv_geometry window_geometry(const tb_graph *g, const tb_op *op)
{
    tb_window w;
    tb_op_window(g, op, &w);
    const int dw = op->type == TB_OP_DEPTHWISE_CONV_2D;
    return (conv_geometry){
        .pad_top = (uint32_t)w.pad_top,
        .pad_right = far_padding(w.input.w, w.output.w, w.filter.w, w.stride_w, w.pad_left),
        .pad_bottom = far_padding(w.input.h, w.output.h, w.filter.h, w.stride_h, w.pad_top),
        .pad_left = (uint32_t)w.pad_left,
        .kernel_h = (uint32_t)w.filter.h,
        .kernel_w = (uint32_t)w.filter.w,
        .stride_h = (uint32_t)w.stride_h,
        .stride_w = (uint32_t)w.stride_w,
        /* Depthwise: one group per input channel, depth_multiplier outputs
         * each; XNNPACK's HWGo filter layout is our [1, H, W, C*M]. */
        .groups = dw ? (uint32_t)w.input.c : 1,
        .group_in = dw ? 1 : (size_t)w.input.c,
        .group_out = dw ? (size_t)w.depth_multiplier : (size_t)w.output.c,
        .batch = (size_t)w.input.n,
        .in_h = (size_t)w.input.h,
        .in_w = (size_t)w.input.w,
        .flags = dw ? XNN_FLAG_DEPTHWISE_CONVOLUTION : 0,
    };
}

/* A fully connected layer as a 1x1 convolution: batch rows of one pixel. */
static conv_geometry fc_geometry(const tb_graph *g, const tb_op *op)
{
    const tb_tensor *wt = &g->tensors[op->inputs[1]];
    return (conv_geometry){
        .kernel_h = 1, .kernel_w = 1, .stride_h = 1, .stride_w = 1,
        .groups = 1,
        .group_in = (size_t)wt->shape.c,
        .group_out = (size_t)wt->shape.n,
        .batch = (size_t)g->tensors[op->output].shape.n,
        .in_h = 1, .in_w = 1,
    };
}

/* What every operator takes from the model: the op's tensors, its bias
 * (NULL when it has none) and its output clamp (which carries ReLU/ReLU6). */
typedef struct {
    const tb_tensor *in, *wt, *out;
    const int32_t *bias;
    int8_t act_min, act_max;
} op_data;

static op_data op_data_of(const tb_model *m, int32_t i)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    return (op_data){
        .in = &g->tensors[op->inputs[0]],
        .wt = &g->tensors[op->inputs[1]],
        .out = &g->tensors[op->output],
        .bias = op->inputs[2] >= 0 ? g->tensors[op->inputs[2]].data : NULL,
        .act_min = (int8_t)m->s8[i].requant.act_min,
        .act_max = (int8_t)m->s8[i].requant.act_max,
    };
}

static enum xnn_status create_qc8(const op_data *d, const conv_geometry *cg,
                                  const int8_t *input, int8_t *output, xnn_operator_t *op_out,
                                  char *err, size_t err_len)
{
    const size_t channels = cg->groups * cg->group_out;

    /* qc8 takes one scale per output channel; a per-tensor scale is repeated. */
    float *scales = malloc(channels * sizeof *scales);
    if (!scales) {
        snprintf(err, err_len, "out of memory");
        return xnn_status_out_of_memory;
    }
    for (size_t c = 0; c < channels; c++)
        scales[c] = d->wt->n_channel_scales ? d->wt->channel_scales[c] : d->wt->scale;

    enum xnn_status s = xnn_create_convolution2d_nhwc_qc8(
        cg->pad_top, cg->pad_right, cg->pad_bottom, cg->pad_left, cg->kernel_h, cg->kernel_w,
        cg->stride_h, cg->stride_w, 1, 1, cg->groups, cg->group_in, cg->group_out,
        cg->groups * cg->group_in, channels, (int8_t)d->in->zero_point, d->in->scale, scales,
        d->wt->data, d->bias, (int8_t)d->out->zero_point, d->out->scale, d->act_min,
        d->act_max, cg->flags, op_out);
    free(scales); /* XNNPACK packs the scales with the weights */
    if (s != xnn_status_success) {
        snprintf(err, err_len, "xnn_create_convolution2d_nhwc_qc8: %s", status_name(s));
        return s;
    }
    s = xnn_setup_convolution2d_nhwc_qc8(*op_out, cg->batch, cg->in_h, cg->in_w, input, output,
                                         NULL);
    if (s != xnn_status_success)
        snprintf(err, err_len, "xnn_setup_convolution2d_nhwc_qc8: %s", status_name(s));
    return s;
}

static enum xnn_status create_fc_qs8(const op_data *d, const int8_t *input, int8_t *output,
                                     xnn_operator_t *op_out, char *err, size_t err_len)
{
    const size_t in_features = (size_t)d->wt->shape.c, out_features = (size_t)d->wt->shape.n;

    /* Weights [out, in], as XNNPACK's default (untransposed) layout. */
    enum xnn_status s = xnn_create_fully_connected_nc_qs8(
        in_features, out_features, in_features, out_features, (int8_t)d->in->zero_point,
        d->in->scale, d->wt->scale, d->wt->data, d->bias, (int8_t)d->out->zero_point,
        d->out->scale, d->act_min, d->act_max, 0, op_out);
    if (s != xnn_status_success) {
        snprintf(err, err_len, "xnn_create_fully_connected_nc_qs8: %s", status_name(s));
        return s;
    }
    s = xnn_setup_fully_connected_nc_qs8(*op_out, (size_t)d->out->shape.n, input, output, NULL);
    if (s != xnn_status_success)
        snprintf(err, err_len, "xnn_setup_fully_connected_nc_qs8: %s", status_name(s));
    return s;
}

tb_xnn_layer *tb_xnn_layer_new(const tb_model *m, int32_t i, const int8_t *input,
                               int8_t *output, char *err, size_t err_len)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    xnn_operator_t xop = NULL;
    enum xnn_status s;
    conv_geometry cg;
    op_data d;
    switch (op->type) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D:
        cg = window_geometry(g, op);
        d = op_data_of(m, i);
        s = create_qc8(&d, &cg, input, output, &xop, err, err_len);
        break;
    case TB_OP_FULLY_CONNECTED:
        d = op_data_of(m, i);
        if (d.wt->n_channel_scales) {
            cg = fc_geometry(g, op);
            s = create_qc8(&d, &cg, input, output, &xop, err, err_len);
        } else {
            s = create_fc_qs8(&d, input, output, &xop, err, err_len);
        }
        break;
    default:
        snprintf(err, err_len, "%s has no XNNPACK counterpart here", tb_op_name(op->type));
        return NULL;
    }
    tb_xnn_layer *x = s == xnn_status_success ? malloc(sizeof *x) : NULL;
    if (!x) {
        if (s == xnn_status_success)
            snprintf(err, err_len, "out of memory");
        if (xop)
            xnn_delete_operator(xop);
        return NULL;
    }
    x->op = xop;
    return x;
}

int tb_xnn_layer_run(tb_xnn_layer *x)
{
    return xnn_run_operator(x->op, NULL) == xnn_status_success ? 0 : -1;
}

void tb_xnn_layer_free(tb_xnn_layer *x)
{
    if (!x)
        return;
    xnn_delete_operator(x->op);
    free(x);
}
