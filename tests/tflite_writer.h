/* A tiny FlatBuffers writer for hand-made TFLite test models: enough to
 * lay out tables (every field in a 4-byte slot), vectors and strings,
 * front to back, with forward offsets patched once their target exists.
 * tb_tiny_model() writes a small valid int8 model whose parts tests break
 * one at a time (docs/import.md lists what the reader rejects). */
#ifndef TB_TFLITE_WRITER_H
#define TB_TFLITE_WRITER_H

#include <stdint.h>
#include <string.h>

#include "tflite_schema.h"

typedef struct {
    uint8_t b[1 << 15];
    uint32_t n;
} fbw;

enum { W_NONE, W_I32, W_U8, W_F32, W_OFF };
typedef struct {
    int kind;
    int32_t i;
    float f;
} wfield;

static uint32_t w_align(fbw *w)
{
    while (w->n % 4)
        w->b[w->n++] = 0;
    return w->n;
}

static void w_u32(fbw *w, uint32_t pos, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        w->b[pos + k] = (uint8_t)(v >> (8 * k));
}

static void w_u16(fbw *w, uint32_t pos, uint32_t v)
{
    w->b[pos] = (uint8_t)v;
    w->b[pos + 1] = (uint8_t)(v >> 8);
}

/* A table of n fields (W_NONE: absent); returns its position. Field k of
 * kind W_OFF is patched later with w_patch(w, pos + 4 + 4 * k, target). */
static uint32_t w_table(fbw *w, int n, const wfield *f)
{
    uint32_t vt = w_align(w);
    w->n += 4 + 2 * (uint32_t)n;
    w_align(w);
    uint32_t pos = w->n;
    w_u16(w, vt, 4 + 2 * (uint32_t)n);
    w_u16(w, vt + 2, 4 + 4 * (uint32_t)n);
    w_u32(w, pos, pos - vt);
    for (int k = 0; k < n; k++) {
        uint32_t at = pos + 4 + 4 * (uint32_t)k;
        w_u16(w, vt + 4 + 2 * (uint32_t)k, f[k].kind == W_NONE ? 0 : 4 + 4 * (uint32_t)k);
        uint32_t v = 0;
        if (f[k].kind == W_I32 || f[k].kind == W_U8)
            v = (uint32_t)f[k].i;
        else if (f[k].kind == W_F32)
            memcpy(&v, &f[k].f, 4);
        w_u32(w, at, v);
    }
    w->n = pos + 4 + 4 * (uint32_t)n;
    return pos;
}

static void w_patch(fbw *w, uint32_t at, uint32_t target)
{
    w_u32(w, at, target - at);
}

/* A vector of n elements of `bytes` each; returns the position of its count. */
static uint32_t w_vec(fbw *w, const void *data, uint32_t n, uint32_t bytes)
{
    uint32_t pos = w_align(w);
    w_u32(w, pos, n);
    if (data)
        memcpy(w->b + pos + 4, data, (size_t)n * bytes);
    else
        memset(w->b + pos + 4, 0, (size_t)n * bytes);
    w->n = pos + 4 + n * bytes;
    return pos;
}

#define F_I32(v) {W_I32, (v), 0}
#define F_U8(v) {W_U8, (v), 0}
#define F_F32(v) {W_F32, 0, (v)}
#define F_OFF {W_OFF, 0, 0}
#define F_NONE {W_NONE, 0, 0}

/* What the tiny model looks like; tests change one thing. */
typedef struct {
    int32_t in_shape[4];    /* input [1,1,1,2] */
    int32_t conv_out_c;     /* 3 */
    int32_t conv_opcode;    /* CONV_2D */
    int32_t n_filter_scales;/* per-channel: conv_out_c */
    int32_t conv_input;     /* tensor index read by the conv (0) */
    int32_t fc_input;       /* tensor index read by the FC (3, the conv's output) */
    int32_t filter_buffer;  /* buffer index of the filter (1) */
    int32_t version;        /* 3 */
    int32_t conv_bias0;     /* the conv's first bias value (3) */
} tiny_spec;

