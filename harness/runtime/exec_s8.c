/* int8 graph execution: dispatches each op to the backend's kernel with the
 * parameters prepared on the host. */
#include <string.h>

#include "exec.h"

static int8_t *act(const tb_model *m, uint8_t *arena, int32_t tensor)
{
    return (int8_t *)(arena + m->plan_s8.offset[tensor]);
}

const int8_t *tb_exec_s8_tensor(const tb_model *m, const uint8_t *arena, int32_t tensor)
{
    return (const int8_t *)(arena + m->plan_s8.offset[tensor]);
}

size_t tb_exec_s8_scratch_bytes(const tb_model *m, const tb_kernels_s8 *k)
{
    return tb_graph_conv_scratch_bytes(&m->graph, k->conv_scratch_bytes);
}

tb_status tb_exec_s8_op(const tb_model *m, const tb_kernels_s8 *k, uint8_t *arena,
                        tb_ctx *scratch, int32_t i)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    const tb_op_s8 *p = &m->s8[i];
    const int8_t *in = act(m, arena, op->inputs[0]);
    int8_t *out = act(m, arena, op->output);
    const tb_tensor *wt = op->inputs[1] >= 0 ? &g->tensors[op->inputs[1]] : NULL;
    const int32_t *bias = op->inputs[2] >= 0 ? g->tensors[op->inputs[2]].data : NULL;
    tb_window w;
    switch (op->type) {
    case TB_OP_CONV_2D:
        tb_op_window(g, op, &w);
        return k->conv(scratch, &w, &p->requant, in, wt->data, bias, out);
    case TB_OP_DEPTHWISE_CONV_2D:
        tb_op_window(g, op, &w);
        return k->dwconv(&w, &p->requant, in, wt->data, bias, out);
    case TB_OP_FULLY_CONNECTED: {
        const tb_fc_dims d = {g->tensors[op->output].shape.n, wt->shape.c, wt->shape.n};
        return k->fc(&d, &p->requant, in, wt->data, bias, out);
    }
    case TB_OP_AVERAGE_POOL_2D:
        tb_op_window(g, op, &w);
        return k->avgpool(&w, p->act_min, p->act_max, in, out);
    case TB_OP_MAX_POOL_2D:
        tb_op_window(g, op, &w);
        return k->maxpool(&w, p->act_min, p->act_max, in, out);
    case TB_OP_ADD:
        return k->add(&p->add, (int32_t)tb_dims_count(&g->tensors[op->output].shape), in,
                      act(m, arena, op->inputs[1]), out);
    case TB_OP_RESHAPE:
        if (out != in)
            memmove(out, in, (size_t)tb_dims_count(&g->tensors[op->output].shape));
        return TB_OK;
    case TB_OP_SOFTMAX:
        return k->softmax(&p->softmax, in, out);
    default:
        return TB_ERR_ARG;
    }
}

tb_status tb_exec_s8(const tb_model *m, const tb_kernels_s8 *k, uint8_t *arena,
                     tb_ctx *scratch, const tb_exec_hooks *hooks)
{
    const tb_graph *g = &m->graph;
    memcpy(act(m, arena, g->input), m->input_s8,
           (size_t)tb_dims_count(&g->tensors[g->input].shape));
    for (int32_t i = 0; i < g->n_ops; i++) {
        if (hooks && hooks->layer)
            hooks->layer(hooks->user, i, 1);
        tb_status s = tb_exec_s8_op(m, k, arena, scratch, i);
        if (hooks && hooks->layer)
            hooks->layer(hooks->user, i, 0);
        if (s != TB_OK)
            return s;
    }
    return TB_OK;
}
