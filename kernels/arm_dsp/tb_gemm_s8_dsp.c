/* int8 x int8 matrix multiply with SMLAD, in 2 x 2 tiles (two weight rows by
 * two activation columns) so that every word loaded feeds two outputs: per
 * four k, 4 loads and 8 sign extensions serve 8 SMLADs, 16 MACs. */
#include "tb_gemm_s8_dsp.h"

/* Before a loop over tile rows or columns (at most 2): unrolled early
 * enough that GCC keeps the tile's accumulator array in registers. */
#define TILE_UNROLL _Pragma("GCC unroll 2")

/* The inner loop's word loads, written out because GCC 12 merges the
 * pointer increments of the unrolled loop into one and then addresses the
 * second row and column as [p, k + 4], [p, k + 8]..., a register per offset,
 * spilling in a loop that needs all 14 registers there are. volatile keeps
 * the loads in program order: for Armv8-M, GCC otherwise hoists later
 * loads early and spills what they displace. The "m" operand tells GCC
 * which bytes are read, so stores to them stay ahead of the load; its type
 * is one that cannot alias the int32 accumulators, which GCC would
 * otherwise store back to the stack on every iteration. */
typedef struct {
    int16_t h[2];
} word_read;

/* The word at p + k: the second row's or column's. */
TB_DSP_INLINE int32_t load_at(const int8_t *p, int32_t k)
{
    int32_t v;
    __asm__ volatile("ldr %0, [%1, %2]"
                     : "=r"(v)
                     : "r"(p), "r"(k), "m"(*(const word_read *)(p + k)));
    return v;
}

/* The word at *p, then *p += 4: one post-indexed LDR. */
TB_DSP_INLINE int32_t load_next(const int8_t **p)
{
    int32_t v;
    __asm__ volatile("ldr %0, [%1], #4" : "=r"(v), "+r"(*p) : "m"(*(const word_read *)*p));
    return v;
}

/* Sum of k int8. USADA8 adds the four absolute differences of two words'
 * bytes; against 0, after flipping each byte's sign bit (w ^ 0x80 = w + 128
 * as an unsigned byte), that is four bytes summed in one instruction. The
 * 128 per byte is taken off at the end. */
static int32_t sum_s8(const int8_t *p, int32_t k)
{
    uint32_t biased = 0;
    int32_t i = 0;
    for (; i + 4 <= k; i += 4)
        biased = __usada8((uint32_t)tb_dsp_load_s8x4(p + i) ^ 0x80808080u, 0, biased);
    int32_t sum = (int32_t)biased - 128 * i;
    for (; i < k; i++)
        sum += p[i];
    return sum;
}

void tb_gemm_block_dsp_init(tb_gemm_block_dsp *g, const tb_requant *q,
                            const int8_t *weights, const int32_t *bias,
                            int32_t first, int32_t rows, int32_t k)
{
    g->rhs = weights + first * k;
    g->mult = q->mult + first;
    g->shift = q->shift + first;
    g->rows = rows;
    g->k = k;
    g->range = tb_dsp_range_of(q);
    for (int32_t r = 0; r < rows; r++)
        g->folded_bias[r] =
            (bias ? bias[first + r] : 0) + q->input_offset * sum_s8(g->rhs + r * k, k);
}

/* acc[c][r] += the products of the next four k of column c and row r, and
 * both pointers move on by four. SXTB16 splits a word into its even bytes
 * (x0, x2) and, rotated, its odd bytes (x1, x3). Split both operands the
 * same way and the halfword lanes pair the same k: SMLAD(even a, even w) =
 * a0*w0 + a2*w2 and SMLAD(odd a, odd w) = a1*w1 + a3*w3, all four products
 * with no repacking (CMSIS-NN's read_and_pad needs PKHBT because its
 * columns are int16 in natural order). The sum's order differs from the
 * reference's; int32 addition does not care. The second row and column lie
 * k bytes after the first, so one register addresses both; they are loaded
 * first, before the post-indexed load of the first moves the pointer. */
TB_DSP_INLINE void mac_k4(int32_t acc[2][2], const int8_t **lhs, const int8_t **rhs,
                          int32_t k, const int rows, const int cols)
{
    int32_t w_even[2], w_odd[2];
    TILE_UNROLL
    for (int r = rows - 1; r >= 0; r--) {
        const int32_t w = r ? load_at(*rhs, k) : load_next(rhs);
        w_even[r] = __sxtb16(w);
        w_odd[r] = tb_dsp_sxtb16_odd(w);
    }
    TILE_UNROLL
    for (int c = cols - 1; c >= 0; c--) {
        const int32_t a = c ? load_at(*lhs, k) : load_next(lhs);
        const int32_t a_even = __sxtb16(a), a_odd = tb_dsp_sxtb16_odd(a);
        TILE_UNROLL
        for (int r = 0; r < rows; r++)
            acc[c][r] = __smlad(a_odd, w_odd[r], __smlad(a_even, w_even[r], acc[c][r]));
    }
}

