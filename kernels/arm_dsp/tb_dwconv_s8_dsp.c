/* int8 depthwise convolution for DSP-extension cores, depth multiplier 1
 * (every MLPerf Tiny network's). Channels go four at a time, a word of
 * int8, widened by SXTB16 into even and odd lanes and multiplied lane by
 * lane with SMLABB/SMLATT (channels do not share a sum, so SMLAD's pairing
 * has nothing to add).
 *
 * For each group of four channels the input rows the windows need are
 * copied into a slice, a word per input column, at a fixed row stride, with
 * the zero point wherever a window overhangs the input. The input offset
 * is folded into the bias (sum (x + off) w = sum x w + off sum w), which
 * the zero point's cells then balance exactly, so every window, padded or
 * not, takes the same code, and every tap of a 3x3 window lies at a
 * constant offset from the window's first: the hand-scheduled loop for 3x3
 * filters at stride 1 or 2 takes two output pixels at a time, sharing each
 * weight load and, where the windows overlap, each input load (47 cycles
 * a window row at stride 1 on a Cortex-M4, for 24 MACs), and requantises them
 * in place. Other filters and strides, and groups the fast output step does
 * not cover, run a C loop over the same slices. Windows spanning more
 * columns than a slice row holds are taken in vertical strips of the
 * output. Other depth multipliers, input offsets no int8 zero point gives,
 * and filters taller than a slice's rows run the reference kernel. */
#include <stddef.h>

#include "tb_arm_dsp.h"
#include "tb_kernels_dsp.h"

/* A slice holds SLICE_WORDS words (2 KiB of stack) in rows of up to 16 or
 * 64 input columns: the row stride, 64 or 256 bytes, is one of the 3x3
 * loop's immediate offsets. 32 short rows hold every row the windows of a
 * narrow input need; 8 long ones let the windows of a wide input move down
 * several output rows before the rows still needed are moved to the
 * front. */
enum { SLICE_WORDS = 512, SHORT_ROW = 64, LONG_ROW = 256 };

/* Taps a filter may have here (5 x 5); larger ones run the reference. So
 * a filter row always fits a long slice row, and a short one is only used
 * when the windows' whole span fits it. */
enum { MAX_TAPS = 25 };
_Static_assert(MAX_TAPS <= LONG_ROW / 4, "a filter row fits a slice row");

/* What a group of four channels needs, in the order the 3x3 loop reads it:
 * the folded biases, then per tap the weights' even lanes (channels 0 and
 * 2) and odd ones (1 and 3), then the requantisation constants. In a fast
 * group (all four channels take tb_dsp_output_fast) biases and weights are
 * doubled, as tb_dsp_output_fast takes twice the sum. */
typedef struct {
    int32_t bias[4];
    int32_t w[MAX_TAPS][2];
    tb_requant_fast rq[4];
    int fast;
} group;

/* What every group shares in one vertical strip of the output, worked out
 * once per call and strip. */
typedef struct {
    const tb_window *w;
    const tb_requant *q;
    int32_t ow;         /* output pixels in a strip row */
    int32_t cols;       /* slice columns their windows span */
    int32_t ix0;        /* the input column of slice column 0 */
    int32_t in0, in1;   /* slice columns inside the input */
    int32_t row, slots; /* slice row stride in words, and rows */
    int32_t zp4;        /* the input zero point in every byte */
    int use_3x3;        /* a 3x3 filter at stride 1 or 2 in both directions */
} plan;

/* Four channels' bytes at p (n < 4 of them: the rest zero), read bytewise
 * when n < 4 so as not to run past the tensor. */
TB_DSP_INLINE int32_t load_lanes(const int8_t *p, int32_t n)
{
    if (n == 4)
        return tb_dsp_load_s8x4(p);
    uint32_t v = 0;
    for (int32_t i = 0; i < n; i++)
        v |= (uint32_t)(uint8_t)p[i] << (8 * i);
    return (int32_t)v;
}

