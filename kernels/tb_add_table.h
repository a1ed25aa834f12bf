/* The quantised ADD's per-input terms as tables, for the optimised adds
 * (Cortex-M DSP, host SIMD): each int8 input has only 256 values, so its
 * term of the sum (offset, left shift and requantisation, in the reference
 * kernel's expression) is worked out once per call, and per element two
 * requantisations become one table load. */
#ifndef TB_ADD_TABLE_H
#define TB_ADD_TABLE_H

#include <stdint.h>

#include "tb_kernels.h"
#include "tb_quant.h"

/* Below this many elements the two 256-entry tables cost more than they
 * save (each entry is one reference requantisation; each element saves
 * two): the optimised adds run the reference instead. */
enum { TB_ADD_TABLE_MIN_COUNT = 256 };

/* table[(uint8_t)v] = an input byte v's term, for every int8 v; returns
 * the largest term's size. */
static inline int64_t tb_add_term_table(int32_t table[256], int32_t offset, int32_t left_shift,
                                        int32_t mult, int32_t shift)
{
    int64_t max = 0;
    for (int32_t v = INT8_MIN; v <= INT8_MAX; v++) {
        const int32_t t = tb_requantize((v + offset) * (1 << left_shift), mult, shift);
        table[(uint8_t)v] = t;
        max = t < 0 && -(int64_t)t > max ? -(int64_t)t : t > max ? t : max;
    }
    return max;
}

/* Both inputs' term tables, doubled for tb_requantize_fast (which takes
 * sums doubled). 0, or -1 when a sum could reach 2^30, whose double would
 * not fit: then the reference kernel must run. */
static inline int tb_add_tables_doubled(const tb_add_params_s8 *p, int32_t t1[256],
                                        int32_t t2[256])
{
    const int64_t most1 =
        tb_add_term_table(t1, p->input1_offset, p->left_shift, p->input1_mult, p->input1_shift);
    const int64_t most2 =
        tb_add_term_table(t2, p->input2_offset, p->left_shift, p->input2_mult, p->input2_shift);
    if (most1 + most2 >= ((int64_t)1 << 30))
        return -1;
    for (int32_t i = 0; i < 256; i++) {
        t1[i] *= 2;
        t2[i] *= 2;
    }
    return 0;
}

#endif
