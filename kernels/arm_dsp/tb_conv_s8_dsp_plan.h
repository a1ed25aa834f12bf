/* How tb_conv_s8_dsp runs a geometry, shared by the kernel and its scratch
 * query. Plain C: the host compiles the query to size firmware buffers. */
#ifndef TB_CONV_S8_DSP_PLAN_H
#define TB_CONV_S8_DSP_PLAN_H

#include "tb_kernels.h"

/* Output channels a layer run by column pairs takes per block
 * (tb_gemm_block_dsp): what depends only on the channel is laid out once
 * per block, on the stack (36 bytes a channel pair), and each column is
 * built once per block. Every layer of the MLPerf Tiny networks run by
 * column pairs has at most 128 output channels but two (vww's last, 256),
 * so its columns are built once or twice. */
enum { TB_GEMM_DSP_ROW_BLOCK = 128 };

/* The im2col staging a layer may take for pixel rows (below): this many
 * bytes, so that pixels can be gathered by the dozen. */
enum { TB_CONV_DSP_STAGE_BUDGET = 2048 };

/* Scratch a layer gathering pixel rows may take to keep every pair of
 * output channels' widened weights and constants (tb_gemm_dsp_channels,
 * TB_CONV_DSP_CHANNELS_BYTES) from one batch to the next, rather than
 * working them out again for each. */
enum { TB_CONV_DSP_CACHE_BUDGET = 1536, TB_CONV_DSP_CHANNELS_BYTES = 40 };

typedef struct {
    int32_t k;      /* a column's values: filter h * w * input channels */
    int32_t pixels; /* output pixels, over the batch */
    /* Pixels the multiply reads as rows, against pairs of output channels
     * whose weights are widened once (tb_gemm_dsp_channels), rather than as
     * column pairs widened per pixel pair: how many are gathered at a time
     * (0: the layer runs by column pairs; all of them when a 1x1, stride 1,
     * unpadded convolution reads its input in place, in_place set). Worth
     * it where widening a pixel costs more than widening a channel's
     * weights again per gathered batch: many pixels, few channels. */
    int32_t chunk;
    int in_place;
    /* Bytes of a kept channel pair, or 0 when they are not kept. */
    int32_t cached;
    /* Whether the last tile's words could run past the filter or an
     * in-place input, which it then reads from a copy (last2): k not a
     * multiple of 4, a last block of one channel (read twice, so a row
     * past the filter's end), or an odd pixel count in place. A layer
     * planned by pixel rows may still run by column pairs (when the fast
     * output step does not cover it), so both count. */
    int last2;
} tb_conv_dsp_plan;

static inline tb_conv_dsp_plan tb_conv_dsp_plan_of(const tb_window *w)
{
    tb_conv_dsp_plan p = {0};
    p.k = w->filter.h * w->filter.w * w->input.c;
    p.pixels = w->output.n * w->output.h * w->output.w;
    p.in_place = w->filter.h == 1 && w->filter.w == 1 && w->stride_h == 1 &&
                 w->stride_w == 1 && w->pad_top == 0 && w->pad_left == 0 &&
                 w->output.h == w->input.h && w->output.w == w->input.w;
    const int32_t oc = w->output.c;
    p.last2 = (p.k & 3) || oc % TB_GEMM_DSP_ROW_BLOCK == 1;
    if (p.in_place) {
        p.chunk = p.pixels >= 2 * oc && oc >= 2 ? p.pixels : 0;
        if (!p.chunk)
            p.in_place = 0;
        p.last2 |= p.in_place && (p.pixels & 1);
        return p;
    }
    int32_t chunk = (TB_CONV_DSP_STAGE_BUDGET / p.k) & ~1;
    chunk = chunk < p.pixels ? chunk : p.pixels;
    p.chunk = chunk > oc && oc >= 2 && p.pixels > oc ? chunk : 0;
    const int32_t entry = TB_CONV_DSP_CHANNELS_BYTES + 4 * ((p.k + 3) & ~3);
    p.cached = p.chunk && p.chunk < p.pixels &&
                       (oc + 1) / 2 * entry <= TB_CONV_DSP_CACHE_BUDGET
                   ? entry
                   : 0;
    return p;
}

/* Bytes of a column pair for k values per column: two columns of k rounded
 * up to a multiple of 4, int16 each (layout in tb_gemm_s8_dsp.h). */
static inline size_t tb_conv_dsp_pair_bytes(int32_t k)
{
    return (size_t)((k + 3) & ~3) * 2 * 2;
}

/* Scratch, from a word-aligned start (up to 3 bytes are skipped to reach
 * it): the column pair; the im2col staging, one column or a batch of pixel
 * rows (one more, for an odd batch's last pixel to pair with a copy of
 * itself), either with 4 bytes more for the last row's words to run into;
 * when needed, a copy of two rows of the filter, or of an in-place input,
 * with 4 zero bytes after them (last2); and the kept channel pairs. */
static inline size_t tb_conv_dsp_stage_offset(const tb_window *w)
{
    return tb_conv_dsp_pair_bytes(tb_conv_dsp_plan_of(w).k);
}

static inline size_t tb_conv_dsp_last2_offset(const tb_window *w)
{
    const tb_conv_dsp_plan p = tb_conv_dsp_plan_of(w);
    const size_t column = (size_t)p.k + 4;
    const size_t rows = p.chunk && !p.in_place ? (size_t)(p.chunk + 1) * (size_t)p.k + 4 : 0;
    return tb_conv_dsp_stage_offset(w) + (rows > column ? rows : column);
}

static inline size_t tb_conv_dsp_cache_offset(const tb_window *w)
{
    /* Past last2, at a word boundary for the cache's words. */
    const tb_conv_dsp_plan p = tb_conv_dsp_plan_of(w);
    const size_t end = tb_conv_dsp_last2_offset(w) + (p.last2 ? 2 * (size_t)p.k + 4 : 0);
    return (end + 3) & ~(size_t)3;
}

static inline size_t tb_conv_dsp_scratch_bytes(const tb_window *w)
{
    const tb_conv_dsp_plan p = tb_conv_dsp_plan_of(w);
    return 3 + tb_conv_dsp_cache_offset(w) + (size_t)((w->output.c + 1) / 2 * p.cached);
}

#endif