/* The group's weights, lane by lane, times k (1, or 2 in a fast group: a
 * constant at each call site), and the taps' sums per channel. */
TB_DSP_INLINE void group_weights(group *g, const int8_t *filter, int32_t taps, int32_t ch,
                                 int32_t n, int32_t wsum[4], const int k)
{
    /* Sums in halfword lanes: 25 int8 fit. */
    int32_t sum_even = 0, sum_odd = 0;
    for (int32_t t = 0; t < taps; t++, filter += ch) {
        const int32_t v = load_lanes(filter, n);
        const int32_t even = __sxtb16(v), odd = tb_dsp_sxtb16_odd(v);
        sum_even = __sadd16(sum_even, even);
        sum_odd = __sadd16(sum_odd, odd);
        g->w[t][0] = k == 2 ? __sadd16(even, even) : even;
        g->w[t][1] = k == 2 ? __sadd16(odd, odd) : odd;
    }
    wsum[0] = (int16_t)sum_even;
    wsum[1] = (int16_t)sum_odd;
    wsum[2] = sum_even >> 16;
    wsum[3] = sum_odd >> 16;
}

static void group_init(group *g, const plan *pl, const int8_t *filter, const int32_t *bias,
                       int32_t c0, int32_t n)
{
    const tb_window *w = pl->w;
    const tb_requant *q = pl->q;
    const int32_t taps = w->filter.h * w->filter.w;
    int64_t bias_max = 0;
    for (int32_t i = 0; bias && i < n; i++) {
        const int64_t b = bias[c0 + i] < 0 ? -(int64_t)bias[c0 + i] : bias[c0 + i];
        bias_max = b > bias_max ? b : bias_max;
    }
    /* Slice values are raw int8 (the offset is in the bias), at most 128 in
     * size, as are the weights; the folded offset adds at most as much per
     * tap to the bias. A group of fewer than four channels is stored by
     * the reference's last step. */
    g->fast = n == 4 && tb_dsp_sums_fit(bias_max, taps, 2 * 128 * 128) &&
              tb_dsp_fast_init(g->rq, q, c0, 4);
    int32_t wsum[4];
    if (g->fast)
        group_weights(g, filter + c0, taps, w->output.c, n, wsum, 2);
    else
        group_weights(g, filter + c0, taps, w->output.c, n, wsum, 1);
    for (int32_t i = 0; i < 4; i++)
        g->bias[i] = i < n ? ((bias ? bias[c0 + i] : 0) + q->input_offset * wsum[i]) *
                                 (g->fast ? 2 : 1)
                           : 0;
}

/* Slice rows hold input rows [lo, lo + have) of one image, for one group. */
typedef struct {
    int32_t buf[SLICE_WORDS];
    int32_t lo, have;
} slice;

/* Input rows [iy, iy + count) of image into slots [t, t + count), for the
 * group of n channels at c0: the columns inside the input only, the input's
 * words there or, above and below the input, the zero point. The columns
 * left and right of the input hold the zero point in every slot from the
 * start of the call (slice_init), for every group. */
static void fill_rows(slice *sl, int32_t t, const plan *pl, const int8_t *image, int32_t iy,
                      int32_t count, int32_t c0, int32_t n)
{
    const tb_dims *in = &pl->w->input;
    const int32_t step = in->c, inside = pl->in1 - pl->in0;
    const int8_t *src = image + (iy * in->w + pl->ix0 + pl->in0) * step + c0;
    int32_t *row = sl->buf + t * pl->row + pl->in0;
    for (; count > 0; count--, iy++, src += in->w * step, row += pl->row) {
        int32_t *dst = row;
        if (iy < 0 || iy >= in->h) {
            for (int32_t x = 0; x < inside; x++)
                *dst++ = pl->zp4;
            continue;
        }
        const int8_t *p = src;
        if (n == 4) {
            int32_t x = 0;
            for (; x + 4 <= inside; x += 4, p += 4 * step, dst += 4) {
                dst[0] = tb_dsp_load_s8x4(p);
                dst[1] = tb_dsp_load_s8x4(p + step);
                dst[2] = tb_dsp_load_s8x4(p + 2 * step);
                dst[3] = tb_dsp_load_s8x4(p + 3 * step);
            }
            for (; x < inside; x++, p += step)
                *dst++ = tb_dsp_load_s8x4(p);
        } else {
            for (int32_t x = 0; x < inside; x++, p += step)
                *dst++ = load_lanes(p, n);
        }
    }
}

