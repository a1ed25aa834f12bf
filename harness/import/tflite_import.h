/* Importing TensorFlow Lite models (.tflite FlatBuffers) into the graph IR,
 * so a trained model runs on every tier like a built-in workload
 * (docs/import.md). Subgraph 0 is read; operators CONV_2D,
 * DEPTHWISE_CONV_2D, FULLY_CONNECTED, AVERAGE_POOL_2D, MAX_POOL_2D, ADD,
 * RESHAPE and SOFTMAX map to their tb_op; anything else, and anything the
 * kernels cannot run exactly as TFLite does, is rejected with one line
 * saying what and why. The reader checks every offset, index and size, so
 * any byte string is safe to pass. */
#ifndef TB_TFLITE_IMPORT_H
#define TB_TFLITE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum {
    TB_TFLITE_MAX_FILE_BYTES = 64 << 20,
    TB_TFLITE_MAX_TENSORS = 4096,
    TB_TFLITE_MAX_OPS = 4096,
    TB_TFLITE_MAX_OPCODES = 1024,
    TB_TFLITE_MAX_DIM = 1 << 16,          /* elements along one dimension */
    TB_TFLITE_MAX_ELEMS = 1 << 24,        /* elements of one tensor */
    TB_TFLITE_MAX_ACT_ELEMS = 1 << 26,    /* elements of all activations together */
    /* int8 accumulators must not overflow int32: at most this many products
     * of (x - zp) * w (each below 2^15) per output, bias plus products
     * within int32, pool windows of at most 2^16 cells. */
    TB_TFLITE_MAX_ACC_TERMS = 1 << 15,
    TB_TFLITE_MAX_WINDOW = 1 << 16,
};

/* The reference input of a float-only model: uniform in this range. */
#define TB_TFLITE_F32_INPUT_LO (-1.0f)
#define TB_TFLITE_F32_INPUT_HI 1.0f

/* Reads a model into a tb_model holding the graph, its constants (copied),
 * the fp32 parameters (an int8 model's weights and biases dequantised),
 * the softmax betas and both arena plans, but no reference input, int8
 * parameters or outputs: enough to inspect it. has_s8 is 1 for an int8
 * model (int8 activations, per-tensor or per-channel int8 weights, int32
 * biases), 0 for a float one. NULL with a one-line reason in err. */
tb_model *tb_tflite_read(const uint8_t *bytes, size_t len, const char *name, char *err,
                         size_t err_len);

/* Completes a model from tb_tflite_read: the seeded reference input (int8
 * codes dequantised for fp32; a float model's uniform in
 * [TB_TFLITE_F32_INPUT_LO, TB_TFLITE_F32_INPUT_HI)), the int8 parameters
 * from the model's own scales, and the reference kernels' outputs.
 * 0, or -1 with the reason. */
int tb_tflite_prepare(tb_model *m, uint64_t seed, char *err, size_t err_len);

/* A model file as loaded: what a record says about where it came from. */
typedef struct {
    char stem[64];     /* file name without folders and ".tflite" */
    uint64_t fnv1a64;  /* of the file's bytes */
    int64_t bytes;
} tb_tflite_file;

/* Reads the file (at most TB_TFLITE_MAX_FILE_BYTES), names the model after
 * its stem and imports it; prepare selects tb_tflite_prepare with seed.
 * NULL with "<path>: <reason>" in err. */
tb_model *tb_tflite_load(const char *path, int prepare, uint64_t seed, tb_tflite_file *file,
                         char *err, size_t err_len);

#endif
