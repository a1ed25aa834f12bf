/* A backend is a table of kernels: the reference set, and optimised sets
 * (Cortex-M DSP, host SIMD, BLAS) that must give the same int8 bytes. The
 * runtime calls kernels only through these tables, so a tier picks its
 * backend without touching graph code. */
#ifndef TB_KERNEL_SET_H
#define TB_KERNEL_SET_H

#include "tb_kernels.h"

typedef struct {
    const char *name;
    size_t (*conv_scratch_bytes)(const tb_window *w);
    tb_status (*conv)(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                      const int8_t *input, const int8_t *filter,
                      const int32_t *bias, int8_t *output);
    tb_status (*dwconv)(const tb_window *w, const tb_requant *q, const int8_t *input,
                        const int8_t *filter, const int32_t *bias, int8_t *output);
    tb_status (*fc)(const tb_fc_dims *d, const tb_requant *q, const int8_t *input,
                    const int8_t *weights, const int32_t *bias, int8_t *output);
    tb_status (*avgpool)(const tb_window *w, int32_t act_min, int32_t act_max,
                         const int8_t *input, int8_t *output);
    tb_status (*maxpool)(const tb_window *w, int32_t act_min, int32_t act_max,
                         const int8_t *input, int8_t *output);
    tb_status (*add)(const tb_add_params_s8 *p, int32_t count, const int8_t *a,
                     const int8_t *b, int8_t *output);
    tb_status (*softmax)(const tb_softmax_params_s8 *p, const int8_t *input, int8_t *output);
} tb_kernels_s8;

typedef struct {
    const char *name;
    size_t (*conv_scratch_bytes)(const tb_window *w);
    tb_status (*conv)(tb_ctx *ctx, const tb_window *w, const tb_clamp_f32 *a,
                      const float *input, const float *filter, const float *bias,
                      float *output);
    tb_status (*dwconv)(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                        const float *filter, const float *bias, float *output);
    tb_status (*fc)(const tb_fc_dims *d, const tb_clamp_f32 *a, const float *input,
                    const float *weights, const float *bias, float *output);
    tb_status (*avgpool)(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                         float *output);
    tb_status (*maxpool)(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                         float *output);
    tb_status (*add)(const tb_clamp_f32 *a, int32_t count, const float *x, const float *y,
                     float *output);
    tb_status (*softmax)(const tb_softmax_params_f32 *p, const float *input, float *output);
    tb_status (*layernorm)(const tb_layernorm_dims *d, const float *input, const float *gamma,
                           const float *beta, float *output);
    tb_status (*gelu)(int32_t count, const float *input, float *output);
    size_t (*attention_scratch_bytes)(const tb_attention_dims *d);
    tb_status (*attention)(tb_ctx *ctx, const tb_attention_dims *d, const float *q,
                           const float *k, const float *v, const float *k_cache,
                           const float *v_cache, float *output);
} tb_kernels_f32;

extern const tb_kernels_s8 tb_kernels_s8_ref;
extern const tb_kernels_f32 tb_kernels_f32_ref;

#endif
