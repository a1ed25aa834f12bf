/* The host SIMD backend: auto-vectorised convolution, depthwise, fully
 * connected and add kernels; pools and softmax stay the reference kernels
 * (a small share of the time). Same int8 bytes as tb_kernels_s8_ref. */
#include "tb_kernels_simd.h"

const tb_kernels_s8 tb_kernels_s8_simd = {
    .name = "simd",
    .conv_scratch_bytes = tb_conv_s8_simd_scratch_bytes,
    .conv = tb_conv_s8_simd,
    .dwconv = tb_dwconv_s8_simd,
    .fc = tb_fc_s8_simd,
    .avgpool = tb_avgpool_s8,
    .maxpool = tb_maxpool_s8,
    .add = tb_add_s8_simd,
    .softmax = tb_softmax_s8,
};
