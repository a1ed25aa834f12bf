/* int8 elementwise add (TFLite's quantised ADD), vectorised: each input's
 * term from a table of the reference's own terms (tb_add_table.h), and per
 * element two table loads (which GCC inserts into vectors lane by lane)
 * and the output's requantisation in tb_quant.h's fast form, which gives
 * the same bytes where its conditions hold and which GCC vectorises. */
#include "tb_add_table.h"
#include "tb_kernels_simd.h"
#include "tb_simd.h"


tb_status tb_add_s8_simd(const tb_add_params_s8 *p, int32_t count, const int8_t *a,
                         const int8_t *b, int8_t *output)
{
    if (count < 0 || p->left_shift < 0 || p->left_shift > 30)
        return TB_ERR_ARG;
    tb_requant_fast fo;
    if (count < TB_ADD_TABLE_MIN_COUNT ||
        !tb_requant_fast_init(&fo, p->output_mult, p->output_shift, p->output_offset))
        return tb_add_s8(p, count, a, b, output);
    int32_t t1[256], t2[256];
    if (tb_add_tables_doubled(p, t1, t2) != 0)
        return tb_add_s8(p, count, a, b, output);
    const int32_t lo = p->act_min, hi = p->act_max;
    for (int32_t i = 0; i < count; i++)
        output[i] = (int8_t)tb_clamp_i32(
            tb_requantize_fast(t1[(uint8_t)a[i]] + t2[(uint8_t)b[i]], &fo), lo, hi);
    return TB_OK;
}
