/* How tb_conv_s8_dsp runs a geometry, shared by the kernel and its scratch
 * query. Plain C: the host compiles the query to size firmware buffers. */
#ifndef TB_CONV_S8_DSP_PLAN_H
#define TB_CONV_S8_DSP_PLAN_H

#include "tb_kernels.h"

/* Output pixels whose im2col columns are built at a time: two, the column
 * count of the matrix-multiply tile, so every weight word loaded serves two
 * pixels; more would only grow the scratch. */
enum { TB_CONV_DSP_COLUMNS = 2 };

/* A 1x1, stride 1, unpadded convolution whose output covers its input is a
 * matrix product of the input tensor as it lies in memory: no im2col. */
static inline int tb_conv_s8_dsp_in_place(const tb_window *w)
{
    return w->filter.h == 1 && w->filter.w == 1 && w->stride_h == 1 && w->stride_w == 1 &&
           w->pad_top == 0 && w->pad_left == 0 && w->output.h == w->input.h &&
           w->output.w == w->input.w;
}

#endif
