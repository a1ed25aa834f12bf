/* A runnable model: the graph plus everything the runtime needs and nothing
 * it would have to compute with floating point or allocate — per-op int8
 * requantisation parameters, fp32 (dequantised) weights, the memory plan,
 * the reference input and the reference outputs. It is produced once on the
 * host (workloads/, the importer) and is the one set of bytes every tier runs. */
#ifndef TB_MODEL_H
#define TB_MODEL_H

#include "graph.h"

/* Prepared int8 parameters of one op; which members apply depends on its type. */
typedef struct {
    tb_requant requant;          /* conv, depthwise, FC */
    int32_t act_min, act_max;    /* pools */
    tb_add_params_s8 add;        /* ADD */
    tb_softmax_params_s8 softmax;
} tb_op_s8;

/* Prepared fp32 parameters of one op: the int8 model's weights and biases
 * dequantised, so the fp32 path differs from int8 only by quantisation. */
typedef struct {
    const float *weights, *bias; /* NULL for ops without them */
    tb_clamp_f32 clamp;
    float softmax_beta;
} tb_op_f32;

/* Where each activation tensor lives in one arena, per dtype. */
typedef struct {
    int64_t *offset; /* bytes from the arena base; -1 for constants */
    int64_t arena_bytes;
} tb_plan;

typedef struct {
    tb_graph graph;
    tb_op_s8 *s8;  /* n_ops */
    tb_op_f32 *f32; /* n_ops */
    tb_plan plan_s8, plan_f32;
    const int8_t *input_s8;        /* the reference input, quantised */
    const float *input_f32;        /* the same input, dequantised */
    const int8_t *expected_s8;     /* reference kernels' int8 output */
    const float *expected_f32;     /* reference kernels' fp32 output */
    int has_s8;                    /* 0: an op has no int8 kernel; expected_s8 is NULL */
    void *host_owned;              /* host-side allocations; NULL in firmware */
} tb_model;

#endif
