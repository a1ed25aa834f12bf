/* ad — MLPerf Tiny anomaly detection: a fully connected autoencoder over
 * 640 log-mel features (5 frames x 128 bins) with a narrow bottleneck. */
#include "workload.h"

static const tb_param_spec params[] = {
    {"input", 640, 8, 65536, 1, "features in and out"},
    {"hidden", 128, 1, 65536, 1, "width of the four encoder and four decoder layers"},
    {"bottleneck", 8, 1, 65536, 1, "width of the code layer"},
    {NULL, 0, 0, 0, 0, NULL},
};

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int32_t in = (int32_t)p->v[0], hidden = (int32_t)p->v[1], code = (int32_t)p->v[2];
    /* Input quantisation of MLPerf Tiny's ad01_int8.tflite (scale 0.3910,
     * zero point 89). */
    int32_t x = tb_b_input(b, 1, 1, in, 0.3910f, 89);
    for (int i = 0; i < 4; i++)
        x = tb_b_fc(b, x, hidden, TB_ACT_RELU);
    x = tb_b_fc(b, x, code, TB_ACT_RELU);
    for (int i = 0; i < 4; i++)
        x = tb_b_fc(b, x, hidden, TB_ACT_RELU);
    return tb_b_fc(b, x, in, TB_ACT_NONE);
}

const tb_workload tb_workload_ad = {
    .name = "ad",
    .description = "anomaly detection, fully connected autoencoder, input 640 (MLPerf Tiny)",
    .params = params,
    .build = build,
};
