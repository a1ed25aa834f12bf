/* Checking a cell's output against the model's reference output: int8 must
 * be bit-exact, fp32 within TB_FP32_TOLERANCE relative to the largest
 * reference magnitude (the same kernels reordered by a compiler or a BLAS
 * differ in rounding, not in meaning). */
#ifndef TB_OUTPUT_CHECK_H
#define TB_OUTPUT_CHECK_H

#include "model.h"
#include "record.h"

#define TB_FP32_TOLERANCE 1e-4

/* Fills rec's output fields from the output tensor's bytes. */
void tb_check_output(const tb_model *m, tb_dtype dtype, const void *output, tb_record *rec);

#endif