/* Every slot's columns left and right of the input to the zero point. */
static void slice_init(slice *sl, const plan *pl)
{
    for (int32_t t = 0; t < pl->slots; t++) {
        int32_t *row = sl->buf + t * pl->row;
        for (int32_t x = 0; x < pl->in0; x++)
            row[x] = pl->zp4;
        for (int32_t x = pl->in1; x < pl->cols; x++)
            row[x] = pl->zp4;
    }
}

/* Input rows iy0 .. iy1 - 1 into the slice, and the first one's slot. Once
 * they would run off the last slot, the rows still needed move to the
 * front (only the columns in use). */
static const int32_t *slice_rows(slice *sl, const plan *pl, const int8_t *image, int32_t iy0,
                                 int32_t iy1, int32_t c0, int32_t n)
{
    if (iy1 > sl->lo + pl->slots) {
        const int32_t keep = sl->lo + sl->have - iy0;
        for (int32_t t = 0; t < keep; t++)
            memcpy(sl->buf + t * pl->row, sl->buf + (iy0 - sl->lo + t) * pl->row,
                   (size_t)pl->cols * 4);
        sl->lo = iy0;
        sl->have = keep > 0 ? keep : 0;
    }
    const int32_t more = iy1 - (sl->lo + sl->have);
    if (more > 0) {
        fill_rows(sl, sl->have, pl, image, sl->lo + sl->have, more, c0, n);
        sl->have += more;
    }
    return sl->buf + (iy0 - sl->lo) * pl->row;
}

/* The pieces of a 3x3 window pair. W: tap (ky, kx)'s weights, even lanes
 * (channels 0 and 2) in r8 and odd ones (1 and 3) in r9, lr pointing at
 * tap 0's. X: slice column col of window row ky (rows rs bytes apart, ip
 * at the first window's first tap), split by SXTB16 into even lanes (r11)
 * and odd ones (r10). M0, M1: the four products into pixel 0's sums
 * (r0-r3) or pixel 1's (r4-r7). */
#define W(ky, kx)                                                                              \
    "ldr r8, [lr, #((3*" #ky "+" #kx ")*8)]\n\t"                                                \
    "ldr r9, [lr, #((3*" #ky "+" #kx ")*8+4)]\n\t"
#define X(ky, col, rs)                                                                         \
    "ldr r10, [ip, #(" #ky "*" #rs "+" #col "*4)]\n\t"                                          \
    "sxtb16 r11, r10\n\t"                                                                       \
    "sxtb16 r10, r10, ror #8\n\t"
#define M0                                                                                     \
    "smlabb r0, r11, r8, r0\n\t"                                                                \
    "smlatt r2, r11, r8, r2\n\t"                                                                \
    "smlabb r1, r10, r9, r1\n\t"                                                                \
    "smlatt r3, r10, r9, r3\n\t"
#define M1                                                                                     \
    "smlabb r4, r11, r8, r4\n\t"                                                                \
    "smlatt r6, r11, r8, r6\n\t"                                                                \
    "smlabb r5, r10, r9, r5\n\t"                                                                \
    "smlatt r7, r10, r9, r7\n\t"

/* A window row for a pair, ordered so that a column both windows take is
 * loaded once: at stride 1 pixel 1's tap kx is pixel 0's tap kx + 1, at
 * stride 2 its tap 0 is pixel 0's tap 2. */
#define PAIR_ROW_S1(ky, rs)                                                                    \
    W(ky, 0) X(ky, 0, rs) M0 X(ky, 1, rs) M1 W(ky, 1) M0 X(ky, 2, rs) M1 W(ky, 2) M0            \
        X(ky, 3, rs) M1
