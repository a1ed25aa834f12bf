/* int8 convolution as a packed GEMM. Each output pixel's window is copied
 * into an im2col row of k = filter h * w * input channels bytes, and each
 * filter row (OHWI, already k contiguous bytes) into a packed copy; both
 * are padded with zeros to a multiple of K_ALIGN, so that the dot products
 * run whole vectors. A tile of ROWS pixels by COLS output channels is
 * ROWS * COLS independent dot-product reductions over the same k, which
 * GCC turns into vector multiply-accumulates (VPDPBUSD with AVX-512 VNNI,
 * VPMADDWD with AVX2, SDOT or SMULL/SADALP on Arm) sharing every load.
 *
 * Bit-exact by algebra: the reference sums (x + offset) * w over the taps
 * inside the input. Here padding taps hold the zero point, -offset, so
 * they add (-offset + offset) * w = 0 and every tap can be summed; and
 * with a = x + ACT_BIAS stored, sum((x + offset) * w) =
 * sum(a * w) + (offset - ACT_BIAS) * sum(w), the last term folded with the
 * bias into one constant per channel when the filter is packed. */
#include <string.h>

#include "tb_kernels_simd.h"
#include "tb_simd.h"

/* The byte type of the im2col rows. x86's VNNI dot product multiplies
 * unsigned by signed bytes, which GCC emits for a uint8 * int8 reduction
 * only, so there the rows hold x + 128; elsewhere (Arm's SDOT, or
 * widening multiplies) signed bytes suit best and the rows hold x. */
#if defined(__AVX512VNNI__) || defined(__AVXVNNI__)
typedef uint8_t act_t;
enum { ACT_BIAS = 128 };
#else
typedef int8_t act_t;
enum { ACT_BIAS = 0 };
#endif

/* A tile: pixels by output channels, 16 accumulators, which with their
 * loads fit the 32 vector registers of AVX-512 and AArch64. k is padded to
 * K_ALIGN bytes, a whole number of 256-bit vectors. */
enum { ROWS = 4, COLS = 4, K_ALIGN = 32, SCRATCH_ALIGN = 64 };

typedef struct {
    int32_t k;            /* a column's taps: filter h * w * input channels */
    int32_t kp;           /* k rounded up to K_ALIGN */
    int32_t ocp;          /* output channels rounded up to COLS */
    size_t consts, fast, rows, sums, bytes; /* offsets in the aligned scratch; its size */
} layout;

static size_t round_up(size_t x, size_t a)
{
    return (x + a - 1) / a * a;
}

/* Scratch from an aligned start: the packed filter (ocp rows of kp
 * bytes), one int32 constant per channel, output constants per channel
 * repeated ROWS times (so that a block's outputs are requantised as one
 * run, long enough to vectorise however few the channels), ROWS im2col
 * rows, and their int32 sums, out_c apart. */
static layout layout_of(const tb_window *w)
{
    layout l;
    l.k = w->filter.h * w->filter.w * w->input.c;
    l.kp = (int32_t)round_up((size_t)l.k, K_ALIGN);
    l.ocp = (int32_t)round_up((size_t)w->output.c, COLS);
    l.consts = round_up((size_t)l.ocp * (size_t)l.kp, SCRATCH_ALIGN);
    l.fast = l.consts + round_up((size_t)l.ocp * sizeof(int32_t), SCRATCH_ALIGN);
    l.rows = l.fast + round_up((size_t)ROWS * (size_t)l.ocp * sizeof(tb_requant_fast),
                               SCRATCH_ALIGN);
    l.sums = l.rows + round_up((size_t)ROWS * (size_t)l.kp, SCRATCH_ALIGN);
    l.bytes = l.sums + (size_t)ROWS * (size_t)l.ocp * sizeof(int32_t);
    return l;
}

size_t tb_conv_s8_simd_scratch_bytes(const tb_window *w)
{
    return layout_of(w).bytes + SCRATCH_ALIGN - 1;
}

/* Filter rows, zero-padded to kp bytes and ocp rows, and each channel's
 * constant: bias + (offset - ACT_BIAS) * sum(w), in wrapping arithmetic. */
static void pack_filter(const layout *l, const int8_t *filter, const int32_t *bias,
                        int32_t out_c, int32_t input_offset, int8_t *packed, int32_t *consts)
{
    memset(packed, 0, (size_t)l->ocp * (size_t)l->kp);
    for (int32_t oc = 0; oc < l->ocp; oc++) {
        consts[oc] = 0;
        if (oc >= out_c)
            continue;
        const int8_t *src = filter + (size_t)oc * (size_t)l->k;
        int32_t sum = 0;
        for (int32_t i = 0; i < l->k; i++)
            sum += src[i];
        memcpy(packed + (size_t)oc * (size_t)l->kp, src, (size_t)l->k);
        consts[oc] = tb_simd_add_wrap(bias ? bias[oc] : 0,
                                      (int32_t)((uint32_t)(input_offset - ACT_BIAS) * (uint32_t)sum));
    }
}

/* An output pixel, stepped through in output order. */
typedef struct {
    int32_t b, oy, ox;
} pixel;