/* What the outputs of up to two rows need, read before any output is
 * stored (an int8 store may alias every pointer, so fields read after one
 * are read again). */
typedef struct {
    const int8_t *rhs;
    int32_t folded_bias[2], mult[2], shift[2];
    tb_dsp_range range;
} row_pair;

/* One rows x cols tile (each 1 or 2, constants at every call site) of the
 * rows in rp, whose first column is lhs and first output out. */
TB_DSP_INLINE void tile(const row_pair *rp, int32_t k, const int8_t *lhs, int8_t *out,
                        int32_t out_stride, const int rows, const int cols)
{
    const int8_t *a = lhs, *w = rp->rhs;
    int32_t acc[2][2];
    TILE_UNROLL
    for (int c = 0; c < cols; c++)
        TILE_UNROLL
        for (int r = 0; r < rows; r++)
            acc[c][r] = rp->folded_bias[r];
    /* Unrolled 4x: the loop's taken branch (three cycles on a Cortex-M4)
     * then comes once per 64 MACs of a 2 x 2 tile. */
    for (const int8_t *end = lhs + (k & ~15); a != end;) {
        mac_k4(acc, &a, &w, k, rows, cols);
        mac_k4(acc, &a, &w, k, rows, cols);
        mac_k4(acc, &a, &w, k, rows, cols);
        mac_k4(acc, &a, &w, k, rows, cols);
    }
    for (const int8_t *end = lhs + (k & ~3); a != end;)
        mac_k4(acc, &a, &w, k, rows, cols);
    for (const int8_t *end = lhs + k; a != end; a++, w++)
        TILE_UNROLL
        for (int c = 0; c < cols; c++)
            TILE_UNROLL
            for (int r = 0; r < rows; r++)
                acc[c][r] += a[c * k] * w[r * k];
    TILE_UNROLL
    for (int c = 0; c < cols; c++)
        TILE_UNROLL
        for (int r = 0; r < rows; r++)
            out[c * out_stride + r] =
                tb_dsp_output(acc[c][r], rp->mult[r], rp->shift[r], rp->range);
}

/* Rows [row, row + rows) over every column, two columns at a time. */
TB_DSP_INLINE void sweep(const tb_gemm_block_dsp *g, int32_t row, const int8_t *lhs,
                         int32_t cols, int8_t *out, int32_t out_stride, const int rows)
{
    row_pair rp = {.rhs = g->rhs + row * g->k, .range = g->range};
    TILE_UNROLL
    for (int r = 0; r < rows; r++) {
        rp.folded_bias[r] = g->folded_bias[row + r];
        rp.mult[r] = g->mult[row + r];
        rp.shift[r] = g->shift[row + r];
    }
    const int32_t k = g->k;
    out += row;
    int32_t c = 0;
    for (; c + 2 <= cols; c += 2)
        tile(&rp, k, lhs + c * k, out + c * out_stride, out_stride, rows, 2);
    if (c < cols)
        tile(&rp, k, lhs + c * k, out + c * out_stride, out_stride, rows, 1);
}

void tb_gemm_block_dsp_run(const tb_gemm_block_dsp *g, const int8_t *lhs, int32_t cols,
                           int8_t *out, int32_t out_stride)
{
    int32_t row = 0;
    for (; row + 2 <= g->rows; row += 2)
        sweep(g, row, lhs, cols, out, out_stride, 2);
    if (row < g->rows)
        sweep(g, row, lhs, cols, out, out_stride, 1);
}

void tb_gemm_s8_dsp(const tb_requant *q, const int8_t *lhs, int32_t cols,
                    const int8_t *weights, const int32_t *bias, int32_t rows, int32_t k,
                    int8_t *out)
{
    tb_gemm_block_dsp g;
    for (int32_t first = 0; first < rows; first += TB_GEMM_DSP_ROW_BLOCK) {
        const int32_t n = rows - first < TB_GEMM_DSP_ROW_BLOCK ? rows - first
                                                               : TB_GEMM_DSP_ROW_BLOCK;
        tb_gemm_block_dsp_init(&g, q, weights, bias, first, n, k);
        tb_gemm_block_dsp_run(&g, lhs, cols, out + first, rows);
    }
}
