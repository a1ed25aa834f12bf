/* Small helpers for bare-metal kernel test firmware: a seeded PRNG and
 * decimal printing over semihosting (no printf: newlib's would pull in
 * malloc and system calls the firmware does not provide). */
#ifndef TB_FW_TEST_UTIL_H
#define TB_FW_TEST_UTIL_H

#include <stdint.h>

#include "semihost.h"

/* xorshift32: deterministic, so a failing case repeats from its seed. */
typedef struct {
    uint32_t s;
} fw_rng;

static inline uint32_t fw_rng_next(fw_rng *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return r->s = x;
}

/* Uniform in [lo, hi] (modulo bias is irrelevant for test coverage). */
static inline int32_t fw_urand(fw_rng *r, int32_t lo, int32_t hi)
{
    return (int32_t)((int64_t)lo + fw_rng_next(r) % (uint32_t)((int64_t)hi - lo + 1));
}

static inline void fw_fill_s8(fw_rng *r, int8_t *p, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        p[i] = (int8_t)fw_rng_next(r);
}

/* Appends v in decimal to line at *n. */
static inline void fw_put_int(char *line, int *n, int64_t v)
{
    char digits[24];
    int k = 0;
    uint64_t u = v < 0 ? (uint64_t)-v : (uint64_t)v;
    do
        digits[k++] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        line[(*n)++] = '-';
    while (k)
        line[(*n)++] = digits[--k];
}

static inline void fw_put_str(char *line, int *n, const char *s)
{
    while (*s)
        line[(*n)++] = *s++;
}

#endif
