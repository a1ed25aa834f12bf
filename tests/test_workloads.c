/* The built-in workloads: exact parameter and MAC totals (MLPerf Tiny's
 * published figures), layer lists, deterministic bytes, informative
 * activations on the reference input, and parameter validation. */
#include <string.h>

#include "exec.h"
#include "tb_test.h"
#include "tb_test_model.h"
#include "workload.h"

static int count_ops(const tb_graph *g, tb_op_type t)
{
    int n = 0;
    for (int32_t i = 0; i < g->n_ops; i++)
        n += g->ops[i].type == t;
    return n;
}

static void check_totals(const char *spec, long long params, long long macs, int conv, int dw,
                         int fc, int add)
{
    tb_model *m = tb_test_build(spec);
    TB_CHECK(m != NULL);
    if (!m)
        return;
    TB_CHECK_EQ_INT(tb_graph_params(&m->graph), params);
    TB_CHECK_EQ_INT(tb_graph_macs(&m->graph), macs);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_CONV_2D), conv);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_DEPTHWISE_CONV_2D), dw);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_FULLY_CONNECTED), fc);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_ADD), add);
    tb_model_free(m);
}

static int test_mlperf_tiny_totals(void)
{
    check_totals("kws", 22604, 2656768, 5, 4, 1, 0);
    check_totals("vww", 210850, 7489664, 14, 13, 1, 0);
    check_totals("ic", 77706, 12501632, 9, 0, 1, 3);
    check_totals("ad", 265864, 264192, 0, 0, 10, 0);
    return 0;
}

/* LargeML totals worked out by hand from the layer lists in
 * workloads/bert.c, llm_decode.c and gemm.c (H hidden, F ffn, S seq, C cache):
 * bert MACs 4SH^2 + 2SHF (projections, FFN) + 2S^2H (attention) with
 * S 128, H 768, F 3072: 905,969,664 + 25,165,824; params 4(H^2+H) + 2HF +
 * F + H + 4H = 7,087,872. llm-decode MACs 4H^2 + 2HF + 2(C+1)H with H 2048,
 * F 5632, C 1024: 39,845,888 + 4,198,400; params 4(H^2+H) + 2HF + F + H +
 * 4H = 39,869,952 (the KV cache is state, not parameters). gemm shape 1
 * (m 1024, n 700, k 512): MACs mnk, params mk + m. */
static int test_largeml_totals(void)
{
    check_totals("bert", 7087872, 931135488, 0, 0, 6, 2);
    check_totals("llm-decode", 39869952, 44044288, 0, 0, 6, 2);
    check_totals("gemm", 524288 + 1024, 367001600, 0, 0, 1, 0);
    check_totals("gemm:shape=0,m=3,n=5,k=7", 3 * 7 + 3, 105, 0, 0, 1, 0);
    tb_model *m = tb_test_build("gemm");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    /* The plan's estimate counts MACs from the layer list alone. */
    int64_t macs = 0;
    char err[256];
    const tb_workload *w;
    tb_param_values pv;
    char canon[64];
    TB_CHECK_EQ_INT(tb_workload_parse("bert:seq=4,hidden=16,heads=2,ffn=32", &w, &pv, canon,
                                      sizeof canon, err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_workload_macs(w, &pv, &macs, err, sizeof err), 0);
    TB_CHECK_EQ_INT(macs, 4 * 4 * 16 * 16 + 2 * 4 * 16 * 32 + 2 * 4 * 4 * 16);
    TB_CHECK_EQ_INT(tb_workload_parse("gemm", &w, &pv, canon, sizeof canon, err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_workload_macs(w, &pv, &macs, err, sizeof err), 0);
    TB_CHECK_EQ_INT(macs, tb_graph_macs(&m->graph));
    /* FLOPs: 2 per MAC plus one bias add per output. Bytes: input n x k,
     * weights m x k, bias m, output n x m; fp32 all 4 bytes, int8 path int8
     * data with an int32 bias. */
    TB_CHECK_EQ_INT(tb_graph_flops(&m->graph), 2LL * 367001600 + 700 * 1024);
    TB_CHECK_EQ_INT(tb_graph_bytes(&m->graph, TB_DTYPE_FP32),
                    4LL * (700 * 512 + 1024 * 512 + 1024 + 700 * 1024));
    TB_CHECK_EQ_INT(tb_graph_bytes(&m->graph, TB_DTYPE_INT8),
                    700LL * 512 + 1024 * 512 + 4 * 1024 + 700 * 1024);
    TB_CHECK_EQ_INT(tb_graph_constant_bytes(&m->graph, TB_DTYPE_FP32), 4LL * (1024 * 512 + 1024));
    TB_CHECK_EQ_INT(tb_graph_weight_bytes(&m->graph), 1024LL * 512 + 4 * 1024);
    TB_CHECK(m->has_s8);
    tb_model_free(m);
    m = tb_test_build("bert:seq=4,hidden=16,heads=2,ffn=32");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    TB_CHECK(!m->has_s8);
    TB_CHECK(m->expected_s8 == NULL);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_ATTENTION), 1);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_LAYER_NORM), 2);
    TB_CHECK_EQ_INT(count_ops(&m->graph, TB_OP_GELU), 1);
    /* attention FLOPs: 2 x 2 S^2 H MACs + 5 per score (heads x S x S) */
    const tb_op *att = &m->graph.ops[3];
    TB_CHECK_EQ_INT(att->type, TB_OP_ATTENTION);
    TB_CHECK_EQ_INT(tb_op_flops(&m->graph, att), 2 * (2 * 4 * 4 * 16) + 5 * 2 * 4 * 4);
    tb_model_free(m);
    TB_CHECK(!tb_workload_runs_dtype(tb_workload_find("llm-decode"), TB_DTYPE_INT8));
    TB_CHECK(tb_workload_runs_dtype(tb_workload_find("gemm"), TB_DTYPE_INT8));
    return 0;
}

