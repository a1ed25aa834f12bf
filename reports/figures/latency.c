/* Figure: median latency per inference, per workload and per tier. */
#include "figure.h"
#include "record_get.h"

static int latency_ms(const cJSON *r, double *v, int *estimated)
{
    *estimated = tb_rec_latency_estimated(r);
    return tb_rec_latency_ms(r, v);
}

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    tb_csv_comment(csv, in, "median latency per inference [ms]; rows: workload, columns: target dtype", "records.jsonl");
    return tb_bars_per_tier(in, latency_ms, "latency per inference [ms]", csv, plot, rows, why, why_len);
}

const tb_figure tb_figure_latency = {
    "latency",
    "Median latency per inference (ms, log scale) for each workload on each target and dtype, "
    "ordered by tier (MCU, edge, server). Hatched bars are estimated by a model (the MCU and edge "
    "cycle models); solid bars are measured.",
    build,
};