static tiny_spec tb_tiny_default(void)
{
    tiny_spec s = {{1, 1, 1, 2}, 3, TB_TFL_CONV_2D, 3, 0, 3, 1, 3, 3};
    return s;
}

/* Tensors: 0 input, 1 filter, 2 bias, 3 conv out, 4 fc weights, 5 fc bias,
 * 6 fc out, 7 softmax out. Ops: CONV_2D (1x1, VALID, RELU), FULLY_CONNECTED
 * over the conv output's rows, SOFTMAX. Returns the size in bytes. */
static uint32_t tb_tiny_model(fbw *w, const tiny_spec *s)
{
    memset(w, 0, sizeof *w);
    const int32_t h = s->in_shape[1], wd = s->in_shape[2], c = s->in_shape[3], oc = s->conv_out_c;
    w->n = 8;
    memcpy(w->b + 4, TB_TFL_IDENTIFIER, 4);
    wfield model_f[] = {F_I32(s->version), F_OFF, F_OFF, F_NONE, F_OFF};
    uint32_t model = w_table(w, 5, model_f);
    w_u32(w, 0, model);

    /* operator codes: conv (or a replacement), FC, softmax */
    uint32_t codes = w_vec(w, NULL, 3, 4);
    w_patch(w, model + 4 + 4 * 1, codes);
    const int32_t code_v[3] = {s->conv_opcode, TB_TFL_FULLY_CONNECTED, TB_TFL_SOFTMAX};
    for (int k = 0; k < 3; k++) {
        wfield f[] = {F_U8(code_v[k] < 127 ? code_v[k] : 127), F_NONE, F_I32(1), F_I32(code_v[k])};
        uint32_t t = w_table(w, 4, f);
        w_patch(w, codes + 4 + 4 * (uint32_t)k, t);
    }

    /* buffers: 0 empty, 1 filter, 2 bias, 3 fc weights, 4 fc bias */
    const int32_t rows = (int32_t)((int64_t)s->in_shape[0] * h * wd);
    const uint32_t sizes[5] = {0, (uint32_t)(oc * c), (uint32_t)(4 * oc), (uint32_t)(4 * oc),
                               16};
    uint32_t bufs = w_vec(w, NULL, 5, 4);
    w_patch(w, model + 4 + 4 * 4, bufs);
    for (uint32_t k = 0; k < 5; k++) {
        wfield f[] = {k ? (wfield)F_OFF : (wfield)F_NONE};
        uint32_t t = w_table(w, 1, f);
        w_patch(w, bufs + 4 + 4 * k, t);
        if (k) {
            uint8_t data[64];
            for (uint32_t j = 0; j < sizes[k] && j < sizeof data; j++)
                data[j] = (uint8_t)(j * 37 + k);
            if (k == 2 || k == 4) /* int32 biases: small values */
                for (uint32_t j = 0; j < sizes[k] && j < sizeof data; j++)
                    data[j] = j % 4 ? 0 : (uint8_t)(j + 3);
            if (k == 2)
                memcpy(data, &s->conv_bias0, 4);
            w_patch(w, t + 4, w_vec(w, data, sizes[k], 1));
        }
    }

    /* subgraph */
    uint32_t sgs = w_vec(w, NULL, 1, 4);
    w_patch(w, model + 4 + 4 * 2, sgs);
    wfield sg_f[] = {F_OFF, F_OFF, F_OFF, F_OFF};
    uint32_t sg = w_table(w, 4, sg_f);
    w_patch(w, sgs + 4, sg);
    const int32_t in_idx = 0, out_idx = 7;
    w_patch(w, sg + 4 + 4 * 1, w_vec(w, &in_idx, 1, 4));
    w_patch(w, sg + 4 + 4 * 2, w_vec(w, &out_idx, 1, 4));

    struct {
        int32_t rank, shape[4], type, buffer, n_scales, quant_dim;
        float scale;
        int32_t zp;
    } tens[8] = {
        {4, {s->in_shape[0], h, wd, c}, TB_TFL_INT8, 0, 1, 0, 0.5f, -1},
        {4, {oc, 1, 1, c}, TB_TFL_INT8, s->filter_buffer, s->n_filter_scales, 0, 0.01f, 0},
        {1, {oc}, TB_TFL_INT32, 2, oc, 0, 0.005f, 0},
        {4, {s->in_shape[0], h, wd, oc}, TB_TFL_INT8, 0, 1, 0, 0.1f, -128},
        {2, {4, oc}, TB_TFL_INT8, 3, 1, 0, 0.02f, 0},
        {1, {4}, TB_TFL_INT32, 4, 1, 0, 0.002f, 0},
        {2, {rows, 4}, TB_TFL_INT8, 0, 1, 0, 0.2f, 3},
        {2, {rows, 4}, TB_TFL_INT8, 0, 1, 0, 1.0f / 256.0f, -128},
    };
    uint32_t tv = w_vec(w, NULL, 8, 4);
    w_patch(w, sg + 4, tv);
    for (uint32_t k = 0; k < 8; k++) {
        wfield f[] = {F_OFF, F_U8(tens[k].type), F_I32(tens[k].buffer), F_NONE, F_OFF};
        uint32_t t = w_table(w, 5, f);
        w_patch(w, tv + 4 + 4 * k, t);
        w_patch(w, t + 4, w_vec(w, tens[k].shape, (uint32_t)tens[k].rank, 4));
        wfield q_f[] = {F_NONE, F_NONE, F_OFF, F_OFF, F_NONE, F_NONE, F_I32(tens[k].quant_dim)};
        uint32_t q = w_table(w, 7, q_f);
        w_patch(w, t + 4 + 4 * 4, q);
        float sc[16];
        int64_t zp[16];
        for (int j = 0; j < tens[k].n_scales && j < 16; j++) {
            sc[j] = tens[k].scale * (float)(j + 1);
            zp[j] = tens[k].zp;
        }
        w_patch(w, q + 4 + 4 * 2, w_vec(w, sc, (uint32_t)tens[k].n_scales, 4));
        w_patch(w, q + 4 + 4 * 3, w_vec(w, zp, (uint32_t)tens[k].n_scales, 8));
    }

    /* operators */
    uint32_t ov = w_vec(w, NULL, 3, 4);
    w_patch(w, sg + 4 + 4 * 3, ov);
    const int32_t conv_in[3] = {s->conv_input, 1, 2}, conv_out = 3;
    const int32_t fc_in[3] = {s->fc_input, 4, 5}, fc_out = 6, sm_in = 6, sm_out = 7;
    const int32_t *ins[3] = {conv_in, fc_in, &sm_in}, *outs[3] = {&conv_out, &fc_out, &sm_out};
    const uint32_t n_in[3] = {3, 3, 1};
    const uint8_t opt_type[3] = {TB_TFL_OPTIONS_CONV2D, TB_TFL_OPTIONS_FULLY_CONNECTED,
                                 TB_TFL_OPTIONS_SOFTMAX};
    for (uint32_t k = 0; k < 3; k++) {
        wfield f[] = {F_I32((int32_t)k), F_OFF, F_OFF, F_U8(opt_type[k]), F_OFF};
        uint32_t t = w_table(w, 5, f);
        w_patch(w, ov + 4 + 4 * k, t);
        w_patch(w, t + 4 + 4 * 1, w_vec(w, ins[k], n_in[k], 4));
        w_patch(w, t + 4 + 4 * 2, w_vec(w, outs[k], 1, 4));
        uint32_t opt;
        if (k == 0) {
            wfield o[] = {F_U8(TB_TFL_PAD_VALID), F_I32(1), F_I32(1), F_U8(TB_TFL_ACT_RELU)};
            opt = w_table(w, 4, o);
        } else if (k == 1) {
            wfield o[] = {F_U8(TB_TFL_ACT_NONE)};
            opt = w_table(w, 1, o);
        } else {
            wfield o[] = {F_F32(1.0f)};
            opt = w_table(w, 1, o);
        }
        w_patch(w, t + 4 + 4 * 4, opt);
    }
    return w->n;
}

#endif
