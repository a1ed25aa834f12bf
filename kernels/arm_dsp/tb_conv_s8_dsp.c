/* int8 2-D convolution for DSP-extension cores, CMSIS-NN style: each output
 * pixel's receptive field (im2col column) goes through the SMLAD matrix
 * multiply of tb_gemm_s8_dsp. Most layers run by column pairs: two pixels'
 * columns widened to int16 against all the output channels, in blocks.
 * Layers with many more pixels than output channels run by pixel rows
 * instead (tb_conv_dsp_plan): two channels' weights widened against
 * batches of pixels read as int8, in place for a 1x1, stride 1, unpadded
 * convolution. An input offset that is not minus an int8 zero point
 * cannot be padded with, and runs the reference kernel. */
#include "tb_arm_dsp.h"
#include "tb_conv_s8_dsp_plan.h"
#include "tb_gemm_s8_dsp.h"
#include "tb_kernels_dsp.h"

/* n bytes from src to dst, a word at a time. Columns are built from short
 * runs (kw x in_c bytes: 4 for the kws 10x4 filter on one channel, 9 for a
 * 3x3 on three); inline word moves beat a library call on those and keep
 * up on the longer ones. The last 0-3 bytes are moved by size bits, not a
 * loop, which GCC would turn back into a library call. */
static inline void copy_s8(int8_t *dst, const int8_t *src, size_t n)
{
    for (; n >= 4; n -= 4, dst += 4, src += 4)
        memcpy(dst, src, 4);
    if (n & 2) {
        memcpy(dst, src, 2);
        dst += 2;
        src += 2;
    }
    if (n & 1)
        *dst = *src;
}

/* n bytes of dst set to the byte replicated in zp4. */
static inline void fill_s8(int8_t *dst, uint32_t zp4, size_t n)
{
    for (; n >= 4; n -= 4, dst += 4)
        memcpy(dst, &zp4, 4);
    if (n & 2) {
        memcpy(dst, &zp4, 2);
        dst += 2;
    }
    if (n & 1)
        *dst = (int8_t)zp4;
}

/* An output pixel, stepped through the output in NHWC order. */
typedef struct {
    int32_t b, oy, ox;
} pixel;

static void next_pixel(pixel *p, const tb_dims *out)
{
    if (++p->ox < out->w)
        return;
    p->ox = 0;
    if (++p->oy < out->h)
        return;
    p->oy = 0;
    p->b++;
}

/* The column of one output pixel: its kh x kw x in_c window in OHWI order,
 * the filter's own order. Cells outside the input hold the input zero
 * point (zp4: it in every byte), so that (zp + input_offset) * w = 0:
 * exactly the terms the reference skips. */
static void im2col(const tb_window *w, uint32_t zp4, const int8_t *input, const pixel *p,
                   int8_t *column)
{
    const tb_dims *in = &w->input, *f = &w->filter;
    const int32_t iy0 = p->oy * w->stride_h - w->pad_top;
    const int32_t ix0 = p->ox * w->stride_w - w->pad_left;
    int32_t ky0, ky1, kx0, kx1;
    tb_dsp_clip(iy0, f->h, in->h, &ky0, &ky1);
    tb_dsp_clip(ix0, f->w, in->w, &kx0, &kx1);
    const size_t c = (size_t)in->c, row = (size_t)f->w * c;
    if (ky1 <= ky0 || kx1 <= kx0) {
        fill_s8(column, zp4, (size_t)f->h * row);
        return;
    }
    /* Rows above and below the input, then the rows inside it: whole
     * (the common case) or with cells left and right of the input. */
    fill_s8(column, zp4, (size_t)ky0 * row);
    fill_s8(column + (size_t)ky1 * row, zp4, (size_t)(f->h - ky1) * row);
    column += (size_t)ky0 * row;
    const int8_t *src = input + ((p->b * in->h + iy0 + ky0) * in->w + ix0 + kx0) * in->c;
    const size_t src_row = (size_t)in->w * c, left = (size_t)kx0 * c;
    const size_t inside = (size_t)(kx1 - kx0) * c, right = row - left - inside;
    for (int32_t ky = ky0; ky < ky1; ky++, column += row, src += src_row) {
        if (inside == row) {
            copy_s8(column, src, row);
            continue;
        }
        fill_s8(column, zp4, left);
        copy_s8(column + left, src, inside);
        fill_s8(column + left + inside, zp4, right);
    }
}

