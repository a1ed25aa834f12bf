/* Pairing two runs' records by cell_id and deciding a verdict per pair. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "record_get.h"
#include "run_source.h"

static const cJSON *field(const cJSON *o, const char *a, const char *b)
{
    o = cJSON_GetObjectItemCaseSensitive(o, a);
    return b ? cJSON_GetObjectItemCaseSensitive(o, b) : o;
}

static const char *text(const cJSON *r, const char *name)
{
    const cJSON *v = field(r, name, NULL);
    return cJSON_IsString(v) ? v->valuestring : "-";
}

static double number(const cJSON *v)
{
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static double median_ns(const cJSON *r)
{
    return number(field(field(r, "latency", "ns"), "median", NULL));
}

static const cJSON *find_cell(const cJSON *records, const char *cell_id, const cJSON *after)
{
    const cJSON *r = after ? after->next : records->child;
    for (; r; r = r->next)
        if (strcmp(text(r, "cell_id"), cell_id) == 0)
            return r;
    return NULL;
}

static int check_unique(const cJSON *records, const char *label, char *err, size_t err_len)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        if (find_cell(records, text(r, "cell_id"), r)) {
            snprintf(err, err_len, "run '%s' has cell '%s' twice; each cell_id must be unique",
                     label, text(r, "cell_id"));
            return -1;
        }
    }
    return 0;
}

/* latency.samples_ns as a new array (*out NULL when there are none); the
 * count, or -1 when an entry is not a number or there is no memory. */
static int samples(const cJSON *r, double **out)
{
    const cJSON *arr = field(r, "latency", "samples_ns");
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    *out = NULL;
    if (n == 0)
        return 0;
    double *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return -1;
    int i = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, arr) {
        if (!cJSON_IsNumber(s) || !isfinite(s->valuedouble)) {
            free(v);
            return -1;
        }
        v[i++] = s->valuedouble;
    }
    *out = v;
    return n;
}

/* The smallest two-sided p-value any n_a against n_b samples can give:
 * every A sample on one side of every B sample, 2 / C(n_a + n_b, n_a). */
static double smallest_p(int n_a, int n_b)
{
    double c = 1;
    for (int i = 1; i <= n_a; i++)
        c = c * (n_b + i) / i;
    return fmin(1.0, 2 / c);
}

static int status_breaks(const char *s)
{
    return strcmp(s, "failed") == 0 || strcmp(s, "timeout") == 0 ||
           strcmp(s, "does-not-fit") == 0;
}

static tb_verdict by_change(double change_pct, double threshold_pct, int slower)
{
    if (change_pct > threshold_pct)
        return TB_VERDICT_REGRESSION;
    return slower ? TB_VERDICT_SLOWER : TB_VERDICT_FASTER;
}

/* Fills the latency side of a pair of ok records; -1 for malformed samples. */
static int judge_latency(tb_compare_pair *p, const tb_compare_options *opt)
{
    p->median_a_ns = median_ns(p->a);
    p->median_b_ns = median_ns(p->b);
    if (!(p->median_a_ns > 0) || !(p->median_b_ns > 0)) {
        p->median_a_ns = p->median_b_ns = NAN;
        p->verdict = TB_VERDICT_NOT_MEASURED;
        return 0;
    }
    p->change_pct = (p->median_b_ns - p->median_a_ns) / p->median_a_ns * 100;
    p->estimated = tb_rec_latency_estimated(p->a) || tb_rec_latency_estimated(p->b);
    double *sa, *sb;
    p->n_a = samples(p->a, &sa);
    p->n_b = samples(p->b, &sb);
    int rc = p->n_a < 0 || p->n_b < 0 ? -1 : 0;
    if (rc == 0 && p->estimated) {
        /* A model's estimate is deterministic: any difference is real. */
        p->verdict = p->change_pct == 0 ? TB_VERDICT_NO_CHANGE
                     : by_change(p->change_pct, opt->threshold_pct, p->change_pct > 0);
    } else if (rc == 0 && (p->n_a < TB_COMPARE_MIN_REPS || p->n_b < TB_COMPARE_MIN_REPS)) {
        p->verdict = TB_VERDICT_TOO_FEW_REPS;
    } else if (rc == 0) {
        rc = tb_mann_whitney_u(sa, (size_t)p->n_a, sb, (size_t)p->n_b, &p->mwu);
        p->tested = rc == 0;
        if (rc == 0 && p->mwu.p < opt->alpha) {
            int slower = p->change_pct != 0 ? p->change_pct > 0 : p->mwu.u_b > p->mwu.u_a;
            p->verdict = by_change(p->change_pct, opt->threshold_pct, slower);
        } else {
            p->verdict = smallest_p(p->n_a, p->n_b) >= opt->alpha ? TB_VERDICT_INCONCLUSIVE
                                                                   : TB_VERDICT_NO_CHANGE;
        }
    }
    free(sa);
    free(sb);
    return rc;
}

