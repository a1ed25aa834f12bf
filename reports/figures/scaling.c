/* Figures: latency and energy against MACs for the parametric workloads
 * (several sizes of one workload in a run, e.g. gemm:shape=1..6), one line
 * per workload family, target and dtype, log-log. */
#include "figure.h"

#include <stdlib.h>
#include <string.h>

#include "record_get.h"

enum { MAX_POINTS = 64, MAX_SERIES = 32, BASE_LEN = 48 };

typedef struct {
    char base[BASE_LEN];
    const char *target, *dtype;
    int n, estimated;
    double macs[MAX_POINTS], value[MAX_POINTS];
    const char *workload[MAX_POINTS];
} series;

typedef int (*value_fn)(const cJSON *r, double *v, int *estimated);

/* "gemm:shape=6" -> "gemm"; a spec without parameters is its own family. */
static void family(const char *workload, char *base)
{
    size_t n = strcspn(workload, ":");
    n = n < BASE_LEN - 1 ? n : BASE_LEN - 1;
    memcpy(base, workload, n);
    base[n] = 0;
}

static series *find(series *s, int *n, const char *base, const char *target, const char *dtype)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(s[i].base, base) == 0 && strcmp(s[i].target, target) == 0 &&
            strcmp(s[i].dtype, dtype) == 0)
            return &s[i];
    if (*n == MAX_SERIES)
        return NULL;
    series *x = &s[(*n)++];
    memset(x, 0, sizeof *x);
    snprintf(x->base, sizeof x->base, "%s", base);
    x->target = target;
    x->dtype = dtype;
    return x;
}

static int draw(const tb_figure_input *in, value_fn value, const char *what, const char *ylabel,
                series *all, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    int n = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, in->records) {
        const char *w = tb_rec_str(r, "workload"), *t = tb_rec_str(r, "target"),
                   *d = tb_rec_str(r, "dtype");
        double macs, v;
        int est;
        if (!w || !t || !d || !tb_rec_num(r, "model.macs", &macs) || macs <= 0 ||
            !value(r, &v, &est) || v <= 0)
            continue;
        char base[BASE_LEN];
        family(w, base);
        series *s = find(all, &n, base, t, d);
        if (!s || s->n == MAX_POINTS)
            continue;
        int at = s->n++;
        for (; at > 0 && s->macs[at - 1] > macs; at--) {
            s->macs[at] = s->macs[at - 1];
            s->value[at] = s->value[at - 1];
            s->workload[at] = s->workload[at - 1];
        }
        s->macs[at] = macs;
        s->value[at] = v;
        s->workload[at] = w;
        s->estimated |= est;
    }
    tb_csv_comment(csv, in, what, "records.jsonl");
    fprintf(csv, "# one block per workload family, target and dtype (gnuplot: index i)\n");
    int blocks = 0;
    for (int i = 0; i < n; i++) {
        if (all[i].n < 2)
            continue;
        fprintf(csv, "%s# %s %s %s%s\n# macs,value,workload\n", blocks ? "\n\n" : "", all[i].base,
                all[i].target, all[i].dtype, all[i].estimated ? " (est.)" : "");
        for (int p = 0; p < all[i].n; p++) {
            fprintf(csv, "%.0f,%.9g,", all[i].macs[p], all[i].value[p]);
            tb_csv_string(csv, all[i].workload[p]);
            fputc('\n', csv);
        }
        blocks++;
    }
    *rows = 10 + blocks;
    if (blocks == 0) {
        snprintf(why, why_len, "the run has no workload at two or more sizes on one target "
                               "(run a parametric workload, e.g. -w gemm:shape=1 -w gemm:shape=4)");
        return 1;
    }
    fprintf(plot, "set logscale xy\nset format x \"10^{%%L}\"\nset format y \"10^{%%L}\"\n"
                  "set xlabel \"multiply-accumulates per inference [MAC]\"\nset ylabel ");
    tb_gp_quote(plot, ylabel);
    fprintf(plot, "\nset grid\nset xtics enhanced\nset key outside top center horizontal\n"
                  "plot \\\n");
    for (int i = 0, b = 0; i < n; i++) {
        if (all[i].n < 2)
            continue;
        char title[160];
        snprintf(title, sizeof title, "%s %s %s%s", all[i].base, all[i].target, all[i].dtype,
                 all[i].estimated ? " (est.)" : "");
        fprintf(plot, "  data index %d using 1:2 with linespoints lt %d pt %d title ", b, b + 1,
                all[i].estimated ? 6 : 7);
        tb_gp_quote(plot, title);
        fprintf(plot, "%s\n", ++b < blocks ? ", \\" : "");
    }
    return 0;
}

static int build(const tb_figure_input *in, value_fn value, const char *what, const char *ylabel,
                 FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    series *all = calloc(MAX_SERIES, sizeof *all);
    if (!all)
        abort();
    int rc = draw(in, value, what, ylabel, all, csv, plot, rows, why, why_len);
    free(all);
    return rc;
}

static int latency(const cJSON *r, double *v, int *estimated)
{
    *estimated = tb_rec_latency_estimated(r);
    return tb_rec_latency_ms(r, v);
}

static int energy(const cJSON *r, double *v, int *estimated)
{
    *estimated = tb_rec_energy_estimated(r);
    return tb_rec_energy_uJ(r, v);
}

static int build_latency(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why,
                         size_t why_len)
{
    return build(in, latency, "median latency [ms] against MACs per inference",
                 "latency per inference [ms]", csv, plot, rows, why, why_len);
}

static int build_energy(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why,
                        size_t why_len)
{
    return build(in, energy, "energy per inference [uJ] against MACs per inference",
                 "energy per inference [µJ]", csv, plot, rows, why, why_len);
}

const tb_figure tb_figure_scaling_latency = {
    "scaling_latency",
    "Scaling: median latency per inference (ms) against multiply-accumulates per inference, "
    "log-log, for every workload run at several sizes; one line per workload family, target "
    "and dtype. Open markers and (est.) are estimated; filled markers are measured.",
    build_latency,
};

const tb_figure tb_figure_scaling_energy = {
    "scaling_energy",
    "Scaling: energy per inference (µJ) against multiply-accumulates per inference, log-log; "
    "open markers and (est.) come from an energy model, filled markers are measured.",
    build_energy,
};
