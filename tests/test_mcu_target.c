/* The MCU targets end to end under QEMU: the firmware's output equals the
 * host's reference, counts are deterministic, memory is accounted from the
 * ELF and the painted stack, and a model too big for a board is recorded
 * does-not-fit with its numbers. Skips, with the reason, where the cross
 * compiler, QEMU or the plugin is missing. */
#include <stdlib.h>
#include <unistd.h>

#include "plan.h"
#include "tb_test.h"
#include "tb_test_cell.h"
#include "target.h"
#include "workload.h"

static int usable(const char *target, char *why, size_t n)
{
    return tb_target_usable(tb_target_find(target), why, n);
}

static int test_cortex_m4_kws(void)
{
    char why[256];
    if (!usable("cortex-m4", why, sizeof why))
        TB_SKIP(why);
    tb_model *m = tb_test_build("kws:width=16");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    tb_record a, b;
    tb_test_run_int8("cortex-m4", m, NULL, &a);
    tb_test_run_int8("cortex-m4", m, NULL, &b);
    if (a.status != TB_STATUS_OK)
        fprintf(stderr, "cortex-m4: %s\n", a.reason);
    TB_CHECK_EQ_INT(a.status, TB_STATUS_OK);
    TB_CHECK(a.output_match);
    /* Deterministic: identical counts, class by class, layer by layer. */
    TB_CHECK(a.have_emulation && b.have_emulation);
    TB_CHECK_EQ_INT(a.emulation.n_classes, b.emulation.n_classes);
    for (int i = 0; i < a.emulation.n_classes; i++)
        TB_CHECK(a.emulation.class_count[i] == b.emulation.class_count[i]);
    double layer_insns = 0;
    for (int32_t i = 0; i < a.n_layers; i++) {
        TB_CHECK(a.layers[i].instructions == b.layers[i].instructions);
        TB_CHECK(a.layers[i].instructions > 0 && a.layers[i].cycles > 0);
        layer_insns += a.layers[i].instructions;
    }
    /* Layers are inside the inference; the rest is the runtime's loop. */
    TB_CHECK(layer_insns <= a.emulation.instructions);
    TB_CHECK(layer_insns > 0.95 * a.emulation.instructions);
    TB_CHECK(a.emulation.cycles >= a.emulation.instructions * 0.5);
    TB_CHECK_NEAR(a.emulation.clock_hz, 120e6, 1); /* stm32l4r5, the default */
    TB_CHECK_NEAR(a.samples_ns[0], a.emulation.cycles / 120e6 * 1e9, 1e-6 * a.samples_ns[0]);
    TB_CHECK(a.have_energy && a.energy_uJ > 0);
    /* Memory: the arena in .bss is the planner's; weights are in flash. */
    TB_CHECK(a.have_fw_memory);
    TB_CHECK_EQ_INT(a.fw_memory.ram_arena, m->plan_s8.arena_bytes);
    TB_CHECK(a.fw_memory.flash_rodata >= tb_graph_weight_bytes(&m->graph));
    TB_CHECK(a.fw_memory.ram_stack > 64 && a.fw_memory.ram_stack < 16384);
    TB_CHECK(a.fw_memory.flash_code > 1000);
    tb_record_free(&a);
    tb_record_free(&b);
    tb_model_free(m);
    return 0;
}

/* The same bytes on every core: each core's output equals the host's. */
static int test_every_core_matches_host(void)
{
    static const char *const cores[] = {"cortex-m0", "cortex-m3", "cortex-m7", "cortex-m33",
                                        "cortex-m55"};
    char why[256];
    if (!usable("cortex-m0", why, sizeof why))
        TB_SKIP(why);
    tb_model *m = tb_test_build("ic:width=1,res=16");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    /* Boards big enough for the model, so every core really runs. */
    const char *const boards[] = {"stm32g0b1", "nrf52840", NULL};
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++) {
        tb_record r;
        tb_test_run_int8(cores[i], m, i == 1 ? (const char *const[]){"stm32l4r5", NULL} : boards, &r);
        if (r.status != TB_STATUS_OK)
            fprintf(stderr, "%s: %s %s\n", cores[i], tb_status_name(r.status), r.reason);
        TB_CHECK_EQ_INT(r.status, TB_STATUS_OK);
        TB_CHECK(r.output_match);
        tb_record_free(&r);
    }
    tb_model_free(m);
    return 0;
}

/* kws needs more than the micro:bit's 16 KiB of RAM: a finding, with numbers. */
static int test_does_not_fit(void)
{
    char why[256];
    if (!usable("cortex-m0", why, sizeof why))
        TB_SKIP(why);
    tb_model *m = tb_test_build("kws");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    tb_record r;
    tb_test_run_int8("cortex-m0", m, (const char *const[]){"microbit", NULL}, &r);
    TB_CHECK_EQ_INT(r.status, TB_STATUS_DOES_NOT_FIT);
    TB_CHECK(strstr(r.reason, "microbit") && strstr(r.reason, "16384 B"));
    TB_CHECK(r.have_fw_memory && r.fw_memory.board_ram == 16384);
    const tb_fw_memory *fm = &r.fw_memory;
    TB_CHECK(fm->ram_data + fm->ram_bss + fm->ram_arena + (fm->ram_stack > 0 ? fm->ram_stack : 0) >
             16384);
    tb_record_free(&r);
    tb_model_free(m);
    return 0;
}

int main(void)
{
    TB_RUN(test_cortex_m4_kws);
    TB_RUN(test_every_core_matches_host);
    TB_RUN(test_does_not_fit);
    return tb_test_summary();
}
