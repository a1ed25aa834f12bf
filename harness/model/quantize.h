/* Host-side derivation of the integer parameters the int8 kernels take, from
 * real-valued scales (TFLite's QuantizeMultiplier and friends). Runs once
 * when a model is prepared; firmware only ever sees the integers. */
#ifndef TB_QUANTIZE_H
#define TB_QUANTIZE_H

#include <stdint.h>

#include "tb_kernels.h"

/* real = mult * 2^(shift - 31), mult in [2^30, 2^31); 0 gives (0, 0). */
void tb_quantize_multiplier(double real, int32_t *mult, int32_t *shift);

/* Quantised ADD parameters for inputs (s1, z1), (s2, z2), output (so, zo)
 * and the output clamp [act_min, act_max]. */
void tb_add_prepare(double s1, int32_t z1, double s2, int32_t z2, double so, int32_t zo,
                    int32_t act_min, int32_t act_max, tb_add_params_s8 *p);

/* int8 softmax parameters for an input scale and beta. Returns -1 when
 * beta * input_scale is below 2^-26 (the fixed-point multiplier would need a
 * right shift the kernel does not do: TFLite refuses such models too). */
int tb_softmax_prepare(double input_scale, double beta, int32_t rows, int32_t depth,
                       tb_softmax_params_s8 *p);

#endif
