/* The edge targets end to end under qemu-aarch64 with the counting plugin:
 * kws and ad give the host's int8 bytes on every core, counts repeat
 * exactly, layers add up to the inference, latency and energy follow from
 * the cycles, the board's clock and power, and --board picks an edge board.
 * Skips, with the reason, where the cross compiler, qemu-aarch64 or the
 * plugin is missing. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tb_test.h"
#include "tb_test_cell.h"
#include "target.h"
#include "workload.h"

static void check_same_counts(const tb_record *a, const tb_record *b)
{
    TB_CHECK(a->have_emulation && b->have_emulation);
    TB_CHECK_EQ_INT(a->emulation.n_classes, b->emulation.n_classes);
    for (int i = 0; i < a->emulation.n_classes; i++)
        TB_CHECK(a->emulation.class_count[i] == b->emulation.class_count[i]);
    for (int32_t i = 0; i < a->n_layers; i++)
        TB_CHECK(a->layers[i].instructions == b->layers[i].instructions);
}

static void check_record(const tb_record *r, double clock_hz, double power_w)
{
    if (r->status != TB_STATUS_OK)
        fprintf(stderr, "  %s: %s\n", r->target, r->reason);
    TB_CHECK_EQ_INT(r->status, TB_STATUS_OK);
    TB_CHECK(r->output_match);
    TB_CHECK_NEAR(r->emulation.clock_hz, clock_hz, 1);
    double layer_insns = 0, layer_cycles = 0;
    for (int32_t i = 0; i < r->n_layers; i++) {
        TB_CHECK(r->layers[i].instructions > 0 && r->layers[i].cycles > 0);
        layer_insns += r->layers[i].instructions;
        layer_cycles += r->layers[i].cycles;
    }
    /* Layers are inside the inference; the rest is the runtime's loop. */
    TB_CHECK(layer_insns <= r->emulation.instructions);
    TB_CHECK(layer_insns > 0.95 * r->emulation.instructions);
    TB_CHECK(layer_cycles > 0.9 * r->emulation.cycles);
    TB_CHECK_NEAR(r->samples_ns[0], r->emulation.cycles / clock_hz * 1e9, 1e-6 * r->samples_ns[0]);
    TB_CHECK(r->have_energy);
    TB_CHECK_NEAR(r->energy_uJ, r->samples_ns[0] * power_w * 1e-3, 1e-6 * r->energy_uJ);
    TB_CHECK(strstr(r->energy_method, "latency") != NULL);
}

static int test_cores_match_host(void)
{
    static const struct {
        const char *core;
        double clock_hz, power_w; /* the default board's */
    } cores[] = {{"cortex-a53", 1.2e9, 2.04}, {"cortex-a72", 1.5e9, 3.06},
                 {"cortex-a76", 2.4e9, 4.08}};
    static const char *const workloads[] = {"kws", "ad"};
    char why[512];
    if (!tb_target_usable(tb_target_find("cortex-a53"), why, sizeof why))
        TB_SKIP(why);
    for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; w++) {
        tb_model *m = tb_test_build(workloads[w]);
        TB_CHECK(m != NULL);
        if (!m)
            continue;
        for (size_t c = 0; c < sizeof cores / sizeof cores[0]; c++) {
            tb_record a, b;
            tb_test_run_int8(cores[c].core, m, NULL, &a);
            tb_test_run_int8(cores[c].core, m, NULL, &b);
            check_record(&a, cores[c].clock_hz, cores[c].power_w);
            check_same_counts(&a, &b);
            TB_CHECK(a.emulation.cycles == b.emulation.cycles);
            tb_record_free(&a);
            tb_record_free(&b);
        }
        tb_model_free(m);
    }
    return 0;
}

/* --board: the Pi 3 B+ clock times the same counts; an MCU board is passed over. */
static int test_board_choice(void)
{
    char why[512];
    if (!tb_target_usable(tb_target_find("cortex-a53"), why, sizeof why))
        TB_SKIP(why);
    tb_model *m = tb_test_build("ad");
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    tb_record a, b;
    tb_test_run_int8("cortex-a53", m, NULL, &a);
    tb_test_run_int8("cortex-a53", m, (const char *const[]){"nrf52840", "rpi3bplus", NULL}, &b);
    check_record(&b, 1.4e9, 2.55);
    TB_CHECK(strcmp(b.emulation.board, "rpi3bplus") == 0);
    TB_CHECK(a.emulation.cycles == b.emulation.cycles);
    TB_CHECK_NEAR(b.samples_ns[0], a.samples_ns[0] * 1200.0 / 1400.0, 1e-6 * a.samples_ns[0]);
    tb_record_free(&a);
    tb_record_free(&b);
    tb_model_free(m);
    return 0;
}

/* Without qemu-aarch64 on PATH the target says why it cannot run. */
static int test_unavailable_says_why(void)
{
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", "/nonexistent", 1);
    char why[512];
    TB_CHECK(!tb_target_usable(tb_target_find("cortex-a72"), why, sizeof why));
    TB_CHECK(strstr(why, "not found") != NULL);
    if (saved) {
        setenv("PATH", saved, 1);
        free(saved);
    }
    return 0;
}

int main(void)
{
    TB_RUN(test_cores_match_host);
    TB_RUN(test_board_choice);
    TB_RUN(test_unavailable_says_why);
    return tb_test_summary();
}
