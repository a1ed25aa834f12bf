/* Memory planner: places every activation tensor in one arena so that
 * tensors alive at the same time never overlap (TFLM's greedy planner:
 * largest first, lowest offset that fits). */
#ifndef TB_PLAN_H
#define TB_PLAN_H

#include "model.h"

/* Fills plan->offset (caller-allocated, n_tensors entries) and arena_bytes
 * for activations stored as dtype. Offsets are aligned to 16 bytes. */
void tb_plan_arena(const tb_graph *g, tb_dtype dtype, tb_plan *plan);

/* Sum of all activation tensors' bytes: the arena a planner that never
 * reuses memory would need (for reporting the planner's saving). */
int64_t tb_plan_naive_bytes(const tb_graph *g, tb_dtype dtype);

#endif