/* What building a column takes, worked out once per call. */
typedef struct {
    const tb_window *w;
    const int8_t *input;
    const int8_t *safe_end;   /* windows starting past it would read past the input */
    int8_t *stage;            /* a column's k int8 and the zero point up to k4, or pixel rows */
    int32_t k, k4, off2;
    uint32_t zp4;             /* the input zero point in every byte */
    int32_t kh, row, words;   /* window rows, and bytes and words (rounded up) of one */
    int32_t src_row;          /* bytes of an input row */
    int32_t iy_max, ix_max;   /* the last window corner inside the input */
    int32_t sh, sw, pt, pl, h, w_in, c;
    int direct;               /* window rows widen in place: one row, or whole groups */
} columns;

/* The first input byte of the output pixel p's window when the window
 * lies inside the input, as most do; NULL when it overhangs. */
TB_DSP_INLINE const int8_t *inside(const columns *cs, const pixel *p)
{
    const int32_t iy0 = p->oy * cs->sh - cs->pt, ix0 = p->ox * cs->sw - cs->pl;
    if (iy0 < 0 || iy0 > cs->iy_max || ix0 < 0 || ix0 > cs->ix_max)
        return 0;
    return cs->input + ((p->b * cs->h + iy0) * cs->w_in + ix0) * cs->c;
}

/* n words from src to dst, straight through for the short rows of small
 * filters on few channels (3 for a 3x3 window on 3 channels). */
TB_DSP_INLINE void copy_words(int8_t *dst, const int8_t *src, int32_t n)
{
    switch (n) {
    case 4:
        memcpy(dst + 12, src + 12, 4);
        /* fall through */
    case 3:
        memcpy(dst + 8, src + 8, 4);
        /* fall through */
    case 2:
        memcpy(dst + 4, src + 4, 4);
        /* fall through */
    case 1:
        memcpy(dst, src, 4);
        return;
    default:
        for (int32_t i = 0; i < 4 * n; i += 4)
            memcpy(dst + i, src + i, 4);
    }
}

/* A window inside the input, from src to dst, row by row a word at a time:
 * each row's last word runs up to 3 bytes on, into the next row's place
 * (filled next) or past the window's k (dst has room for it). */
TB_DSP_INLINE void copy_window(const columns *cs, const int8_t *src, int8_t *dst)
{
    for (int32_t ky = 0; ky < cs->kh; ky++, src += cs->src_row, dst += cs->row)
        copy_words(dst, src, cs->words);
}

/* The window of the output pixel at p as k int8 at dst: with the zero
 * point in the overhang when it overhangs, and bytewise when its last
 * words would run past the input. */
static void gather(const columns *cs, const pixel *p, int8_t *dst)
{
    const int8_t *src = inside(cs, p);
    if (!src) {
        im2col(cs->w, cs->zp4, cs->input, p, dst);
    } else if (src > cs->safe_end) {
        for (int32_t ky = 0; ky < cs->kh; ky++, dst += cs->row, src += cs->src_row)
            copy_s8(dst, src, (size_t)cs->row);
    } else {
        copy_window(cs, src, dst);
    }
}

/* Column col of the pair for the output pixel at p. A window inside the
 * input whose rows are whole groups of the pair (or that has one row, a
 * 1x1 filter's pixel among them) widens straight from the input; any
 * other is gathered into the stage first. */
TB_DSP_INLINE void build_column(const columns *cs, const pixel *p, int32_t *pair, int32_t col,
                                int doubled)
{
    const int8_t *src = cs->direct ? inside(cs, p) : 0;
    if (src) {
        for (int32_t ky = 0; ky < cs->kh; ky++, src += cs->src_row, pair += cs->row)
            tb_gemm_dsp_widen(pair, col, src, cs->row, cs->off2, doubled);
        return;
    }
    gather(cs, p, cs->stage);
    /* The zero point again up to k4, over what gather's last word left. */
    memcpy(cs->stage + cs->k, &cs->zp4, 4);
    tb_gemm_dsp_widen(pair, col, cs->stage, cs->k4, cs->off2, doubled);
}

/* The windows of n output pixels from *at on, k bytes apart from dst on;
 * *at moves past them. Pixels go an output row at a time, so that a
 * window's first byte follows from the last's. */
