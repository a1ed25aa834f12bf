/* fp32 convolution as one SGEMM: output [pixels x out_c] = im2col(input)
 * [pixels x kh*kw*in_c] . filter^T, the OHWI filter being row-major
 * [out_c x kh*kw*in_c] already. A pointwise convolution skips im2col: its
 * NHWC input is the [pixels x in_c] matrix. */
#include <cblas.h>

#include "tb_blas_epilogue.h"
#include "tb_kernels_blas.h"

size_t tb_conv_f32_blas_scratch_bytes(const tb_window *w)
{
    return tb_im2col_f32_bytes(w);
}

tb_status tb_conv_f32_blas(tb_ctx *ctx, const tb_window *w, const tb_clamp_f32 *a,
                           const float *input, const float *filter, const float *bias,
                           float *output)
{
    if (w->filter.c != w->input.c || w->filter.n != w->output.c || w->output.n != w->input.n ||
        w->output.c < 1 || w->input.c < 1)
        return TB_ERR_ARG;
    const size_t need = tb_conv_f32_blas_scratch_bytes(w);
    if (need && (!ctx || !ctx->buf || ctx->bytes < need))
        return TB_ERR_SCRATCH;
    const int rows = w->output.n * w->output.h * w->output.w;
    const int depth = w->filter.h * w->filter.w * w->input.c;
    const float *lhs = input;
    if (need) {
        tb_im2col_f32(w, input, ctx->buf);
        lhs = ctx->buf;
    }
    tb_blas_bias_rows(output, bias, (size_t)rows, (size_t)w->output.c);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, w->output.c, depth, 1.0f, lhs,
                depth, filter, depth, 1.0f, output, w->output.c);
    tb_blas_clamp(output, (size_t)rows * (size_t)w->output.c, a);
    return TB_OK;
}
