/* Preparing a model whose graph, weights and quantisation are known: the
 * steps every producer of a tb_model shares (the builder, which draws and
 * calibrates its weights first, and the TFLite importer, which reads them).
 * A model's host allocations live in a list it owns, freed by
 * tb_model_free. */
#ifndef TB_PREPARE_H
#define TB_PREPARE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "rng.h"

/* An empty model with its ownership list; aborts when out of memory. */
tb_model *tb_model_alloc(void);
/* Zeroed memory freed with the model. */
void *tb_model_own(tb_model *m, size_t bytes);
/* Hands p (from malloc) to the model; returns p. */
void *tb_model_adopt(tb_model *m, void *p);
void tb_model_free(tb_model *m);

/* The scale of output channel ch of a weight or bias tensor. */
float tb_weight_scale(const tb_tensor *w, int32_t ch);

/* Activation clamp in real units for the fp32 path. */
tb_clamp_f32 tb_real_clamp(tb_activation act);

/* The int8 parameters of op i from the scales and zero points on its
 * tensors (requantisation per output channel, pool clamp, ADD, softmax
 * with beta m->f32[i].softmax_beta). 0, or -1 when a scale cannot be
 * expressed in fixed point. */
int tb_prepare_s8_op(tb_model *m, int32_t i);

/* The reference input: uniform int8 codes from rng with the input's
 * quantisation, and their dequantised values for fp32. */
void tb_prepare_input_s8(tb_model *m, tb_rng *rng);
/* A float-only model's reference input: uniform in [lo, hi). */
void tb_prepare_input_f32(tb_model *m, tb_rng *rng, float lo, float hi);

/* Plans the int8 and fp32 arenas (plan_s8, plan_f32). */
void tb_prepare_plans(tb_model *m);

/* Runs the reference kernels on the model's reference input and keeps
 * expected_f32 and, when has_s8, expected_s8. */
tb_status tb_prepare_expected(tb_model *m);

#endif
