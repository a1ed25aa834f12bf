/* Building a model on the host: a workload describes its layers through
 * these calls; tb_builder_finish() draws the weights from the seeded
 * generator, quantises them, calibrates activation scales on the reference
 * input, prepares the int8 and fp32 parameters, plans the arenas and records
 * the reference outputs. Calls return a tensor index, or -1 once the builder
 * has failed (the first error is kept and reported by finish). */
#ifndef TB_BUILDER_H
#define TB_BUILDER_H

#include <stdint.h>

#include "model.h"
#include "prepare.h"

typedef struct tb_builder tb_builder;

tb_builder *tb_builder_new(const char *name, uint64_t seed);
/* Input [1, h, w, c], int8 with the given quantisation. */
int32_t tb_b_input(tb_builder *b, int32_t h, int32_t w, int32_t c, float scale,
                   int32_t zero_point);
int32_t tb_b_conv(tb_builder *b, int32_t x, int32_t out_c, int32_t kh, int32_t kw,
                  int32_t stride, tb_padding pad, tb_activation act);
int32_t tb_b_dwconv(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                    tb_padding pad, tb_activation act);
int32_t tb_b_fc(tb_builder *b, int32_t x, int32_t out_features, tb_activation act);
int32_t tb_b_avgpool(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                     tb_padding pad);
int32_t tb_b_maxpool(tb_builder *b, int32_t x, int32_t kh, int32_t kw, int32_t stride,
                     tb_padding pad);
int32_t tb_b_add(tb_builder *b, int32_t x, int32_t y, tb_activation act);
/* A sequence input: rows tokens of `features` values, [rows, 1, 1, features],
 * int8 codes with this quantisation (their dequantised values feed fp32). */
int32_t tb_b_sequence(tb_builder *b, int32_t rows, int32_t features, float scale,
                      int32_t zero_point);
/* Transformer ops (fp32 only: a model using them has no int8 form). */
int32_t tb_b_layernorm(tb_builder *b, int32_t x, float epsilon);
int32_t tb_b_gelu(tb_builder *b, int32_t x);
/* Attention of q over k, v ([rows, 1, 1, width] each) with `heads` heads;
 * cache_rows > 0 adds a constant KV cache of that many earlier tokens
 * (drawn like projected activations, N(0, 1)). */
int32_t tb_b_attention(tb_builder *b, int32_t q, int32_t k, int32_t v, int32_t heads,
                       int32_t cache_rows);
/* Flatten to [n, 1, 1, h*w*c]. */
int32_t tb_b_flatten(tb_builder *b, int32_t x);
int32_t tb_b_softmax(tb_builder *b, int32_t x);

/* Consumes the builder. Returns NULL with a one-line reason in err. */
tb_model *tb_builder_finish(tb_builder *b, int32_t output, char *err, size_t err_len);

/* Consumes the builder for its MACs alone (the described graph's), without
 * the quantisation, calibration and reference runs of finish: what a plan's
 * cost estimate needs. 0, or -1 with a reason in err. */
int tb_builder_macs(tb_builder *b, int32_t output, int64_t *macs, char *err, size_t err_len);

#endif
