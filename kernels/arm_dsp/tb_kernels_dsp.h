/* int8 kernels for Cortex-M cores with the DSP extension (M4, M7, M33, and
 * the M55's scalar path): the same interface and bytes as kernels/ref, with
 * SMLAD doing two multiply-accumulates per instruction. Only the scratch-size
 * query is plain C, so a host can size a firmware's buffers. */
#ifndef TB_KERNELS_DSP_H
#define TB_KERNELS_DSP_H

#include "tb_kernel_set.h"

/* Working memory tb_conv_s8_dsp needs for this geometry (a few KiB at
 * most for the MLPerf Tiny layers: tb_conv_s8_dsp_plan.h). */
size_t tb_conv_s8_dsp_scratch_bytes(const tb_window *w);

tb_status tb_conv_s8_dsp(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                         const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output);
/* Depth multiplier 1 is optimised; other multipliers run the reference. */
tb_status tb_dwconv_s8_dsp(const tb_window *w, const tb_requant *q,
                           const int8_t *input, const int8_t *filter,
                           const int32_t *bias, int8_t *output);
tb_status tb_fc_s8_dsp(const tb_fc_dims *d, const tb_requant *q,
                       const int8_t *input, const int8_t *weights,
                       const int32_t *bias, int8_t *output);
/* Average pooling four channels at a time. */
tb_status tb_avgpool_s8_dsp(const tb_window *w, int32_t act_min, int32_t act_max,
                            const int8_t *input, int8_t *output);
/* Elementwise add through two 256-entry tables of each input byte's term. */
tb_status tb_add_s8_dsp(const tb_add_params_s8 *p, int32_t count, const int8_t *a,
                        const int8_t *b, int8_t *output);

extern const tb_kernels_s8 tb_kernels_s8_dsp;

#endif
