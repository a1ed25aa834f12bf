/* The quantisation gap of a model: its int8 and fp32 paths (the same
 * dequantised weights) run on the reference input and on generated ones
 * with the reference fp32 kernels and the (bit-exact) simd int8 kernels,
 * outputs compared in real units. */
#ifndef TB_QUANT_IMPACT_H
#define TB_QUANT_IMPACT_H

#include <stdint.h>

#include "model.h"
#include "record.h"

/* n_inputs >= 1 (the first is the model's reference input; the rest are
 * uniform int8 codes from seed). 0, or -1 when the model has no int8 form
 * or a kernel fails. */
int tb_quant_impact_measure(const tb_model *m, int n_inputs, uint64_t seed, tb_quant_impact *out);

#endif
