/* int8 x int16 matrix multiply with SMLAD in 2 x 2 tiles (two weight rows by
 * the two columns of a column pair), so that every word loaded feeds two
 * outputs: per four k, one LDM of the pair's four words and two weight
 * loads, split by SXTB16 into four, serve 8 SMLADs, 16 MACs, in 20 cycles
 * on a Cortex-M4. */
#include "tb_gemm_s8_dsp.h"

/* Column col of the pair from k int8 at src plus the offset (in both
 * halfwords of off2), doubled or not (a constant at each call site). */
TB_DSP_INLINE void widen(int32_t *pair, int32_t col, const int8_t *src, int32_t k, int32_t off2,
                         const int doubled)
{
#define LANES(v) (doubled ? __sadd16((v), (v)) : (v))
    int32_t *dst = pair + 2 * col;
    int32_t i = 0;
    for (; i + 8 <= k; i += 8, dst += 8) {
        const int32_t x0 = tb_dsp_load_s8x4(src + i), x1 = tb_dsp_load_s8x4(src + i + 4);
        const int32_t e0 = __sxtab16(off2, x0), o0 = tb_dsp_sxtab16_odd(off2, x0);
        const int32_t e1 = __sxtab16(off2, x1), o1 = tb_dsp_sxtab16_odd(off2, x1);
        dst[0] = LANES(e0);
        dst[1] = LANES(o0);
        dst[4] = LANES(e1);
        dst[5] = LANES(o1);
    }
    if (i + 4 <= k) {
        const int32_t x = tb_dsp_load_s8x4(src + i);
        const int32_t e = __sxtab16(off2, x), o = tb_dsp_sxtab16_odd(off2, x);
        dst[0] = LANES(e);
        dst[1] = LANES(o);
        i += 4;
        dst += 4;
    }
    if (i == k)
        return;
    /* The last one to three values, read bytewise (a word could run past
     * the tensor); the rest of the group holds the zero point, which the
     * offset takes to zero. */
    const uint32_t zp = (uint8_t)-off2;
    uint32_t x = zp * 0x01010101u;
    for (int32_t j = 0; i + j < k; j++)
        x = (x & ~(0xFFu << (8 * j))) | (uint32_t)(uint8_t)src[i + j] << (8 * j);
    const int32_t e = __sxtab16(off2, (int32_t)x), o = tb_dsp_sxtab16_odd(off2, (int32_t)x);
    dst[0] = LANES(e);
    dst[1] = LANES(o);
#undef LANES
}

void tb_gemm_dsp_widen(int32_t *pair, int32_t col, const int8_t *src, int32_t k, int32_t off2,
                       int doubled)
{
    if (doubled)
        widen(pair, col, src, k, off2, 1);
    else
        widen(pair, col, src, k, off2, 0);
}

/* The rows of tile t of a block of rows: an odd last row shares its tile
 * with the row before, which is worked out twice, to the same bytes; a
 * block of one row runs it twice. */
TB_DSP_INLINE void tile_rows(int32_t rows, int32_t t, int32_t *r0, int32_t *r1)
{
    *r0 = rows == 1 ? 0 : 2 * t < rows - 1 ? 2 * t : rows - 2;
    *r1 = rows == 1 ? 0 : *r0 + 1;
}

