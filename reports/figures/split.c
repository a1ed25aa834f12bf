/* Figure: split-point curves from placement/placement.json: end-to-end
 * latency when the network is cut after layer k, per workload, link and
 * pair of tiers (the Neurosurgeon view, Kang et al., ASPLOS 2017). */
#include "figure.h"

#include "record_get.h"

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    const cJSON *curves = tb_rec_get(in->placement, "split_curves");
    if (!in->placement || cJSON_GetArraySize(curves) == 0) {
        snprintf(why, why_len, in->placement ? "placement.json has no split curves"
                                             : "no placement computed (tierbench place RUN_DIR)");
        return 1;
    }
    tb_csv_comment(csv, in, "split after layer k: end-to-end latency [ms], device energy [uJ], "
                            "bytes sent at the cut (placement/placement.json)");
    fprintf(csv, "# one block per workload, link and tier pair (gnuplot: index i)\n");
    fprintf(plot, "set logscale y\nset xlabel \"split after layer k [layer index]\"\n"
                  "set ylabel \"end-to-end latency [ms]\"\nset grid\n"
                  "set key outside top center horizontal\nplot \\\n");
    int blocks = 0;
    const cJSON *c, *p;
    cJSON_ArrayForEach(c, curves) {
        const char *w = tb_rec_str(c, "workload"), *l = tb_rec_str(c, "link"),
                   *from = tb_rec_str(c, "from_tier"), *to = tb_rec_str(c, "to_tier");
        if (!w || !l || !from || !to || cJSON_GetArraySize(tb_rec_get(c, "points")) == 0)
            continue;
        fprintf(csv, "%s# %s over %s, %s to %s\n# k,latency_ms,device_energy_uJ,cut_bytes\n",
                blocks ? "\n\n" : "", w, l, from, to);
        cJSON_ArrayForEach(p, tb_rec_get(c, "points")) {
            double k, ms, uJ, bytes;
            if (!tb_rec_num(p, "k", &k) || !tb_rec_num(p, "latency_ms", &ms))
                continue;
            fprintf(csv, "%.0f,%.9g,", k, ms);
            if (tb_rec_num(p, "device_energy_uJ", &uJ))
                fprintf(csv, "%.9g", uJ);
            fputc(',', csv);
            if (tb_rec_num(p, "cut_bytes", &bytes))
                fprintf(csv, "%.0f", bytes);
            fputc('\n', csv);
        }
        char title[200];
        snprintf(title, sizeof title, "%s, %s, %s>%s", w, l, from, to);
        fprintf(plot, "%s  data index %d using 1:2 with linespoints lt %d pt %d title ",
                blocks ? ", \\\n" : "", blocks, blocks + 1, 4 + 2 * (blocks % 4));
        tb_gp_quote(plot, title);
        blocks++;
    }
    fputc('\n', plot);
    *rows = 10 + blocks;
    if (blocks == 0) {
        snprintf(why, why_len, "placement.json's split curves have no points");
        return 1;
    }
    return 0;
}

const tb_figure tb_figure_split = {
    "split",
    "Split-point curves: end-to-end latency (ms, log scale) when the network runs up to "
    "layer k on the first tier and the int8 activation at the cut is sent to the second, "
    "per workload, link and tier pair; device energy per k is in the data file. Model "
    "estimates from the run's per-layer profiles (tierbench place).",
    build,
};
