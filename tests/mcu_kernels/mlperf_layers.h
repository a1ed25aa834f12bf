/* Every distinct MAC layer (and the ADD / average-pool layers) of the
 * MLPerf Tiny kws (DS-CNN), vww (MobileNetV1 0.25, 96x96) and ic (ResNet-8)
 * networks, with how often each occurs, so that per-layer counts add up to
 * whole-network ones. Used by the parity test (fixed shapes) and by the
 * instruction-count firmware. */
#ifndef TB_MLPERF_LAYERS_H
#define TB_MLPERF_LAYERS_H

#include "tb_kernels.h"

typedef enum { LAYER_CONV, LAYER_DWCONV, LAYER_FC, LAYER_ADD, LAYER_AVGPOOL } layer_kind;

typedef struct {
    const char *name; /* "<network> <layer>", no spaces in either part */
    layer_kind kind;
    int32_t count;    /* occurrences in the network */
    tb_window w;      /* conv, depthwise, pools; for ADD, w.input is the tensor */
    tb_fc_dims fc;
} mlperf_layer;

/* NHWC in -> out with a kh x kw filter; pads are TensorFlow SAME's leading
 * ones (0 for VALID). */
#define CONV(nm, n, ih, iw, ic, kh, kw, oc, s, pt, pl, oh, ow)                                 \
    {.name = nm, .kind = LAYER_CONV, .count = n,                                             \
     .w = {.input = {1, ih, iw, ic}, .filter = {oc, kh, kw, ic}, .output = {1, oh, ow, oc},  \
           .stride_h = s, .stride_w = s, .pad_top = pt, .pad_left = pl}}
#define DW(nm, n, ih, iw, c, s, p, oh, ow)                                                     \
    {.name = nm, .kind = LAYER_DWCONV, .count = n,                                           \
     .w = {.input = {1, ih, iw, c}, .filter = {1, 3, 3, c}, .output = {1, oh, ow, c},        \
           .stride_h = s, .stride_w = s, .pad_top = p, .pad_left = p, .depth_multiplier = 1}}
#define FC(nm, in, out) {.name = nm, .kind = LAYER_FC, .count = 1, .fc = {1, in, out}}
#define ADD(nm, h, w_, c) {.name = nm, .kind = LAYER_ADD, .count = 1, .w = {.input = {1, h, w_, c}}}
#define AVGPOOL(nm, h, w_, c)                                                                 \
    {.name = nm, .kind = LAYER_AVGPOOL, .count = 1,                                          \
     .w = {.input = {1, h, w_, c}, .filter = {1, h, w_, 1}, .output = {1, 1, 1, c},          \
           .stride_h = h, .stride_w = w_}}

static const mlperf_layer mlperf_layers[] = {
    CONV("kws conv10x4_1to64_s2", 1, 49, 10, 1, 10, 4, 64, 2, 4, 1, 25, 5),
    DW("kws dw3x3_64", 4, 25, 5, 64, 1, 1, 25, 5),
    CONV("kws pw_64to64", 4, 25, 5, 64, 1, 1, 64, 1, 0, 0, 25, 5),
    AVGPOOL("kws avgpool", 25, 5, 64),
    FC("kws fc_64to12", 64, 12),

    CONV("vww conv3x3_3to8_s2", 1, 96, 96, 3, 3, 3, 8, 2, 0, 0, 48, 48),
    DW("vww dw3x3_8", 1, 48, 48, 8, 1, 1, 48, 48),
    CONV("vww pw_8to16", 1, 48, 48, 8, 1, 1, 16, 1, 0, 0, 48, 48),
    DW("vww dw3x3_16_s2", 1, 48, 48, 16, 2, 0, 24, 24),
    CONV("vww pw_16to32", 1, 24, 24, 16, 1, 1, 32, 1, 0, 0, 24, 24),
    DW("vww dw3x3_32", 1, 24, 24, 32, 1, 1, 24, 24),
    CONV("vww pw_32to32", 1, 24, 24, 32, 1, 1, 32, 1, 0, 0, 24, 24),
    DW("vww dw3x3_32_s2", 1, 24, 24, 32, 2, 0, 12, 12),
    CONV("vww pw_32to64", 1, 12, 12, 32, 1, 1, 64, 1, 0, 0, 12, 12),
    DW("vww dw3x3_64", 1, 12, 12, 64, 1, 1, 12, 12),
    CONV("vww pw_64to64", 1, 12, 12, 64, 1, 1, 64, 1, 0, 0, 12, 12),
    DW("vww dw3x3_64_s2", 1, 12, 12, 64, 2, 0, 6, 6),
    CONV("vww pw_64to128", 1, 6, 6, 64, 1, 1, 128, 1, 0, 0, 6, 6),
    DW("vww dw3x3_128", 5, 6, 6, 128, 1, 1, 6, 6),
    CONV("vww pw_128to128", 5, 6, 6, 128, 1, 1, 128, 1, 0, 0, 6, 6),
    DW("vww dw3x3_128_s2", 1, 6, 6, 128, 2, 0, 3, 3),
    CONV("vww pw_128to256", 1, 3, 3, 128, 1, 1, 256, 1, 0, 0, 3, 3),
    DW("vww dw3x3_256", 1, 3, 3, 256, 1, 1, 3, 3),
    CONV("vww pw_256to256", 1, 3, 3, 256, 1, 1, 256, 1, 0, 0, 3, 3),
    AVGPOOL("vww avgpool", 3, 3, 256),
    FC("vww fc_256to2", 256, 2),

    CONV("ic conv3x3_3to16", 1, 32, 32, 3, 3, 3, 16, 1, 1, 1, 32, 32),
    CONV("ic conv3x3_16to16", 2, 32, 32, 16, 3, 3, 16, 1, 1, 1, 32, 32),
    ADD("ic add_32x32x16", 32, 32, 16),
    CONV("ic conv3x3_16to32_s2", 1, 32, 32, 16, 3, 3, 32, 2, 0, 0, 16, 16),
    CONV("ic conv3x3_32to32", 1, 16, 16, 32, 3, 3, 32, 1, 1, 1, 16, 16),
    CONV("ic pw_16to32_s2", 1, 32, 32, 16, 1, 1, 32, 2, 0, 0, 16, 16),
    ADD("ic add_16x16x32", 16, 16, 32),
    CONV("ic conv3x3_32to64_s2", 1, 16, 16, 32, 3, 3, 64, 2, 0, 0, 8, 8),
    CONV("ic conv3x3_64to64", 1, 8, 8, 64, 3, 3, 64, 1, 1, 1, 8, 8),
    CONV("ic pw_32to64_s2", 1, 16, 16, 32, 1, 1, 64, 2, 0, 0, 8, 8),
    ADD("ic add_8x8x64", 8, 8, 64),
    AVGPOOL("ic avgpool", 8, 8, 64),
    FC("ic fc_64to10", 64, 10),
};

#undef CONV
#undef DW
#undef FC
#undef ADD
#undef AVGPOOL

/* Multiply-accumulates of one occurrence. */
static inline int64_t mlperf_layer_macs(const mlperf_layer *l)
{
    const tb_window *w = &l->w;
    const int64_t pixels = (int64_t)w->output.n * w->output.h * w->output.w;
    switch (l->kind) {
    case LAYER_CONV:
        return pixels * w->output.c * w->filter.h * w->filter.w * w->filter.c;
    case LAYER_DWCONV:
        return pixels * w->output.c * w->filter.h * w->filter.w;
    case LAYER_FC:
        return (int64_t)l->fc.batch * l->fc.in_features * l->fc.out_features;
    default:
        return 0;
    }
}

#endif
