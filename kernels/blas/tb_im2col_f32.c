/* im2col: the lowering that turns a convolution into one matrix product.
 * For a fixed output pixel and filter row, the taps along x are adjacent
 * input pixels whatever the stride, so each (pixel, filter row) is one
 * memcpy of the in-bounds taps plus zeros for the padded ones. */
#include <string.h>

#include "tb_kernels_blas.h"

int tb_conv_f32_is_pointwise(const tb_window *w)
{
    return w->filter.h == 1 && w->filter.w == 1 && w->stride_h == 1 && w->stride_w == 1 &&
           w->pad_top == 0 && w->pad_left == 0 && w->output.h == w->input.h &&
           w->output.w == w->input.w;
}

size_t tb_im2col_f32_bytes(const tb_window *w)
{
    if (tb_conv_f32_is_pointwise(w))
        return 0;
    const size_t rows = (size_t)w->output.n * (size_t)w->output.h * (size_t)w->output.w;
    return rows * (size_t)w->filter.h * (size_t)w->filter.w * (size_t)w->input.c * sizeof(float);
}

void tb_im2col_f32(const tb_window *w, const float *input, float *col)
{
    const tb_dims *in = &w->input, *f = &w->filter, *out = &w->output;
    const size_t tap = (size_t)in->c; /* floats per filter tap */
    for (int32_t b = 0; b < out->n; b++)
        for (int32_t oy = 0; oy < out->h; oy++)
            for (int32_t ox = 0; ox < out->w; ox++) {
                const int32_t iy0 = oy * w->stride_h - w->pad_top;
                const int32_t ix0 = ox * w->stride_w - w->pad_left;
                /* Taps kx in [x_lo, x_hi) fall inside the input row. */
                const int32_t x_lo = ix0 < 0 ? -ix0 : 0;
                const int32_t x_hi = ix0 + f->w > in->w ? in->w - ix0 : f->w;
                for (int32_t ky = 0; ky < f->h; ky++, col += (size_t)f->w * tap) {
                    const int32_t iy = iy0 + ky;
                    if (iy < 0 || iy >= in->h || x_hi <= x_lo) {
                        memset(col, 0, (size_t)f->w * tap * sizeof(float));
                        continue;
                    }
                    const float *src =
                        input + (((size_t)b * in->h + iy) * in->w + ix0 + x_lo) * tap;
                    /* Most windows lie inside the input: one copy, no fills. */
                    if (x_lo > 0)
                        memset(col, 0, (size_t)x_lo * tap * sizeof(float));
                    memcpy(col + (size_t)x_lo * tap, src, (size_t)(x_hi - x_lo) * tap * sizeof(float));
                    if (x_hi < f->w)
                        memset(col + (size_t)x_hi * tap, 0,
                               (size_t)(f->w - x_hi) * tap * sizeof(float));
                }
            }
}
