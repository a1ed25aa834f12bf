/* gemm — one inference GEMM, C[n x m] = A[n x k] . W[m x k]^T + bias, run
 * as a fully connected layer over n rows. Shapes come from DeepBench's
 * inference sets (baidu-research/DeepBench, code/kernels/gemm_problems.h,
 * commit 0201198: inference_server_set and inference_device_set), whose
 * (m, n, k) mean output features, batch/time steps and input features, as
 * here. shape=0 takes m, n, k from the parameters instead. */
#include <stdio.h>

#include "workload.h"

typedef struct {
    int32_t m, n, k;
    const char *set;
} gemm_shape;

static const gemm_shape shapes[] = {
    {1024, 700, 512, "server"}, /* 1: the default, under a second on one core */
    {5124, 700, 2048, "server"},
    {35, 700, 2048, "server"},
    {3072, 1500, 1024, "server"},
    {7680, 1, 2560, "server"},  /* a GEMV: memory-bound */
    {3072, 1, 1024, "device"},
    {64, 1, 1216, "device"},
    {128, 1500, 1280, "device"},
    {3072, 1500, 128, "device"},
    {4224, 1, 128, "device"},
};
enum { N_SHAPES = sizeof shapes / sizeof shapes[0] };

static const tb_param_spec params[] = {
    {"shape", 1, 0, N_SHAPES, 1,
     "DeepBench shape 1-10 (tierbench list workloads shows them); 0: use m, n, k"},
    {"m", 1024, 1, 65536, 1, "output features (shape=0)"},
    {"n", 700, 1, 65536, 1, "rows: batch or time steps (shape=0)"},
    {"k", 512, 1, 1048576, 1, "input features (shape=0)"},
    {NULL, 0, 0, 0, 0, NULL},
};

static int32_t build(tb_builder *b, const tb_param_values *p)
{
    const int shape = (int)p->v[0];
    gemm_shape s = {(int32_t)p->v[1], (int32_t)p->v[2], (int32_t)p->v[3], "custom"};
    if (shape > 0)
        s = shapes[shape - 1];
    int32_t x = tb_b_sequence(b, s.n, s.k, 1.0f / 32.0f, 0);
    return tb_b_fc(b, x, s.m, TB_ACT_NONE);
}

static void describe(FILE *out)
{
    fprintf(out, "           shapes (DeepBench inference sets; m x n x k, MACs):\n");
    for (int i = 0; i < N_SHAPES; i++)
        fprintf(out, "             shape=%-2d %-6s %5d x %4d x %4d  %.3g MAC\n", i + 1, shapes[i].set,
                (int)shapes[i].m, (int)shapes[i].n, (int)shapes[i].k,
                (double)shapes[i].m * shapes[i].n * shapes[i].k);
}

const tb_workload tb_workload_gemm = {
    .name = "gemm",
    .description = "one inference GEMM from DeepBench's server and device sets",
    .params = params,
    .build = build,
    .describe = describe,
};
