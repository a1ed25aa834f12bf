/* fp32 fully connected layer: output [batch x out] = input [batch x in] .
 * weights^T, weights row-major [out x in]. One row is a matrix-vector
 * product, which SGEMV streams through once (the memory-bound decode case);
 * several rows are an SGEMM. */
#include <cblas.h>

#include "tb_blas_epilogue.h"
#include "tb_kernels_blas.h"

tb_status tb_fc_f32_blas(const tb_fc_dims *d, const tb_clamp_f32 *a, const float *input,
                         const float *weights, const float *bias, float *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    tb_blas_bias_rows(output, bias, (size_t)d->batch, (size_t)d->out_features);
    if (d->batch == 1)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, d->out_features, d->in_features, 1.0f, weights,
                    d->in_features, input, 1, 1.0f, output, 1);
    else
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, d->batch, d->out_features,
                    d->in_features, 1.0f, input, d->in_features, weights, d->in_features, 1.0f,
                    output, d->out_features);
    tb_blas_clamp(output, (size_t)d->batch * (size_t)d->out_features, a);
    return TB_OK;
}