void tb_gemm_block_dsp_init(tb_gemm_block_dsp *g, const tb_requant *q,
                            const int8_t *weights, const int32_t *bias,
                            int32_t first, int32_t rows, int32_t k, const int8_t *last2)
{
    int64_t bias_max = 0;
    for (int32_t r = 0; bias && r < rows; r++) {
        const int64_t b = bias[first + r] < 0 ? -(int64_t)bias[first + r] : bias[first + r];
        bias_max = b > bias_max ? b : bias_max;
    }
    g->k = k;
    g->first = first;
    g->rows = rows;
    g->q = q;
    /* Columns are x + offset, at most 255 in size; weights at most 128. A
     * block of one row has no neighbour to share its tiles and stays with
     * raw sums. */
    g->fast = rows >= 2 && tb_dsp_sums_fit(bias_max, k, 255 * 128);
    g->tiles = (rows + 1) / 2;
    for (int32_t t = 0; g->fast && t < g->tiles; t++) {
        int32_t r0, r1;
        tile_rows(rows, t, &r0, &r1);
        g->fast = tb_dsp_fast_init(g->tile[t].rq, q, first + r0, 2);
    }
    for (int32_t t = 0; t < g->tiles; t++) {
        int32_t r0, r1;
        tile_rows(rows, t, &r0, &r1);
        tb_gemm_dsp_rows *tr = &g->tile[t];
        tr->bias[0] = (bias ? bias[first + r0] : 0) * (g->fast ? 2 : 1);
        tr->bias[1] = (bias ? bias[first + r1] : 0) * (g->fast ? 2 : 1);
        tr->w = last2 && t == g->tiles - 1 ? last2 : weights + (first + r0) * k;
    }
}

/* What the multiply passes read, in the order they keep it on their
 * stack: ldm sp, {r4, r6, r7, lr} brings back the pair (r4), k (r6), its
 * end (r7) and the loop's entry address (lr). */
typedef struct {
    const int32_t *pair;           /* sp + 0: the column pair */
    int32_t k;                     /* sp + 4: bytes from a tile's first row to its second */
    const int32_t *end;            /* sp + 8: the pair's groups end here */
    int32_t skip;                  /* sp + 12: groups of the loop's first pass skipped */
    const tb_gemm_dsp_rows *t;     /* sp + 16: the tile's requantisation constants */
    int8_t *out;                   /* sp + 20: its first output */
    int32_t out_stride;            /* sp + 24: from column 0's outputs to column 1's */
    const tb_gemm_dsp_rows *t_end; /* sp + 28 */
    int32_t *sums;                 /* sp + 32: where raw sums go (4 a tile) */
} pass_args;

/* One group of four k for the tile's four accumulators: r0, r1 = column 0
 * by rows 0 and 1, r2, r3 = column 1 by rows 0 and 1. r4 walks the pair,
 * r5 row 0's weights, r6 = k reaches row 1's. The pair's group lands in
 * r8-r11: column 0's even and odd lanes, then column 1's. Row 1's weight
 * word is read first, because the post-indexed load of row 0's moves r5
 * on; SXTB16 splits a word into its even lanes (lr) and odd ones (ip).
 * Every instruction has a 32-bit encoding, so a group is 60 bytes: the
 * loop is entered part way through by that many bytes a group skipped. */
#define GROUP                                                                                  \
    "ldm r4!, {r8, r9, r10, r11}\n\t"                                                           \
    "ldr.w ip, [r5, r6]\n\t"                                                                    \
    "sxtb16 lr, ip\n\t"                                                                         \
    "sxtb16 ip, ip, ror #8\n\t"                                                                 \
    "smlad r1, r8, lr, r1\n\t"                                                                  \
    "smlad r3, r10, lr, r3\n\t"                                                                 \
    "smlad r1, r9, ip, r1\n\t"                                                                  \
    "smlad r3, r11, ip, r3\n\t"                                                                 \
    "ldr ip, [r5], #4\n\t"                                                                      \
    "sxtb16 lr, ip\n\t"                                                                         \
    "sxtb16 ip, ip, ror #8\n\t"                                                                 \
    "smlad r0, r8, lr, r0\n\t"                                                                  \
    "smlad r2, r10, lr, r2\n\t"                                                                 \
    "smlad r0, r9, ip, r0\n\t"                                                                  \
    "smlad r2, r11, ip, r2\n\t"

/* The multiply loop: PASS_GROUPS groups a pass, so that a tile of k <= 64
 * runs straight through and one of k <= 128 branches back once (three
 * cycles on a Cortex-M4); a count not a multiple of PASS_GROUPS enters it
 * part way through, at the address (entry) worked out once per call. */
