/* The arena planner: no two tensors alive at once may overlap, the arena
 * never exceeds the no-reuse sum, and a chain reuses memory as expected. */
#include <stdlib.h>

#include "plan.h"
#include "tb_test.h"
#include "workload.h"

static int overlaps_in_time(const tb_graph *g, int32_t a, int32_t b)
{
    int32_t fa = a == g->input ? -1 : g->n_ops, la = -1, fb = b == g->input ? -1 : g->n_ops,
            lb = -1;
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        fa = op->output == a && i < fa ? i : fa;
        fb = op->output == b && i < fb ? i : fb;
        for (int k = 0; k < TB_MAX_OP_INPUTS; k++) {
            la = op->inputs[k] == a ? i : la;
            lb = op->inputs[k] == b ? i : lb;
        }
    }
    la = a == g->output ? g->n_ops : (la < fa ? fa : la);
    lb = b == g->output ? g->n_ops : (lb < fb ? fb : lb);
    return !(la < fb || lb < fa);
}

static void check_plan(const tb_graph *g, tb_dtype d)
{
    tb_plan p = {calloc((size_t)g->n_tensors, sizeof(int64_t)), 0};
    tb_plan_arena(g, d, &p);
    int64_t size = (int64_t)tb_dtype_bytes(d);
    for (int32_t a = 0; a < g->n_tensors; a++) {
        if (g->tensors[a].data) {
            TB_CHECK_EQ_INT(p.offset[a], -1);
            continue;
        }
        int64_t ea = p.offset[a] + tb_dims_count(&g->tensors[a].shape) * size;
        TB_CHECK(p.offset[a] >= 0 && p.offset[a] % 16 == 0 && ea <= p.arena_bytes);
        for (int32_t b = a + 1; b < g->n_tensors; b++) {
            if (g->tensors[b].data || !overlaps_in_time(g, a, b))
                continue;
            int64_t eb = p.offset[b] + tb_dims_count(&g->tensors[b].shape) * size;
            if (p.offset[a] < eb && p.offset[b] < ea) {
                fprintf(stderr, "%s: tensors %d and %d share memory while both alive\n", g->name,
                        (int)a, (int)b);
                TB_CHECK(0);
            }
        }
    }
    TB_CHECK(p.arena_bytes <= tb_plan_naive_bytes(g, d));
    free(p.offset);
}

static int test_workload_plans(void)
{
    for (int i = 0; tb_workloads[i]; i++) {
        tb_param_values v;
        const tb_workload *w;
        char canon[64], err[256];
        TB_CHECK_EQ_INT(tb_workload_parse(tb_workloads[i]->name, &w, &v, canon, sizeof canon, err,
                                          sizeof err), 0);
        tb_model *m = tb_workload_build(w, &v, err, sizeof err);
        TB_CHECK(m != NULL);
        if (!m)
            continue;
        check_plan(&m->graph, TB_DTYPE_INT8);
        check_plan(&m->graph, TB_DTYPE_FP32);
        /* Reuse must really happen in the deep networks (gemm is one op). */
        if (m->graph.n_ops > 4)
            TB_CHECK(m->plan_s8.arena_bytes * 2 < tb_plan_naive_bytes(&m->graph, TB_DTYPE_INT8));
        tb_model_free(m);
    }
    return 0;
}

/* A chain: only neighbours are alive together, so the arena is the largest
 * neighbouring pair (64 + 32), not the sum of all. */
static int test_chain_reuse(void)
{
    enum { N = 6 };
    tb_tensor t[N];
    tb_op ops[N - 1];
    static const int32_t c[N] = {16, 64, 32, 48, 16, 8};
    for (int i = 0; i < N; i++)
        t[i] = (tb_tensor){.shape = {1, 1, 1, c[i]}, .dtype = TB_DTYPE_INT8};
    for (int i = 0; i + 1 < N; i++)
        ops[i] = (tb_op){.type = TB_OP_RESHAPE, .inputs = {i, -1, -1, -1, -1}, .output = i + 1};
    tb_graph g = {"chain", N, N - 1, t, ops, 0, N - 1};
    tb_plan p = {calloc(N, sizeof(int64_t)), 0};
    tb_plan_arena(&g, TB_DTYPE_INT8, &p);
    TB_CHECK_EQ_INT(p.arena_bytes, 64 + 32);
    free(p.offset);
    return 0;
}

int main(void)
{
    TB_RUN(test_workload_plans);
    TB_RUN(test_chain_reuse);
    return tb_test_summary();
}
