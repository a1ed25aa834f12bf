/* Quantisation impact, measured on a set of inputs rather than one: a
 * single input says little about arg-max agreement. int8 runs on the simd
 * set, byte-identical to the reference and an order of magnitude faster,
 * since this runs once per workload before its cells. */
#include "quant_impact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "rng.h"
#include "tb_kernels_simd.h"

static int32_t argmax_f(const double *v, int64_t n)
{
    int32_t best = 0;
    for (int64_t i = 1; i < n; i++)
        best = v[i] > v[best] ? (int32_t)i : best;
    return best;
}

int tb_quant_impact_measure(const tb_model *m, int n_inputs, uint64_t seed, tb_quant_impact *out)
{
    const tb_graph *g = &m->graph;
    if (!m->has_s8 || n_inputs < 1)
        return -1;
    const tb_tensor *in_t = &g->tensors[g->input], *out_t = &g->tensors[g->output];
    const int64_t n_in = tb_dims_count(&in_t->shape), n_out = tb_dims_count(&out_t->shape);
    const size_t arena_bytes = (size_t)(m->plan_f32.arena_bytes > m->plan_s8.arena_bytes
                                            ? m->plan_f32.arena_bytes
                                            : m->plan_s8.arena_bytes);
    uint8_t *arena = malloc(arena_bytes);
    int8_t *x8 = malloc((size_t)n_in);
    float *xf = malloc((size_t)n_in * sizeof *xf);
    double *q = malloc((size_t)n_out * sizeof *q), *f = malloc((size_t)n_out * sizeof *f);
    tb_ctx s8_scratch = {NULL, tb_exec_s8_scratch_bytes(m, &tb_kernels_s8_simd)};
    tb_ctx f32_scratch = {NULL, tb_exec_f32_scratch_bytes(m, &tb_kernels_f32_ref)};
    s8_scratch.buf = malloc(s8_scratch.bytes + 1);
    f32_scratch.buf = malloc(f32_scratch.bytes + 1);
    if (!arena || !x8 || !xf || !q || !f || !s8_scratch.buf || !f32_scratch.buf)
        abort();
    tb_rng rng = {seed};
    tb_model v = *m; /* the same model, fed other inputs */
    v.input_s8 = x8;
    v.input_f32 = xf;
    memset(out, 0, sizeof *out);
    out->cosine_min = 1.0;
    int agree = 0, rc = 0;
    for (int k = 0; k < n_inputs && rc == 0; k++) {
        /* The reference input's outputs are the model's expected ones. */
        const int8_t *o8 = m->expected_s8;
        const float *of = m->expected_f32;
        if (k > 0) {
            for (int64_t i = 0; i < n_in; i++) {
                x8[i] = (int8_t)(int32_t)(tb_rng_next(&rng) >> 56);
                xf[i] = in_t->scale * (float)(x8[i] - in_t->zero_point);
            }
            if (tb_exec_s8(&v, &tb_kernels_s8_simd, arena, &s8_scratch, NULL) != TB_OK) {
                rc = -1;
                break;
            }
            o8 = tb_exec_s8_tensor(&v, arena, g->output);
            if (tb_exec_f32(&v, &tb_kernels_f32_ref, arena, &f32_scratch, NULL) != TB_OK) {
                rc = -1;
                break;
            }
            of = tb_exec_f32_tensor(&v, arena, g->output);
        }
        for (int64_t i = 0; i < n_out; i++)
            q[i] = out_t->scale * (double)(o8[i] - out_t->zero_point);
        double dot = 0, nq = 0, nf = 0;
        for (int64_t i = 0; i < n_out; i++) {
            f[i] = of[i];
            double e = fabs(f[i] - q[i]);
            out->max_abs_err = e > out->max_abs_err ? e : out->max_abs_err;
            dot += f[i] * q[i];
            nq += q[i] * q[i];
            nf += f[i] * f[i];
        }
        /* Two all-zero outputs are identical; one all-zero output is not. */
        double cos = nq > 0 && nf > 0 ? dot / sqrt(nq * nf) : (nq == nf ? 1.0 : 0.0);
        out->cosine_mean += cos;
        out->cosine_min = cos < out->cosine_min ? cos : out->cosine_min;
        agree += argmax_f(q, n_out) == argmax_f(f, n_out);
        out->inputs++;
    }
    if (out->inputs) {
        out->cosine_mean /= out->inputs;
        out->top1_agreement = (double)agree / out->inputs;
    }
    free(arena), free(x8), free(xf), free(q), free(f), free(s8_scratch.buf), free(f32_scratch.buf);
    return rc;
}
