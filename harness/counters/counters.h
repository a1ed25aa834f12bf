/* Hardware event counts (instructions, cycles, cache misses) per call of a
 * function, through PAPI where the machine has a usable PMU. Where it has
 * none, the result says so with a reason instead of failing. */
#ifndef TB_COUNTERS_H
#define TB_COUNTERS_H

#include <stddef.h>

typedef enum {
    TB_CTR_INSTRUCTIONS, /* PAPI_TOT_INS: instructions retired */
    TB_CTR_CYCLES,       /* PAPI_TOT_CYC: core cycles */
    TB_CTR_L1D_MISSES,   /* PAPI_L1_DCM: level-1 data cache misses */
    TB_CTR_L2_MISSES,    /* PAPI_L2_DCM: level-2 data cache misses */
    TB_CTR_COUNT
} tb_counter_id;

typedef struct {
    int available;                  /* 1 when at least one counter was read */
    char reason[200];               /* why counters are missing (when !available, or which ones are missing) */
    int have[TB_CTR_COUNT];         /* per counter: 1 when measured */
    double per_call[TB_CTR_COUNT];  /* counts per call of fn, averaged over `calls` */
} tb_counters;

/* "instructions", "cycles", "l1d_misses", "l2_misses"; NULL for an id out of range. */
const char *tb_counter_name(tb_counter_id id);

/* Runs fn(arg) `calls` times inside one PAPI event set holding each of the
 * four events the machine supports, and reports counts per call (user-space
 * only). Never fails hard: when PAPI cannot count (library init failure, no
 * hardware counters, perf_event_paranoid, no event addable) fn still runs
 * `calls` times and out says available=0 with the reason. The environment
 * variable TB_PAPI_DISABLE=1 forces that fallback, so it can be tested on
 * machines that do have counters. Not for concurrent use from several threads. */
void tb_counters_measure(void (*fn)(void *arg), void *arg, int calls, tb_counters *out);

/* One line describing what this machine can count, for `tierbench info`. */
void tb_counters_describe(char *out, size_t len);

#endif
