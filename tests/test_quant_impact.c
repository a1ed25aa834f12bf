/* Quantisation impact: on the reference input alone it must equal what the
 * model's recorded reference outputs say, computed here directly; over
 * several inputs the figures stay in their ranges and are reproducible. */
#include <math.h>
#include <string.h>

#include "quant_impact.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "workload.h"

static int test_reference_input(void)
{
    tb_model *m = tb_test_build("kws");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    const tb_tensor *o = &m->graph.tensors[m->graph.output];
    double max = 0;
    for (int32_t i = 0; i < o->shape.c; i++) {
        double e = fabs(m->expected_f32[i] - o->scale * (double)(m->expected_s8[i] - o->zero_point));
        max = e > max ? e : max;
    }
    tb_quant_impact q;
    TB_CHECK_EQ_INT(tb_quant_impact_measure(m, 1, 7, &q), 0);
    TB_CHECK_EQ_INT(q.inputs, 1);
    TB_CHECK_NEAR(q.max_abs_err, max, 1e-9);
    TB_CHECK_NEAR(q.top1_agreement, 1.0, 0); /* test_workloads checks the arg-max agrees */
    TB_CHECK(q.cosine_min > 0.9 && q.cosine_min <= 1.0 + 1e-12);
    tb_model_free(m);
    return 0;
}

static int test_many_inputs(void)
{
    tb_model *m = tb_test_build("ad:input=64,hidden=32,bottleneck=8");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    tb_quant_impact a, b;
    TB_CHECK_EQ_INT(tb_quant_impact_measure(m, 8, 99, &a), 0);
    TB_CHECK_EQ_INT(tb_quant_impact_measure(m, 8, 99, &b), 0);
    TB_CHECK_EQ_INT(a.inputs, 8);
    TB_CHECK(memcmp(&a, &b, sizeof a) == 0);
    TB_CHECK(a.top1_agreement >= 0 && a.top1_agreement <= 1);
    TB_CHECK(a.cosine_min <= a.cosine_mean && a.cosine_mean <= 1.0 + 1e-12);
    TB_CHECK(a.max_abs_err > 0); /* quantisation is never free */
    tb_model_free(m);
    /* No int8 form: nothing to compare. */
    m = tb_test_build("bert:seq=2,hidden=8,heads=2,ffn=8");
    TB_CHECK(m != NULL);
    TB_CHECK_EQ_INT(tb_quant_impact_measure(m, 4, 1, &a), -1);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    TB_RUN(test_reference_input);
    TB_RUN(test_many_inputs);
    return tb_test_summary();
}