static void gather_run(const columns *cs, pixel *at, int32_t n, int8_t *dst)
{
    const tb_dims *out = &cs->w->output;
    const int32_t step = cs->sw * cs->c;
    while (n > 0) {
        const int32_t iy0 = at->oy * cs->sh - cs->pt, ix0 = at->ox * cs->sw - cs->pl;
        const int32_t run = out->w - at->ox < n ? out->w - at->ox : n;
        const int row_inside = iy0 >= 0 && iy0 <= cs->iy_max;
        const int8_t *src = cs->input + ((at->b * cs->h + iy0) * cs->w_in + ix0) * cs->c;
        for (int32_t i = 0, ix = ix0; i < run; i++, ix += cs->sw, src += step, dst += cs->k) {
            if (row_inside && ix >= 0 && ix <= cs->ix_max && src <= cs->safe_end)
                copy_window(cs, src, dst);
            else
                gather(cs, at, dst);
            next_pixel(at, out);
        }
        n -= run;
    }
}

/* The filter's last two rows (its only row twice if the last block has
 * one) and 4 zero bytes, for the last tile's weight words to run into. */
static const int8_t *copy_last2(const int8_t *filter, int32_t out_c, int32_t block_rows,
                                int32_t k, int8_t *last2)
{
    const int32_t ra = block_rows == 1 ? out_c - 1 : out_c - 2;
    memcpy(last2, filter + ra * k, (size_t)k);
    memcpy(last2 + k, filter + (out_c - 1) * k, (size_t)k);
    memset(last2 + 2 * k, 0, 4);
    return last2;
}

/* The layer by pixel rows (tb_conv_dsp_plan): channels two at a time
 * against a batch of pixels, read in place or gathered into the stage one
 * row each. An odd batch's last pixel pairs with a copy of itself, its
 * outputs written twice; in place, that copy, and the last two rows when
 * the last words would run past the input (k not a multiple of 4), go to
 * last2. */
static void conv_by_rows(const columns *cs, const tb_conv_dsp_plan *pl, const tb_requant *q,
                         const int8_t *filter, const int32_t *bias, int8_t *output,
                         int32_t *pair, int8_t *last2, int8_t *cache)
{
    _Static_assert(sizeof(tb_gemm_dsp_channels) == TB_CONV_DSP_CHANNELS_BYTES,
                   "the scratch plan sizes a kept channel pair");
    const int32_t k = cs->k, oc = cs->w->output.c;
    tb_gemm_dsp_channels one;
    /* Channel pair j's state: kept in the cache (entries of pl->cached
     * bytes: the state, then its widened weights), or worked out again
     * into one for each batch. */
#define CHANNELS(j) ((tb_gemm_dsp_channels *)(void *)(cache + (j) * pl->cached))
    for (int32_t j = 0; pl->cached && 2 * j < oc; j++) {
        const int32_t c = 2 * j + 2 <= oc ? 2 * j : oc - 2;
        tb_gemm_dsp_channels_init(CHANNELS(j), q, filter, bias, c, k,
                                  (int32_t *)(void *)(CHANNELS(j) + 1));
    }
    pixel at = {0, 0, 0};
    for (int32_t p0 = 0; p0 < pl->pixels; p0 += pl->chunk) {
        const int32_t n = pl->pixels - p0 < pl->chunk ? pl->pixels - p0 : pl->chunk;
        const int odd = n & 1;
        const int8_t *rows = cs->input + p0 * k, *last = 0;
        int32_t tiles = n / 2;
        if (pl->in_place) {
            if (odd || (k & 3)) {
                const int32_t a = odd ? n - 1 : n - 2;
                memcpy(last2, rows + a * k, (size_t)k);
                memcpy(last2 + k, rows + (n - 1) * k, (size_t)k);
                memset(last2 + 2 * k, 0, 4);
                last = last2;
                tiles = (n - 1) / 2;
            }
        } else {
            gather_run(cs, &at, n, cs->stage);
            if (odd)
                memcpy(cs->stage + n * k, cs->stage + (n - 1) * k, (size_t)k);
            memset(cs->stage + (n + odd) * k, 0, 4);
            rows = cs->stage;
            last = odd ? rows + (n - 1) * k : 0;
        }
        int8_t *out = output + p0 * oc;
        const int32_t last_pixel = odd ? n - 1 : n - 2;
        for (int32_t c0 = 0; c0 < oc; c0 += 2) {
            /* An odd last channel pairs with the one before, worked out
             * twice. */
            const int32_t c = c0 + 2 <= oc ? c0 : oc - 2;
            const tb_gemm_dsp_channels *cp = pl->cached ? CHANNELS(c0 / 2) : &one;
            if (!pl->cached)
                tb_gemm_dsp_channels_init(&one, q, filter, bias, c, k, pair);
            tb_gemm_dsp_channels_run(cp, rows, tiles, out + c, oc);
            if (last)
                tb_gemm_dsp_channels_run(cp, last, 1, out + last_pixel * oc + c, odd ? 0 : oc);
        }
    }
#undef CHANNELS
}

