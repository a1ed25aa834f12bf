/* kws — MLPerf Tiny keyword spotting, DS-CNN (small): a strided 10x4
 * convolution, four depthwise-separable blocks, average pool, classifier. */
#include "workload.h"

static const tb_param_spec params[] = {
    {"width", 64, 1, 1024, 1, "channels of every layer"},
    {"classes", 12, 2, 1000, 1, "output classes"},
    {NULL, 0, 0, 0, 0, NULL},
};

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int32_t width = (int32_t)p->v[0], classes = (int32_t)p->v[1];
    /* Input quantisation of MLPerf Tiny's trained kws_ref_model.tflite
     * (scale 0.5847, zero point 83; see shared/models/README.md). */
    int32_t x = tb_b_input(b, 49, 10, 1, 0.5847f, 83);
    x = tb_b_conv(b, x, width, 10, 4, 2, TB_PAD_SAME, TB_ACT_RELU);
    for (int i = 0; i < 4; i++) {
        x = tb_b_dwconv(b, x, 3, 3, 1, TB_PAD_SAME, TB_ACT_RELU);
        x = tb_b_conv(b, x, width, 1, 1, 1, TB_PAD_VALID, TB_ACT_RELU);
    }
    x = tb_b_avgpool(b, x, 25, 5, 1, TB_PAD_VALID);
    x = tb_b_flatten(b, x);
    x = tb_b_fc(b, x, classes, TB_ACT_NONE);
    return tb_b_softmax(b, x);
}

const tb_workload tb_workload_kws = {
    .name = "kws",
    .description = "keyword spotting, DS-CNN, input 49x10x1 (MLPerf Tiny)",
    .params = params,
    .build = build,
};
