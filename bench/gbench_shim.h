/* C interface to Google Benchmark: C code hands over a function and gets its
 * wall-clock time per call back as numbers, one per repetition, without
 * Google Benchmark printing anything or C code parsing its text output. */
#ifndef TB_GBENCH_SHIM_H
#define TB_GBENCH_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *name;
    void (*fn)(void *arg);   /* one timed call: e.g. one inference */
    void *arg;
    int repetitions;         /* >= 1: independent repetitions */
    double min_time_s;       /* minimum time per repetition (Google Benchmark's MinTime) */
    double warmup_s;         /* warm-up before measuring (MinWarmUpTime), 0 = none */
} tb_gb_case;

/* Runs the case; writes ns_per_iter[r] (wall-clock ns per call of
 * repetition r, caller provides `repetitions` doubles) and *iterations
 * (calls per repetition: Google Benchmark picks the count in the first
 * repetition and reuses it). Returns the number of repetitions filled, or -1
 * with a one-line reason in err (err may be NULL when err_len is 0).
 * Callable any number of times; not from several threads at once, because
 * Google Benchmark keeps its registry in process-wide state. */
int tb_gb_run(const tb_gb_case *c, double *ns_per_iter, int64_t *iterations,
              char *err, size_t err_len);

/* Google Benchmark's version string as known at build time, e.g. "1.7.1". */
const char *tb_gb_version(void);

#ifdef __cplusplus
}
#endif

#endif
