/* fp32 graph execution over the dequantised weights of the same model. */
#include <string.h>

#include "exec.h"

static float *act(const tb_model *m, uint8_t *arena, int32_t tensor)
{
    return (float *)(arena + m->plan_f32.offset[tensor]);
}

const float *tb_exec_f32_tensor(const tb_model *m, const uint8_t *arena, int32_t tensor)
{
    return (const float *)(arena + m->plan_f32.offset[tensor]);
}

static const float *constant(const tb_graph *g, int32_t tensor)
{
    return tensor >= 0 ? g->tensors[tensor].data : NULL;
}

static tb_attention_dims attention_dims(const tb_graph *g, const tb_op *op)
{
    const tb_dims *out = &g->tensors[op->output].shape;
    return (tb_attention_dims){out->n, g->tensors[op->inputs[1]].shape.n,
                               op->inputs[3] >= 0 ? g->tensors[op->inputs[3]].shape.n : 0,
                               op->heads, out->c / op->heads};
}

size_t tb_exec_f32_scratch_bytes(const tb_model *m, const tb_kernels_f32 *k)
{
    const tb_graph *g = &m->graph;
    size_t most = tb_graph_conv_scratch_bytes(g, k->conv_scratch_bytes);
    for (int32_t i = 0; i < g->n_ops; i++) {
        if (g->ops[i].type != TB_OP_ATTENTION)
            continue;
        const tb_attention_dims d = attention_dims(g, &g->ops[i]);
        size_t n = k->attention_scratch_bytes(&d);
        most = n > most ? n : most;
    }
    return most;
}

static tb_status run_op(const tb_model *m, const tb_kernels_f32 *k, uint8_t *arena,
                        tb_ctx *scratch, int32_t i)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    const tb_op_f32 *p = &m->f32[i];
    const float *in = act(m, arena, op->inputs[0]);
    float *out = act(m, arena, op->output);
    const int32_t count = (int32_t)tb_dims_count(&g->tensors[op->output].shape);
    tb_window w;
    switch (op->type) {
    case TB_OP_CONV_2D:
        tb_op_window(g, op, &w);
        return k->conv(scratch, &w, &p->clamp, in, p->weights, p->bias, out);
    case TB_OP_DEPTHWISE_CONV_2D:
        tb_op_window(g, op, &w);
        return k->dwconv(&w, &p->clamp, in, p->weights, p->bias, out);
    case TB_OP_FULLY_CONNECTED: {
        const tb_dims *ws = &g->tensors[op->inputs[1]].shape;
        const tb_fc_dims d = {g->tensors[op->output].shape.n, ws->c, ws->n};
        return k->fc(&d, &p->clamp, in, p->weights, p->bias, out);
    }
    case TB_OP_AVERAGE_POOL_2D:
        tb_op_window(g, op, &w);
        return k->avgpool(&w, &p->clamp, in, out);
    case TB_OP_MAX_POOL_2D:
        tb_op_window(g, op, &w);
        return k->maxpool(&w, &p->clamp, in, out);
    case TB_OP_ADD:
        return k->add(&p->clamp, count, in, act(m, arena, op->inputs[1]), out);
    case TB_OP_RESHAPE:
        if (out != in)
            memmove(out, in, (size_t)count * sizeof(float));
        return TB_OK;
    case TB_OP_SOFTMAX: {
        const tb_dims *s = &g->tensors[op->output].shape;
        const tb_softmax_params_f32 sp = {count / s->c, s->c, p->softmax_beta};
        return k->softmax(&sp, in, out);
    }
    case TB_OP_LAYER_NORM: {
        const tb_dims *s = &g->tensors[op->output].shape;
        const tb_layernorm_dims d = {count / s->c, s->c, op->epsilon};
        return k->layernorm(&d, in, constant(g, op->inputs[1]), constant(g, op->inputs[2]), out);
    }
    case TB_OP_GELU:
        return k->gelu(count, in, out);
    case TB_OP_ATTENTION: {
        const tb_attention_dims d = attention_dims(g, op);
        return k->attention(scratch, &d, in, act(m, arena, op->inputs[1]),
                            act(m, arena, op->inputs[2]), constant(g, op->inputs[3]),
                            constant(g, op->inputs[4]), out);
    }
    default:
        return TB_ERR_ARG;
    }
}

tb_status tb_exec_f32(const tb_model *m, const tb_kernels_f32 *k, uint8_t *arena,
                      tb_ctx *scratch, const tb_exec_hooks *hooks)
{
    const tb_graph *g = &m->graph;
    memcpy(act(m, arena, g->input), m->input_f32,
           (size_t)tb_dims_count(&g->tensors[g->input].shape) * sizeof(float));
    for (int32_t i = 0; i < g->n_ops; i++) {
        if (hooks && hooks->layer)
            hooks->layer(hooks->user, i, 1);
        tb_status s = run_op(m, k, arena, scratch, i);
        if (hooks && hooks->layer)
            hooks->layer(hooks->user, i, 0);
        if (s != TB_OK)
            return s;
    }
    return TB_OK;
}
