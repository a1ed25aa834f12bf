/* The MLPerf Tiny reference models (../shared/models, next to the
 * checkout; skipped with the reason when absent): each int8 model and its
 * float twin import with the layer list, parameter and MAC counts of our
 * built-in workload of the same network, and the two agree on top-1 over
 * generated inputs at a rate this test measures and prints. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "exec.h"
#include "rng.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "tflite_import.h"
#include "workload.h"

static const struct {
    const char *int8, *fp32, *workload;
    int64_t params, macs;
    double min_agreement; /* top-1, inputs near the zero point */
} models[] = {
    {"kws_ref_model", "kws_ref_model_float32", "kws", 22604, 2656768, 0.8},
    {"vww_96_int8", "vww_96_float", "vww", 210850, 7489664, 0.8},
    {"pretrainedResnet_quant", "pretrainedResnet", "ic", 77706, 12501632, 0.8},
    {"ad01_int8", "ad01_fp32", "ad", 265864, 264192, 0.0}, /* an autoencoder: no classes */
};

static char dir[1024];

static int models_dir(void)
{
    const char *src = getenv("TB_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/../shared/models", src ? src : ".");
    return access(dir, R_OK) == 0;
}

static tb_model *load(const char *stem, int prepare)
{
    char path[1200], err[1024];
    tb_tflite_file f;
    snprintf(path, sizeof path, "%s/%s.tflite", dir, stem);
    tb_model *m = tb_tflite_load(path, prepare, 1, &f, err, sizeof err);
    if (!m)
        fprintf(stderr, "  %s\n", err);
    return m;
}

/* Same ops in order, with equal output sizes, parameters and MACs. */
static void same_layers(const tb_graph *a, const tb_graph *b)
{
    TB_CHECK_EQ_INT(a->n_ops, b->n_ops);
    for (int32_t i = 0; i < a->n_ops && i < b->n_ops; i++) {
        const tb_op *x = &a->ops[i], *y = &b->ops[i];
        TB_CHECK_EQ_INT(x->type, y->type);
        TB_CHECK_EQ_INT(tb_dims_count(&a->tensors[x->output].shape),
                        tb_dims_count(&b->tensors[y->output].shape));
        TB_CHECK_EQ_INT(tb_op_params(a, x), tb_op_params(b, y));
        TB_CHECK_EQ_INT(tb_op_macs(a, x), tb_op_macs(b, y));
    }
}

static int test_layers_and_totals_match_builtin(void)
{
    if (!models_dir())
        TB_SKIP("no ../shared/models next to the source tree (the MLPerf Tiny models)");
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        tb_model *q = load(models[i].int8, 0), *f = load(models[i].fp32, 0);
        tb_model *b = tb_test_build(models[i].workload);
        TB_CHECK(q && f && b);
        if (q && f && b) {
            printf("  %-24s params %lld MACs %lld\n", models[i].int8,
                   (long long)tb_graph_params(&q->graph), (long long)tb_graph_macs(&q->graph));
            TB_CHECK(q->has_s8 && !f->has_s8);
            TB_CHECK_EQ_INT(tb_graph_params(&q->graph), models[i].params);
            TB_CHECK_EQ_INT(tb_graph_macs(&q->graph), models[i].macs);
            TB_CHECK_EQ_INT(tb_graph_params(&f->graph), models[i].params);
            TB_CHECK_EQ_INT(tb_graph_macs(&f->graph), models[i].macs);
            same_layers(&q->graph, &b->graph);
            same_layers(&f->graph, &b->graph);
        }
        tb_model_free(q);
        tb_model_free(f);
        tb_model_free(b);
    }
    return 0;
}

static int32_t argmax(const double *v, int64_t n)
{
    int32_t best = 0;
    for (int64_t i = 1; i < n; i++)
        best = v[i] > v[best] ? (int32_t)i : best;
    return best;
}

/* Runs the int8 model and the float twin on `inputs` generated inputs:
 * int8 codes (uniform over zp +- spread), their dequantised values for the
 * float model. Returns the top-1 agreement and the mean cosine. */
