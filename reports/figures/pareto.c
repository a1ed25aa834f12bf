/* Figure: the latency-energy Pareto front of the placement options (all on
 * the device, edge or server, or split between tiers) for every workload and
 * link, from placement/placement.json (tierbench place). */
#include "placement_panels.h"
#include "record_get.h"

static void point(const cJSON *o, FILE *csv)
{
    double ms, uJ;
    if (!tb_rec_num(o, "latency_ms", &ms) || !tb_rec_num(o, "device_energy_uJ", &uJ))
        return;
    fprintf(csv, "%.9g,%.9g,", ms, uJ);
    tb_csv_string(csv, tb_rec_str(o, "name") ? tb_rec_str(o, "name") : "-");
    fprintf(csv, ",%d\n", cJSON_IsTrue(tb_rec_get(o, "estimated")));
}

static const tb_panel_spec spec = {
    "Pareto-optimal placements: end-to-end latency [ms] and device energy [uJ] "
    "(placement/placement.json)",
    "# latency_ms,device_energy_uJ,option,estimated",
    "set logscale xy\nset xlabel \"end-to-end latency [ms]\"\n"
    "set ylabel \"device energy [µJ]\"\nset format y \"10^{%L}\"",
    "1:2",
    point,
    NULL,
};

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why,
                 size_t why_len)
{
    return tb_placement_panels(in, "pareto", &spec, csv, plot, rows, why, why_len);
}

const tb_figure tb_figure_pareto = {
    "pareto",
    "Latency-energy Pareto front of the placements (all on the device, all on the edge or "
    "server with the input uploaded, or split after layer k), one panel per workload and "
    "one line per link, log-log: end-to-end latency (compute + transfer + round trip, ms) "
    "against the device's energy (compute + radio, µJ). Options are model estimates built "
    "on the run's per-layer profiles (tierbench place; docs/placement.md).",
    build,
};
