/* The preparation steps shared by the builder and the importer; they follow
 * TFLite's rules (CalculateActivationRangeQuantized, per-channel
 * QuantizeMultiplier of input_scale * weight_scale / output_scale). */
#include "prepare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "plan.h"
#include "quantize.h"

typedef struct {
    void **ptr;
    size_t n, cap;
} owned_list;

tb_model *tb_model_alloc(void)
{
    tb_model *m = calloc(1, sizeof *m);
    if (!m || !(m->host_owned = calloc(1, sizeof(owned_list))))
        abort();
    return m;
}

void *tb_model_adopt(tb_model *m, void *p)
{
    owned_list *l = m->host_owned;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->ptr = realloc(l->ptr, l->cap * sizeof *l->ptr);
        if (!l->ptr)
            abort();
    }
    return l->ptr[l->n++] = p;
}

void *tb_model_own(tb_model *m, size_t bytes)
{
    void *p = calloc(1, bytes ? bytes : 1);
    if (!p)
        abort();
    return tb_model_adopt(m, p);
}

void tb_model_free(tb_model *m)
{
    if (!m)
        return;
    owned_list *l = m->host_owned;
    for (size_t i = 0; l && i < l->n; i++)
        free(l->ptr[i]);
    if (l)
        free(l->ptr);
    free(l);
    free(m);
}

float tb_weight_scale(const tb_tensor *w, int32_t ch)
{
    return w->n_channel_scales ? w->channel_scales[ch] : w->scale;
}

tb_clamp_f32 tb_real_clamp(tb_activation act)
{
    tb_clamp_f32 c = {-INFINITY, INFINITY};
    if (act != TB_ACT_NONE)
        c.act_min = 0.0f;
    if (act == TB_ACT_RELU6)
        c.act_max = 6.0f;
    return c;
}

/* The quantised clamp of an activation, TFLite's CalculateActivationRangeQuantized. */
static void quant_clamp(tb_activation act, float scale, int32_t zp, int32_t *lo, int32_t *hi)
{
    *lo = INT8_MIN;
    *hi = INT8_MAX;
    if (act != TB_ACT_NONE)
        *lo = zp > *lo ? zp : *lo;
    if (act == TB_ACT_RELU6) {
        int32_t six = zp + (int32_t)lroundf(6.0f / scale);
        *hi = six < *hi ? six : *hi;
    }
}

int tb_prepare_s8_op(tb_model *m, int32_t i)
{
    const tb_graph *g = &m->graph;
    const tb_op *op = &g->ops[i];
    const tb_tensor *in = &g->tensors[op->inputs[0]], *out = &g->tensors[op->output];
    tb_op_s8 *p = &m->s8[i];
    quant_clamp(op->activation, out->scale, out->zero_point, &p->act_min, &p->act_max);
    switch (op->type) {
    case TB_OP_CONV_2D:
    case TB_OP_DEPTHWISE_CONV_2D:
    case TB_OP_FULLY_CONNECTED: {
        const tb_tensor *w = &g->tensors[op->inputs[1]];
        int32_t ch = out->shape.c;
        int32_t *mult = tb_model_own(m, (size_t)ch * sizeof *mult);
        int32_t *shift = tb_model_own(m, (size_t)ch * sizeof *shift);
        for (int32_t c = 0; c < ch; c++)
            tb_quantize_multiplier((double)in->scale * tb_weight_scale(w, c) / out->scale,
                                   &mult[c], &shift[c]);
        p->requant = (tb_requant){-in->zero_point, out->zero_point, p->act_min, p->act_max,
                                  mult, shift};
        break;
    }
    case TB_OP_ADD: {
        const tb_tensor *in2 = &g->tensors[op->inputs[1]];
        tb_add_prepare(in->scale, in->zero_point, in2->scale, in2->zero_point, out->scale,
                       out->zero_point, p->act_min, p->act_max, &p->add);
        break;
    }
    case TB_OP_SOFTMAX:
        return tb_softmax_prepare(in->scale, m->f32[i].softmax_beta,
                                  (int32_t)(tb_dims_count(&in->shape) / in->shape.c),
                                  in->shape.c, &p->softmax);
    default:
        break;
    }
    return 0;
}

void tb_prepare_input_s8(tb_model *m, tb_rng *rng)
{
    const tb_tensor *in = &m->graph.tensors[m->graph.input];
    const int64_t n = tb_dims_count(&in->shape);
    int8_t *x8 = tb_model_own(m, (size_t)n);
    float *xf = tb_model_own(m, (size_t)n * sizeof *xf);
    for (int64_t i = 0; i < n; i++) {
        x8[i] = (int8_t)(int32_t)(tb_rng_next(rng) >> 56);
        xf[i] = in->scale * (float)(x8[i] - in->zero_point);
    }
    m->input_s8 = x8;
    m->input_f32 = xf;
}

void tb_prepare_input_f32(tb_model *m, tb_rng *rng, float lo, float hi)
{
    const int64_t n = tb_dims_count(&m->graph.tensors[m->graph.input].shape);
    float *xf = tb_model_own(m, (size_t)n * sizeof *xf);
    for (int64_t i = 0; i < n; i++)
        xf[i] = lo + (hi - lo) * tb_rng_uniform(rng);
    m->input_f32 = xf;
}

void tb_prepare_plans(tb_model *m)
{
    const tb_graph *g = &m->graph;
    for (int d = 0; d < 2; d++) {
        tb_plan *p = d ? &m->plan_f32 : &m->plan_s8;
        p->offset = tb_model_own(m, (size_t)g->n_tensors * sizeof *p->offset);
        tb_plan_arena(g, d ? TB_DTYPE_FP32 : TB_DTYPE_INT8, p);
    }
}

tb_status tb_prepare_expected(tb_model *m)
{
    const tb_graph *g = &m->graph;
    const int64_t n_out = tb_dims_count(&g->tensors[g->output].shape);
    const size_t arena_bytes = (size_t)(m->plan_f32.arena_bytes > m->plan_s8.arena_bytes
                                            ? m->plan_f32.arena_bytes
                                            : m->plan_s8.arena_bytes);
    uint8_t *arena = malloc(arena_bytes ? arena_bytes : 1);
    tb_ctx f32_scratch = {NULL, tb_exec_f32_scratch_bytes(m, &tb_kernels_f32_ref)};
    tb_ctx s8_scratch = {NULL, tb_exec_s8_scratch_bytes(m, &tb_kernels_s8_ref)};
    f32_scratch.buf = malloc(f32_scratch.bytes + 1);
    s8_scratch.buf = malloc(s8_scratch.bytes + 1);
    if (!arena || !f32_scratch.buf || !s8_scratch.buf)
        abort();
    tb_status s = tb_exec_f32(m, &tb_kernels_f32_ref, arena, &f32_scratch, NULL);
    if (s == TB_OK) {
        float *ef = tb_model_own(m, (size_t)n_out * sizeof *ef);
        memcpy(ef, tb_exec_f32_tensor(m, arena, g->output), (size_t)n_out * sizeof *ef);
        m->expected_f32 = ef;
    }
    if (s == TB_OK && m->has_s8) {
        s = tb_exec_s8(m, &tb_kernels_s8_ref, arena, &s8_scratch, NULL);
        int8_t *e8 = tb_model_own(m, (size_t)n_out);
        memcpy(e8, tb_exec_s8_tensor(m, arena, g->output), (size_t)n_out);
        m->expected_s8 = e8;
    }
    free(s8_scratch.buf);
    free(f32_scratch.buf);
    free(arena);
    return s;
}
