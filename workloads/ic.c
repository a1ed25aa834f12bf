/* ic — MLPerf Tiny image classification, ResNet-8 on CIFAR-10: a 3x3 stem
 * and three residual stages (the second and third strided, with a 1x1
 * strided projection on the shortcut), average pool, classifier. */
#include "workload.h"

static const tb_param_spec params[] = {
    {"width", 1, 1, 16, 1, "multiplier of the 16/32/64 stage widths"},
    {"res", 32, 8, 256, 4, "input height and width, a multiple of 4"},
    {"classes", 10, 2, 1000, 1, "output classes"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* conv-ReLU-conv, plus the shortcut, then ReLU (BatchNorm folded). */
static int32_t residual(tb_builder *b, int32_t x, int32_t filters, int32_t stride)
{
    int32_t y = tb_b_conv(b, x, filters, 3, 3, stride, TB_PAD_SAME, TB_ACT_RELU);
    y = tb_b_conv(b, y, filters, 3, 3, 1, TB_PAD_SAME, TB_ACT_NONE);
    int32_t shortcut = stride == 1 ? x
                                   : tb_b_conv(b, x, filters, 1, 1, stride, TB_PAD_VALID,
                                               TB_ACT_NONE);
    return tb_b_add(b, y, shortcut, TB_ACT_RELU);
}

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int32_t w = (int32_t)p->v[0], res = (int32_t)p->v[1], classes = (int32_t)p->v[2];
    /* Input quantisation of pretrainedResnet_quant.tflite: raw pixels, zero point -128. */
    int32_t x = tb_b_input(b, res, res, 3, 1.0f, -128);
    x = tb_b_conv(b, x, 16 * w, 3, 3, 1, TB_PAD_SAME, TB_ACT_RELU);
    x = residual(b, x, 16 * w, 1);
    x = residual(b, x, 32 * w, 2);
    x = residual(b, x, 64 * w, 2);
    x = tb_b_avgpool(b, x, res / 4, res / 4, 1, TB_PAD_VALID);
    x = tb_b_flatten(b, x);
    x = tb_b_fc(b, x, classes, TB_ACT_NONE);
    return tb_b_softmax(b, x);
}

const tb_workload tb_workload_ic = {
    .name = "ic",
    .description = "image classification, ResNet-8, input 32x32x3 (MLPerf Tiny)",
    .params = params,
    .build = build,
};
