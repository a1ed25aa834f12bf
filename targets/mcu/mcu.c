/* The MCU tier: the model's firmware for one Cortex-M core, run on QEMU's
 * board model with our counting plugin. Instruction counts are exact;
 * cycles, latency and energy are estimated by the cycle model at a real
 * board's clock and current (docs/mcu.md). One struct per core, one run(). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_report.h"
#include "cycle_model.h"
#include "elf32.h"
#include "emulated.h"
#include "firmware_build.h"
#include "tb_kernels_dsp.h"
#include "mcu_boards.h"
#include "output_check.h"
#include "proc.h"
#include "profile.h"
#include "target.h"

static const char *const no_sources[] = {NULL};
/* The DSP-extension kernels (M4, M7, M33, and the M55's scalar path). */
static const char *const dsp_sources[] = {
    "kernels/arm_dsp/tb_conv_s8_dsp.c",        "kernels/arm_dsp/tb_conv_s8_dsp_scratch.c",
    "kernels/arm_dsp/tb_dwconv_s8_dsp.c",      "kernels/arm_dsp/tb_fc_s8_dsp.c",
    "kernels/arm_dsp/tb_gemm_s8_dsp.c",        "kernels/arm_dsp/tb_kernel_set_dsp.c",
    NULL,
};

static int mcu_available(const tb_target_ops *self, char *reason, size_t len)
{
    (void)self;
    static const char *const tools[] = {"arm-none-eabi-gcc", "qemu-system-arm", NULL};
    return tb_emulation_tools_check(tools, reason, len);
}

/* The board decides the cycle table: a Cortex-M0+ board (2-stage pipeline)
 * serving the cortex-m0 target is timed as an M0+. */
static int load_profiles(const tb_mcu_core *core, const tb_cell *cell, tb_board *board,
                         tb_cycle_table *table, char *err, size_t n)
{
    char path[TB_PATH_MAX];
    if (tb_board_for_core(core->core, core->board, cell->boards, board, err, n))
        return -1;
    snprintf(path, sizeof path, "%s/targets/mcu/cores/%s.cycles", tb_source_dir(), board->core);
    return tb_cycle_table_load(path, table, err, n);
}

/* Fills firmware memory from the image; stack is unknown (-1) until run. */
static void account_memory(const tb_fw_image *img, const tb_board *b, tb_fw_memory *fm)
{
    fm->flash_code = img->text;
    fm->flash_rodata = img->rodata;
    fm->flash_data = img->data;
    fm->ram_data = img->data;
    fm->ram_bss = (int64_t)img->bss - img->arena;
    fm->ram_arena = img->arena;
    fm->ram_stack = -1;
    fm->board_flash = (int64_t)b->flash_bytes;
    fm->board_ram = (int64_t)b->ram_bytes;
}

/* 1 and a reason when the image needs more than the board has. */
static int does_not_fit(const tb_fw_memory *fm, char *why, size_t n)
{
    int64_t flash = fm->flash_code + fm->flash_rodata + fm->flash_data;
    int64_t ram = fm->ram_data + fm->ram_bss + fm->ram_arena + (fm->ram_stack > 0 ? fm->ram_stack : 0);
    if (flash <= fm->board_flash && ram <= fm->board_ram)
        return 0;
    snprintf(why, n, "needs %lld B flash and %lld B RAM; the board has %lld B and %lld B",
             (long long)flash, (long long)ram, (long long)fm->board_flash,
             (long long)fm->board_ram);
    return 1;
}

/* The MCU cycle model as the shared region walker calls it. */
typedef struct {
    const tb_cycle_table *table;
    const tb_board *board;
} mcu_model;

static int mcu_cycles(const void *model, const cJSON *counts, double *cycles, char *err,
                      size_t n)
{
    const mcu_model *mm = model;
    tb_cycle_estimate est;
    if (tb_cycles_estimate(mm->table, mm->board, counts, &est, err, n))
        return -1;
    *cycles = est.cycles;
    return 0;
}

static int apply_counts(const tb_mcu_core *core, const tb_board *board, const tb_cycle_table *table,
                        const cJSON *regions, tb_record *rec, char *err, size_t n)
{
    const mcu_model mm = {table, board};
    const tb_emulated_run run = {core->machine, board->name, table->core, board->clock_mhz,
                                 mcu_cycles, &mm};
    double cycles;
    if (tb_emulated_apply(&run, regions, rec, &cycles, err, n))
        return -1;
    rec->have_energy = 1;
    rec->energy_uJ = tb_energy_uj(board, cycles);
    snprintf(rec->energy_model, sizeof rec->energy_model, "mcu-run-current");
    snprintf(rec->energy_method, sizeof rec->energy_method,
             "estimated: cycles x run-mode current per MHz x supply voltage (%.300s)",
             board->path);
    tb_record_energy_param(rec, "cycles", cycles);
    tb_record_energy_param(rec, "run_current_uA_per_MHz", board->run_current_ua_per_mhz);
    tb_record_energy_param(rec, "supply_V", board->supply_v);
    tb_record_energy_param(rec, "clock_MHz", board->clock_mhz);
    return 0;
}

static int emulate(const tb_mcu_core *core, const tb_program_build *fw, const tb_fw_image *img,
                   const char *dir, tb_record *rec, tb_cell_report *rep, char *err, size_t n)
{
    char plugin_arg[3 * TB_PATH_MAX], counts[TB_PATH_MAX], log[TB_PATH_MAX];
    snprintf(counts, sizeof counts, "%s/counts.jsonl", dir);
    snprintf(log, sizeof log, "%s/qemu.log", dir);
    remove(counts);
    remove(log);
    snprintf(plugin_arg, sizeof plugin_arg, "%s,begin=0x%x,end=0x%x,out=%s", tb_plugin_path(),
             (unsigned)img->marker_begin, (unsigned)img->marker_end, counts);
    char machine[64];
    snprintf(machine, sizeof machine, "%s", core->machine);
    char *argv[] = {"qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none",
                    "-semihosting-config", "enable=on,target=native", "-kernel",
                    (char *)fw->exe, "-plugin", plugin_arg, NULL};
    return tb_emulator_run(argv, log, TB_EMULATION_TIMEOUT_S, "firmware", rec, rep, err, n);
}