enum { PASS_GROUPS = 16 };
#define LOOP                                                                                   \
    "mov pc, lr\n"                                                                             \
    "2:\n\t" GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP GROUP \
        GROUP GROUP                                                                            \
    "3:\n\t"                                                                                   \
    ".if (3b - 2b) != 16 * 60\n\t"                                                             \
    ".error \"a group is not 60 bytes\"\n\t"                                                   \
    ".endif\n\t"                                                                               \
    "cmp r4, r7\n\t"                                                                           \
    "bne 2b\n\t"

/* skip (the word at sp + 12) becomes the loop's entry address. */
#define ENTRY                                                                                  \
    "ldr r1, [sp, #12]\n\t"                                                                    \
    "adr ip, 2f\n\t"                                                                           \
    "movs r2, #60\n\t"                                                                         \
    "mla ip, r1, r2, ip\n\t"                                                                   \
    "str ip, [sp, #12]\n\t"

/* tb_dsp_output_fast of accumulator acc (twice the sum) with its tb_requant_fast
 * in r8-r10, stored at addr. */
#define OUT_FAST(acc, addr)                                                                    \
    "add ip, r8, " acc ", asr #31\n\t"                                                          \
    "smmlar ip, " acc ", r9, ip\n\t"                                                            \
    "asr ip, ip, r10\n\t"                                                                       \
    "ssat ip, #8, ip\n\t"                                                                       \
    "strb ip, " addr "\n\t"

/* Every tile of a block over one column pair, written in assembly because
 * the multiply loop needs all 14 allocatable registers: compiled from C,
 * each tile spent about 100 cycles outside the loop reloading what the
 * loop had displaced, where this spends about 55 (20 of them
 * requantising), keeping its state where LDMs bring it back. r4 enters a
 * tile at its record (biases, weights, then constants). One body, two
 * endings: requantised outputs, or raw sums for the caller. */
#define PASS(name, ending)                                                                     \
    __attribute__((naked, noinline)) static void name(__attribute__((unused))                 \
                                                      const pass_args *a)                      \
    {                                                                                          \
        __asm__ volatile("push {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                     \
                         "sub sp, sp, #36\n\t"                                                 \
                         "ldm r0, {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t"                    \
                         "stm sp, {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t" ENTRY              \
                         "ldr r4, [sp, #16]\n"                                                 \
                         "1:\n\t"                                                              \
                         "ldm r4!, {r0, r1, r5}\n\t"                                           \
                         "str r4, [sp, #16]\n\t"                                               \
                         "ldm sp, {r4, r6, r7, lr}\n\t"                                        \
                         "mov r2, r0\n\t"                                                      \
                         "mov r3, r1\n\t" LOOP ending                                          \
                         "ldr r7, [sp, #28]\n\t"                                               \
                         "cmp r4, r7\n\t"                                                      \
                         "bne 1b\n\t"                                                          \
                         "add sp, sp, #36\n\t"                                                 \
                         "pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n");                      \
    }

/* Row 0's constants and its two outputs, then row 1's; r4 ends at the
 * next tile's record. */
#define REQUANTISED                                                                            \
    "add ip, sp, #16\n\t"                                                                      \
    "ldm ip, {r4, r5, r6}\n\t"                                                                 \
    "add r6, r5, r6\n\t"                                                                       \
    "ldm r4!, {r8, r9, r10}\n\t" OUT_FAST("r0", "[r5]") OUT_FAST("r2", "[r6]")                 \
    "ldm r4!, {r8, r9, r10}\n\t" OUT_FAST("r1", "[r5, #1]") OUT_FAST("r3", "[r6, #1]")         \
    "adds r5, r5, #2\n\t"                                                                      \
    "str r5, [sp, #20]\n\t"

/* The four sums as they are; r4 skips the tile's constants. */
#define RAW                                                                                    \
    "ldr ip, [sp, #32]\n\t"                                                                    \
    "stm ip!, {r0, r1, r2, r3}\n\t"                                                            \
    "str ip, [sp, #32]\n\t"                                                                    \
    "ldr r4, [sp, #16]\n\t"                                                                    \
    "adds r4, r4, #24\n\t"

