/* Multi-head attention as BLAS products per head: the scores S = Q_h . K_h^T
 * / sqrt(head_dim) as one product per key block (KV cache, then the fresh
 * keys), a row softmax in place, then O_h = S . V_h, again per block. The
 * head's slices are strided views of the [rows x heads*head_dim] tensors,
 * so nothing is copied. A single query row (decode) uses SGEMV: OpenBLAS
 * 0.3.21 does not forward one-row SGEMMs to it. */
#include <cblas.h>
#include <math.h>

#include "tb_kernels_blas.h"

/* C [m x n] = alpha * A [m x k] . op(B) + beta * C, B being [n x k] when
 * b_trans, else [k x n]; row-major with leading dimensions lda, ldb, ldc. */
static void product(int b_trans, int m, int n, int k, float alpha, const float *a, int lda,
                    const float *b, int ldb, float beta, float *c, int ldc)
{
    if (m == 1)
        cblas_sgemv(CblasRowMajor, b_trans ? CblasNoTrans : CblasTrans, b_trans ? n : k,
                    b_trans ? k : n, alpha, b, ldb, a, 1, beta, c, 1);
    else
        cblas_sgemm(CblasRowMajor, CblasNoTrans, b_trans ? CblasTrans : CblasNoTrans, m, n, k,
                    alpha, a, lda, b, ldb, beta, c, ldc);
}

static void softmax_rows(float *s, int32_t rows, int32_t cols)
{
    for (int32_t r = 0; r < rows; r++, s += cols) {
        float max = s[0], sum = 0.0f;
        for (int32_t j = 1; j < cols; j++)
            max = s[j] > max ? s[j] : max;
        for (int32_t j = 0; j < cols; j++)
            sum += s[j] = expf(s[j] - max);
        const float inv = 1.0f / sum;
        for (int32_t j = 0; j < cols; j++)
            s[j] *= inv;
    }
}

size_t tb_attention_f32_blas_scratch_bytes(const tb_attention_dims *d)
{
    return (size_t)d->q_rows * (size_t)(d->cache_rows + d->kv_rows) * sizeof(float);
}

tb_status tb_attention_f32_blas(tb_ctx *ctx, const tb_attention_dims *d, const float *q,
                                const float *k, const float *v, const float *k_cache,
                                const float *v_cache, float *output)
{
    tb_status st = tb_attention_f32_check(ctx, tb_attention_f32_blas_scratch_bytes(d), d,
                                          k_cache, v_cache);
    if (st != TB_OK)
        return st;
    float *s = ctx->buf;
    const int keys = d->cache_rows + d->kv_rows, hd = d->head_dim, m = d->q_rows;
    const int width = d->heads * hd;
    const float scale = 1.0f / sqrtf((float)hd);
    for (int32_t h = 0; h < d->heads; h++) {
        const size_t col = (size_t)h * (size_t)hd;
        if (d->cache_rows)
            product(1, m, d->cache_rows, hd, scale, q + col, width, k_cache + col, width, 0.0f,
                    s, keys);
        if (d->kv_rows)
            product(1, m, d->kv_rows, hd, scale, q + col, width, k + col, width, 0.0f,
                    s + d->cache_rows, keys);
        softmax_rows(s, m, keys);
        if (d->cache_rows)
            product(0, m, hd, d->cache_rows, 1.0f, s, keys, v_cache + col, width, 0.0f,
                    output + col, width);
        if (d->kv_rows)
            product(0, m, hd, d->kv_rows, 1.0f, s + d->cache_rows, keys, v + col, width,
                    d->cache_rows ? 1.0f : 0.0f, output + col, width);
    }
    return TB_OK;
}
