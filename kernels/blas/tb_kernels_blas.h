/* fp32 kernels on a CBLAS (OpenBLAS on the server tier): convolutions as
 * im2col + SGEMM, fully connected layers as SGEMM (SGEMV for one row),
 * attention as SGEMMs per head around a softmax. Same interface and
 * layouts as kernels/ref; results agree with it within fp32 rounding (the
 * BLAS sums in another order). Threads are the BLAS library's, set by the
 * caller (openblas_set_num_threads); the kernels allocate nothing. */
#ifndef TB_KERNELS_BLAS_H
#define TB_KERNELS_BLAS_H

#include "tb_kernel_set.h"

extern const tb_kernels_f32 tb_kernels_f32_blas;

/* 1 when a convolution reads its input as the GEMM matrix directly
 * ([n*h*w, c] rows): 1x1 filter, stride 1, no padding. */
int tb_conv_f32_is_pointwise(const tb_window *w);
/* Bytes of the im2col matrix: one row of kh*kw*in_c values per output
 * pixel (0 for pointwise convolutions). */
size_t tb_im2col_f32_bytes(const tb_window *w);
/* Writes the im2col matrix of input into col (tb_im2col_f32_bytes bytes):
 * row (b, oy, ox) holds the window's taps in OHWI filter order, padding
 * taps as 0, so row . filter[oc] is the convolution's sum. */
void tb_im2col_f32(const tb_window *w, const float *input, float *col);

size_t tb_conv_f32_blas_scratch_bytes(const tb_window *w);
tb_status tb_conv_f32_blas(tb_ctx *ctx, const tb_window *w, const tb_clamp_f32 *a,
                           const float *input, const float *filter, const float *bias,
                           float *output);
/* Depthwise convolution, direct, vectorised over channels (no BLAS: one
 * multiply-add per tap and channel has nothing for a GEMM to reuse). */
tb_status tb_dwconv_f32_vec(const tb_window *w, const tb_clamp_f32 *a, const float *input,
                            const float *filter, const float *bias, float *output);
tb_status tb_fc_f32_blas(const tb_fc_dims *d, const tb_clamp_f32 *a, const float *input,
                         const float *weights, const float *bias, float *output);
/* The whole [q_rows x keys] score matrix of one head. */
size_t tb_attention_f32_blas_scratch_bytes(const tb_attention_dims *d);
tb_status tb_attention_f32_blas(tb_ctx *ctx, const tb_attention_dims *d, const float *q,
                                const float *k, const float *v, const float *k_cache,
                                const float *v_cache, float *output);

#endif
