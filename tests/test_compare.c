/* tierbench compare on two small recorded runs (tests/data/compare/, see its
 * README): verdicts per cell, p-values, the geometric means, unpaired cells,
 * the threshold and alpha options, and inputs that cannot be compared. */
#include <math.h>

#include "compare.h"
#include "run_source.h"
#include "source_dir.h"
#include "tb_test.h"

static cJSON *load(const char *name)
{
    char dir[1024], err[512];
    snprintf(dir, sizeof dir, "%s/tests/data/compare/%s", tb_source_dir(), name);
    cJSON *r = tb_run_source_load(dir, "off", err, sizeof err);
    if (!r)
        fprintf(stderr, "%s\n", err);
    return r;
}

static const tb_compare_pair *pair(const tb_compare *c, const char *cell_id)
{
    for (int i = 0; i < c->n_pairs; i++)
        if (strcmp(c->pairs[i].cell_id, cell_id) == 0)
            return &c->pairs[i];
    fprintf(stderr, "no pair %s\n", cell_id);
    return NULL;
}

/* The recorded runs, loaded once: pairs point into them. */
static cJSON *run_a, *run_b;

static int compare_samples(double alpha, double threshold_pct, tb_compare *c)
{
    tb_compare_options opt = {.alpha = alpha, .threshold_pct = threshold_pct};
    char err[512];
    return run_a && run_b ? tb_compare_runs(run_a, run_b, "A", "B", &opt, c, err, sizeof err) : -1;
}

static int test_verdicts(void)
{
    tb_compare c;
    TB_CHECK(compare_samples(0.05, 5, &c) == 0);
    TB_CHECK(strcmp(c.run_a, "sample-a") == 0 && strcmp(c.run_b, "sample-b") == 0);
    TB_CHECK_EQ_INT(c.n_pairs, 6);

    /* Every B sample is 1.25x an A sample; only B's fastest (189089.4) is below
     * A's slowest (189176.3): U_b = 24 of 25. 2 of the C(10, 5) = 252
     * arrangements have U <= 1, so p = 2 * 2 / 252. */
    const tb_compare_pair *p = pair(&c, "kws/host/int8");
    TB_CHECK(p && p->verdict == TB_VERDICT_REGRESSION && p->tested && p->mwu.exact);
    TB_CHECK_NEAR(p->mwu.u_b, 24, 0);
    TB_CHECK_NEAR(p->mwu.p, 4.0 / 252, 1e-12);
    TB_CHECK_NEAR(p->change_pct, (211335.2 / 169068.2 - 1) * 100, 1e-9);
    TB_CHECK_NEAR(p->energy_change_pct, 0, 0);

    /* Interleaved samples: U_b = 15, p = 2 * 87 / 252. */
    p = pair(&c, "ad/host/int8");
    TB_CHECK(p && p->verdict == TB_VERDICT_NO_CHANGE);
    TB_CHECK_NEAR(p->mwu.u_b, 15, 0);
    TB_CHECK_NEAR(p->mwu.p, 2.0 * 87 / 252, 1e-12);

    /* The cycle model's estimate moved 2 %: real, not a regression at 5 %. */
    p = pair(&c, "kws/cortex-m4/int8");
    TB_CHECK(p && p->verdict == TB_VERDICT_SLOWER && p->estimated && !p->tested);
    TB_CHECK_NEAR(p->change_pct, (43241108.6 / 42393243.8 - 1) * 100, 1e-9);
    TB_CHECK_NEAR(p->energy_change_pct, (1712.348 / 1678.772 - 1) * 100, 1e-9);

    p = pair(&c, "gemm:shape=6/host/fp32");
    TB_CHECK(p && p->verdict == TB_VERDICT_TOO_FEW_REPS && !p->tested);
    TB_CHECK_EQ_INT(p->n_a, 2);

    p = pair(&c, "kws/host/fp32");
    TB_CHECK(p && p->verdict == TB_VERDICT_STATUS && strcmp(p->status_b, "skipped") == 0);
    TB_CHECK(p && isnan(p->change_pct));
    p = pair(&c, "gemm:shape=6/cortex-m4/int8");
    TB_CHECK(p && p->verdict == TB_VERDICT_NOT_MEASURED);

    TB_CHECK_EQ_INT(c.regressions, 1);
    TB_CHECK_EQ_INT(c.n_only_a, 1);
    TB_CHECK_EQ_INT(c.n_only_b, 1);
    TB_CHECK(strcmp(cJSON_GetObjectItem(c.only_a[0], "cell_id")->valuestring, "ad/host/fp32") == 0);
    TB_CHECK(strcmp(cJSON_GetObjectItem(c.only_b[0], "cell_id")->valuestring,
                    "gemm:shape=6/host/int8") == 0);
    tb_compare_free(&c);
    return 0;
}

