/* Runs a prepared model through a kernel set. Firmware-grade: no allocation,
 * no OS calls; the caller owns the arena (plan_*.arena_bytes) and the
 * scratch buffer (tb_exec_*_scratch_bytes). */
#ifndef TB_EXEC_H
#define TB_EXEC_H

#include "model.h"
#include "tb_kernel_set.h"

/* Called before (begin = 1) and after (begin = 0) each op; the hook of a
 * profiler or of the firmware's region markers. NULL hooks cost nothing. */
typedef struct {
    void (*layer)(void *user, int32_t op_index, int begin);
    void *user;
} tb_exec_hooks;

size_t tb_exec_s8_scratch_bytes(const tb_model *m, const tb_kernels_s8 *k);
/* Copies m->input_s8 into the arena and runs every op. */
tb_status tb_exec_s8(const tb_model *m, const tb_kernels_s8 *k, uint8_t *arena,
                     tb_ctx *scratch, const tb_exec_hooks *hooks);
/* Runs op i alone, on what its inputs hold in the arena: for timing one
 * layer exactly as tb_exec_s8 runs it (ops never write their inputs). */
tb_status tb_exec_s8_op(const tb_model *m, const tb_kernels_s8 *k, uint8_t *arena,
                        tb_ctx *scratch, int32_t i);
const int8_t *tb_exec_s8_tensor(const tb_model *m, const uint8_t *arena, int32_t tensor);

size_t tb_exec_f32_scratch_bytes(const tb_model *m, const tb_kernels_f32 *k);
tb_status tb_exec_f32(const tb_model *m, const tb_kernels_f32 *k, uint8_t *arena,
                      tb_ctx *scratch, const tb_exec_hooks *hooks);
const float *tb_exec_f32_tensor(const tb_model *m, const uint8_t *arena, int32_t tensor);

#endif
