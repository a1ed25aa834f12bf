/* Scratch size of tb_conv_s8_dsp, from the geometry alone (the CMSIS-NN
 * *_get_buffer_size convention). Plain C, linked by the host as well. */
#include "tb_conv_s8_dsp_plan.h"
#include "tb_kernels_dsp.h"

size_t tb_conv_s8_dsp_scratch_bytes(const tb_window *w)
{
    if (tb_conv_s8_dsp_in_place(w))
        return 0;
    /* im2col columns stay int8: the input offset is folded into the bias
     * (see tb_gemm_s8_dsp.h), so they need no widening to int16. */
    const size_t column = (size_t)w->filter.h * (size_t)w->filter.w * (size_t)w->input.c;
    return TB_CONV_DSP_COLUMNS * column;
}
