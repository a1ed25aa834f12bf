/* fp32 transformer building blocks, reference versions: LayerNorm, GELU
 * and multi-head attention, written as the plain loops an optimised
 * backend (targets/blas) is checked against. */
#include <math.h>

#include "tb_kernels.h"

tb_status tb_layernorm_f32(const tb_layernorm_dims *d, const float *input,
                           const float *gamma, const float *beta, float *output)
{
    if (d->rows < 1 || d->depth < 1 || !(d->epsilon > 0.0f))
        return TB_ERR_ARG;
    for (int32_t r = 0; r < d->rows; r++) {
        const float *x = input + (size_t)r * (size_t)d->depth;
        float *y = output + (size_t)r * (size_t)d->depth;
        /* Two passes in double: a one-pass E[x^2] - E[x]^2 loses the
         * variance of rows whose mean is large against their spread. */
        double mean = 0.0, var = 0.0;
        for (int32_t c = 0; c < d->depth; c++)
            mean += x[c];
        mean /= d->depth;
        for (int32_t c = 0; c < d->depth; c++)
            var += (x[c] - mean) * (x[c] - mean);
        var /= d->depth;
        const float rstd = (float)(1.0 / sqrt(var + d->epsilon));
        for (int32_t c = 0; c < d->depth; c++)
            y[c] = ((x[c] - (float)mean) * rstd) * gamma[c] + beta[c];
    }
    return TB_OK;
}

tb_status tb_gelu_f32(int32_t count, const float *input, float *output)
{
    if (count < 0)
        return TB_ERR_ARG;
    for (int32_t i = 0; i < count; i++)
        output[i] = 0.5f * input[i] * (1.0f + erff(input[i] * 0.70710678f));
    return TB_OK;
}

tb_status tb_attention_f32_check(const tb_ctx *ctx, size_t scratch_bytes,
                                 const tb_attention_dims *d, const float *k_cache,
                                 const float *v_cache)
{
    if (d->q_rows < 1 || d->kv_rows < 0 || d->cache_rows < 0 || d->heads < 1 ||
        d->head_dim < 1 || d->cache_rows + d->kv_rows < 1 ||
        (d->cache_rows > 0 && (!k_cache || !v_cache)))
        return TB_ERR_ARG;
    if (!ctx || !ctx->buf || ctx->bytes < scratch_bytes)
        return TB_ERR_SCRATCH;
    return TB_OK;
}

size_t tb_attention_f32_scratch_bytes(const tb_attention_dims *d)
{
    return (size_t)(d->cache_rows + d->kv_rows) * sizeof(float);
}

/* Row `key` of the keys (or values) a query sees: the cache first. */
static const float *key_row(const tb_attention_dims *d, const float *cache, const float *fresh,
                            int32_t key)
{
    const size_t width = (size_t)d->heads * (size_t)d->head_dim;
    return key < d->cache_rows ? cache + (size_t)key * width
                               : fresh + (size_t)(key - d->cache_rows) * width;
}

tb_status tb_attention_f32(tb_ctx *ctx, const tb_attention_dims *d, const float *q,
                           const float *k, const float *v, const float *k_cache,
                           const float *v_cache, float *output)
{
    tb_status st = tb_attention_f32_check(ctx, tb_attention_f32_scratch_bytes(d), d, k_cache,
                                          v_cache);
    if (st != TB_OK)
        return st;
    float *score = ctx->buf;
    const int32_t keys = d->cache_rows + d->kv_rows;
    const size_t width = (size_t)d->heads * (size_t)d->head_dim;
    const float scale = 1.0f / sqrtf((float)d->head_dim);
    for (int32_t h = 0; h < d->heads; h++) {
        const size_t col = (size_t)h * (size_t)d->head_dim;
        for (int32_t r = 0; r < d->q_rows; r++) {
            const float *qr = q + (size_t)r * width + col;
            float max = -INFINITY, sum = 0.0f;
            for (int32_t j = 0; j < keys; j++) {
                const float *kr = key_row(d, k_cache, k, j) + col;
                float dot = 0.0f;
                for (int32_t i = 0; i < d->head_dim; i++)
                    dot += qr[i] * kr[i];
                score[j] = dot * scale;
                max = score[j] > max ? score[j] : max;
            }
            for (int32_t j = 0; j < keys; j++)
                sum += score[j] = expf(score[j] - max);
            float *out = output + (size_t)r * width + col;
            for (int32_t i = 0; i < d->head_dim; i++)
                out[i] = 0.0f;
            for (int32_t j = 0; j < keys; j++) {
                const float *vr = key_row(d, v_cache, v, j) + col, p = score[j] / sum;
                for (int32_t i = 0; i < d->head_dim; i++)
                    out[i] += p * vr[i];
            }
        }
    }
    return TB_OK;
}