static int judge(tb_compare_pair *p, const tb_compare_options *opt)
{
    p->cell_id = text(p->a, "cell_id");
    p->tier = text(p->a, "tier");
    p->status_a = text(p->a, "status");
    p->status_b = text(p->b, "status");
    p->median_a_ns = p->median_b_ns = p->change_pct = NAN;
    p->energy_a_uJ = number(field(p->a, "energy_uJ", NULL));
    p->energy_b_uJ = number(field(p->b, "energy_uJ", NULL));
    p->energy_change_pct = p->energy_a_uJ > 0 && isfinite(p->energy_b_uJ)
                               ? (p->energy_b_uJ - p->energy_a_uJ) / p->energy_a_uJ * 100
                               : NAN;
    int ok_a = strcmp(p->status_a, "ok") == 0, ok_b = strcmp(p->status_b, "ok") == 0;
    if (ok_a && ok_b)
        return judge_latency(p, opt);
    if (ok_a && status_breaks(p->status_b))
        p->verdict = TB_VERDICT_BROKE;
    else if (strcmp(p->status_a, p->status_b) != 0)
        p->verdict = TB_VERDICT_STATUS;
    else
        p->verdict = TB_VERDICT_NOT_MEASURED;
    return 0;
}

/* Geometric means as exp(mean log ratio): log sums per tier, then exp. */
static void geomeans(tb_compare *c)
{
    double sum_all = 0, sum[TB_COMPARE_MAX_TIERS] = {0};
    for (int i = 0; i < c->n_pairs; i++) {
        const tb_compare_pair *p = &c->pairs[i];
        if (isnan(p->change_pct))
            continue;
        double lr = log(p->median_b_ns / p->median_a_ns);
        sum_all += lr;
        c->overall.n++;
        int t = 0;
        while (t < c->n_tiers && strcmp(c->tiers[t].tier, p->tier) != 0)
            t++;
        if (t == TB_COMPARE_MAX_TIERS)
            continue;
        if (t == c->n_tiers)
            snprintf(c->tiers[c->n_tiers++].tier, sizeof c->tiers[0].tier, "%s", p->tier);
        sum[t] += lr;
        c->tiers[t].n++;
    }
    c->overall.ratio = c->overall.n ? exp(sum_all / c->overall.n) : NAN;
    for (int t = 0; t < c->n_tiers; t++)
        c->tiers[t].ratio = exp(sum[t] / c->tiers[t].n);
}

static const cJSON **unpaired(const cJSON *from, const cJSON *other, int *n)
{
    const cJSON **list = calloc((size_t)cJSON_GetArraySize(from) + 1, sizeof *list);
    const cJSON *r;
    *n = 0;
    if (!list)
        return NULL;
    cJSON_ArrayForEach(r, from) {
        if (!find_cell(other, text(r, "cell_id"), NULL))
            list[(*n)++] = r;
    }
    return list;
}

static const char *label(const cJSON *records, const char *fallback)
{
    const char *id = text(cJSON_GetArrayItem(records, 0), "run_id");
    return strcmp(id, "-") == 0 ? fallback : id;
}

int tb_compare_runs(const cJSON *run_a, const cJSON *run_b, const char *label_a,
                    const char *label_b, const tb_compare_options *opt, tb_compare *out,
                    char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    out->opt = *opt;
    out->run_a = label(run_a, label_a);
    out->run_b = label(run_b, label_b);
    int sa = tb_run_source_schema(run_a), sb = tb_run_source_schema(run_b);
    if (sa != sb) {
        snprintf(err, err_len,
                 "runs have different record schemas (%s: schema_version %d, %s: %d); compare "
                 "runs written by the same record format",
                 out->run_a, sa, out->run_b, sb);
        return -1;
    }
    if (check_unique(run_a, out->run_a, err, err_len) ||
        check_unique(run_b, out->run_b, err, err_len))
        return -1;
    out->pairs = calloc((size_t)cJSON_GetArraySize(run_a) + 1, sizeof *out->pairs);
    out->only_a = unpaired(run_a, run_b, &out->n_only_a);
    out->only_b = unpaired(run_b, run_a, &out->n_only_b);
    if (!out->pairs || !out->only_a || !out->only_b) {
        snprintf(err, err_len, "out of memory");
        tb_compare_free(out);
        return -1;
    }
    const cJSON *r;
    cJSON_ArrayForEach(r, run_a) {
        const cJSON *b = find_cell(run_b, text(r, "cell_id"), NULL);
        if (!b)
            continue;
        tb_compare_pair *p = &out->pairs[out->n_pairs++];
        p->a = r;
        p->b = b;
        if (judge(p, opt) != 0) {
            snprintf(err, err_len,
                     "cell '%s': latency.samples_ns must be an array of finite numbers (ns)",
                     p->cell_id);
            tb_compare_free(out);
            return -1;
        }
        out->regressions += tb_verdict_is_regression(p->verdict);
    }
    geomeans(out);
    return 0;
}

