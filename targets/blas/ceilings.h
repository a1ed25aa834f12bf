/* Measured ceilings of this machine, the yardsticks of the server tier's
 * efficiency figures: a large square SGEMM (what the BLAS reaches at best)
 * and a STREAM-triad-style bandwidth (what memory delivers). Both run with
 * the given number of threads and report the best of their repetitions, as
 * STREAM does. Sizes are parameters so tests can keep them cheap. */
#ifndef TB_CEILINGS_H
#define TB_CEILINGS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int threads;
    int sgemm_n;              /* square size of the SGEMM */
    double sgemm_gflop_s;     /* 2 n^3 / best time */
    size_t triad_array_bytes; /* bytes of each of the three arrays */
    double triad_gb_s;        /* 3 x array bytes / best time (STREAM's count) */
} tb_ceilings;

/* GFLOP/s of C = A.B with n x n fp32 matrices on the BLAS's current thread
 * count, best of reps; -1 when memory runs out. */
double tb_probe_sgemm_gflop_s(int n, int reps);
/* GB/s of a[i] = b[i] + s * c[i] over fp32 arrays of array_bytes each,
 * split over `threads` threads, each touching its own part first; best of
 * reps; -1 when memory or threads run out. */
double tb_probe_triad_gb_s(size_t array_bytes, int threads, int reps);

/* The ceilings for `threads` threads (it sets OpenBLAS's thread count to
 * that), measured once per run: kept in the process and, when cache_dir is
 * not NULL (the run folder), in a file there, since every cell of a run
 * runs in a worker process of its own. Sizes: $TB_PROBE_SGEMM_N (default
 * 4096) and $TB_PROBE_TRIAD_MIB (default 4 x the last-level cache, STREAM's
 * rule, or 1024 MiB when the cache size is unknown); they are part of the
 * file's name, so other sizes measure afresh. 0, or -1 with why. */
int tb_ceilings_get(int threads, const char *cache_dir, const tb_ceilings **out, char *why,
                    size_t len);

#endif
