/* The quantised ADD's per-input terms as tables, for the optimised adds
 * (Cortex-M DSP, host SIMD): each int8 input has only 256 values, so its
 * term of the sum (offset, left shift and requantisation, in the reference
 * kernel's expression) is worked out once per call, and per element two
 * requantisations become one table load. */
#ifndef TB_ADD_TABLE_H
#define TB_ADD_TABLE_H

#include <stdint.h>

#include "tb_quant.h"

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

#endif