tb_status tb_conv_s8_dsp(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                         const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (f->c != in->c || f->n != out->c || out->n != in->n)
        return TB_ERR_ARG;
    if (!tb_dsp_int8_offset(q))
        return tb_conv_s8(ctx, w, q, input, filter, bias, output);
    if (!ctx || !ctx->buf || ctx->bytes < tb_conv_s8_dsp_scratch_bytes(w))
        return TB_ERR_SCRATCH;

    const int32_t k = f->h * f->w * f->c;
    const int32_t pixels = out->n * out->h * out->w;
    int8_t *base = (int8_t *)(((uintptr_t)ctx->buf + 3) & ~(uintptr_t)3);
    int32_t *pair = (int32_t *)(void *)base;
    int8_t *last2 = base + tb_conv_dsp_last2_offset(w);
    const int32_t words = (f->w * in->c + 3) >> 2;
    const columns cs = {
        .w = w,
        .input = input,
        .safe_end = input + in->n * in->h * in->w * in->c -
                    ((f->h - 1) * in->w * in->c + 4 * words),
        .stage = base + tb_conv_dsp_stage_offset(w),
        .k = k,
        .k4 = (k + 3) & ~3,
        .off2 = (int32_t)(((uint32_t)q->input_offset & 0xFFFFu) * 0x10001u),
        .zp4 = (uint32_t)(uint8_t)(-q->input_offset) * 0x01010101u,
        .kh = f->h,
        .row = f->w * in->c,
        .words = words,
        .src_row = in->w * in->c,
        .iy_max = in->h - f->h,
        .ix_max = in->w - f->w,
        .sh = w->stride_h,
        .sw = w->stride_w,
        .pt = w->pad_top,
        .pl = w->pad_left,
        .h = in->h,
        .w_in = in->w,
        .c = in->c,
        .direct = f->h == 1 || (f->w * in->c) % 4 == 0,
    };
    const tb_conv_dsp_plan pl = tb_conv_dsp_plan_of(w);
    if (pl.chunk && tb_gemm_dsp_channels_fit(q, bias, out->c, k)) {
        conv_by_rows(&cs, &pl, q, filter, bias, output, pair, last2,
                     base + tb_conv_dsp_cache_offset(w));
        return TB_OK;
    }
    tb_gemm_block_dsp g;
    /* Output channels in blocks, pixels inside: one block (and one column
     * built per pixel) for every layer of up to TB_GEMM_DSP_ROW_BLOCK. */
    for (int32_t first = 0; first < out->c; first += TB_GEMM_DSP_ROW_BLOCK) {
        const int32_t rows = out->c - first < TB_GEMM_DSP_ROW_BLOCK ? out->c - first
                                                                   : TB_GEMM_DSP_ROW_BLOCK;
        const int needs_last2 = first + rows == out->c && ((k & 3) || rows == 1);
        tb_gemm_block_dsp_init(&g, q, filter, bias, first, rows, k,
                               needs_last2 ? copy_last2(filter, out->c, rows, k, last2) : 0);
        pixel at = {0, 0, 0};
        for (int32_t p = 0; p < pixels; p += 2) {
            build_column(&cs, &at, pair, 0, g.fast);
            next_pixel(&at, out);
            /* An odd last pixel runs as both columns, its outputs written
             * twice over. */
            const int pair_full = p + 1 < pixels;
            if (pair_full) {
                build_column(&cs, &at, pair, 1, g.fast);
                next_pixel(&at, out);
            } else {
                for (int32_t i = 0; i < (int32_t)tb_conv_dsp_pair_bytes(k) / 4; i += 4) {
                    pair[i + 2] = pair[i];
                    pair[i + 3] = pair[i + 1];
                }
            }
            tb_gemm_block_dsp_run(&g, pair, output + p * out->c + first,
                                  pair_full ? out->c : 0);
        }
    }
    return TB_OK;
}