#define PAIR_ROW_S2(ky, rs)                                                                    \
    W(ky, 0) X(ky, 0, rs) M0 X(ky, 2, rs) M1 W(ky, 2) M0 X(ky, 4, rs) M1 W(ky, 1)               \
        X(ky, 1, rs) M0 X(ky, 3, rs) M1
#define PAIR_ROWS(s, rs) PAIR_ROW_S##s(0, rs) PAIR_ROW_S##s(1, rs) PAIR_ROW_S##s(2, rs)
#define SINGLE_ROW(ky, rs)                                                                     \
    W(ky, 0) X(ky, 0, rs) M0 W(ky, 1) X(ky, 1, rs) M0 W(ky, 2) X(ky, 2, rs) M0

/* tb_dsp_output_fast of accumulator acc (twice the sum) with its channel's
 * tb_requant_fast in r8-r10, stored at addr; r11 is free by then. */
#define OUT_FAST(acc, addr)                                                                    \
    "add r11, r8, " acc ", asr #31\n\t"                                                         \
    "smmlar r11, " acc ", r9, r11\n\t"                                                          \
    "asr r11, r11, r10\n\t"                                                                     \
    "ssat r11, #8, r11\n\t"                                                                     \
    "strb r11, " addr "\n\t"

/* Channel j's outputs of a pair: pixel 0's (ip its output), then pixel
 * 1's (r0 its output, once channel 0's pixel-0 sum has left r0). */
#define PAIR_OUT(j) "ldm lr!, {r8, r9, r10}\n\t" OUT_FAST("r" #j, "[ip, #" #j "]")
#define PAIR_OUT1(j) OUT_FAST("r" #j, "[r0, #(" #j "-4)]")
#define SINGLE_OUT(j) "ldm lr!, {r8, r9, r10}\n\t" OUT_FAST("r" #j, "[ip, #" #j "]")

/* Where the rows loop keeps its state (the stack, as all 14 registers go
 * to the sums, the weights and the taps while a window is summed). */
typedef struct {
    int32_t pairs;      /* sp + 0: pairs left in this row */
    int8_t *out;        /* sp + 4: the next pair's first output */
    int32_t ch;         /* sp + 8: bytes from one output pixel to the next */
    const int32_t *x;   /* sp + 12: the next pair's first tap in the slice */
    int32_t odd;        /* sp + 16: whether a row ends in a pixel alone */
    const group *g;     /* sp + 20 */
    int32_t rows;       /* sp + 24: rows left after this one */
    int32_t row_pairs;  /* sp + 28 */
    const int32_t *x_row; /* sp + 32: this row's first tap in the slice */
    int8_t *out_row;    /* sp + 36: its first output */
    int32_t x_step;     /* sp + 40: bytes from one row's first tap to the next's */
    int32_t out_step;   /* sp + 44: and from one row's first output to the next's */
} rows_args;

/* The outputs of a fast group's rows of a 3x3 filter at stride s in slice
 * rows of rs bytes (constants): each row's pixels two at a time, then an
 * odd last one alone, requantised in place. */