static int test_shapes(void)
{
    tb_model *m = tb_test_build("kws");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    const tb_dims *s = &m->graph.tensors[m->graph.ops[0].output].shape;
    TB_CHECK(s->h == 25 && s->w == 5 && s->c == 64);
    const tb_dims *o = &m->graph.tensors[m->graph.output].shape;
    TB_CHECK_EQ_INT(o->c, 12);
    tb_model_free(m);
    m = tb_test_build("vww");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    s = &m->graph.tensors[m->graph.ops[0].output].shape;
    TB_CHECK(s->h == 48 && s->w == 48 && s->c == 8);
    tb_model_free(m);
    return 0;
}

/* Same spec, same seed: the same bytes, the property every tier relies on. */
static int test_deterministic(void)
{
    tb_model *a = tb_test_build("ic"), *b = tb_test_build("ic"), *c = tb_test_build("ic:seed=7");
    TB_CHECK(a && b && c);
    if (!a || !b || !c)
        return 0;
    for (int32_t t = 0; t < a->graph.n_tensors; t++) {
        const tb_tensor *x = &a->graph.tensors[t], *y = &b->graph.tensors[t];
        if (x->data)
            TB_CHECK(memcmp(x->data, y->data, (size_t)tb_tensor_bytes(x)) == 0);
        TB_CHECK(x->scale == y->scale && x->zero_point == y->zero_point);
    }
    int64_t n = tb_dims_count(&a->graph.tensors[a->graph.output].shape);
    TB_CHECK(memcmp(a->expected_s8, b->expected_s8, (size_t)n) == 0);
    TB_CHECK(memcmp(a->graph.tensors[1].data, c->graph.tensors[1].data,
                    (size_t)tb_tensor_bytes(&a->graph.tensors[1])) != 0);
    tb_model_free(a);
    tb_model_free(b);
    tb_model_free(c);
    return 0;
}

typedef struct {
    const tb_model *m;
    const uint8_t *arena;
    int bad;
} activity;

/* After each op: the output must take several values and must not pile up
 * at the top of its range (a sign of a badly calibrated scale; one value
 * there is the calibrated maximum itself). ReLU zeros
 * sit at the bottom legitimately; softmax may be peaked, so it is only
 * required not to be constant. */
static void check_activity(void *user, int32_t op_index, int begin)
{
    activity *a = user;
    if (begin)
        return;
    const tb_graph *g = &a->m->graph;
    const tb_op *op = &g->ops[op_index];
    const int8_t *v = tb_exec_s8_tensor(a->m, a->arena, op->output);
    int64_t n = tb_dims_count(&g->tensors[op->output].shape);
    int seen[256] = {0}, distinct = 0;
    int64_t at_max = 0;
    for (int64_t i = 0; i < n; i++) {
        distinct += !seen[v[i] + 128]++;
        at_max += v[i] == 127;
    }
    int need = op->type == TB_OP_SOFTMAX || n < 16 ? 2 : 8;
    if (distinct < need || (op->type != TB_OP_SOFTMAX && at_max > 1 && at_max * 10 > n)) {
        fprintf(stderr, "%s op %d (%s): %d distinct values, %lld of %lld saturated\n", g->name,
                (int)op_index, tb_op_name(op->type), distinct, (long long)at_max, (long long)n);
        a->bad++;
    }
}

