/* Enumerating options and choosing among them. Options that cannot run are
 * listed with their reason rather than dropped, so a reader sees why the
 * device is missing from a table (a model that fits no MCU, for one). */
#include "decide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void exclude(tb_decision *d, const char *option, const char *reason, int constraint)
{
    d->excluded = realloc(d->excluded, (size_t)(d->n_excluded + 1) * sizeof *d->excluded);
    tb_exclusion *e = &d->excluded[d->n_excluded++];
    snprintf(e->option, sizeof e->option, "%s", option);
    snprintf(e->reason, sizeof e->reason, "%s", reason);
    e->constraint = constraint;
}

static void add(tb_decision *d, const tb_place_workload *w, const tb_placement *p,
                const tb_link *access, const tb_link *backhaul)
{
    d->options = realloc(d->options, (size_t)(d->n_options + 1) * sizeof *d->options);
    tb_place_evaluate(w, p, access, backhaul, &d->options[d->n_options++]);
}

/* Why an option whose work starts on tier t cannot be costed; NULL if it can. */
static const char *transfer_unknown(const tb_place_workload *w, tb_tier first, tb_tier last)
{
    if (last != TB_TIER_DEVICE && !w->out_bytes)
        return "the records give no layer output shapes, so the result size is unknown";
    if (first != TB_TIER_DEVICE && w->input_bytes < 0)
        return w->input_reason;
    return NULL;
}

static void add_splits(tb_decision *d, const tb_place_workload *w, const tb_tier_profile *a,
                       const tb_tier_profile *b, const tb_link *access, const tb_link *backhaul)
{
    char family[TB_OPTION_NAME_LEN], why[420];
    snprintf(family, sizeof family, "split:%s>%s@k=*", a->target, b->target);
    const char *unknown = transfer_unknown(w, a->tier, b->tier);
    if (w->n_layers < 2) {
        exclude(d, family, "the workload has one layer: there is no cut point", 0);
    } else if (a->n_layers != w->n_layers || b->n_layers != w->n_layers) {
        snprintf(why, sizeof why, "no per-layer times in the %s record",
                 a->n_layers != w->n_layers ? a->target : b->target);
        exclude(d, family, why, 0);
    } else if (unknown) {
        exclude(d, family, unknown, 0);
    } else {
        for (int k = 0; k + 1 < w->n_layers; k++)
            add(d, w, &(tb_placement){a, b, k}, access, backhaul);
    }
}

void tb_place_options(const tb_place_workload *w, const tb_link *access, const tb_link *backhaul,
                      tb_decision *d)
{
    memset(d, 0, sizeof *d);
    d->best = d->runner_up = -1;
    for (int i = 0; i < w->n_tiers; i++) {
        const tb_tier_profile *p = &w->tiers[i];
        char name[TB_OPTION_NAME_LEN];
        snprintf(name, sizeof name, "%s:%s", tb_tier_label(p->tier), p->target);
        const char *unknown = transfer_unknown(w, p->tier, p->tier);
        if (!p->usable)
            exclude(d, name, p->reason, 0);
        else if (unknown)
            exclude(d, name, unknown, 0);
        else
            add(d, w, &(tb_placement){p, NULL, 0}, access, backhaul);
    }
    for (int i = 0; i < w->n_tiers; i++)
        for (int j = 0; j < w->n_tiers; j++)
            if (w->tiers[i].usable && w->tiers[j].usable && w->tiers[i].tier < w->tiers[j].tier)
                add_splits(d, w, &w->tiers[i], &w->tiers[j], access, backhaul);
}

static const tb_constraints *sort_by; /* qsort has no context argument */