#define ROWS_3X3(s, rs)                                                                        \
    "ldm r0, {r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11}\n\t"                            \
    "push {r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11}\n\t"                               \
    "b 5f\n"                                                                                   \
    "1:\n\t"                                                                                   \
    "ldr ip, [sp, #12]\n\t"                                                                    \
    "ldr lr, [sp, #20]\n\t"                                                                    \
    "ldm lr!, {r0, r1, r2, r3}\n\t"                                                             \
    "mov r4, r0\n\t"                                                                           \
    "mov r5, r1\n\t"                                                                           \
    "mov r6, r2\n\t"                                                                           \
    "mov r7, r3\n\t" PAIR_ROWS(s, rs)                                                          \
    "add r11, ip, #(8*" #s ")\n\t"                                                             \
    "str r11, [sp, #12]\n\t"                                                                   \
    "add lr, lr, %[rq_skip]\n\t"                                                               \
    "ldr ip, [sp, #4]\n\t" PAIR_OUT(0)                                                         \
    "ldr r0, [sp, #8]\n\t"                                                                     \
    "add r0, ip, r0\n\t" PAIR_OUT1(4) PAIR_OUT(1) PAIR_OUT1(5) PAIR_OUT(2) PAIR_OUT1(6)          \
        PAIR_OUT(3) PAIR_OUT1(7)                                                               \
    "rsb ip, ip, r0, lsl #1\n\t"                                                               \
    "str ip, [sp, #4]\n"                                                                       \
    "5:\n\t"                                                                                   \
    "ldr r0, [sp]\n\t"                                                                         \
    "subs r0, r0, #1\n\t"                                                                      \
    "str r0, [sp]\n\t"                                                                         \
    "bpl 1b\n\t"                                                                               \
    "ldr r0, [sp, #16]\n\t"                                                                    \
    "cmp r0, #0\n\t"                                                                           \
    "beq 6f\n\t"                                                                               \
    "ldr ip, [sp, #12]\n\t"                                                                    \
    "ldr lr, [sp, #20]\n\t"                                                                    \
    "ldm lr!, {r0, r1, r2, r3}\n\t" SINGLE_ROW(0, rs) SINGLE_ROW(1, rs) SINGLE_ROW(2, rs)      \
    "add lr, lr, %[rq_skip]\n\t"                                                               \
    "ldr ip, [sp, #4]\n\t" SINGLE_OUT(0) SINGLE_OUT(1) SINGLE_OUT(2) SINGLE_OUT(3)              \
    "6:\n\t"                                                                                   \
    "add ip, sp, #24\n\t"                                                                      \
    "ldm ip, {r0, r1, r2, r3, r4, r5}\n\t"                                                     \
    "subs r0, r0, #1\n\t"                                                                      \
    "bmi 9f\n\t"                                                                               \
    "add r2, r2, r4\n\t"                                                                       \
    "add r3, r3, r5\n\t"                                                                       \
    "str r0, [sp, #24]\n\t"                                                                    \
    "str r2, [sp, #32]\n\t"                                                                    \
    "str r3, [sp, #36]\n\t"                                                                    \
    "str r1, [sp]\n\t"                                                                         \
    "str r3, [sp, #4]\n\t"                                                                     \
    "str r2, [sp, #12]\n\t"                                                                    \
    "b 5b\n"                                                                                   \
    "9:\n\t"                                                                                   \
    "add sp, sp, #48\n\t"

/* The weights start rq_skip bytes before the constants. */
#define RQ_SKIP (offsetof(group, rq) - offsetof(group, w))

/* rows + 1 output rows of ow pixels: the first's first window starts at x
 * in the slice (the next's x_step bytes on), its first output at out (the
 * next's out_step bytes on); stride s and slice row rs bytes, constants
 * at each call site. */
TB_DSP_INLINE void rows_3x3_fast(const group *g, const int32_t *x, int32_t x_step, int8_t *out,
                                 int32_t out_step, int32_t ch, int32_t ow, int32_t rows,
                                 const int s, const int rs)
{
    const rows_args a = {
        .pairs = ow >> 1,
        .out = out,
        .ch = ch,
        .x = x,
        .odd = ow & 1,
        .g = g,
        .rows = rows,
        .row_pairs = ow >> 1,
        .x_row = x,
        .out_row = out,
        .x_step = x_step,
        .out_step = out_step,
    };
    register const rows_args *r0 __asm__("r0") = &a;
#define ROWS_ASM(s, rs)                                                                        \
    __asm__ volatile(ROWS_3X3(s, rs)                                                           \
                     : "+r"(r0)                                                                \
                     : [rq_skip] "i"(RQ_SKIP), "m"(a)                                          \
                     : "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",     \
                       "ip", "lr", "cc", "memory")
    if (s == 1 && rs == SHORT_ROW)
        ROWS_ASM(1, 64);
    else if (s == 1)
        ROWS_ASM(1, 256);
    else if (rs == SHORT_ROW)
        ROWS_ASM(2, 64);
    else
        ROWS_ASM(2, 256);
#undef ROWS_ASM
}

