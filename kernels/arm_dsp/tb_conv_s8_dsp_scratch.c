/* Scratch size of tb_conv_s8_dsp, from the geometry alone (the CMSIS-NN
 * *_get_buffer_size convention). Plain C, linked by the host as well. */
#include "tb_conv_s8_dsp_plan.h"
#include "tb_kernels_dsp.h"

size_t tb_conv_s8_dsp_scratch_bytes(const tb_window *w)
{
    return tb_conv_dsp_scratch_bytes(w);
}
