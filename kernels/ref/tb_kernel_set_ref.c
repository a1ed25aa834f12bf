/* The reference backend: plain C kernels, never tuned, the yardstick every
 * optimised backend is compared with bit for bit. */
#include "tb_kernel_set.h"

const tb_kernels_s8 tb_kernels_s8_ref = {
    .name = "ref",
    .conv_scratch_bytes = tb_conv_s8_scratch_bytes,
    .conv = tb_conv_s8,
    .dwconv = tb_dwconv_s8,
    .fc = tb_fc_s8,
    .avgpool = tb_avgpool_s8,
    .maxpool = tb_maxpool_s8,
    .add = tb_add_s8,
    .softmax = tb_softmax_s8,
};

const tb_kernels_f32 tb_kernels_f32_ref = {
    .name = "ref",
    .conv_scratch_bytes = tb_conv_f32_scratch_bytes,
    .conv = tb_conv_f32,
    .dwconv = tb_dwconv_f32,
    .fc = tb_fc_f32,
    .avgpool = tb_avgpool_f32,
    .maxpool = tb_maxpool_f32,
    .add = tb_add_f32,
    .softmax = tb_softmax_f32,
    .layernorm = tb_layernorm_f32,
    .gelu = tb_gelu_f32,
    .attention_scratch_bytes = tb_attention_f32_scratch_bytes,
    .attention = tb_attention_f32,
};