PASS(pass_fast, REQUANTISED)
PASS(pass_raw, RAW)

/* What the pixel-row pass reads, in the order it keeps it on its stack;
 * the first four words as the column pass's. */
typedef struct {
    const int32_t *pair;   /* sp + 0: two output channels' weights, widened */
    int32_t k;             /* sp + 4: bytes from one pixel row to the next */
    const int32_t *end;    /* sp + 8: the pair's groups end here */
    int32_t skip;          /* sp + 12: groups of the loop's first pass skipped */
    const int8_t *rows;    /* sp + 16: the next tile's first pixel row */
    int8_t *out;           /* sp + 20: its output for the first channel */
    int32_t out_stride;    /* sp + 24: from one pixel's outputs to the next's */
    const int8_t *rows_end; /* sp + 28: where the tiles' first rows end */
    int32_t bias[2];       /* sp + 32 */
    tb_requant_fast rq[2]; /* sp + 40 */
    int32_t step;          /* sp + 64: from r5 after the loop to the next tile's rows */
} rows_args;
_Static_assert(sizeof(rows_args) == 68, "the pixel-row pass expects its state in 17 words");

/* The same loop with the operands' roles swapped: the pair holds two output
 * channels' weights, the 'rows' are pixels read as they lie (raw int8, the
 * input offset folded into the biases), so r0, r1 = channel 0 by pixels 0
 * and 1, r2, r3 = channel 1 by pixels 0 and 1. A tile's outputs are two
 * channels of two pixels; biases and constants are the pass's. The loop
 * leaves r5 a fixed step short of the next tile's rows; the comparison
 * with their end is made there, its flags kept through the requantising,
 * which sets none. */
__attribute__((naked, noinline)) static void pass_rows(__attribute__((unused))
                                                       const rows_args *a)
{
    __asm__ volatile(
        "push {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "sub sp, sp, #68\n\t"
        "ldm r0!, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"
        "stm sp, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"
        "ldm r0, {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t"
        "add ip, sp, #32\n\t"
        "stm ip, {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t" ENTRY
        "1:\n\t"
        "add ip, sp, #32\n\t"
        "ldm ip, {r0, r2}\n\t"
        "mov r1, r0\n\t"
        "mov r3, r2\n\t"
        "ldr r5, [sp, #16]\n\t"
        "ldm sp, {r4, r6, r7, lr}\n\t" LOOP
        "ldr r8, [sp, #64]\n\t"
        "add r8, r5, r8\n\t"
        "str r8, [sp, #16]\n\t"
        "ldr r9, [sp, #28]\n\t"
        "cmp r8, r9\n\t"
        /* Channel 0's constants and its two outputs, then channel 1's. */
        "ldr r5, [sp, #20]\n\t"
        "ldr r6, [sp, #24]\n\t"
        "add r6, r5, r6\n\t"
        "add ip, sp, #40\n\t"
        "ldm ip, {r8, r9, r10}\n\t" OUT_FAST("r0", "[r5]") OUT_FAST("r1", "[r6]")
        "add ip, sp, #52\n\t"
        "ldm ip, {r8, r9, r10}\n\t" OUT_FAST("r2", "[r5, #1]") OUT_FAST("r3", "[r6, #1]")
        "rsb r5, r5, r6, lsl #1\n\t"
        "str r5, [sp, #20]\n\t"
        "bne 1b\n\t"
        "add sp, sp, #68\n\t"
        "pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n");
}

#undef GROUP
#undef LOOP
#undef ENTRY
#undef OUT_FAST
#undef PASS
#undef REQUANTISED
#undef RAW

/* A block the fast output step does not cover: raw sums, then the
 * reference's last step on each. Its own function, so that only it puts
 * the sums on the stack. */
