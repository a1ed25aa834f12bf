/* Clustered bars per workload and per target/dtype, the shape of the
 * latency and energy figures. Tiers differ by orders of magnitude (an MCU
 * takes milliseconds where a server takes microseconds), hence log y. */
#include "figure.h"

#include <stdlib.h>
#include <string.h>

#include "record_get.h"

enum { MAX_NAMES = 64 };

typedef struct {
    const char *target, *dtype, *tier;
    int estimated, measured;
} series;

static int find_workload(const char **w, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(w[i], name) == 0)
            return i;
    return -1;
}

static int find_series(const series *s, int n, const char *target, const char *dtype)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].target, target) == 0 && strcmp(s[i].dtype, dtype) == 0)
            return i;
    return -1;
}

static const char *mark(const series *s)
{
    if (s->estimated && s->measured)
        return " (partly est.)";
    return s->estimated ? " (est.)" : "";
}

int tb_bars_per_tier(const tb_figure_input *in,
                     int (*value)(const cJSON *r, double *v, int *estimated),
                     const char *ylabel, FILE *csv, FILE *plot, int *rows, char *why,
                     size_t why_len)
{
    const char *workloads[MAX_NAMES];
    series ser[MAX_NAMES];
    int nw = 0, ns = 0;
    const cJSON *r;
    double v;
    int est;
    cJSON_ArrayForEach(r, in->records) {
        const char *w = tb_rec_str(r, "workload"), *t = tb_rec_str(r, "target"),
                   *d = tb_rec_str(r, "dtype");
        if (!w || !t || !d || !value(r, &v, &est))
            continue;
        if (find_workload(workloads, nw, w) < 0 && nw < MAX_NAMES)
            workloads[nw++] = w;
        int s = find_series(ser, ns, t, d);
        if (s < 0 && ns < MAX_NAMES) {
            s = ns++;
            ser[s] = (series){t, d, tb_rec_str(r, "tier"), 0, 0};
        }
        if (s >= 0)
            *(est ? &ser[s].estimated : &ser[s].measured) = 1;
    }
    if (nw == 0) {
        snprintf(why, why_len, "no record with status ok has this value");
        return 1;
    }
    /* Stable within a tier: equal ranks keep first-appearance order. */
    series sorted[MAX_NAMES];
    memcpy(sorted, ser, (size_t)ns * sizeof *ser);
    for (int i = 1; i < ns; i++)
        for (int j = i; j > 0 && tb_tier_rank(sorted[j].tier) < tb_tier_rank(sorted[j - 1].tier);
             j--) {
            series tmp = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = tmp;
        }

    fprintf(csv, "workload");
    for (int s = 0; s < ns; s++) {
        char head[160];
        snprintf(head, sizeof head, "%s %s%s", sorted[s].target, sorted[s].dtype, mark(&sorted[s]));
        fputc(',', csv);
        tb_csv_string(csv, head);
    }
    fputc('\n', csv);
    for (int w = 0; w < nw; w++) {
        tb_csv_string(csv, workloads[w]);
        for (int s = 0; s < ns; s++) {
            fputc(',', csv);
            cJSON_ArrayForEach(r, in->records) {
                const char *rw = tb_rec_str(r, "workload"), *t = tb_rec_str(r, "target"),
                           *d = tb_rec_str(r, "dtype");
                if (rw && t && d && strcmp(rw, workloads[w]) == 0 &&
                    strcmp(t, sorted[s].target) == 0 && strcmp(d, sorted[s].dtype) == 0 &&
                    value(r, &v, &est)) {
                    fprintf(csv, "%.9g", v);
                    break;
                }
            }
        }
        fputc('\n', csv);
    }

    *rows = 10 + ns; /* the plot and a key above it, one entry per line at worst */
    fprintf(plot, "set style data histogram\nset style histogram clustered gap 1\n"
                  "set logscale y\nset format y \"10^{%%L}\"\nset ylabel ");
    tb_gp_quote(plot, ylabel);
    /* Workload specs are printed as written (noenhanced: '_' is not a
     * subscript), slanted when one is too long to sit under its cluster. */
    size_t longest = 0;
    for (int w = 0; w < nw; w++)
        longest = strlen(workloads[w]) > longest ? strlen(workloads[w]) : longest;
    fprintf(plot, "\nset xlabel \"workload\"\nset xtics noenhanced%s\nset grid ytics\n"
                  "set key outside top center horizontal\n",
            longest > 12 ? " rotate by -25 left" : "");
    fprintf(plot, "plot \\\n");
    for (int s = 0; s < ns; s++)
        fprintf(plot, "  data using %d%s title columnhead lt %d fs %s%s\n", s + 2,
                s == 0 ? ":xtic(1)" : "", s + 1,
                sorted[s].estimated ? "pattern 5 border" : "solid 0.85 border",
                s + 1 < ns ? ", \\" : "");
    return 0;
}