static void next_pixel(const tb_window *w, pixel *p)
{
    if (++p->ox < w->output.w)
        return;
    p->ox = 0;
    if (++p->oy < w->output.h)
        return;
    p->oy = 0;
    p->b++;
}

/* The im2col row of output pixel p: a run of input channels per filter
 * tap, as x + ACT_BIAS, or the zero point where the tap is padding; zeros
 * from k to kp. */
static void pack_row(const tb_window *w, int32_t input_offset, const int8_t *input, pixel p,
                     int32_t kp, act_t *restrict row)
{
    const tb_dims *in = &w->input;
    const int32_t iy0 = p.oy * w->stride_h - w->pad_top, ix0 = p.ox * w->stride_w - w->pad_left;
    const act_t pad = (act_t)(ACT_BIAS - input_offset);
    act_t *restrict dst = row;
    for (int32_t ky = 0; ky < w->filter.h; ky++)
        for (int32_t kx = 0; kx < w->filter.w; kx++, dst += in->c) {
            const int32_t iy = iy0 + ky, ix = ix0 + kx;
            if (iy < 0 || iy >= in->h || ix < 0 || ix >= in->w) {
                memset(dst, pad, (size_t)in->c);
                continue;
            }
            const int8_t *restrict src = input + (((size_t)p.b * in->h + iy) * in->w + ix) * in->c;
            for (int32_t c = 0; c < in->c; c++)
                dst[c] = (act_t)(src[c] + ACT_BIAS);
        }
    memset(dst, 0, (size_t)(kp - (dst - row)));
}

/* t[r][c] = dot(rows[r], cols[c]) over kp bytes, for ROWS consecutive rows
 * and COLS consecutive packed filter rows, each kp bytes apart. */
static void dot_tile(const act_t *restrict rows, const int8_t *restrict cols, int32_t kp,
                     int32_t t[ROWS][COLS])
{
    int32_t acc[ROWS][COLS] = {{0}};
    for (int32_t i = 0; i < kp; i++)
        for (int32_t r = 0; r < ROWS; r++)
            for (int32_t c = 0; c < COLS; c++)
                acc[r][c] += rows[r * kp + i] * cols[c * kp + i];
    memcpy(t, acc, sizeof acc);
}

tb_status tb_conv_s8_simd(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                          const int8_t *input, const int8_t *filter,
                          const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (f->c != in->c || f->n != out->c || out->n != in->n)
        return TB_ERR_ARG;
    const layout l = layout_of(w);
    if (!tb_simd_offset_ok(q) || l.kp > TB_SIMD_MAX_K)
        return tb_conv_s8(ctx, w, q, input, filter, bias, output);
    if (!ctx || !ctx->buf || ctx->bytes < tb_conv_s8_simd_scratch_bytes(w))
        return TB_ERR_SCRATCH;
    uint8_t *base = (uint8_t *)round_up((size_t)(uintptr_t)ctx->buf, SCRATCH_ALIGN);
    int8_t *packed = (int8_t *)base;
    int32_t *consts = (int32_t *)(base + l.consts);
    act_t *rows = (act_t *)(base + l.rows);
    int32_t *sums = (int32_t *)(base + l.sums);
    pack_filter(&l, filter, bias, out->c, q->input_offset, packed, consts);
    tb_requant_fast *fast = (tb_requant_fast *)(base + l.fast);
    const tb_simd_output o = tb_simd_output_init(q, bias, 0, out->c, l.k, fast);
    for (int32_t r = 1; o.fast && r < ROWS; r++)
        memcpy(fast + r * out->c, fast, (size_t)out->c * sizeof *fast);

    const int32_t pixels = out->n * out->h * out->w;
    pixel next = {0, 0, 0};
    for (int32_t p0 = 0; p0 < pixels; p0 += ROWS) {
        const int32_t n = pixels - p0 < ROWS ? pixels - p0 : ROWS;
        /* A last block short of ROWS pixels repeats its last one. */
        for (int32_t r = 0; r < ROWS; r++) {
            act_t *row = rows + (size_t)r * (size_t)l.kp;
            if (r < n) {
                pack_row(w, q->input_offset, input, next, l.kp, row);
                next_pixel(w, &next);
            } else {
                memcpy(row, row - l.kp, (size_t)l.kp * sizeof *row);
            }
        }
        for (int32_t oc = 0; oc < l.ocp; oc += COLS) {
            int32_t t[ROWS][COLS];
            dot_tile(rows, packed + (size_t)oc * (size_t)l.kp, l.kp, t);
            for (int32_t r = 0; r < ROWS; r++)
                for (int32_t c = 0; c < COLS && oc + c < out->c; c++)
                    sums[r * out->c + oc + c] = tb_simd_add_wrap(consts[oc + c], t[r][c]);
        }
        int8_t *dst = output + (size_t)p0 * (size_t)out->c;
        if (o.fast)
            tb_simd_output_run(&o, 0, n * out->c, sums, dst);
        else
            for (int32_t r = 0; r < n; r++)
                tb_simd_output_run(&o, 0, out->c, sums + r * out->c, dst + r * out->c);
    }
    return TB_OK;
}