/* Geometric mean of the four B/A median ratios, and per tier. */
static int test_geomean(void)
{
    tb_compare c;
    TB_CHECK(compare_samples(0.05, 5, &c) == 0);
    double kws = 211335.2 / 169068.2, m4 = 43241108.6 / 42393243.8, ad = 10800 / 10695.3,
           gemm = 1516243.75 / 1684715.25;
    TB_CHECK_EQ_INT(c.overall.n, 4);
    TB_CHECK_NEAR(c.overall.ratio, pow(kws * m4 * ad * gemm, 1.0 / 4), 1e-12);
    TB_CHECK_EQ_INT(c.n_tiers, 2);
    for (int t = 0; t < c.n_tiers; t++) {
        if (strcmp(c.tiers[t].tier, "edge") == 0) {
            TB_CHECK_EQ_INT(c.tiers[t].n, 3);
            TB_CHECK_NEAR(c.tiers[t].ratio, pow(kws * ad * gemm, 1.0 / 3), 1e-12);
        } else {
            TB_CHECK(strcmp(c.tiers[t].tier, "mcu") == 0);
            TB_CHECK_NEAR(c.tiers[t].ratio, m4, 1e-12);
        }
    }
    tb_compare_free(&c);
    return 0;
}

/* A 25 % slowdown passes a 30 % threshold; at alpha 0.005 five repetitions
 * a side cannot reach significance (the smallest p is 2/252 = 0.0079). */
static int test_threshold_and_alpha(void)
{
    tb_compare c;
    TB_CHECK(compare_samples(0.05, 30, &c) == 0);
    TB_CHECK(pair(&c, "kws/host/int8")->verdict == TB_VERDICT_SLOWER);
    TB_CHECK_EQ_INT(c.regressions, 0);
    tb_compare_free(&c);
    TB_CHECK(compare_samples(0.005, 5, &c) == 0);
    TB_CHECK(pair(&c, "kws/host/int8")->verdict == TB_VERDICT_INCONCLUSIVE);
    TB_CHECK_EQ_INT(c.regressions, 0);
    tb_compare_free(&c);
    /* An estimate that moves beyond the threshold is a regression. */
    TB_CHECK(compare_samples(0.05, 1, &c) == 0);
    TB_CHECK(pair(&c, "kws/cortex-m4/int8")->verdict == TB_VERDICT_REGRESSION);
    TB_CHECK_EQ_INT(c.regressions, 2);
    tb_compare_free(&c);
    return 0;
}

static int test_json(void)
{
    tb_compare c;
    TB_CHECK(compare_samples(0.05, 5, &c) == 0);
    cJSON *o = tb_compare_to_json(&c);
    TB_CHECK_EQ_INT(cJSON_GetObjectItem(o, "regressions")->valueint, 1);
    TB_CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(o, "cells")), 6);
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "cells"), 0);
    TB_CHECK(strcmp(cJSON_GetObjectItem(first, "verdict")->valuestring, "REGRESSION") == 0);
    TB_CHECK(cJSON_IsTrue(cJSON_GetObjectItem(first, "significant")));
    TB_CHECK(strcmp(cJSON_GetObjectItem(first, "p_method")->valuestring, "exact") == 0);
    const cJSON *skipped = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "cells"), 1);
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(skipped, "median_ns_b")));
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(skipped, "p")));
    const cJSON *mcu = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "geomean"),
                                                               "tiers"), "mcu");
    TB_CHECK_EQ_INT(cJSON_GetObjectItem(mcu, "cells")->valueint, 1);
    cJSON_Delete(o);
    tb_compare_free(&c);
    return 0;
}