static void mcu_run(const tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                    tb_record *rec)
{
    const tb_mcu_core *core = self->data;
    char err[3 * TB_PATH_MAX];
    tb_board board;
    tb_cycle_table table;
    snprintf(rec->backend, sizeof rec->backend, "%s", tb_kernel_choice_name(&core->kernels));
    if (load_profiles(core, cell, &board, &table, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        return;
    }
    tb_program_build fw;
    int rc = tb_firmware_build(core, m, cell->work_dir, &fw, err, sizeof err);
    if (rc != TB_BUILD_OK) {
        tb_record_status(rec, rc == TB_BUILD_TOO_BIG ? TB_STATUS_DOES_NOT_FIT : TB_STATUS_FAILED,
                         "%s", err);
        return;
    }
    tb_fw_image img;
    if (tb_elf32_read(fw.exe, &img, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        return;
    }
    rec->have_fw_memory = 1;
    account_memory(&img, &board, &rec->fw_memory);
    if (does_not_fit(&rec->fw_memory, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_DOES_NOT_FIT, "%s %s", board.name, err);
        return;
    }

    const tb_graph *g = &m->graph;
    tb_cell_report rep = {.n_output = tb_dims_count(&g->tensors[g->output].shape)};
    rep.output = calloc((size_t)rep.n_output, 1);
    if (!rep.output)
        abort();
    rc = emulate(core, &fw, &img, cell->work_dir, rec, &rep, err, sizeof err);
    if (rc < 0)
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
    if (rc != 0)
        goto out;
    rec->fw_memory.ram_stack = rep.stack;
    tb_check_output(m, TB_DTYPE_INT8, rep.output, rec);

    char counts_path[TB_PATH_MAX];
    snprintf(counts_path, sizeof counts_path, "%s/counts.jsonl", cell->work_dir);
    cJSON *regions = tb_plugin_regions_load(counts_path, err, sizeof err);
    if (!regions || apply_counts(core, &board, &table, regions, rec, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
    } else if (does_not_fit(&rec->fw_memory, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_DOES_NOT_FIT, "%s %s (with the measured stack)",
                         board.name, err);
    } else if (!rec->output_match) {
        tb_record_status(rec, TB_STATUS_FAILED, "output differs from the host reference");
    } else {
        rec->status = TB_STATUS_OK;
    }
    cJSON_Delete(regions);
out:
    free(rep.output);
}

#define MCU_TARGET(var, corename, desc)                                                \
    const tb_target_ops var = {                                                        \
        .name = corename, .tier = "mcu", .description = desc, .measured = 0,           \
        .data = &var##_core, .dtypes = 1u << TB_DTYPE_INT8,                            \
        .available = mcu_available, .run = mcu_run,                                    \
    }

static const char *const dsp_include_dirs[] = {"kernels/arm_dsp", NULL};
#define REF {"tb_kernels_s8_ref", no_sources, NULL, NULL, tb_conv_s8_scratch_bytes}
#define DSP {"tb_kernels_s8_dsp", dsp_sources, dsp_include_dirs, NULL, tb_conv_s8_dsp_scratch_bytes}
static const tb_mcu_core tb_target_cortex_m0_core = {
    "cortex-m0", "cortex-m0", "", "mps2-an385", "mps2", "stm32g0b1", REF};
static const tb_mcu_core tb_target_cortex_m3_core = {
    "cortex-m3", "cortex-m3", "", "mps2-an385", "mps2", "stm32f103", REF};
static const tb_mcu_core tb_target_cortex_m4_core = {
    "cortex-m4", "cortex-m4", "-mfloat-abi=soft", "mps2-an386", "mps2", "stm32l4r5", DSP};
static const tb_mcu_core tb_target_cortex_m7_core = {
    "cortex-m7", "cortex-m7", "-mfloat-abi=soft", "mps2-an500", "mps2", "stm32h7a3", DSP};
static const tb_mcu_core tb_target_cortex_m33_core = {
    "cortex-m33", "cortex-m33", "-mfloat-abi=soft", "mps2-an505", "mps2-an505", "stm32u575", DSP};
static const tb_mcu_core tb_target_cortex_m55_core = {
    "cortex-m55", "cortex-m55", "-mfloat-abi=soft", "mps3-an547", "mps3-an547", "alif-e7-hp", DSP};

MCU_TARGET(tb_target_cortex_m0, "cortex-m0",
           "Cortex-M0 firmware (ARMv6-M code on QEMU mps2-an385), cycle model (emulated)");
MCU_TARGET(tb_target_cortex_m3, "cortex-m3", "Cortex-M3 firmware on QEMU mps2-an385 (emulated)");
MCU_TARGET(tb_target_cortex_m4, "cortex-m4", "Cortex-M4 firmware on QEMU mps2-an386 (emulated)");
MCU_TARGET(tb_target_cortex_m7, "cortex-m7", "Cortex-M7 firmware on QEMU mps2-an500 (emulated)");
MCU_TARGET(tb_target_cortex_m33, "cortex-m33",
           "Cortex-M33 firmware on QEMU mps2-an505 (emulated)");
MCU_TARGET(tb_target_cortex_m55, "cortex-m55",
           "Cortex-M55 firmware on QEMU mps3-an547 (emulated)");
