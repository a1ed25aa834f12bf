/* This machine's fp32 peak: vector lanes from the CPU flags, FMA units and
 * clock from cpu_peak.table (a data file with sources), cores as used. */
#ifndef TB_CPU_PEAK_H
#define TB_CPU_PEAK_H

#include <stddef.h>

typedef struct {
    double gflop_s;   /* <= 0: unknown, source says why */
    char source[512]; /* the formula with its numbers, or why there is none */
} tb_cpu_peak;

/* fp32 lanes of the widest vector FMA the flags (a /proc/cpuinfo flags
 * line) allow: 16 with avx512f, 8 with avx2 and fma, else 0 (no vector
 * FMA this table models). */
int tb_cpu_fp32_lanes(const char *flags);
/* The same for this machine. */
int tb_cpu_fp32_lanes_here(void);

/* Peak of `cores` cores of this CPU, from /proc/cpuinfo and the table at
 * table_path. Always fills out; gflop_s <= 0 when something is unknown. */
void tb_cpu_peak_compute(const char *table_path, int cores, tb_cpu_peak *out);

/* The same from given facts (what /proc/cpuinfo says), for tests. */
void tb_cpu_peak_for(const char *table_path, const char *vendor, int family, int model,
                     const char *flags, double cpuinfo_mhz, int cores, tb_cpu_peak *out);

#endif