static int compare_text(const char *a, const char *b, tb_compare *c, char *err, size_t n)
{
    cJSON *ra = cJSON_Parse(a), *rb = cJSON_Parse(b);
    tb_compare_options opt = {.alpha = 0.05, .threshold_pct = 5};
    int rc = tb_compare_runs(ra, rb, "A", "B", &opt, c, err, n);
    if (rc == 0) {
        TB_CHECK_EQ_INT(c->n_pairs, 1);
        tb_verdict v = c->pairs[0].verdict;
        TB_CHECK(tb_verdict_is_regression(v) == (c->regressions == 1));
        rc = (int)v;
        tb_compare_free(c);
    }
    cJSON_Delete(ra);
    cJSON_Delete(rb);
    return rc;
}

/* A cell that ran in A and failed in B is a regression; the reverse is not. */
static int test_status_changes(void)
{
    const char *ok = "[{\"schema_version\":2,\"cell_id\":\"x/host/int8\",\"status\":\"ok\"}]",
               *failed = "[{\"schema_version\":2,\"cell_id\":\"x/host/int8\",\"status\":\"failed\"}]",
               *v1 = "[{\"schema_version\":1,\"cell_id\":\"x/host/int8\",\"status\":\"ok\"}]",
               *twice = "[{\"schema_version\":2,\"cell_id\":\"x/host/int8\",\"status\":\"ok\"},"
                        "{\"schema_version\":2,\"cell_id\":\"x/host/int8\",\"status\":\"ok\"}]",
               *bad = "[{\"schema_version\":2,\"cell_id\":\"x/host/int8\",\"status\":\"ok\","
                      "\"latency\":{\"ns\":{\"median\":5},\"samples_ns\":[5,\"x\",5]}}]";
    tb_compare c;
    char err[512];
    TB_CHECK_EQ_INT(compare_text(ok, failed, &c, err, sizeof err), TB_VERDICT_BROKE);
    TB_CHECK_EQ_INT(compare_text(failed, ok, &c, err, sizeof err), TB_VERDICT_STATUS);
    TB_CHECK_EQ_INT(compare_text(ok, ok, &c, err, sizeof err), TB_VERDICT_NOT_MEASURED);
    TB_CHECK(compare_text(v1, ok, &c, err, sizeof err) == -1 && strstr(err, "schema"));
    TB_CHECK(compare_text(twice, ok, &c, err, sizeof err) == -1 && strstr(err, "twice"));
    TB_CHECK(compare_text(bad, bad, &c, err, sizeof err) == -1 && strstr(err, "samples_ns"));
    return 0;
}

static int test_bad_runs(void)
{
    char err[512], dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/compare/empty", tb_source_dir());
    TB_CHECK(!tb_run_source_load(dir, "off", err, sizeof err) && strstr(err, "no records"));
    snprintf(dir, sizeof dir, "%s/tests/data/compare/none", tb_source_dir());
    TB_CHECK(!tb_run_source_load(dir, "off", err, sizeof err) && strstr(err, "not a run folder"));
    return 0;
}

int main(void)
{
    run_a = load("run_a");
    run_b = load("run_b");
    TB_RUN(test_verdicts);
    TB_RUN(test_geomean);
    TB_RUN(test_threshold_and_alpha);
    TB_RUN(test_json);
    TB_RUN(test_status_changes);
    TB_RUN(test_bad_runs);
    cJSON_Delete(run_a);
    cJSON_Delete(run_b);
    return tb_test_summary();
}
