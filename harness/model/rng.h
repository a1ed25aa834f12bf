/* The seeded generator behind every synthetic weight and input: splitmix64,
 * chosen because it is tiny, fast and fully specified, so the same seed gives
 * the same bytes on every machine. Uses no libm. */
#ifndef TB_RNG_H
#define TB_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t state;
} tb_rng;

static inline uint64_t tb_rng_next(tb_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) with 24 bits, exactly representable as float. */
static inline float tb_rng_uniform(tb_rng *r)
{
    return (float)(tb_rng_next(r) >> 40) * (1.0f / 16777216.0f);
}

/* Approximately standard normal: the sum of 12 uniforms minus 6 (mean 0,
 * variance 1), which needs no transcendental functions. */
static inline float tb_rng_normal(tb_rng *r)
{
    float s = 0.0f;
    for (int i = 0; i < 12; i++)
        s += tb_rng_uniform(r);
    return s - 6.0f;
}

#endif
