/* The inspect report. Numbers come from the graph queries every record
 * uses (tb_op_macs, tb_op_params, the planner), so inspect and a run of the
 * same model agree. */
#include "tflite_inspect.h"

#include <inttypes.h>
#include <string.h>

#include "plan.h"

static const char *act_name(tb_activation a)
{
    return a == TB_ACT_RELU ? "RELU" : a == TB_ACT_RELU6 ? "RELU6" : "NONE";
}

static void shape(char *out, size_t n, const tb_dims *d)
{
    snprintf(out, n, "%dx%dx%dx%d", (int)d->n, (int)d->h, (int)d->w, (int)d->c);
}

static void op_details(char *out, size_t n, const tb_model *m, int32_t i)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    const char *pad = op->padding == TB_PAD_SAME ? "SAME" : "VALID";
    const tb_dims *f = op->inputs[1] >= 0 ? &g->tensors[op->inputs[1]].shape : NULL;
    switch (op->type) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D:
        snprintf(out, n, "filter %dx%d stride %dx%d %s %s%s", (int)f->h, (int)f->w,
                 (int)op->stride_h, (int)op->stride_w, pad, act_name(op->activation),
                 op->inputs[2] >= 0 ? "" : " no-bias");
        if (op->type == TB_OP_DEPTHWISE_CONV_2D) {
            size_t used = strlen(out);
            snprintf(out + used, n - used, " x%d", (int)op->depth_multiplier);
        }
        break;
    case TB_OP_FULLY_CONNECTED:
        snprintf(out, n, "%d->%d %s%s", (int)f->c, (int)f->n, act_name(op->activation),
                 op->inputs[2] >= 0 ? "" : " no-bias");
        break;
    case TB_OP_AVERAGE_POOL_2D:
    case TB_OP_MAX_POOL_2D:
        snprintf(out, n, "window %dx%d stride %dx%d %s %s", (int)op->filter_h,
                 (int)op->filter_w, (int)op->stride_h, (int)op->stride_w, pad,
                 act_name(op->activation));
        break;
    case TB_OP_ADD:
        snprintf(out, n, "%s", act_name(op->activation));
        break;
    case TB_OP_SOFTMAX:
        snprintf(out, n, "beta %g", (double)m->f32[i].softmax_beta);
        break;
    default:
        out[0] = 0;
    }
}

static void quant(char *out, size_t n, const tb_tensor *t, int has_s8)
{
    if (!has_s8 || t->dtype == TB_DTYPE_FP32)
        snprintf(out, n, "-");
    else if (t->n_channel_scales)
        snprintf(out, n, "per-channel, %d scales %.4g..%.4g, zero point 0",
                 (int)t->n_channel_scales, (double)t->channel_scales[0],
                 (double)t->channel_scales[t->n_channel_scales - 1]);
    else
        snprintf(out, n, "per-tensor, scale %.6g, zero point %d", (double)t->scale,
                 (int)t->zero_point);
}

void tb_inspect_print(FILE *out, const tb_model *m)
{
    const tb_graph *g = &m->graph;
    char s[64], d[128], q[128];
    fprintf(out, "model %s: %s, %d ops, %d tensors\n", g->name,
            m->has_s8 ? "int8 (runs int8 and fp32)" : "float (runs fp32)", (int)g->n_ops,
            (int)g->n_tensors);
    fprintf(out, "\n%3s  %-18s %-14s %10s %12s  %s\n", "#", "op", "output", "params", "MACs",
            "options");
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        shape(s, sizeof s, &g->tensors[op->output].shape);
        op_details(d, sizeof d, m, i);
        fprintf(out, "%3d  %-18s %-14s %10" PRId64 " %12" PRId64 "  %s\n", (int)i,
                tb_op_name(op->type), s, tb_op_params(g, op), tb_op_macs(g, op), d);
    }
    fprintf(out, "\n%3s  %-23s %-14s %-6s %s\n", "t", "tensor", "shape", "dtype", "quantisation");
    for (int32_t t = 0; t < g->n_tensors; t++) {
        const tb_tensor *x = &g->tensors[t];
        shape(s, sizeof s, &x->shape);
        quant(q, sizeof q, x, m->has_s8);
        fprintf(out, "%3d  %-23s %-14s %-6s %s%s\n", (int)t, x->name, s, tb_dtype_name(x->dtype),
                q, t == g->input ? " (input)" : t == g->output ? " (output)" : "");
    }
    fprintf(out, "\ntotal: %d ops, %" PRId64 " parameters (%" PRId64 " bytes of constants), %" PRId64
                 " MACs\n",
            (int)g->n_ops, tb_graph_params(g), tb_graph_weight_bytes(g), tb_graph_macs(g));
    if (m->has_s8)
        fprintf(out, "arena int8: %" PRId64 " bytes (no reuse: %" PRId64 ")\n",
                m->plan_s8.arena_bytes, tb_plan_naive_bytes(g, TB_DTYPE_INT8));
    fprintf(out, "arena fp32: %" PRId64 " bytes (no reuse: %" PRId64 ")\n",
            m->plan_f32.arena_bytes, tb_plan_naive_bytes(g, TB_DTYPE_FP32));
}