#undef W
#undef X
#undef M0
#undef M1
#undef PAIR_ROW_S1
#undef PAIR_ROW_S2
#undef PAIR_ROWS
#undef SINGLE_ROW
#undef OUT_FAST
#undef PAIR_OUT
#undef PAIR_OUT1
#undef SINGLE_OUT
#undef ROWS_3X3
_Static_assert(SHORT_ROW == 64 && LONG_ROW == 256, "the 3x3 loop spells the strides out");
#undef RQ_SKIP

/* One output row for any filter and stride (windows starting s columns
 * apart from x), or for a group the fast step does not cover. */
static void row_any(const int32_t *x, const plan *pl, const group *g, int8_t *out, int32_t c0,
                    int32_t n)
{
    const tb_window *w = pl->w;
    const tb_dsp_range range = tb_dsp_range_of(pl->q);
    const int32_t ch = w->output.c, s = w->stride_w;
    for (int32_t ox = 0; ox < pl->ow; ox++, x += s, out += ch) {
        int32_t acc[4];
        for (int32_t i = 0; i < 4; i++)
            acc[i] = g->bias[i];
        const int32_t(*wt)[2] = g->w;
        for (int32_t ky = 0; ky < w->filter.h; ky++)
            for (int32_t kx = 0; kx < w->filter.w; kx++, wt++) {
                const int32_t v = x[ky * pl->row + kx];
                const int32_t ve = __sxtb16(v), vo = tb_dsp_sxtb16_odd(v);
                acc[0] = __smlabb(ve, (*wt)[0], acc[0]);
                acc[2] = __smlatt(ve, (*wt)[0], acc[2]);
                acc[1] = __smlabb(vo, (*wt)[1], acc[1]);
                acc[3] = __smlatt(vo, (*wt)[1], acc[3]);
            }
        if (g->fast) {
            for (int32_t i = 0; i < 4; i++)
                out[i] = tb_dsp_output_fast(acc[i], &g->rq[i]);
        } else {
            for (int32_t i = 0; i < n; i++)
                out[i] = tb_dsp_output(acc[i], pl->q->mult[c0 + i], pl->q->shift[c0 + i], range);
        }
    }
}

/* Output rows [oy0, oy1) of one image for one group, their windows starting
 * at x in the slice, the first row's output at out. */
static void rows(const int32_t *x, const plan *pl, const group *g, int8_t *out, int32_t oy0,
                 int32_t oy1, int32_t c0, int32_t n)
{
    const tb_window *w = pl->w;
    const int32_t ow = pl->ow, ch = w->output.c, s = w->stride_h;
    const int32_t x_step = s * pl->row * 4, out_step = w->output.w * ch, left = oy1 - oy0 - 1;
    if (g->fast && pl->use_3x3) {
        if (s == 1 && pl->row * 4 == SHORT_ROW)
            rows_3x3_fast(g, x, x_step, out, out_step, ch, ow, left, 1, SHORT_ROW);
        else if (s == 1)
            rows_3x3_fast(g, x, x_step, out, out_step, ch, ow, left, 1, LONG_ROW);
        else if (pl->row * 4 == SHORT_ROW)
            rows_3x3_fast(g, x, x_step, out, out_step, ch, ow, left, 2, SHORT_ROW);
        else
            rows_3x3_fast(g, x, x_step, out, out_step, ch, ow, left, 2, LONG_ROW);
        return;
    }
    for (int32_t oy = oy0; oy < oy1; oy++, x += s * pl->row, out += out_step)
        row_any(x, pl, g, out, c0, n);
}

