/* The Cortex-M DSP-extension backend: SMLAD convolutions, depthwise and
 * fully connected; pools, add and softmax gain nothing from SIMD MACs and
 * are the reference kernels. Same int8 bytes as tb_kernels_s8_ref. */
#include "tb_kernels_dsp.h"

const tb_kernels_s8 tb_kernels_s8_dsp = {
    .name = "dsp",
    .conv_scratch_bytes = tb_conv_s8_dsp_scratch_bytes,
    .conv = tb_conv_s8_dsp,
    .dwconv = tb_dwconv_s8_dsp,
    .fc = tb_fc_s8_dsp,
    .avgpool = tb_avgpool_s8,
    .maxpool = tb_maxpool_s8,
    .add = tb_add_s8,
    .softmax = tb_softmax_s8,
};