static int compare(const tb_option *a, const tb_option *b)
{
    double x[2] = {a->latency_ms, a->device_uJ}, y[2] = {b->latency_ms, b->device_uJ};
    int first = sort_by->objective == TB_OBJECTIVE_ENERGY;
    for (int i = 0; i < 2; i++) {
        int m = (first + i) % 2;
        if (x[m] != y[m])
            return x[m] < y[m] ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

/* How far an option is from meeting the constraints: 1 or less meets them. */
static double overshoot(const tb_option *o, const tb_constraints *c)
{
    double worst = 0;
    if (c->deadline_ms >= 0)
        worst = o->latency_ms / (c->deadline_ms > 0 ? c->deadline_ms : 1e-300);
    if (c->budget_uJ >= 0) {
        double e = o->device_uJ / (c->budget_uJ > 0 ? c->budget_uJ : 1e-300);
        worst = e > worst ? e : worst;
    }
    return worst;
}

static const tb_decision *ranking;

static int by_rank(const void *a, const void *b)
{
    const tb_option *x = &ranking->options[*(const int *)a], *y = &ranking->options[*(const int *)b];
    double ox = overshoot(x, sort_by), oy = overshoot(y, sort_by);
    int mx = ox <= 1, my = oy <= 1;
    if (mx != my)
        return my - mx;
    if (!mx && ox != oy)
        return ox < oy ? -1 : 1;
    return compare(x, y);
}

static void explain_misses(tb_decision *d, const tb_constraints *c)
{
    for (int i = 0; i < d->n_options; i++) {
        const tb_option *o = &d->options[i];
        char why[420] = "";
        if (c->deadline_ms >= 0 && o->latency_ms > c->deadline_ms)
            snprintf(why, sizeof why, "misses the %g ms deadline: %.4g ms", c->deadline_ms,
                     o->latency_ms);
        if (c->budget_uJ >= 0 && o->device_uJ > c->budget_uJ) {
            size_t used = strlen(why);
            snprintf(why + used, sizeof why - used, "%sover the %g uJ device energy budget: %.4g uJ",
                     used ? "; " : "", c->budget_uJ, o->device_uJ);
        }
        if (*why)
            exclude(d, o->name, why, 1);
    }
}

static void note_no_option_meets(tb_decision *d, const tb_constraints *c)
{
    int fastest = 0, thriftiest = 0;
    for (int i = 1; i < d->n_options; i++) {
        if (d->options[i].latency_ms < d->options[fastest].latency_ms)
            fastest = i;
        if (d->options[i].device_uJ < d->options[thriftiest].device_uJ)
            thriftiest = i;
    }
    char what[200];
    if (c->deadline_ms >= 0 && c->budget_uJ >= 0)
        snprintf(what, sizeof what, "both the %g ms deadline and the %g uJ device energy budget",
                 c->deadline_ms, c->budget_uJ);
    else if (c->deadline_ms >= 0)
        snprintf(what, sizeof what, "the %g ms deadline", c->deadline_ms);
    else
        snprintf(what, sizeof what, "the %g uJ device energy budget", c->budget_uJ);
    snprintf(d->note, sizeof d->note,
             "NO OPTION MEETS %s: the fastest, %s, takes %.4g ms; the lowest device energy, "
             "%s, is %.4g uJ; 'best' is the closest option, not a feasible one",
             what, d->options[fastest].name, d->options[fastest].latency_ms,
             d->options[thriftiest].name, d->options[thriftiest].device_uJ);
}

static void pareto_front(tb_decision *d)
{
    d->pareto = calloc((size_t)d->n_options + 1, sizeof *d->pareto);
    for (int i = 0; i < d->n_options; i++) {
        const tb_option *a = &d->options[i];
        int dominated = 0;
        for (int j = 0; j < d->n_options && !dominated; j++) {
            const tb_option *b = &d->options[j];
            dominated = b->latency_ms <= a->latency_ms && b->device_uJ <= a->device_uJ &&
                        (b->latency_ms < a->latency_ms || b->device_uJ < a->device_uJ);
        }
        if (!dominated)
            d->pareto[d->n_pareto++] = i;
    }
    static const tb_constraints latency_first = {TB_OBJECTIVE_LATENCY, -1, -1};
    sort_by = &latency_first;
    ranking = d;
    qsort(d->pareto, (size_t)d->n_pareto, sizeof *d->pareto, by_rank);
}

void tb_place_decide(const tb_place_workload *w, const tb_link *access, const tb_link *backhaul,
                     const tb_constraints *c, tb_decision *d)
{
    tb_place_options(w, access, backhaul, d);
    if (d->n_options == 0) {
        snprintf(d->note, sizeof d->note, "no option can run: every tier is excluded");
        return;
    }
    int *order = calloc((size_t)d->n_options, sizeof *order);
    for (int i = 0; i < d->n_options; i++)
        order[i] = i;
    sort_by = c;
    ranking = d;
    qsort(order, (size_t)d->n_options, sizeof *order, by_rank);
    d->best = order[0];
    d->runner_up = d->n_options > 1 ? order[1] : -1;
    d->meets = overshoot(&d->options[d->best], c) <= 1;
    if (!d->meets)
        note_no_option_meets(d, c);
    free(order);
    explain_misses(d, c);
    pareto_front(d);
}

void tb_decision_free(tb_decision *d)
{
    free(d->options);
    free(d->excluded);
    free(d->pareto);
    memset(d, 0, sizeof *d);
}
