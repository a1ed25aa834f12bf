/* bert — one BERT-base transformer encoder layer (Devlin et al., NAACL
 * 2019): Q/K/V projections, multi-head self-attention without a mask, the
 * output projection, residual + LayerNorm, a GELU feed-forward block,
 * residual + LayerNorm (post-LN, as BERT). Tokens are rows: [seq, 1, 1,
 * hidden]. LargeML: fp32 only. */
#include "workload.h"

static const tb_param_spec params[] = {
    {"seq", 128, 1, 4096, 1, "tokens in the sequence"},
    {"hidden", 768, 8, 8192, 1, "model width (a multiple of heads)"},
    {"heads", 12, 1, 128, 1, "attention heads"},
    {"ffn", 3072, 1, 32768, 1, "feed-forward inner width"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* BERT's LayerNorm epsilon. */
static const float bert_epsilon = 1e-12f;

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int32_t seq = (int32_t)p->v[0], hidden = (int32_t)p->v[1];
    const int32_t heads = (int32_t)p->v[2], ffn = (int32_t)p->v[3];
    /* Embeddings after BERT's embedding LayerNorm are roughly unit-scale:
     * int8 codes at 1/32 cover [-4, 4). */
    int32_t x = tb_b_sequence(b, seq, hidden, 1.0f / 32.0f, 0);
    int32_t q = tb_b_fc(b, x, hidden, TB_ACT_NONE);
    int32_t k = tb_b_fc(b, x, hidden, TB_ACT_NONE);
    int32_t v = tb_b_fc(b, x, hidden, TB_ACT_NONE);
    int32_t a = tb_b_attention(b, q, k, v, heads, 0);
    a = tb_b_fc(b, a, hidden, TB_ACT_NONE);
    x = tb_b_layernorm(b, tb_b_add(b, x, a, TB_ACT_NONE), bert_epsilon);
    int32_t f = tb_b_gelu(b, tb_b_fc(b, x, ffn, TB_ACT_NONE));
    f = tb_b_fc(b, f, hidden, TB_ACT_NONE);
    return tb_b_layernorm(b, tb_b_add(b, x, f, TB_ACT_NONE), bert_epsilon);
}

const tb_workload tb_workload_bert = {
    .name = "bert",
    .description = "one BERT-base encoder layer, seq 128, hidden 768, 12 heads (LargeML, fp32)",
    .params = params,
    .dtypes = 1u << TB_DTYPE_FP32,
    .build = build,
};
