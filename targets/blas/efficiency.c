/* Roofline-style bookkeeping (Williams, Waterman, Patterson, CACM 52(4),
 * 2009): a cell is memory-bound when its arithmetic intensity (FLOPs per
 * compulsory byte) is below the machine balance, here the measured SGEMM
 * ceiling over the measured triad bandwidth. */
#include "efficiency.h"

#include <stdio.h>

void tb_efficiency_fill(const tb_model *m, const tb_ceilings *c, const tb_cpu_peak *peak,
                        tb_record *rec)
{
    tb_efficiency *e = &rec->efficiency;
    const double s = rec->latency_ns.median * 1e-9;
    e->flops = (double)tb_graph_flops(&m->graph);
    e->bytes = (double)tb_graph_bytes(&m->graph, TB_DTYPE_FP32);
    e->gflop_s = s > 0 ? e->flops / s * 1e-9 : 0;
    e->gb_s = s > 0 ? e->bytes / s * 1e-9 : 0;
    e->peak_gflop_s = peak->gflop_s;
    snprintf(e->peak_source, sizeof e->peak_source, "%s", peak->source);
    e->sgemm_ceiling_gflop_s = c->sgemm_gflop_s;
    e->stream_triad_gb_s = c->triad_gb_s;
    e->pct_peak = peak->gflop_s > 0 ? 100.0 * e->gflop_s / peak->gflop_s : -1;
    e->pct_sgemm_ceiling = 100.0 * e->gflop_s / c->sgemm_gflop_s;
    e->pct_stream = 100.0 * e->gb_s / c->triad_gb_s;
    const double intensity = e->bytes > 0 ? e->flops / e->bytes : 0;
    snprintf(e->bound, sizeof e->bound, "%s",
             intensity < c->sgemm_gflop_s / c->triad_gb_s ? "memory" : "compute");
    rec->have_efficiency = 1;
}
