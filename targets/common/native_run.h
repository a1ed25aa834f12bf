/* A measured run on this machine's CPU, shared by the targets that execute
 * the model natively (host, server) and differ only in their kernels:
 * output check, Google Benchmark timing through our C shim, per-layer
 * medians, PAPI counters and peak RSS, and the cell's status. */
#ifndef TB_NATIVE_RUN_H
#define TB_NATIVE_RUN_H

#include "tb_kernel_set.h"
#include "target.h"

/* The kernel sets a native target runs; a dtype's set is NULL when the
 * target does not run that dtype (its tb_target_ops.dtypes says so). */
typedef struct {
    const tb_kernels_s8 *s8;
    const tb_kernels_f32 *f32;
} tb_native_kernels;

/* Runs the cell through k and fills rec: backend, scratch, output check,
 * latency, layers, counters, RSS and status. */
void tb_native_run(const tb_cell *cell, const tb_model *m, const tb_native_kernels *k,
                   tb_record *rec);

#endif
