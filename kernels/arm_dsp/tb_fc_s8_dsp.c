/* int8 fully connected for DSP-extension cores: the batch rows are the
 * columns of the shared SMLAD matrix multiply. */
#include "tb_gemm_s8_dsp.h"
#include "tb_kernels_dsp.h"

tb_status tb_fc_s8_dsp(const tb_fc_dims *d, const tb_requant *q,
                       const int8_t *input, const int8_t *weights,
                       const int32_t *bias, int8_t *output)
{
    if (d->batch < 1 || d->in_features < 1 || d->out_features < 1)
        return TB_ERR_ARG;
    tb_gemm_s8_dsp(q, input, d->batch, weights, bias, d->out_features, d->in_features, output);
    return TB_OK;
}
