/* Figure: split-point curves from placement/placement.json: end-to-end
 * latency when the network is cut after layer k, per workload, link and
 * pair of tiers (the Neurosurgeon view, Kang et al., ASPLOS 2017). */
#include <stdio.h>

#include "placement_panels.h"
#include "record_get.h"

static void point(const cJSON *p, FILE *csv)
{
    double k, ms, uJ, bytes;
    if (!tb_rec_num(p, "k", &k) || !tb_rec_num(p, "latency_ms", &ms))
        return;
    fprintf(csv, "%.0f,%.9g,", k, ms);
    if (tb_rec_num(p, "device_energy_uJ", &uJ))
        fprintf(csv, "%.9g", uJ);
    fputc(',', csv);
    if (tb_rec_num(p, "cut_bytes", &bytes))
        fprintf(csv, "%.0f", bytes);
    fputc('\n', csv);
}

/* "tier:target>tier:target". */
static int tier_pair(const cJSON *item, char *out, size_t n)
{
    const char *from = tb_rec_str(item, "from_tier"), *to = tb_rec_str(item, "to_tier");
    if (!from || !to)
        return -1;
    snprintf(out, n, "%s>%s", from, to);
    return 0;
}

static const tb_panel_spec spec = {
    "split after layer k: end-to-end latency [ms], device energy [uJ], bytes sent at the cut "
    "(placement/placement.json)",
    "# k,latency_ms,device_energy_uJ,cut_bytes",
    "set logscale y\nset xlabel \"split after layer k [layer index]\"\n"
    "set ylabel \"end-to-end latency [ms]\"\nset format y \"10^{%L}\"",
    "1:2",
    point,
    tier_pair,
};

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why,
                 size_t why_len)
{
    return tb_placement_panels(in, "split_curves", &spec, csv, plot, rows, why, why_len);
}

const tb_figure tb_figure_split = {
    "split",
    "Split-point curves: end-to-end latency (ms, log scale) when the network runs up to "
    "layer k on the first tier and the int8 activation at the cut is sent to the second, "
    "one panel per workload, one line per link (and tier pair); device energy per k is in "
    "the data file. Model estimates from the run's per-layer profiles (tierbench place).",
    build,
};
