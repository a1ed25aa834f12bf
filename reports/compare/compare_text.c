/* The text rendering of a comparison: one row per paired cell, then the
 * geometric means, the unpaired cells and the gate's outcome. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"

/* Latencies span ns (host kernels) to seconds (fp32 on an MCU). */
static const char *fmt_ns(char *buf, size_t n, double ns)
{
    if (!isfinite(ns))
        snprintf(buf, n, "-");
    else if (ns < 1e3)
        snprintf(buf, n, "%.0f ns", ns);
    else if (ns < 1e6)
        snprintf(buf, n, "%.2f us", ns / 1e3);
    else if (ns < 1e9)
        snprintf(buf, n, "%.3f ms", ns / 1e6);
    else
        snprintf(buf, n, "%.3f s", ns / 1e9);
    return buf;
}

static const char *fmt_pct(char *buf, size_t n, double pct)
{
    if (isfinite(pct))
        snprintf(buf, n, "%+.1f%%", pct);
    else
        snprintf(buf, n, "-");
    return buf;
}

static void print_pair(FILE *f, const tb_compare_pair *p, int width)
{
    char a[32], b[32], change[32], energy[32], reps[32], pv[32], verdict[96];
    if (p->tested)
        snprintf(pv, sizeof pv, "%.4f", p->mwu.p);
    else
        snprintf(pv, sizeof pv, "-");
    if (isfinite(p->change_pct))
        snprintf(reps, sizeof reps, "%5d/%-5d", p->n_a, p->n_b);
    else
        snprintf(reps, sizeof reps, "%5s %-5s", "-", "");
    if (p->verdict == TB_VERDICT_STATUS || p->verdict == TB_VERDICT_BROKE)
        snprintf(verdict, sizeof verdict, "%s: %s -> %s", tb_verdict_name(p->verdict),
                 p->status_a, p->status_b);
    else if (p->verdict == TB_VERDICT_NOT_MEASURED)
        snprintf(verdict, sizeof verdict, "%s (%s)", tb_verdict_name(p->verdict), p->status_a);
    else
        snprintf(verdict, sizeof verdict, "%s%s", tb_verdict_name(p->verdict),
                 p->estimated ? " (estimated)" : "");
    fprintf(f, "%-*s %-6s %12s %12s %8s %11s %7s %-6s %8s  %s\n", width, p->cell_id, p->tier,
            fmt_ns(a, sizeof a, p->median_a_ns), fmt_ns(b, sizeof b, p->median_b_ns),
            fmt_pct(change, sizeof change, p->change_pct), reps, pv,
            p->tested ? (p->mwu.exact ? "exact" : "normal") : "-",
            fmt_pct(energy, sizeof energy, p->energy_change_pct), verdict);
}

static void print_geomean(FILE *f, const char *what, const tb_compare_geomean *g)
{
    if (g->n == 0)
        fprintf(f, "%s: no cell measured in both runs\n", what);
    else
        fprintf(f, "%s: %.4f (%+.1f%%) over %d cell%s\n", what, g->ratio, (g->ratio - 1) * 100,
                g->n, g->n == 1 ? "" : "s");
}

static void print_unpaired(FILE *f, const char *what, const cJSON *const *list, int n)
{
    if (n == 0)
        return;
    fprintf(f, "only in %s (%d):", what, n);
    for (int i = 0; i < n; i++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(list[i], "cell_id");
        fprintf(f, "%s %s", i ? "," : "", cJSON_IsString(id) ? id->valuestring : "-");
    }
    fputc('\n', f);
}

void tb_compare_print(FILE *f, const tb_compare *c, int only_notable)
{
    int width = 4;
    for (int i = 0; i < c->n_pairs; i++)
        width = (int)fmax(width, (double)strlen(c->pairs[i].cell_id));
    fprintf(f, "A = %s, B = %s\n", c->run_a, c->run_b);
    fprintf(f, "%-*s %-6s %12s %12s %8s %11s %7s %-6s %8s  %s\n", width, "cell", "tier",
            "A median", "B median", "change", "reps A/B", "p", "test", "energy", "verdict");
    int shown = 0;
    for (int i = 0; i < c->n_pairs; i++) {
        if (only_notable && !tb_compare_pair_notable(&c->pairs[i]))
            continue;
        print_pair(f, &c->pairs[i], width);
        shown++;
    }
    if (only_notable)
        fprintf(f, "(%d of %d paired cells shown: significant changes, estimates that moved "
                   "and status changes)\n", shown, c->n_pairs);
    fprintf(f, "change: B median latency vs A; p: two-sided Mann-Whitney U on the "
               "repetitions (exact or normal approximation); energy: energy_uJ change\n");
    print_geomean(f, "geomean B/A latency", &c->overall);
    for (int t = 0; t < c->n_tiers; t++) {
        char what[48];
        snprintf(what, sizeof what, "  %s", c->tiers[t].tier);
        print_geomean(f, what, &c->tiers[t]);
    }
    print_unpaired(f, "A", c->only_a, c->n_only_a);
    print_unpaired(f, "B", c->only_b, c->n_only_b);
    if (c->regressions)
        fprintf(f, "%d regression%s: slower by more than %g%% (significant at alpha %g, or "
                   "estimated), or a cell that broke\n",
                c->regressions, c->regressions == 1 ? "" : "s", c->opt.threshold_pct,
                c->opt.alpha);
    else
        fprintf(f, "no regression beyond %g%% at alpha %g\n", c->opt.threshold_pct,
                c->opt.alpha);
}
