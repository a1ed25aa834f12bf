/* The host target: the workload compiled natively and run on one core of
 * this machine, the measured edge-CPU reference (targets/common/native_run.c
 * does the measuring). */
#include "native_run.h"
#include "tb_kernels_simd.h"

/* The kernels the host runs, chosen here and nowhere else: int8 on the
 * auto-vectorised set (bit-exact with the reference), fp32 on the reference. */
static const tb_native_kernels host_kernels = {&tb_kernels_s8_simd, &tb_kernels_f32_ref};

static void host_run(const tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                     tb_record *rec)
{
    (void)self;
    tb_native_run(cell, m, &host_kernels, rec);
}

const tb_target_ops tb_target_host = {
    .name = "host",
    .tier = "edge",
    .description = "this machine's CPU, native build, one core (measured)",
    .measured = 1,
    .run = host_run,
};
