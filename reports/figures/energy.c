/* Figure: energy per inference, per workload and per tier. */
#include "figure.h"
#include "record_get.h"

static int energy_uJ(const cJSON *r, double *v, int *estimated)
{
    *estimated = tb_rec_energy_estimated(r);
    return tb_rec_energy_uJ(r, v);
}

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    tb_csv_comment(csv, in, "energy per inference [uJ]; rows: workload, columns: target dtype", "records.jsonl");
    return tb_bars_per_tier(in, energy_uJ, "energy per inference [µJ]", csv, plot, rows, why, why_len);
}

const tb_figure tb_figure_energy = {
    "energy",
    "Energy per inference (µJ, log scale) for each workload on each target and dtype. Hatched "
    "bars come from an energy model (MCU run current x cycles, edge board power x latency, or "
    "per-operation energies on hosts; each record's energy_method says which); solid bars are measured (RAPL).",
    build,
};
