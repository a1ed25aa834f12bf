/* Graph IR: TFLite window arithmetic and the structural validator. */
#include <string.h>

#include "graph.h"
#include "tb_test.h"

static int test_window_axis(void)
{
    int32_t out, pad;
    tb_window_axis(TB_PAD_SAME, 49, 10, 2, &out, &pad); /* kws's first conv */
    TB_CHECK_EQ_INT(out, 25);
    TB_CHECK_EQ_INT(pad, 4); /* total 9: 4 before, 5 after, as TFLite */
    tb_window_axis(TB_PAD_SAME, 96, 3, 2, &out, &pad);
    TB_CHECK_EQ_INT(out, 48);
    TB_CHECK_EQ_INT(pad, 0); /* total 1 goes after */
    tb_window_axis(TB_PAD_SAME, 7, 3, 1, &out, &pad);
    TB_CHECK_EQ_INT(out, 7);
    TB_CHECK_EQ_INT(pad, 1);
    tb_window_axis(TB_PAD_VALID, 7, 3, 2, &out, &pad);
    TB_CHECK_EQ_INT(out, 3);
    TB_CHECK_EQ_INT(pad, 0);
    tb_window_axis(TB_PAD_VALID, 25, 25, 1, &out, &pad);
    TB_CHECK_EQ_INT(out, 1);
    return 0;
}

/* A tiny conv -> FC graph to mutate. */
static int8_t w_conv[4 * 3 * 3 * 2], w_fc[5 * 4 * 4 * 4];
static int32_t b_conv[4], b_fc[5];

static void tiny(tb_graph *g, tb_tensor *t, tb_op *ops)
{
    memset(g, 0, sizeof *g);
    strcpy(g->name, "tiny");
    tb_tensor init[] = {
        {.name = "in", .shape = {1, 4, 4, 2}, .dtype = TB_DTYPE_INT8},
        {.name = "wc", .shape = {4, 3, 3, 2}, .dtype = TB_DTYPE_INT8, .data = w_conv},
        {.name = "bc", .shape = {1, 1, 1, 4}, .dtype = TB_DTYPE_INT32, .data = b_conv},
        {.name = "c", .shape = {1, 4, 4, 4}, .dtype = TB_DTYPE_INT8},
        {.name = "wf", .shape = {5, 1, 1, 64}, .dtype = TB_DTYPE_INT8, .data = w_fc},
        {.name = "bf", .shape = {1, 1, 1, 5}, .dtype = TB_DTYPE_INT32, .data = b_fc},
        {.name = "out", .shape = {1, 1, 1, 5}, .dtype = TB_DTYPE_INT8},
    };
    memcpy(t, init, sizeof init);
    ops[0] = (tb_op){.type = TB_OP_CONV_2D, .inputs = {0, 1, 2, -1, -1}, .output = 3,
                     .padding = TB_PAD_SAME, .stride_h = 1, .stride_w = 1, .depth_multiplier = 1};
    ops[1] = (tb_op){.type = TB_OP_FULLY_CONNECTED, .inputs = {3, 4, 5, -1, -1}, .output = 6,
                     .stride_h = 1, .stride_w = 1};
    g->tensors = t;
    g->ops = ops;
    g->n_tensors = 7;
    g->n_ops = 2;
    g->input = 0;
    g->output = 6;
}

static int invalid(const tb_graph *g, const char *needle)
{
    char err[256] = "";
    int rc = tb_graph_validate(g, err, sizeof err);
    if (rc == 0 || !strstr(err, needle)) {
        fprintf(stderr, "validate: rc %d, '%s' (wanted '%s')\n", rc, err, needle);
        return 0;
    }
    return 1;
}

static int test_validate(void)
{
    tb_graph g;
    tb_tensor t[7];
    tb_op ops[2];
    char err[256];
    tiny(&g, t, ops);
    TB_CHECK_EQ_INT(tb_graph_validate(&g, err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_graph_macs(&g), 16 * 4 * 18 + 64 * 5);
    TB_CHECK_EQ_INT(tb_graph_params(&g), 72 + 4 + 320 + 5);

    tiny(&g, t, ops);
    ops[1].inputs[0] = 9;
    TB_CHECK(invalid(&g, "out of range"));
    tiny(&g, t, ops);
    t[3].shape.w = 0;
    TB_CHECK(invalid(&g, "zero or negative"));
    tiny(&g, t, ops);
    t[3].shape.h = 3;
    TB_CHECK(invalid(&g, "does not match"));
    tiny(&g, t, ops);
    t[4].shape.c = 63;
    TB_CHECK(invalid(&g, "weights [out, in]"));
    tiny(&g, t, ops);
    t[5].shape.c = 4;
    TB_CHECK(invalid(&g, "bias length"));
    tiny(&g, t, ops);
    ops[0].type = (tb_op_type)99;
    TB_CHECK(invalid(&g, "unknown op type"));
    tiny(&g, t, ops);
    g.output = -2;
    TB_CHECK(invalid(&g, "input or output index"));
    return 0;
}

/* Names as records, plans and campaign files write them. */
static int test_dtype_names(void)
{
    tb_dtype d;
    TB_CHECK_EQ_INT(tb_dtype_parse("fp32", &d), 0);
    TB_CHECK_EQ_INT(d, TB_DTYPE_FP32);
    TB_CHECK_EQ_INT(tb_dtype_parse(tb_dtype_name(TB_DTYPE_INT8), &d), 0);
    TB_CHECK_EQ_INT(d, TB_DTYPE_INT8);
    TB_CHECK_EQ_INT(tb_dtype_parse("int32", &d), -1); /* not an activation path */
    TB_CHECK_EQ_INT(tb_dtype_parse(NULL, &d), -1);
    return 0;
}

int main(void)
{
    TB_RUN(test_window_axis);
    TB_RUN(test_validate);
    TB_RUN(test_dtype_names);
    return tb_test_summary();
}
