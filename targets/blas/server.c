/* The server target: the fp32 model on OpenBLAS with all cores (or
 * --threads), measured like the host (targets/common/native_run.c), plus
 * the efficiency block: GFLOP/s and GB/s against this CPU's fp32 peak, a
 * measured SGEMM ceiling and a measured triad bandwidth (docs/server.md). */
#include <cblas.h>
#include <stdio.h>
#include <unistd.h>

#include "blas_core.h"
#include "ceilings.h"
#include "cpu_peak.h"
#include "efficiency.h"
#include "firmware_build.h"
#include "native_run.h"
#include "tb_kernels_blas.h"

static const tb_native_kernels server_kernels = {NULL, &tb_kernels_f32_blas};

static int server_available(const tb_target_ops *self, char *reason, size_t len)
{
    (void)self;
    return tb_blas_core_check(openblas_get_corename(), tb_cpu_fp32_lanes_here(), reason, len);
}

static void server_run(const tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                       tb_record *rec)
{
    (void)self;
    const long online = sysconf(_SC_NPROCESSORS_ONLN);
    openblas_set_num_threads(cell->threads > 0 ? cell->threads : online > 0 ? (int)online : 1);
    rec->threads = openblas_get_num_threads();

    char why[256], table[1100];
    const tb_ceilings *c;
    if (tb_ceilings_get(rec->threads, cell->run_dir, &c, why, sizeof why) != 0) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", why);
        return;
    }
    tb_native_run(cell, m, &server_kernels, rec);
    /* The set's name and the kernels OpenBLAS picked for this CPU. */
    snprintf(rec->backend, sizeof rec->backend, "%s:%s", tb_kernels_f32_blas.name,
             openblas_get_corename());
    if (rec->status != TB_STATUS_OK)
        return;
    tb_cpu_peak peak;
    snprintf(table, sizeof table, "%s/targets/blas/cpu_peak.table", tb_source_dir());
    /* More threads than cores add no FMA units. */
    tb_cpu_peak_compute(table, online > 0 && online < rec->threads ? (int)online : rec->threads,
                        &peak);
    tb_efficiency_fill(m, c, &peak, rec);
}

const tb_target_ops tb_target_server = {
    .name = "server",
    .tier = "server",
    .description = "this machine's CPU, fp32 on OpenBLAS, all cores or --threads (measured)",
    .measured = 1,
    .dtypes = 1u << TB_DTYPE_FP32,
    .available = server_available,
    .run = server_run,
};
