/* A server record's efficiency block: achieved GFLOP/s and GB/s against
 * the fp32 peak, the measured SGEMM ceiling and the triad bandwidth. */
#ifndef TB_EFFICIENCY_H
#define TB_EFFICIENCY_H

#include "ceilings.h"
#include "cpu_peak.h"
#include "model.h"
#include "record.h"

/* Fills rec->efficiency from the model's FLOPs and bytes (fp32) and the
 * median latency already in rec; needs rec->have_latency. */
void tb_efficiency_fill(const tb_model *m, const tb_ceilings *c, const tb_cpu_peak *peak,
                        tb_record *rec);

#endif
