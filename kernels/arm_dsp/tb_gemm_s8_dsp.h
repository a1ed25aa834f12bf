/* The matrix-multiply core of tb_conv_s8_dsp: output (pixel p, channel r)
 * is
 *     requant(bias[r] + sum_i (col[p][i] + input_offset) * filter[r][i]),
 * bit for bit what the reference convolution computes, col[p] being the
 * receptive field of output pixel p (its im2col column), k int8 in the
 * filter's OHWI order. One loop serves two forms. By column pairs: two
 * pixels' columns widened to int16 with the input offset added, against
 * the filter's rows read in place. By pixel rows: two output channels'
 * weights widened once, against pixels read as int8, the input offset
 * folded into the biases. Either way the widened operand is loaded ready
 * for SMLAD, four registers per LDM, and only the other is sign-extended
 * in the loop. Internal to arm_dsp. */
#ifndef TB_GEMM_S8_DSP_H
#define TB_GEMM_S8_DSP_H

#include "tb_arm_dsp.h"
#include "tb_conv_s8_dsp_plan.h"

/* A column pair (tb_conv_dsp_pair_bytes of tb_conv_s8_dsp_plan.h, word
 * aligned) holds k rounded up to a multiple of 4 values of each column, as
 * groups of four words, one group per four k: column 0's (x0, x2) and
 * (x1, x3), then column 1's, each x an int16 lane. That is the order
 * SXTB16 splits a weight word into (w0, w2) and (w1, w3), so that SMLAD
 * pairs each x with its weight. Values past k are zero, so the weight
 * bytes they meet (the next row's first ones) add nothing. */

/* Column col (0 or 1) of the pair at pair: k int8 from src, plus the input
 * offset (off2: it in both halfwords), doubled for a block that runs fast
 * (tb_dsp_output_fast takes twice the sum). */
void tb_gemm_dsp_widen(int32_t *pair, int32_t col, const int8_t *src, int32_t k, int32_t off2,
                       int doubled);

/* What a tile of two rows needs, in the order the multiply pass loads it:
 * the biases (doubled in a fast block), the first row's weights, then each
 * row's tb_requant_fast. */
typedef struct {
    int32_t bias[2];
    const int8_t *w;
    tb_requant_fast rq[2];
} tb_gemm_dsp_rows;

typedef struct {
    int32_t k, tiles;
    int fast; /* every row takes tb_dsp_output_fast: columns are doubled */
    int32_t first, rows;
    const tb_requant *q;
    tb_gemm_dsp_rows tile[TB_GEMM_DSP_ROW_BLOCK / 2];
} tb_gemm_block_dsp;

/* Rows [first, first + rows) of weights, rows <= TB_GEMM_DSP_ROW_BLOCK.
 * The last tile reads past the filter's last row when k is not a multiple
 * of 4 (its weight words run up to 3 bytes on) or the block has one row
 * (read twice, the second reading k bytes on): last2 must then hold the
 * filter's last two rows (or its only row twice) and 4 zero bytes after
 * them, 2k + 4 bytes, for that tile to read instead; NULL otherwise. */
void tb_gemm_block_dsp_init(tb_gemm_block_dsp *g, const tb_requant *q,
                            const int8_t *weights, const int32_t *bias,
                            int32_t first, int32_t rows, int32_t k, const int8_t *last2);

/* out[c * out_stride + r] for the block's rows r and the pair's two columns
 * c; out points at the block's first row. out_stride 0 runs a single
 * column (the pair's column 1 must then be a copy of column 0). */
void tb_gemm_block_dsp_run(const tb_gemm_block_dsp *g, const int32_t *pair, int8_t *out,
                           int32_t out_stride);

/* The same multiply with the operands' roles swapped, for layers with more
 * pixels than output channels, whose columns would cost more to build than
 * their weights: a pair of output channels' weights is widened once, and
 * pixels are read as they lie, k int8 apart (a 1x1 convolution's input),
 * the input offset folded into the biases. Only for layers the fast output
 * step covers. */
typedef struct {
    const int32_t *pair;
    int32_t k;
    int32_t bias[2]; /* doubled, the offset folded in */
    tb_requant_fast rq[2];
} tb_gemm_dsp_channels;

/* Whether the fast output step covers all rows output channels of q (with
 * these biases and k), as this form needs. */
int tb_gemm_dsp_channels_fit(const tb_requant *q, const int32_t *bias, int32_t rows, int32_t k);

/* Channels c and c + 1 of weights, their weights widened into pair (a
 * column pair's bytes). */
void tb_gemm_dsp_channels_init(tb_gemm_dsp_channels *cp, const tb_requant *q,
                               const int8_t *weights, const int32_t *bias, int32_t c, int32_t k,
                               int32_t *pair);

/* The two channels' outputs for 2 * tiles pixels, the first at rows (each k
 * bytes on from the last, their words readable up to 3 bytes past k), its
 * outputs at out, out_stride bytes from one pixel's to the next. */
void tb_gemm_dsp_channels_run(const tb_gemm_dsp_channels *cp, const int8_t *rows, int32_t tiles,
                              int8_t *out, int32_t out_stride);

#endif
