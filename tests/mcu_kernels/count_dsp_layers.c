/* Instruction-count firmware: every MLPerf Tiny layer shape (mlperf_layers.h)
 * run once through the DSP kernel set and once through the reference set,
 * each call between region markers for the QEMU counting plugin
 * (targets/mcu/plugin). Before each layer it prints
 * "layer <network> <name> <occurrences> <MACs>", so that the n-th pair of
 * regions (DSP, then reference) belongs to the n-th layer line. */
#include <string.h>

#include "arm_dsp/tb_kernels_dsp.h"
#include "fw_test_util.h"
#include "markers.h"
#include "mlperf_layers.h"

enum { MAX_ACT = 40 * 1024, MAX_WEIGHTS = 64 * 1024, MAX_CH = 256, MAX_SCRATCH = 8 * 1024 };

static int8_t input[MAX_ACT], input2[MAX_ACT], weights[MAX_WEIGHTS], output[MAX_ACT];
static int8_t scratch[MAX_SCRATCH] __attribute__((aligned(4)));
static int32_t bias[MAX_CH], mult[MAX_CH], shift[MAX_CH];

static fw_rng rng = {0xC0FFEEu};

/* Realistic requantisation: per-channel multipliers in TFLite's range and
 * shifts that keep typical sums inside int8, so that the kernels take their
 * usual branches. */
static void requant(tb_requant *q, int32_t channels, int32_t k)
{
    int32_t half_log2_k = 0;
    while ((int64_t)1 << (2 * half_log2_k) < k)
        half_log2_k++;
    for (int32_t c = 0; c < channels; c++) {
        mult[c] = fw_urand(&rng, 1 << 30, INT32_MAX);
        shift[c] = -8 - half_log2_k;
        bias[c] = fw_urand(&rng, -20000, 20000);
    }
    *q = (tb_requant){.input_offset = 128, .output_offset = -128, .act_min = -128,
                      .act_max = 127, .mult = mult, .shift = shift};
}

static tb_status run(const tb_kernels_s8 *k, const mlperf_layer *l, const tb_requant *q)
{
    static const tb_add_params_s8 add = {
        .input1_offset = 3, .input2_offset = -7, .output_offset = -2, .left_shift = 20,
        .input1_mult = 1 << 30, .input1_shift = -1, .input2_mult = 1518500250,
        .input2_shift = -1, .output_mult = 1431655765, .output_shift = -19,
        .act_min = -128, .act_max = 127};
    const tb_window *w = &l->w;
    tb_ctx ctx = {scratch, sizeof scratch};
    switch (l->kind) {
    case LAYER_CONV:
        if (k->conv_scratch_bytes(w) > sizeof scratch)
            return TB_ERR_SCRATCH;
        return k->conv(&ctx, w, q, input, weights, bias, output);
    case LAYER_DWCONV:
        return k->dwconv(w, q, input, weights, bias, output);
    case LAYER_FC:
        return k->fc(&l->fc, q, input, weights, bias, output);
    case LAYER_ADD:
        return k->add(&add, w->input.h * w->input.w * w->input.c, input, input2, output);
    case LAYER_AVGPOOL:
        return k->avgpool(w, -128, 127, input, output);
    }
    return TB_ERR_ARG;
}

int main(void)
{
    const tb_kernels_s8 *sets[2] = {&tb_kernels_s8_dsp, &tb_kernels_s8_ref};
    fw_fill_s8(&rng, input, MAX_ACT);
    fw_fill_s8(&rng, input2, MAX_ACT);
    fw_fill_s8(&rng, weights, MAX_WEIGHTS);
    int failures = 0;
    for (size_t i = 0; i < sizeof mlperf_layers / sizeof mlperf_layers[0]; i++) {
        const mlperf_layer *l = &mlperf_layers[i];
        tb_requant q;
        const int32_t k = l->kind == LAYER_FC ? l->fc.in_features
                                              : l->w.filter.h * l->w.filter.w * l->w.filter.c;
        requant(&q, l->kind == LAYER_FC ? l->fc.out_features : l->w.output.c, k);
        char line[120];
        int n = 0;
        fw_put_str(line, &n, "layer ");
        fw_put_str(line, &n, l->name);
        fw_put_str(line, &n, " ");
        fw_put_int(line, &n, l->count);
        fw_put_str(line, &n, " ");
        fw_put_int(line, &n, mlperf_layer_macs(l));
        fw_put_str(line, &n, "\n");
        line[n] = 0;
        tb_sh_write0(line);
        for (int s = 0; s < 2; s++) {
            tb_region_begin();
            const tb_status status = run(sets[s], l, &q);
            tb_region_end();
            if (status != TB_OK) {
                tb_sh_write0("error: kernel status not TB_OK\n");
                failures++;
            }
        }
    }
    return failures ? 1 : 0;
}
