/* The BLAS backend: GEMM-shaped ops on the BLAS, depthwise convolutions
 * direct with channels innermost, the rest (pools, elementwise, LayerNorm,
 * GELU, softmax) on the reference kernels, whose share of the time is
 * small. */
#include "tb_kernels_blas.h"

const tb_kernels_f32 tb_kernels_f32_blas = {
    .name = "openblas",
    .conv_scratch_bytes = tb_conv_f32_blas_scratch_bytes,
    .conv = tb_conv_f32_blas,
    .dwconv = tb_dwconv_f32_vec,
    .fc = tb_fc_f32_blas,
    .avgpool = tb_avgpool_f32,
    .maxpool = tb_maxpool_f32,
    .add = tb_add_f32,
    .softmax = tb_softmax_f32,
    .layernorm = tb_layernorm_f32,
    .gelu = tb_gelu_f32,
    .attention_scratch_bytes = tb_attention_f32_blas_scratch_bytes,
    .attention = tb_attention_f32_blas,
};
