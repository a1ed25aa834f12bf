/* Figure: the latency-energy Pareto front of the placement options (all on
 * the device, edge or server, or split between tiers) for every workload and
 * link, from placement/placement.json (tierbench place). */
#include "figure.h"

#include "record_get.h"

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    const cJSON *fronts = tb_rec_get(in->placement, "pareto");
    if (!in->placement || cJSON_GetArraySize(fronts) == 0) {
        snprintf(why, why_len, in->placement ? "placement.json has no Pareto front"
                                             : "no placement computed (tierbench place RUN_DIR)");
        return 1;
    }
    tb_csv_comment(csv, in, "Pareto-optimal placements: end-to-end latency [ms] and device "
                            "energy [uJ] (placement/placement.json)");
    fprintf(csv, "# one block per workload and link (gnuplot: index i)\n");
    int blocks = 0;
    const cJSON *f, *o;
    fprintf(plot, "set logscale xy\nset xlabel \"end-to-end latency [ms]\"\n"
                  "set ylabel \"device energy per inference [µJ]\"\nset grid\n"
                  "set key outside top center horizontal\nplot \\\n");
    cJSON_ArrayForEach(f, fronts) {
        const char *w = tb_rec_str(f, "workload"), *l = tb_rec_str(f, "link");
        if (!w || !l || cJSON_GetArraySize(tb_rec_get(f, "points")) == 0)
            continue;
        fprintf(csv, "%s# %s over %s\n# latency_ms,device_energy_uJ,option,estimated\n",
                blocks ? "\n\n" : "", w, l);
        cJSON_ArrayForEach(o, tb_rec_get(f, "points")) {
            double ms, uJ;
            if (!tb_rec_num(o, "latency_ms", &ms) || !tb_rec_num(o, "device_energy_uJ", &uJ))
                continue;
            fprintf(csv, "%.9g,%.9g,", ms, uJ);
            tb_csv_text(csv, tb_rec_str(o, "name") ? tb_rec_str(o, "name") : "-");
            fprintf(csv, ",%d\n", cJSON_IsTrue(tb_rec_get(o, "estimated")));
        }
        char title[200];
        snprintf(title, sizeof title, "%s, %s", w, l);
        fprintf(plot, "%s  data index %d using 1:2 with linespoints lt %d pt %d title ",
                blocks ? ", \\\n" : "", blocks, blocks + 1, 4 + 2 * (blocks % 4));
        tb_gp_quote(plot, title);
        blocks++;
    }
    fputc('\n', plot);
    *rows = 10 + blocks;
    if (blocks == 0) {
        snprintf(why, why_len, "placement.json's Pareto fronts have no points");
        return 1;
    }
    return 0;
}

const tb_figure tb_figure_pareto = {
    "pareto",
    "Latency-energy Pareto front of the placements (all on the device, all on the edge or "
    "server with the input uploaded, or split after layer k), one line per workload and "
    "link, log-log: end-to-end latency (compute + transfer + round trip, ms) against the "
    "device's energy (compute + radio, µJ). Options are model estimates built on the run's "
    "per-layer profiles (tierbench place; docs/placement.md).",
    build,
};
