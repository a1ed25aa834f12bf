/* Which kernels OpenBLAS runs. A DYNAMIC_ARCH OpenBLAS (Debian's) picks
 * them by CPUID when it loads; a release older than the CPU falls back to
 * its generic SSE3 kernels (Debian 12's 0.3.21 does so on Emerald Rapids),
 * which would make every server number a measurement of the wrong code.
 * OPENBLAS_CORETYPE, read when the library loads, overrides the choice. */
#ifndef TB_BLAS_CORE_H
#define TB_BLAS_CORE_H

#include <stddef.h>

/* fp32 lanes of the FMA kernels OpenBLAS's core `core` uses (16 AVX-512,
 * 8 AVX2+FMA, 4 older), or 0 for a name this table does not know. */
int tb_blas_core_lanes(const char *core);

/* 0 when kernels of OpenBLAS core `core` use the widest vectors of a CPU
 * with cpu_lanes fp32 FMA lanes (tb_cpu_fp32_lanes), or when either is
 * unknown; else -1 with the problem and the OPENBLAS_CORETYPE that fixes it. */
int tb_blas_core_check(const char *core, int cpu_lanes, char *why, size_t len);

#endif
