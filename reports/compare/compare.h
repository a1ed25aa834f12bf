/* Two runs compared cell by cell (cells paired by cell_id): median latency
 * change, the Mann–Whitney U test on the repetitions, a verdict per cell, the
 * geometric mean of the B/A latency ratios, and what is unpaired. Rendered
 * as a text table (compare_text.c) or JSON. docs/compare.md explains the
 * verdicts. */
#ifndef TB_COMPARE_H
#define TB_COMPARE_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "mann_whitney.h"

/* Fewer repetitions than this on a side: no test. */
enum { TB_COMPARE_MIN_REPS = 3 };

typedef enum {
    TB_VERDICT_NO_CHANGE,    /* p >= alpha; estimated: equal values */
    TB_VERDICT_FASTER,       /* significant (estimated: any) speed-up */
    TB_VERDICT_SLOWER,       /* significant (estimated: any) slowdown within the threshold */
    TB_VERDICT_REGRESSION,   /* significant (estimated: any) slowdown beyond the threshold */
    TB_VERDICT_INCONCLUSIVE, /* tested, but these sample sizes cannot reach p < alpha */
    TB_VERDICT_TOO_FEW_REPS, /* fewer than TB_COMPARE_MIN_REPS samples on a side */
    TB_VERDICT_BROKE,        /* ok in A, failed, timeout or does-not-fit in B: a regression */
    TB_VERDICT_STATUS,       /* another status change (ok -> skipped, failed -> ok, ...) */
    TB_VERDICT_NOT_MEASURED, /* neither side has a latency to compare */
} tb_verdict;

typedef struct {
    const cJSON *a, *b;   /* the records, owned by the caller's arrays */
    const char *cell_id;
    const char *tier;     /* A's tier */
    const char *status_a, *status_b;
    double median_a_ns, median_b_ns; /* NAN when not measured */
    double change_pct;    /* (B - A) / A x 100 of the medians; NAN */
    int n_a, n_b;         /* samples_ns counts */
    int estimated;        /* either side estimated by a model: compared by value */
    int tested;           /* mwu holds a test */
    tb_mwu mwu;
    double energy_a_uJ, energy_b_uJ, energy_change_pct; /* NAN when absent */
    tb_verdict verdict;
} tb_compare_pair;

typedef struct {
    char tier[16]; /* "" for all tiers */
    double ratio;  /* geometric mean of median B / median A; NAN when n = 0 */
    int n;
} tb_compare_geomean;

enum { TB_COMPARE_MAX_TIERS = 8 };

typedef struct {
    double alpha;         /* significance level, (0, 1) */
    double threshold_pct; /* slowdowns beyond this are regressions, >= 0 */
} tb_compare_options;

typedef struct {
    tb_compare_options opt;
    const char *run_a, *run_b; /* run ids (or the arguments when absent) */
    tb_compare_pair *pairs;
    int n_pairs;
    const cJSON **only_a, **only_b;
    int n_only_a, n_only_b;
    tb_compare_geomean overall, tiers[TB_COMPARE_MAX_TIERS];
    int n_tiers;
    int regressions; /* pairs whose verdict is REGRESSION or BROKE */
} tb_compare;

/* Compares the records of two runs (arrays as tb_run_source_load returns);
 * label_a/label_b name them when the records carry no run_id. 0, or -1 with
 * a reason when they cannot be compared (different schema versions, a
 * cell_id twice in one run, malformed latency, no memory). */
int tb_compare_runs(const cJSON *run_a, const cJSON *run_b, const char *label_a,
                    const char *label_b, const tb_compare_options *opt, tb_compare *out,
                    char *err, size_t err_len);
void tb_compare_free(tb_compare *c);

int tb_verdict_is_regression(tb_verdict v);
/* "regression", "faster", "n/a (too few repetitions)", ... */
const char *tb_verdict_name(tb_verdict v);
/* Significant in the test's sense, or a deterministic estimate that moved,
 * or a status change: what --only-significant keeps. */
int tb_compare_pair_notable(const tb_compare_pair *p);

/* The readable table, geomean lines and unpaired cells. */
void tb_compare_print(FILE *f, const tb_compare *c, int only_notable);
/* Everything as one JSON object (docs/compare.md). */
cJSON *tb_compare_to_json(const tb_compare *c);

#endif
