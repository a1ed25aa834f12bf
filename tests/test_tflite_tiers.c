/* An imported int8 model (MLPerf Tiny's kws_ref_model.tflite) runs with
 * byte-identical output on the host target and on a Cortex-M4 under QEMU
 * (the firmware carries the model's own weights), and vww_96_int8 on the
 * micro:bit is does-not-fit with the numbers. Skips with the reason when
 * ../shared/models or the MCU toolchain is missing. */
#include <stdlib.h>
#include <unistd.h>

#include "prepare.h"
#include "tb_test.h"
#include "tb_test_cell.h"
#include "target.h"
#include "tflite_import.h"

static char dir[1024];

static tb_model *load(const char *stem)
{
    const char *src = getenv("TB_SOURCE_DIR");
    char path[1200], err[1024];
    tb_tflite_file f;
    snprintf(dir, sizeof dir, "%s/../shared/models", src ? src : ".");
    snprintf(path, sizeof path, "%s/%s.tflite", dir, stem);
    if (access(path, R_OK) != 0)
        return NULL;
    tb_model *m = tb_tflite_load(path, 1, 1, &f, err, sizeof err);
    if (!m)
        fprintf(stderr, "  %s\n", err);
    return m;
}

static int test_kws_host_and_cortex_m4_identical(void)
{
    char why[256];
    if (!tb_target_usable(tb_target_find("cortex-m4"), why, sizeof why))
        TB_SKIP(why);
    tb_model *m = load("kws_ref_model");
    if (!m)
        TB_SKIP("no ../shared/models/kws_ref_model.tflite next to the source tree");
    tb_record h, a;
    tb_test_run_int8("host", m, NULL, &h);
    tb_test_run_int8("cortex-m4", m, NULL, &a);
    if (h.status != TB_STATUS_OK || a.status != TB_STATUS_OK)
        fprintf(stderr, "  host: %s; cortex-m4: %s\n", h.reason, a.reason);
    TB_CHECK_EQ_INT(h.status, TB_STATUS_OK);
    TB_CHECK_EQ_INT(a.status, TB_STATUS_OK);
    TB_CHECK(h.output_match && a.output_match);
    TB_CHECK(strcmp(h.output_checksum, a.output_checksum) == 0);
    TB_CHECK(a.have_fw_memory && a.fw_memory.flash_rodata >= tb_graph_weight_bytes(&m->graph));
    printf("  kws_ref_model: output %s on host and cortex-m4; cortex-m4 %.0f instructions, "
           "%.3f ms at %.0f MHz (estimated)\n",
           a.output_checksum, a.emulation.instructions, a.samples_ns[0] / 1e6,
           a.emulation.clock_hz / 1e6);
    tb_record_free(&h);
    tb_record_free(&a);
    tb_model_free(m);
    return 0;
}

static int test_vww_does_not_fit_microbit(void)
{
    char why[256];
    if (!tb_target_usable(tb_target_find("cortex-m0"), why, sizeof why))
        TB_SKIP(why);
    tb_model *m = load("vww_96_int8");
    if (!m)
        TB_SKIP("no ../shared/models/vww_96_int8.tflite next to the source tree");
    tb_record r;
    tb_test_run_int8("cortex-m0", m, (const char *const[]){"microbit", NULL}, &r);
    printf("  vww_96_int8 on microbit: %s: %s\n", tb_status_name(r.status), r.reason);
    TB_CHECK_EQ_INT(r.status, TB_STATUS_DOES_NOT_FIT);
    TB_CHECK(strstr(r.reason, "microbit") != NULL);
    tb_record_free(&r);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    TB_RUN(test_kws_host_and_cortex_m4_identical);
    TB_RUN(test_vww_does_not_fit_microbit);
    return tb_test_summary();
}
