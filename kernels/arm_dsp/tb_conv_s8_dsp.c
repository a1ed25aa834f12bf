/* int8 2-D convolution for DSP-extension cores, CMSIS-NN style: each output
 * pixel's receptive field is gathered into an im2col column, and columns
 * go through the shared SMLAD matrix multiply two at a time. A 1x1, stride
 * 1, unpadded convolution skips the gather: its input already is the
 * column matrix. An input offset that is not minus an int8 zero point
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

tb_status tb_conv_s8_dsp(tb_ctx *ctx, const tb_window *w, const tb_requant *q,
                         const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    if (f->c != in->c || f->n != out->c || out->n != in->n)
        return TB_ERR_ARG;
    const int32_t pixels = out->n * out->h * out->w;
    if (tb_conv_s8_dsp_in_place(w)) {
        tb_gemm_s8_dsp(q, input, pixels, filter, bias, out->c, in->c, output);
        return TB_OK;
    }
    if (!tb_dsp_int8_offset(q))
        return tb_conv_s8(ctx, w, q, input, filter, bias, output);
    if (!ctx || !ctx->buf || ctx->bytes < tb_conv_s8_dsp_scratch_bytes(w))
        return TB_ERR_SCRATCH;

    const int32_t k = f->h * f->w * f->c;
    const uint32_t zp4 = (uint32_t)(uint8_t)(-q->input_offset) * 0x01010101u;
    int8_t *columns = ctx->buf;
    tb_gemm_block_dsp g;
    /* Output channels in blocks, pixels inside: one block (and one gather
     * per pixel) for every layer of up to TB_GEMM_DSP_ROW_BLOCK channels. */
    for (int32_t first = 0; first < out->c; first += TB_GEMM_DSP_ROW_BLOCK) {
        const int32_t rows = out->c - first < TB_GEMM_DSP_ROW_BLOCK ? out->c - first
                                                                   : TB_GEMM_DSP_ROW_BLOCK;
        tb_gemm_block_dsp_init(&g, q, filter, bias, first, rows, k);
        pixel at = {0, 0, 0};
        for (int32_t p = 0; p < pixels; p += TB_CONV_DSP_COLUMNS) {
            const int32_t cols = pixels - p < TB_CONV_DSP_COLUMNS ? pixels - p
                                                                  : TB_CONV_DSP_COLUMNS;
            for (int32_t j = 0; j < cols; j++, next_pixel(&at, out))
                im2col(w, zp4, input, &at, columns + j * k);
            tb_gemm_block_dsp_run(&g, columns, cols, output + p * out->c + first, out->c);
        }
    }
    return TB_OK;
}