static int test_activations_informative(void)
{
    static const char *const specs[] = {"kws", "vww", "ic", "ad"};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        tb_model *m = tb_test_build(specs[i]);
        TB_CHECK(m != NULL);
        if (!m)
            continue;
        uint8_t *arena = malloc((size_t)m->plan_s8.arena_bytes);
        activity a = {m, arena, 0};
        tb_exec_hooks h = {check_activity, &a};
        tb_ctx none = {NULL, 0};
        TB_CHECK_EQ_INT(tb_exec_s8(m, &tb_kernels_s8_ref, arena, &none, &h), TB_OK);
        TB_CHECK_EQ_INT(a.bad, 0);
        free(arena);
        tb_model_free(m);
    }
    return 0;
}

/* The int8 model and its fp32 twin compute the same function up to
 * quantisation: their outputs agree on the winning class. */
static int test_int8_tracks_fp32(void)
{
    static const char *const specs[] = {"kws", "vww", "ic"};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        tb_model *m = tb_test_build(specs[i]);
        TB_CHECK(m != NULL);
        if (!m)
            continue;
        const tb_tensor *o = &m->graph.tensors[m->graph.output];
        int32_t best8 = 0, bestf = 0;
        for (int32_t c = 1; c < o->shape.c; c++) {
            best8 = m->expected_s8[c] > m->expected_s8[best8] ? c : best8;
            bestf = m->expected_f32[c] > m->expected_f32[bestf] ? c : bestf;
        }
        TB_CHECK_EQ_INT(best8, bestf);
        tb_model_free(m);
    }
    return 0;
}

static int parse_fails(const char *spec, const char *needle)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[128], err[512] = "";
    int rc = tb_workload_parse(spec, &w, &p, canon, sizeof canon, err, sizeof err);
    if (rc == 0 || !strstr(err, needle)) {
        fprintf(stderr, "spec '%s': rc %d, message '%s' (wanted '%s')\n", spec, rc, err, needle);
        return 0;
    }
    return 1;
}

static int test_parameters(void)
{
    TB_CHECK(parse_fails("nosuch", "accepted: kws, vww, ic, ad"));
    TB_CHECK(parse_fails("vww:beta=1", "unknown parameter 'beta'"));
    TB_CHECK(parse_fails("vww:res=100", "res=100 is out of range"));
    TB_CHECK(parse_fails("vww:alpha=9", "alpha=9"));
    TB_CHECK(parse_fails("kws:width", "needs a value"));
    TB_CHECK(parse_fails("ic:seed=-1", "seed=-1"));
    const tb_workload *w;
    tb_param_values p;
    char canon[128], err[512];
    TB_CHECK_EQ_INT(tb_workload_parse("vww:res=128,alpha=0.5", &w, &p, canon, sizeof canon, err,
                                      sizeof err), 0);
    TB_CHECK(strcmp(canon, "vww:alpha=0.5,res=128") == 0);
    /* The canonical spec is re-parsed on resume: large values stay exact. */
    TB_CHECK_EQ_INT(tb_workload_parse("gemm:shape=0,k=1048575", &w, &p, canon, sizeof canon, err,
                                      sizeof err), 0);
    TB_CHECK(strcmp(canon, "gemm:shape=0,k=1048575") == 0);
    TB_CHECK(parse_fails("gemm:shape=11", "k=1..1048576"));
    tb_model *small = tb_test_build("vww"), *wide = tb_test_build("vww:alpha=0.5,res=128");
    TB_CHECK(small && wide);
    if (small && wide) {
        TB_CHECK(tb_graph_macs(&wide->graph) > 4 * tb_graph_macs(&small->graph));
        TB_CHECK_EQ_INT(wide->graph.tensors[wide->graph.input].shape.h, 128);
    }
    tb_model_free(small);
    tb_model_free(wide);
    return 0;
}

int main(void)
{
    TB_RUN(test_mlperf_tiny_totals);
    TB_RUN(test_largeml_totals);
    TB_RUN(test_shapes);
    TB_RUN(test_deterministic);
    TB_RUN(test_activations_informative);
    TB_RUN(test_int8_tracks_fp32);
    TB_RUN(test_parameters);
    return tb_test_summary();
}
