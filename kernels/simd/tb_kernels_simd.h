/* int8 kernels for CPUs with SIMD units (x86-64 SSE/AVX2/AVX-512, Arm
 * NEON): the same interface and bytes as kernels/ref, written in portable
 * C11 whose loops GCC auto-vectorises; no intrinsics, no assembly, so the
 * same files build for the host and for aarch64. How and why:
 * docs/kernels-simd.md. */
#ifndef TB_KERNELS_SIMD_H
#define TB_KERNELS_SIMD_H

#include "tb_kernel_set.h"

/* Working memory tb_conv_s8_simd needs for this geometry: the packed
 * filter and per-channel constants, one block of im2col rows and their
 * int32 sums (tb_conv_s8_simd.c). */
size_t tb_conv_s8_simd_scratch_bytes(const tb_window *w);

/* Convolution as a packed GEMM: im2col rows times filter rows, int8 dot
 * products over contiguous runs of filter taps and channels. */
tb_status tb_conv_s8_simd(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                          const int8_t *input, const int8_t *filter,
                          const int32_t *bias, int8_t *output);
/* Vectorised over channels; depth multipliers above 1 run the reference. */
tb_status tb_dwconv_s8_simd(const tb_window *w, const tb_requant *q, const int8_t *input,
                            const int8_t *filter, const int32_t *bias, int8_t *output);
/* A dot-product GEMV: four weight rows against each batch row. */
tb_status tb_fc_s8_simd(const tb_fc_dims *d, const tb_requant *q, const int8_t *input,
                        const int8_t *weights, const int32_t *bias, int8_t *output);

/* Elementwise add, vectorised where tb_quant.h's fast requantisation
 * covers the parameters; the reference otherwise. */
tb_status tb_add_s8_simd(const tb_add_params_s8 *p, int32_t count, const int8_t *a,
                         const int8_t *b, int8_t *output);

extern const tb_kernels_s8 tb_kernels_s8_simd;

#endif
