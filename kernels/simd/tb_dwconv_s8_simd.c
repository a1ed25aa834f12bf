/* int8 depthwise convolution vectorised over channels: each filter tap
 * inside the input adds (x + offset) * w to a run of int32 sums of
 * contiguous channels in both input and filter. (x + offset) * w fits
 * int16 (tb_simd_offset_ok), so the products are 16-bit multiplies widened
 * only to be summed. Only the taps the reference sums are summed, in
 * another order: the same int32 totals.
 *
 * A pixel's channels are one run. Few channels make short runs, which the
 * vectoriser leaves scalar, so a row's interior pixels (those whose every
 * tap column is inside the input) are taken SPAN elements at a time: there
 * the input under one tap is contiguous across pixels (with a stride,
 * once the rows are regrouped, row_source), and the filter tap and the
 * per-channel constants are repeated to match. */
#include <string.h>

#include "tb_kernels_simd.h"
#include "tb_simd.h"

/* Channels summed per pass, on the stack; elements per interior run; the
 * most taps whose repeated weights the stack holds; and bytes of input
 * rows regrouped for a stride across (below). */
enum { DW_BLOCK = 128, SPAN = 256, SPAN_TAPS = 25, STAGE = 16384 };

static void add_tap(int32_t *restrict acc, const int8_t *restrict x, const int8_t *restrict w,
                    int16_t offset, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const int16_t a = (int16_t)(x[i] + offset);
        acc[i] += (int16_t)(a * w[i]);
    }
}

/* Filter positions [*k0, *k1) whose taps land inside 0..n-1 for a window
 * starting at p0 (negative in the padding). */
static void clip(int32_t p0, int32_t k, int32_t n, int32_t *k0, int32_t *k1)
{
    *k0 = p0 < 0 ? -p0 : 0;
    *k1 = n - p0 < k ? n - p0 : k;
}

/* Channels [c0, c0 + n) of output pixel (b, oy, ox), to dst; o covers
 * them from c0. */
static void dw_pixel(const tb_window *w, const tb_simd_output *o, const int8_t *input,
                     const int8_t *filter, const int32_t *bias, int32_t b, int32_t oy, int32_t ox,
                     int32_t c0, int32_t n, int8_t *dst)
{
    const tb_dims *in = &w->input, *f = &w->filter;
    const int32_t ch = in->c;
    const int32_t iy0 = oy * w->stride_h - w->pad_top, ix0 = ox * w->stride_w - w->pad_left;
    int32_t ky0, ky1, kx0, kx1;
    clip(iy0, f->h, in->h, &ky0, &ky1);
    clip(ix0, f->w, in->w, &kx0, &kx1);
    int32_t acc[DW_BLOCK];
    for (int32_t i = 0; i < n; i++)
        acc[i] = bias ? bias[c0 + i] : 0;
    for (int32_t ky = ky0; ky < ky1; ky++)
        for (int32_t kx = kx0; kx < kx1; kx++)
            add_tap(acc, input + (((size_t)b * in->h + iy0 + ky) * in->w + ix0 + kx) * ch + c0,
                    filter + ((size_t)ky * f->w + kx) * ch + c0, (int16_t)o->q->input_offset, n);
    tb_simd_output_run(o, 0, n, acc, dst);
}

/* Everything a row's interior runs share, repeated every ch elements
 * across SPAN: each tap's weights, the biases and the output constants. */
typedef struct {
    int8_t taps[SPAN_TAPS][SPAN];
    int32_t bias[SPAN];
    tb_requant_fast fast[SPAN];
    tb_simd_output o;
    int32_t pixels; /* per run: SPAN / ch */
} span_consts;

/* Whether interior runs apply (channels few enough for two pixels a run,
 * taps few enough, with a stride across a filter's rows fitting STAGE, the
 * fast output form), and if so their constants. */
static int span_init(const tb_window *w, const tb_simd_output *o, const int8_t *filter,
                     const int32_t *bias, span_consts *s)
{
    const int32_t ch = w->input.c, taps = w->filter.h * w->filter.w;
    if (2 * ch > SPAN || taps > SPAN_TAPS || !o->fast ||
        (w->stride_w > 1 && (int64_t)w->filter.h * w->input.w * ch > STAGE))
        return 0;
    s->pixels = SPAN / ch;
    for (int32_t j = 0; j < s->pixels * ch; j++) {
        const int32_t c = j % ch;
        for (int32_t t = 0; t < taps; t++)
            s->taps[t][j] = filter[t * ch + c];
        s->bias[j] = bias ? bias[c] : 0;
        s->fast[j] = o->f[c];
    }
    s->o = (tb_simd_output){o->q, 0, 1, s->fast};
    return 1;
}

/* The input rows of one output row as a run of output pixels reads them.
 * With stride 1, consecutive output pixels read consecutive columns under
 * each tap. With stride s they read every s-th column, so each row is
 * regrouped by column modulo s (columns 0, s, 2s, ..., then 1, 1 + s, ...)
 * into stage, where those columns are consecutive again. */