static double agreement(const tb_model *q, const tb_model *f, int inputs, int spread,
                        double *cosine)
{
    const tb_graph *gq = &q->graph, *gf = &f->graph;
    const tb_tensor *in = &gq->tensors[gq->input], *out = &gq->tensors[gq->output];
    const int64_t n_in = tb_dims_count(&in->shape), n_out = tb_dims_count(&out->shape);
    int8_t *x8 = malloc((size_t)n_in);
    float *xf = malloc((size_t)n_in * sizeof *xf);
    double *a = malloc((size_t)n_out * sizeof *a), *b = malloc((size_t)n_out * sizeof *b);
    uint8_t *arena_q = malloc((size_t)q->plan_s8.arena_bytes);
    uint8_t *arena_f = malloc((size_t)f->plan_f32.arena_bytes);
    tb_ctx sq = {NULL, tb_exec_s8_scratch_bytes(q, &tb_kernels_s8_ref)};
    tb_ctx sf = {NULL, tb_exec_f32_scratch_bytes(f, &tb_kernels_f32_ref)};
    sq.buf = malloc(sq.bytes + 1);
    sf.buf = malloc(sf.bytes + 1);
    tb_model vq = *q, vf = *f;
    vq.input_s8 = x8;
    vf.input_f32 = xf;
    tb_rng rng = {42};
    int agree = 0;
    *cosine = 0;
    for (int k = 0; k < inputs; k++) {
        for (int64_t i = 0; i < n_in; i++) {
            int32_t v = in->zero_point + (int32_t)(tb_rng_next(&rng) % (uint64_t)(2 * spread + 1)) -
                        spread;
            x8[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
            xf[i] = in->scale * (float)(x8[i] - in->zero_point);
        }
        TB_CHECK(tb_exec_s8(&vq, &tb_kernels_s8_ref, arena_q, &sq, NULL) == TB_OK);
        TB_CHECK(tb_exec_f32(&vf, &tb_kernels_f32_ref, arena_f, &sf, NULL) == TB_OK);
        const int8_t *o8 = tb_exec_s8_tensor(&vq, arena_q, gq->output);
        const float *of = tb_exec_f32_tensor(&vf, arena_f, gf->output);
        double dot = 0, na = 0, nb = 0;
        for (int64_t i = 0; i < n_out; i++) {
            a[i] = out->scale * (double)(o8[i] - out->zero_point);
            b[i] = of[i];
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        *cosine += na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
        agree += argmax(a, n_out) == argmax(b, n_out);
    }
    *cosine /= inputs;
    free(x8);
    free(xf);
    free(a);
    free(b);
    free(arena_q);
    free(arena_f);
    free(sq.buf);
    free(sf.buf);
    return (double)agree / inputs;
}

enum { INPUTS = 32 };

static int test_int8_and_float_agree(void)
{
    if (!models_dir())
        TB_SKIP("no ../shared/models next to the source tree (the MLPerf Tiny models)");
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        tb_model *q = load(models[i].int8, 1), *f = load(models[i].fp32, 1);
        TB_CHECK(q && f);
        if (q && f) {
            TB_CHECK(q->expected_s8 && q->expected_f32 && f->expected_f32 && !f->expected_s8);
            double cos_near, cos_full;
            double near = agreement(q, f, INPUTS, 32, &cos_near);
            double full = agreement(q, f, INPUTS, 127, &cos_full);
            printf("  %-24s top-1 agreement with %s over %d inputs: %.3f (codes zp+-32, "
                   "cosine %.3f), %.3f (all codes, cosine %.3f)\n",
                   models[i].int8, models[i].fp32, INPUTS, near, cos_near, full, cos_full);
            TB_CHECK(near >= models[i].min_agreement);
            TB_CHECK(cos_near > 0.9);
        }
        tb_model_free(q);
        tb_model_free(f);
    }
    return 0;
}

int main(void)
{
    TB_RUN(test_layers_and_totals_match_builtin);
    TB_RUN(test_int8_and_float_agree);
    return tb_test_summary();
}