__attribute__((noinline)) static void run_raw(const tb_gemm_block_dsp *g, pass_args *a,
                                              int8_t *out, int32_t out_stride)
{
    int32_t sums[TB_GEMM_DSP_ROW_BLOCK * 2];
    a->sums = sums;
    pass_raw(a);
    const tb_dsp_range range = tb_dsp_range_of(g->q);
    const int32_t *mult = g->q->mult + g->first, *shift = g->q->shift + g->first;
    for (int32_t t = 0; t < g->tiles; t++) {
        int32_t r0, r1;
        tile_rows(g->rows, t, &r0, &r1);
        const int32_t *s = sums + 4 * t;
        out[r0] = tb_dsp_output(s[0], mult[r0], shift[r0], range);
        out[r1] = tb_dsp_output(s[1], mult[r1], shift[r1], range);
        out[out_stride + r0] = tb_dsp_output(s[2], mult[r0], shift[r0], range);
        out[out_stride + r1] = tb_dsp_output(s[3], mult[r1], shift[r1], range);
    }
}

void tb_gemm_block_dsp_run(const tb_gemm_block_dsp *g, const int32_t *pair, int8_t *out,
                           int32_t out_stride)
{
    const int32_t groups = (g->k + 3) >> 2;
    pass_args a = {
        .pair = pair,
        .k = g->k,
        .end = pair + 4 * groups,
        .skip = (PASS_GROUPS - groups % PASS_GROUPS) % PASS_GROUPS,
        .t = g->tile,
        .out = out,
        .out_stride = out_stride,
        .t_end = g->tile + g->tiles,
    };
    if (!g->fast) {
        run_raw(g, &a, out, out_stride);
        return;
    }
    /* The pass moves on two outputs a tile; an odd block's last tile starts
     * one row back, so it runs on its own. */
    if (g->rows & 1) {
        a.t_end--;
        pass_fast(&a);
        a.t = a.t_end++;
        a.out = out + g->rows - 2;
    }
    pass_fast(&a);
}

int tb_gemm_dsp_channels_fit(const tb_requant *q, const int32_t *bias, int32_t rows, int32_t k)
{
    tb_requant_fast rq;
    int64_t bias_max = 0;
    for (int32_t r = 0; r < rows; r++) {
        if (!tb_dsp_fast_init(&rq, q, r, 1))
            return 0;
        const int64_t b = bias ? (bias[r] < 0 ? -(int64_t)bias[r] : bias[r]) : 0;
        bias_max = b > bias_max ? b : bias_max;
    }
    /* Pixel bytes are raw int8 and weights int8, at most 128 in size; the
     * folded offset adds at most 128 * 128 per k to the bias. */
    return tb_dsp_sums_fit(bias_max, k, 2 * 128 * 128);
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

void tb_gemm_dsp_channels_init(tb_gemm_dsp_channels *cp, const tb_requant *q,
                               const int8_t *weights, const int32_t *bias, int32_t c, int32_t k,
                               int32_t *pair)
{
    for (int32_t i = 0; i < 2; i++) {
        const int8_t *w = weights + (c + i) * k;
        cp->bias[i] = 2 * ((bias ? bias[c + i] : 0) + q->input_offset * sum_s8(w, k));
        widen(pair, i, w, k, 0, 1);
    }
    cp->pair = pair;
    cp->k = k;
    tb_dsp_fast_init(cp->rq, q, c, 2);
}

void tb_gemm_dsp_channels_run(const tb_gemm_dsp_channels *cp, const int8_t *rows, int32_t tiles,
                              int8_t *out, int32_t out_stride)
{
    if (tiles < 1)
        return;
    const int32_t groups = (cp->k + 3) >> 2;
    const rows_args a = {
        .pair = cp->pair,
        .k = cp->k,
        .end = cp->pair + 4 * groups,
        .skip = (PASS_GROUPS - groups % PASS_GROUPS) % PASS_GROUPS,
        .rows = rows,
        .out = out,
        .out_stride = out_stride,
        .rows_end = rows + 2 * tiles * cp->k,
        .bias = {cp->bias[0], cp->bias[1]},
        .rq = {cp->rq[0], cp->rq[1]},
        .step = 2 * cp->k - 4 * groups,
    };
    pass_rows(&a);
}