typedef struct {
    const int8_t *input; /* image b */
    int8_t *stage;       /* filter h rows of in->w pixels, by ky */
    int32_t iy0;         /* input row under filter row 0 */
} row_source;

static void split_rows(const tb_window *w, row_source *r)
{
    const tb_dims *in = &w->input;
    const int32_t s = w->stride_w, ch = in->c;
    int32_t ky0, ky1;
    clip(r->iy0, w->filter.h, in->h, &ky0, &ky1);
    for (int32_t ky = ky0; ky < ky1; ky++) {
        const int8_t *row = r->input + (size_t)(r->iy0 + ky) * in->w * ch;
        int8_t *dst = r->stage + (size_t)ky * in->w * ch;
        for (int32_t j = 0; j < s; j++)
            for (int32_t ix = j; ix < in->w; ix += s, dst += ch)
                memcpy(dst, row + (size_t)ix * ch, (size_t)ch);
    }
}

/* Where input column col of filter row ky starts. */
static const int8_t *column(const tb_window *w, const row_source *r, int32_t ky, int32_t col)
{
    const int32_t s = w->stride_w, ch = w->input.c, in_w = w->input.w;
    if (s == 1)
        return r->input + ((size_t)(r->iy0 + ky) * in_w + col) * ch;
    /* Columns before col's group: in_w / s per group, plus one for each of
     * the first in_w % s groups. */
    const int32_t j = col % s, before = j * (in_w / s) + (j < in_w % s ? j : in_w % s);
    return r->stage + ((size_t)ky * in_w + before + col / s) * ch;
}

/* Output pixels [ox, ox + pixels) of an output row, all interior. */
static void dw_run(const tb_window *w, const span_consts *s, const row_source *r, int32_t ox,
                   int32_t pixels, int8_t *dst)
{
    const tb_dims *f = &w->filter;
    const int32_t n = pixels * w->input.c, ix0 = ox * w->stride_w - w->pad_left;
    int32_t ky0, ky1;
    clip(r->iy0, f->h, w->input.h, &ky0, &ky1);
    int32_t acc[SPAN];
    for (int32_t i = 0; i < n; i++)
        acc[i] = s->bias[i];
    for (int32_t ky = ky0; ky < ky1; ky++)
        for (int32_t kx = 0; kx < f->w; kx++)
            add_tap(acc, column(w, r, ky, ix0 + kx), s->taps[ky * f->w + kx],
                    (int16_t)s->o.q->input_offset, n);
    tb_simd_output_run(&s->o, 0, n, acc, dst);
}

tb_status tb_dwconv_s8_simd(const tb_window *w, const tb_requant *q, const int8_t *input,
                            const int8_t *filter, const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (w->depth_multiplier < 1 || out->c != in->c * w->depth_multiplier || f->c != out->c ||
        out->n != in->n)
        return TB_ERR_ARG;
    if (w->depth_multiplier != 1 || !tb_simd_offset_ok(q))
        return tb_dwconv_s8(w, q, input, filter, bias, output);
    const int32_t ch = in->c, sw = w->stride_w;
    /* Interior output columns, [first, end): every tap column inside the
     * input, ox * sw - pad_left >= 0 and ox * sw - pad_left + f->w <= in->w. */
    const int32_t first = (w->pad_left + sw - 1) / sw;
    const int32_t end = in->w - f->w + w->pad_left < 0 ? 0 : (in->w - f->w + w->pad_left) / sw + 1;
    for (int32_t c0 = 0; c0 < ch; c0 += DW_BLOCK) {
        const int32_t n = ch - c0 < DW_BLOCK ? ch - c0 : DW_BLOCK;
        tb_requant_fast fast[DW_BLOCK];
        const tb_simd_output o = tb_simd_output_init(q, bias, c0, n, f->h * f->w, fast);
        span_consts s;
        int8_t stage[STAGE];
        const int spans = span_init(w, &o, filter, bias, &s) && first < end;
        for (int32_t b = 0; b < out->n; b++)
            for (int32_t oy = 0; oy < out->h; oy++) {
                row_source r = {input + (size_t)b * in->h * in->w * ch, stage,
                                oy * w->stride_h - w->pad_top};
                if (spans && sw > 1)
                    split_rows(w, &r);
                int8_t *row = output + ((size_t)b * out->h + oy) * out->w * ch;
                for (int32_t ox = 0; ox < out->w;) {
                    if (spans && ox >= first && ox < end) {
                        const int32_t m = end - ox < s.pixels ? end - ox : s.pixels;
                        dw_run(w, &s, &r, ox, m, row + (size_t)ox * ch);
                        ox += m;
                    } else {
                        dw_pixel(w, &o, input, filter, bias, b, oy, ox, c0, n,
                                 row + (size_t)ox * ch + c0);
                        ox++;
                    }
                }
            }
    }
    return TB_OK;
}
