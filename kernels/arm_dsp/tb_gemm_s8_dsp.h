/* The matrix-multiply core shared by tb_conv_s8_dsp (both paths) and
 * tb_fc_s8_dsp. Columns (lhs) are activations: im2col columns, pixels of a
 * 1x1 convolution or batch rows, each k int8 long and packed one after the
 * other. Rows (rhs) are weights, k int8 each (OHWI filters or [out, in]).
 * Output (column c, row r) is
 *     requant(bias[r] + sum_i (lhs[c][i] + input_offset) * rhs[r][i]),
 * bit for bit what the reference kernels compute. Internal to arm_dsp. */
#ifndef TB_GEMM_S8_DSP_H
#define TB_GEMM_S8_DSP_H

#include "tb_arm_dsp.h"

/* Rows handled per block. The input offset is folded into each row's bias
 * once per block (sum_i (x + off) * w = sum_i x * w + off * sum_i w), so the
 * inner loop widens raw int8 activations and needs no offset register; the
 * folded biases live in the block, on the caller's stack (about 300 bytes
 * in all). Every im2col layer of the MLPerf Tiny networks has at most 64
 * output channels, so each of its columns is gathered once. */
enum { TB_GEMM_DSP_ROW_BLOCK = 64 };

typedef struct {
    const int8_t *rhs;           /* first row of the block */
    const int32_t *mult, *shift; /* first row's requantisation */
    int32_t rows, k;
    tb_dsp_range range;
    int32_t folded_bias[TB_GEMM_DSP_ROW_BLOCK];
} tb_gemm_block_dsp;

/* Rows [first, first + rows) of weights, rows <= TB_GEMM_DSP_ROW_BLOCK. */
void tb_gemm_block_dsp_init(tb_gemm_block_dsp *g, const tb_requant *q,
                            const int8_t *weights, const int32_t *bias,
                            int32_t first, int32_t rows, int32_t k);

/* out[c * out_stride + r] for the block's rows r and columns c < cols;
 * out points at the block's first row. */
void tb_gemm_block_dsp_run(const tb_gemm_block_dsp *g, const int8_t *lhs, int32_t cols,
                           int8_t *out, int32_t out_stride);

/* All rows over all columns: out[c * rows + r]. */
void tb_gemm_s8_dsp(const tb_requant *q, const int8_t *lhs, int32_t cols,
                    const int8_t *weights, const int32_t *bias, int32_t rows, int32_t k,
                    int8_t *out);

#endif
