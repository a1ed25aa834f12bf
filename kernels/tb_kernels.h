/* Kernel interface shared by every tier: the same declarations compile for
 * Cortex-M firmware, the host and the server. Kernels never allocate; those
 * that need working memory say how many bytes in a *_scratch_bytes() query and
 * take it through a tb_ctx (the CMSIS-NN convention).
 *
 * Layouts: activations NHWC; conv filters OHWI ([out_c, h, w, in_c]);
 * depthwise filters [1, h, w, in_c * depth_multiplier]; fully connected
 * weights [out, in]. All sizes are element counts unless a name ends in _bytes.
 */
#ifndef TB_KERNELS_H
#define TB_KERNELS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TB_OK = 0,
    TB_ERR_ARG = -1,     /* dims or params inconsistent */
    TB_ERR_SCRATCH = -2, /* ctx smaller than *_scratch_bytes() asked for */
} tb_status;

typedef struct {
    int32_t n, h, w, c;
} tb_dims;

/* Working memory handed to a kernel; bytes is its capacity. */
typedef struct {
    void *buf;
    size_t bytes;
} tb_ctx;

/* Window geometry shared by convolutions and pools. Padding is the number of
 * implicit zero (or, for int8, zero-point) rows/columns before the first
 * input row/column; the far side follows from the output size. */
typedef struct {
    tb_dims input;
    tb_dims filter; /* conv: O,H,W,I; depthwise: 1,H,W,C*M; pool: 1,H,W,1 */
    tb_dims output;
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    int32_t depth_multiplier; /* depthwise only */
} tb_window;

/* int8 requantisation, TFLite style: acc (int32) -> out = zp_out +
 * MultiplyByQuantizedMultiplier(acc, mult[ch], shift[ch]), then clamped to
 * [act_min, act_max]. input_offset is minus the input zero point. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min, act_max;
    const int32_t *mult;  /* one per output channel */
    const int32_t *shift; /* one per output channel; > 0 is a left shift */
} tb_requant;

typedef struct {
    float act_min, act_max;
} tb_clamp_f32;

/* Fully connected: batch rows of in_features -> out_features. */
typedef struct {
    int32_t batch, in_features, out_features;
} tb_fc_dims;

/* ADD of two int8 tensors with their own scales (TFLite's quantised add). */
typedef struct {
    int32_t input1_offset, input2_offset, output_offset;
    int32_t left_shift;
    int32_t input1_mult, input1_shift;
    int32_t input2_mult, input2_shift;
    int32_t output_mult, output_shift;
    int32_t act_min, act_max;
} tb_add_params_s8;

/* int8 softmax (TFLite's fixed-point algorithm; output scale 1/256, zp -128). */
typedef struct {
    int32_t rows, depth;
    int32_t input_mult, input_left_shift;
    int32_t diff_min;
} tb_softmax_params_s8;

typedef struct {
    int32_t rows, depth;
    float beta;
} tb_softmax_params_f32;

/* LayerNorm over the innermost `depth` elements of each of `rows` rows:
 * (x - mean) / sqrt(var + epsilon) * gamma + beta, biased variance. */
typedef struct {
    int32_t rows, depth;
    float epsilon;
} tb_layernorm_dims;

/* Multi-head scaled dot-product attention without a mask. Rows are tokens;
 * every row holds heads x head_dim values, head h in columns
 * [h*head_dim, (h+1)*head_dim). The keys and values a query attends to are
 * the cache_rows cached ones (a decoder's KV cache; 0 for an encoder) and
 * then the kv_rows computed for this step. */
typedef struct {
    int32_t q_rows, kv_rows, cache_rows;
    int32_t heads, head_dim;
} tb_attention_dims;

/* ---- int8 reference kernels ------------------------------------------- */
size_t tb_conv_s8_scratch_bytes(const tb_window *w);
tb_status tb_conv_s8(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                     const int8_t *input, const int8_t *filter,
                     const int32_t *bias, int8_t *output);
tb_status tb_dwconv_s8(const tb_window *w, const tb_requant *q,
                       const int8_t *input, const int8_t *filter,
                       const int32_t *bias, int8_t *output);
tb_status tb_fc_s8(const tb_fc_dims *d, const tb_requant *q,
                   const int8_t *input, const int8_t *weights,
                   const int32_t *bias, int8_t *output);
/* Pools keep the input's quantisation; act_min/act_max clamp the result. */
tb_status tb_avgpool_s8(const tb_window *w, int32_t act_min, int32_t act_max,
                        const int8_t *input, int8_t *output);
tb_status tb_maxpool_s8(const tb_window *w, int32_t act_min, int32_t act_max,
                        const int8_t *input, int8_t *output);
tb_status tb_add_s8(const tb_add_params_s8 *p, int32_t count,
                    const int8_t *a, const int8_t *b, int8_t *output);
tb_status tb_softmax_s8(const tb_softmax_params_s8 *p, const int8_t *input,
                        int8_t *output);

/* ---- fp32 reference kernels ------------------------------------------- */
size_t tb_conv_f32_scratch_bytes(const tb_window *w);
tb_status tb_conv_f32(tb_ctx *ctx, const tb_window *w, const tb_clamp_f32 *a,
                      const float *input, const float *filter,
                      const float *bias, float *output);
tb_status tb_dwconv_f32(const tb_window *w, const tb_clamp_f32 *a,
                        const float *input, const float *filter,
                        const float *bias, float *output);
tb_status tb_fc_f32(const tb_fc_dims *d, const tb_clamp_f32 *a,
                    const float *input, const float *weights,
                    const float *bias, float *output);
tb_status tb_avgpool_f32(const tb_window *w, const tb_clamp_f32 *a,
                         const float *input, float *output);
tb_status tb_maxpool_f32(const tb_window *w, const tb_clamp_f32 *a,
                         const float *input, float *output);
tb_status tb_add_f32(const tb_clamp_f32 *a, int32_t count, const float *x,
                     const float *y, float *output);
tb_status tb_softmax_f32(const tb_softmax_params_f32 *p, const float *input,
                         float *output);
tb_status tb_layernorm_f32(const tb_layernorm_dims *d, const float *input,
                           const float *gamma, const float *beta, float *output);
/* GELU with the exact erf form (BERT's). */
tb_status tb_gelu_f32(int32_t count, const float *input, float *output);
/* TB_OK when the dims are consistent and both caches are given when
 * cache_rows > 0; TB_ERR_SCRATCH when ctx holds fewer than scratch_bytes;
 * every attention backend checks its arguments with it. */
tb_status tb_attention_f32_check(const tb_ctx *ctx, size_t scratch_bytes,
                                 const tb_attention_dims *d, const float *k_cache,
                                 const float *v_cache);
/* Scores of one query row against every key: (cache_rows + kv_rows) floats. */
size_t tb_attention_f32_scratch_bytes(const tb_attention_dims *d);
/* q: [q_rows][heads*head_dim]; k, v: [kv_rows][...]; k_cache, v_cache:
 * [cache_rows][...] (NULL when cache_rows is 0); output like q. */
tb_status tb_attention_f32(tb_ctx *ctx, const tb_attention_dims *d, const float *q,
                           const float *k, const float *v, const float *k_cache,
                           const float *v_cache, float *output);

#endif
