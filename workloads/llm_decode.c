/* llm-decode — one decoder layer of a GPT-style LLM generating one token:
 * pre-LN, Q/K/V projections of the new token, attention over a KV cache of
 * `context` earlier tokens plus itself, output projection, residual, then a
 * GELU feed-forward block and residual. Every weight is read once for one
 * token's ~2 FLOPs per weight, so on CPUs the step is bound by memory
 * bandwidth, the regime of LLM token generation. Defaults (hidden 2048, 16
 * heads, FFN 5632, a 1024-token cache) are the sizes tierbench's LargeML
 * issue chose; any decoder's can be given as parameters. LargeML: fp32 only. */
#include "workload.h"

static const tb_param_spec params[] = {
    {"hidden", 2048, 8, 16384, 1, "model width (a multiple of heads)"},
    {"heads", 16, 1, 256, 1, "attention heads"},
    {"ffn", 5632, 1, 65536, 1, "feed-forward inner width"},
    {"context", 1024, 0, 131072, 1, "tokens already in the KV cache"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* The LayerNorm epsilon of GPT-2-style decoders. */
static const float gpt_epsilon = 1e-5f;

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int32_t hidden = (int32_t)p->v[0], heads = (int32_t)p->v[1];
    const int32_t ffn = (int32_t)p->v[2], context = (int32_t)p->v[3];
    int32_t x = tb_b_sequence(b, 1, hidden, 1.0f / 32.0f, 0);
    int32_t h = tb_b_layernorm(b, x, gpt_epsilon);
    int32_t q = tb_b_fc(b, h, hidden, TB_ACT_NONE);
    int32_t k = tb_b_fc(b, h, hidden, TB_ACT_NONE);
    int32_t v = tb_b_fc(b, h, hidden, TB_ACT_NONE);
    int32_t a = tb_b_attention(b, q, k, v, heads, context);
    x = tb_b_add(b, x, tb_b_fc(b, a, hidden, TB_ACT_NONE), TB_ACT_NONE);
    h = tb_b_layernorm(b, x, gpt_epsilon);
    int32_t f = tb_b_gelu(b, tb_b_fc(b, h, ffn, TB_ACT_NONE));
    return tb_b_add(b, x, tb_b_fc(b, f, hidden, TB_ACT_NONE), TB_ACT_NONE);
}

const tb_workload tb_workload_llm_decode = {
    .name = "llm-decode",
    .description = "one LLM decoder layer, one token over a 1024-token KV cache, hidden 2048 "
                   "(LargeML, fp32, memory-bound)",
    .params = params,
    .dtypes = 1u << TB_DTYPE_FP32,
    .build = build,
};