/* The plan for output columns [ox0, ox0 + ow). */
static void plan_strip(plan *pl, int32_t ox0, int32_t ow)
{
    const tb_window *w = pl->w;
    pl->ow = ow;
    pl->cols = (ow - 1) * w->stride_w + w->filter.w;
    pl->ix0 = ox0 * w->stride_w - w->pad_left;
    pl->in0 = -pl->ix0 < 0 ? 0 : -pl->ix0 < pl->cols ? -pl->ix0 : pl->cols;
    pl->in1 = w->input.w - pl->ix0 < pl->cols ? w->input.w - pl->ix0 : pl->cols;
    pl->in1 = pl->in1 > pl->in0 ? pl->in1 : pl->in0;
}

/* One image's output rows in the strip of pl, for one group. */
static void strip(slice *sl, const plan *pl, const group *g, const int8_t *image, int8_t *o,
                  int32_t c0, int32_t n)
{
    const tb_window *w = pl->w;
    const tb_dims *out = &w->output;
    /* Input rows all the windows span: when they fit the slice, it is
     * filled once and the rows run in one go. */
    const int32_t span = (out->h - 1) * w->stride_h + w->filter.h;
    sl->lo = -w->pad_top;
    sl->have = 0;
    if (span <= pl->slots) {
        const int32_t *x = slice_rows(sl, pl, image, sl->lo, sl->lo + span, c0, n);
        rows(x, pl, g, o, 0, out->h, c0, n);
        return;
    }
    for (int32_t oy = 0; oy < out->h; oy++, o += out->w * out->c) {
        const int32_t iy0 = oy * w->stride_h - w->pad_top;
        const int32_t *x = slice_rows(sl, pl, image, iy0, iy0 + w->filter.h, c0, n);
        rows(x, pl, g, o, oy, oy + 1, c0, n);
    }
}

tb_status tb_dwconv_s8_dsp(const tb_window *w, const tb_requant *q,
                           const int8_t *input, const int8_t *filter,
                           const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    const int32_t cols = (out->w - 1) * w->stride_w + f->w;
    const int32_t row = cols <= SHORT_ROW / 4 ? SHORT_ROW / 4 : LONG_ROW / 4;
    /* Output pixels a strip row takes, all of them when a row fits. */
    const int32_t strip_w = cols <= row ? out->w : (row - f->w) / w->stride_w + 1;
    if (w->depth_multiplier != 1 || !tb_dsp_int8_offset(q) || f->h > SLICE_WORDS / row ||
        f->h * f->w > MAX_TAPS)
        return tb_dwconv_s8(w, q, input, filter, bias, output);
    if (out->c != in->c || f->c != out->c || out->n != in->n)
        return TB_ERR_ARG;
    plan pl = {
        .w = w,
        .q = q,
        .row = row,
        .slots = SLICE_WORDS / row,
        .zp4 = (int32_t)((uint32_t)(uint8_t)-q->input_offset * 0x01010101u),
        .use_3x3 = f->h == 3 && f->w == 3 && (w->stride_w == 1 || w->stride_w == 2) &&
                   w->stride_h == w->stride_w,
    };
    const int32_t ch = in->c;
    slice sl;
    group g;
    if (strip_w == out->w) {
        plan_strip(&pl, 0, out->w);
        slice_init(&sl, &pl);
    }
    for (int32_t c0 = 0; c0 < ch; c0 += 4) {
        const int32_t n = ch - c0 < 4 ? ch - c0 : 4;
        group_init(&g, &pl, filter, bias, c0, n);
        for (int32_t ox0 = 0; ox0 < out->w; ox0 += strip_w) {
            if (strip_w < out->w) {
                plan_strip(&pl, ox0, out->w - ox0 < strip_w ? out->w - ox0 : strip_w);
                slice_init(&sl, &pl);
            }
            for (int32_t b = 0; b < out->n; b++)
                strip(&sl, &pl, &g, input + b * in->h * in->w * ch,
                      output + (b * out->h * out->w + ox0) * ch + c0, c0, n);
        }
    }
    return TB_OK;
}
