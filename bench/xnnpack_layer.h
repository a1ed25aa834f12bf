/* One int8 layer of a tierbench model (CONV_2D, DEPTHWISE_CONV_2D,
 * FULLY_CONNECTED) as an XNNPACK operator that computes the same thing
 * from the same bytes: weights, biases, zero points, scales and clamp. Used
 * by the peer-baseline benchmark; see docs/xnnpack-baseline.md. */
#ifndef TB_XNNPACK_LAYER_H
#define TB_XNNPACK_LAYER_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct tb_xnn_layer tb_xnn_layer;

/* Bytes XNNPACK may read past the end of its input; the input buffer handed
 * to tb_xnn_layer_new must be this much larger than the tensor. */
size_t tb_xnn_input_slack_bytes(void);

/* Initialises XNNPACK once per process; 0, or -1 with the reason. */
int tb_xnn_init(char *err, size_t err_len);

/* Creates and sets up the operator for op i of m, reading input and writing
 * output (the op's input and output tensors, input with the slack above).
 * NULL with a one-line reason (an op type or parameter XNNPACK refuses). */
tb_xnn_layer *tb_xnn_layer_new(const tb_model *m, int32_t i, const int8_t *input,
                               int8_t *output, char *err, size_t err_len);

/* Runs the operator once, single-threaded; 0, or -1 if XNNPACK failed. */
int tb_xnn_layer_run(tb_xnn_layer *x);

void tb_xnn_layer_free(tb_xnn_layer *x);

#endif
