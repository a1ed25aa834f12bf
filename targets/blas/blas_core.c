/* Core names as OpenBLAS's driver/others/dynamic.c (0.3.21) lists them,
 * grouped by the vector width of their SGEMM kernels. */
#include "blas_core.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *core;
    int lanes;
} cores[] = {
    {"SkylakeX", 16},  {"Cooperlake", 16}, {"SapphireRapids", 16},
    {"Haswell", 8},    {"Zen", 8},         {"Excavator", 8},
    {"Katmai", 4},     {"Coppermine", 4},  {"Northwood", 4},   {"Prescott", 4},
    {"Banias", 4},     {"Atom", 4},        {"Core2", 4},       {"Penryn", 4},
    {"Dunnington", 4}, {"Nehalem", 4},     {"Athlon", 4},      {"Opteron", 4},
    {"Opteron_SSE3", 4}, {"Barcelona", 4}, {"Nano", 4},        {"Bobcat", 4},
    {"Sandybridge", 4}, {"Bulldozer", 4},  {"Piledriver", 4},  {"Steamroller", 4},
};

int tb_blas_core_lanes(const char *core)
{
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++)
        if (strcmp(cores[i].core, core) == 0)
            return cores[i].lanes;
    return 0;
}

int tb_blas_core_check(const char *core, int cpu_lanes, char *why, size_t len)
{
    const int lanes = tb_blas_core_lanes(core);
    if (lanes == 0 || cpu_lanes == 0 || lanes >= cpu_lanes)
        return 0;
    snprintf(why, len,
             "OpenBLAS chose its %s kernels (%d fp32 lanes) on a CPU with %d-lane FMA (%s): "
             "this OpenBLAS does not know the CPU; run with OPENBLAS_CORETYPE=%s",
             core, lanes, cpu_lanes, cpu_lanes == 16 ? "avx512f" : "avx2+fma",
             cpu_lanes == 16 ? "SkylakeX" : "Haswell");
    return -1;
}
