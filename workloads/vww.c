/* vww — MLPerf Tiny visual wake words, MobileNetV1: a strided 3x3
 * convolution and 13 depthwise-separable blocks, average pool, classifier.
 * alpha scales every layer's channels; res is the square input size. */
#include <math.h>

#include "workload.h"

static const tb_param_spec params[] = {
    {"alpha", 0.25, 0.125, 2.0, 0, "width multiplier of MobileNetV1"},
    {"res", 96, 32, 512, 32, "input height and width, a multiple of 32"},
    {"classes", 2, 2, 1000, 1, "output classes"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* MobileNetV1's pointwise filter counts at alpha = 1 and the depthwise
 * stride before each. */
static const struct {
    int32_t filters, stride;
} blocks[13] = {
    {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1},
    {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1},
};

static int32_t scaled(int32_t filters, double alpha)
{
    int32_t c = (int32_t)lround(filters * alpha);
    return c < 1 ? 1 : c;
}

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const double alpha = p->v[0];
    const int32_t res = (int32_t)p->v[1], classes = (int32_t)p->v[2];
    /* Input quantisation of vww_96_int8.tflite: pixels / 255, zero point -128. */
    int32_t x = tb_b_input(b, res, res, 3, 1.0f / 255.0f, -128);
    x = tb_b_conv(b, x, scaled(32, alpha), 3, 3, 2, TB_PAD_SAME, TB_ACT_RELU);
    for (int i = 0; i < 13; i++) {
        x = tb_b_dwconv(b, x, 3, 3, blocks[i].stride, TB_PAD_SAME, TB_ACT_RELU);
        x = tb_b_conv(b, x, scaled(blocks[i].filters, alpha), 1, 1, 1, TB_PAD_VALID,
                      TB_ACT_RELU);
    }
    x = tb_b_avgpool(b, x, res / 32, res / 32, 1, TB_PAD_VALID);
    x = tb_b_flatten(b, x);
    x = tb_b_fc(b, x, classes, TB_ACT_NONE);
    return tb_b_softmax(b, x);
}

const tb_workload tb_workload_vww = {
    .name = "vww",
    .description = "visual wake words, MobileNetV1 alpha 0.25, input 96x96x3 (MLPerf Tiny)",
    .params = params,
    .build = build,
};