void tb_compare_free(tb_compare *c)
{
    free(c->pairs);
    free(c->only_a);
    free(c->only_b);
    memset(c, 0, sizeof *c);
}

int tb_verdict_is_regression(tb_verdict v)
{
    return v == TB_VERDICT_REGRESSION || v == TB_VERDICT_BROKE;
}

const char *tb_verdict_name(tb_verdict v)
{
    switch (v) {
    case TB_VERDICT_NO_CHANGE: return "no change";
    case TB_VERDICT_FASTER: return "faster";
    case TB_VERDICT_SLOWER: return "slower";
    case TB_VERDICT_REGRESSION: return "REGRESSION";
    case TB_VERDICT_INCONCLUSIVE: return "inconclusive (too few repetitions for alpha)";
    case TB_VERDICT_TOO_FEW_REPS: return "n/a (too few repetitions)";
    case TB_VERDICT_BROKE: return "REGRESSION (status)";
    case TB_VERDICT_STATUS: return "status changed";
    case TB_VERDICT_NOT_MEASURED: return "not measured";
    }
    return "?";
}

int tb_compare_pair_notable(const tb_compare_pair *p)
{
    switch (p->verdict) {
    case TB_VERDICT_FASTER:
    case TB_VERDICT_SLOWER:
    case TB_VERDICT_REGRESSION:
    case TB_VERDICT_BROKE:
    case TB_VERDICT_STATUS:
        return 1;
    default:
        return 0;
    }
}

static void add_number(cJSON *o, const char *key, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *pair_json(const tb_compare_pair *p, double alpha)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cell_id", p->cell_id);
    cJSON_AddStringToObject(o, "tier", p->tier);
    cJSON_AddStringToObject(o, "status_a", p->status_a);
    cJSON_AddStringToObject(o, "status_b", p->status_b);
    add_number(o, "median_ns_a", p->median_a_ns);
    add_number(o, "median_ns_b", p->median_b_ns);
    add_number(o, "change_pct", p->change_pct);
    cJSON_AddNumberToObject(o, "repetitions_a", p->n_a);
    cJSON_AddNumberToObject(o, "repetitions_b", p->n_b);
    cJSON_AddBoolToObject(o, "estimated", p->estimated);
    add_number(o, "u_a", p->tested ? p->mwu.u_a : NAN);
    add_number(o, "u_b", p->tested ? p->mwu.u_b : NAN);
    add_number(o, "p", p->tested ? p->mwu.p : NAN);
    if (p->tested)
        cJSON_AddStringToObject(o, "p_method", p->mwu.exact ? "exact" : "normal");
    else
        cJSON_AddNullToObject(o, "p_method");
    cJSON_AddBoolToObject(o, "significant", p->tested && p->mwu.p < alpha);
    add_number(o, "energy_uJ_a", p->energy_a_uJ);
    add_number(o, "energy_uJ_b", p->energy_b_uJ);
    add_number(o, "energy_change_pct", p->energy_change_pct);
    cJSON_AddStringToObject(o, "verdict", tb_verdict_name(p->verdict));
    cJSON_AddBoolToObject(o, "regression", tb_verdict_is_regression(p->verdict));
    return o;
}

static cJSON *geomean_json(const tb_compare_geomean *g)
{
    cJSON *o = cJSON_CreateObject();
    add_number(o, "ratio", g->ratio);
    cJSON_AddNumberToObject(o, "cells", g->n);
    return o;
}

static cJSON *cell_ids(const cJSON *const *list, int n)
{
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(text(list[i], "cell_id")));
    return arr;
}

cJSON *tb_compare_to_json(const tb_compare *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "schema_version", 1);
    cJSON_AddStringToObject(o, "run_a", c->run_a);
    cJSON_AddStringToObject(o, "run_b", c->run_b);
    cJSON_AddNumberToObject(o, "alpha", c->opt.alpha);
    cJSON_AddNumberToObject(o, "threshold_pct", c->opt.threshold_pct);
    cJSON_AddNumberToObject(o, "min_repetitions", TB_COMPARE_MIN_REPS);
    cJSON *cells = cJSON_AddArrayToObject(o, "cells");
    for (int i = 0; i < c->n_pairs; i++)
        cJSON_AddItemToArray(cells, pair_json(&c->pairs[i], c->opt.alpha));
    cJSON_AddItemToObject(o, "only_in_a", cell_ids(c->only_a, c->n_only_a));
    cJSON_AddItemToObject(o, "only_in_b", cell_ids(c->only_b, c->n_only_b));
    cJSON *g = cJSON_AddObjectToObject(o, "geomean");
    cJSON_AddItemToObject(g, "all", geomean_json(&c->overall));
    cJSON *tiers = cJSON_AddObjectToObject(g, "tiers");
    for (int t = 0; t < c->n_tiers; t++)
        cJSON_AddItemToObject(tiers, c->tiers[t].tier, geomean_json(&c->tiers[t]));
    cJSON_AddNumberToObject(o, "regressions", c->regressions);
    return o;
}
