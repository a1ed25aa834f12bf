/* The host target end to end on a small workload: a real measurement with
 * the output checked against the reference, for int8 and fp32. */
#include "output_check.h"
#include "plan.h"
#include "tb_test.h"
#include "target.h"
#include "workload.h"

static void run_cell(const tb_model *m, tb_dtype d, tb_record *r)
{
    const tb_target_ops *host = tb_target_find("host");
    tb_record_init(r);
    r->macs = tb_graph_macs(&m->graph);
    r->n_layers = m->graph.n_ops;
    r->layers = calloc((size_t)m->graph.n_ops, sizeof *r->layers);
    snprintf(r->cell_id, sizeof r->cell_id, "test/%s", tb_dtype_name(d));
    tb_cell cell = {"kws:width=16", "/tmp", d, 3, 1, 0.001, NULL, 0, NULL};
    host->run(host, &cell, m, r);
}

static int test_host_runs_kws(void)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[64], err[256];
    TB_CHECK_EQ_INT(tb_workload_parse("kws:width=16", &w, &p, canon, sizeof canon, err,
                                      sizeof err), 0);
    tb_model *m = tb_workload_build(w, &p, err, sizeof err);
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    for (int d = 0; d < 2; d++) {
        tb_record r;
        run_cell(m, d ? TB_DTYPE_FP32 : TB_DTYPE_INT8, &r);
        TB_CHECK_EQ_INT(r.status, TB_STATUS_OK);
        TB_CHECK(r.have_latency && r.repetitions == 3);
        TB_CHECK(r.latency_ns.median > 0 && r.latency_ns.min <= r.latency_ns.median);
        TB_CHECK(r.iterations_per_rep >= 1);
        TB_CHECK(r.output_match);
        TB_CHECK(r.macs_per_s > 0);
        double layer_sum = 0;
        for (int32_t i = 0; i < r.n_layers; i++)
            layer_sum += r.layers[i].median_ns;
        TB_CHECK(layer_sum > 0);
        /* Counters are either measured or null with a reason, never silent. */
        TB_CHECK(r.counters.available || r.counters.reason[0]);
        TB_CHECK(r.peak_rss_bytes > 0 || r.rss_reason[0]);
        tb_record_free(&r);
    }
    tb_model_free(m);
    return 0;
}

/* A corrupted expected output must be caught: the check is not a no-op. */
static int test_mismatch_detected(void)
{
    const tb_workload *w;
    tb_param_values p;
    char canon[64], err[256];
    TB_CHECK_EQ_INT(tb_workload_parse("ad:hidden=16", &w, &p, canon, sizeof canon, err,
                                      sizeof err), 0);
    tb_model *m = tb_workload_build(w, &p, err, sizeof err);
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    ((int8_t *)m->expected_s8)[3] ^= 1;
    tb_record r;
    run_cell(m, TB_DTYPE_INT8, &r);
    TB_CHECK_EQ_INT(r.status, TB_STATUS_FAILED);
    TB_CHECK(!r.output_match);
    TB_CHECK(strstr(r.reason, "differs") != NULL);
    tb_record_free(&r);
    ((float *)m->expected_f32)[0] += 1.0f;
    run_cell(m, TB_DTYPE_FP32, &r);
    TB_CHECK_EQ_INT(r.status, TB_STATUS_FAILED);
    tb_record_free(&r);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    TB_RUN(test_host_runs_kws);
    TB_RUN(test_mismatch_detected);
    return tb_test_summary();
}
