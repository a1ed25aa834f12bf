/* Greedy arena planner. Lifetimes are [op that writes, last op that reads];
 * the graph input is alive from before op 0 and the output to after the last
 * op, so the caller can read it. An op's inputs and output are alive at the
 * same op, so kernels never see aliased buffers. */
#include "plan.h"

#include <stdlib.h>

enum { ALIGN = 16 };

typedef struct {
    int32_t tensor;
    int32_t first, last;
    int64_t bytes;
} interval;

static int by_size_desc(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    if (x->bytes != y->bytes)
        return x->bytes < y->bytes ? 1 : -1;
    return x->tensor - y->tensor; /* stable order: the plan is deterministic */
}

static int64_t act_bytes(const tb_tensor *t, tb_dtype dtype)
{
    int64_t n = tb_dims_count(&t->shape) * (int64_t)tb_dtype_bytes(dtype);
    return (n + ALIGN - 1) / ALIGN * ALIGN;
}

int64_t tb_plan_naive_bytes(const tb_graph *g, tb_dtype dtype)
{
    int64_t n = 0;
    for (int32_t t = 0; t < g->n_tensors; t++)
        if (!g->tensors[t].data)
            n += act_bytes(&g->tensors[t], dtype);
    return n;
}

void tb_plan_arena(const tb_graph *g, tb_dtype dtype, tb_plan *plan)
{
    interval *iv = calloc((size_t)g->n_tensors, sizeof *iv);
    int32_t n = 0;
    for (int32_t t = 0; t < g->n_tensors; t++) {
        plan->offset[t] = -1;
        if (g->tensors[t].data)
            continue;
        interval v = {t, t == g->input ? -1 : g->n_ops, -1, act_bytes(&g->tensors[t], dtype)};
        for (int32_t i = 0; i < g->n_ops; i++) {
            const tb_op *op = &g->ops[i];
            if (op->output == t && i < v.first)
                v.first = i;
            for (int k = 0; k < TB_MAX_OP_INPUTS; k++)
                if (op->inputs[k] == t)
                    v.last = i;
        }
        if (t == g->output)
            v.last = g->n_ops;
        if (v.last < v.first)
            v.last = v.first; /* written but never read: still needs a home */
        iv[n++] = v;
    }
    qsort(iv, (size_t)n, sizeof *iv, by_size_desc);

    int64_t high = 0;
    for (int32_t a = 0; a < n; a++) {
        /* Try offsets just past each already placed, overlapping-in-time
         * buffer, lowest first; the first that collides with none wins. */
        int64_t best = -1;
        for (int32_t c = -1; c < a; c++) {
            int64_t cand = c < 0 ? 0 : plan->offset[iv[c].tensor] + iv[c].bytes;
            if (c >= 0 && (iv[c].last < iv[a].first || iv[a].last < iv[c].first))
                continue;
            if (best >= 0 && cand >= best)
                continue;
            int fits = 1;
            for (int32_t o = 0; o < a && fits; o++) {
                if (iv[o].last < iv[a].first || iv[a].last < iv[o].first)
                    continue;
                int64_t lo = plan->offset[iv[o].tensor], hi = lo + iv[o].bytes;
                if (cand < hi && lo < cand + iv[a].bytes)
                    fits = 0;
            }
            if (fits)
                best = cand;
        }
        plan->offset[iv[a].tensor] = best;
        if (best + iv[a].bytes > high)
            high = best + iv[a].bytes;
    }
    plan->arena_bytes = high;
    free(iv);
}
