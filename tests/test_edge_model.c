/* The edge cycle model's arithmetic, worked out by hand on a small made-up
 * core; the edge data-file parsers' errors; every shipped core and board
 * file loads; --board checking takes MCU and edge boards and names both
 * kinds when a board is unknown. */
#include <string.h>

#include "board_check.h"
#include "edge_cycle_model.h"
#include "edge_profile.h"
#include "program_build.h"
#include "tb_test.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static const char *const core_text =
    "# test core\n"
    "core test-a\n"
    "source hand-made for test_edge_model\n"
    "dispatch_width 2\nefficiency 0.5\nmispredict_rate 0.1\nbranch_refill 10\n"
    "pipe int 2\npipe ld 1   # trailing comment\npipe br 1\n"
    "class alu int 1\nclass load ld 2\nclass branch_taken br 1\nclass branch_not_taken br 1\n"
    "class other int 0\n";

static int test_cycles_by_hand(void)
{
    char err[512];
    tb_edge_core c;
    write_file("/tmp/tb_test_edge.cycles", core_text);
    TB_CHECK_EQ_INT(tb_edge_core_load("/tmp/tb_test_edge.cycles", &c, err, sizeof err), 0);
    TB_CHECK_EQ_INT(c.n_pipes, 3);
    TB_CHECK_EQ_INT(c.n_classes, 5);

    /* dispatch 200/2 = 100; int (120 x 1)/2 = 60; ld 60 x 2 / 1 = 120;
     * br 20 / 1 = 20. Bound = ld 120, compute = 120 / 0.5 = 240;
     * mispredict = 20 conditional x 0.1 x 10 = 20; cycles 260. */
    cJSON *counts = cJSON_Parse("{\"insns\":200,\"alu\":120,\"load\":60,\"branch_taken\":15,"
                                "\"branch_not_taken\":5,\"other\":0,\"div\":0}");
    tb_edge_estimate e;
    TB_CHECK_EQ_INT(tb_edge_cycles(&c, counts, &e, err, sizeof err), 0);
    TB_CHECK_NEAR(e.dispatch, 100.0, 1e-9);
    TB_CHECK_NEAR(e.pipe[0], 60.0, 1e-9);
    TB_CHECK_NEAR(e.pipe[1], 120.0, 1e-9);
    TB_CHECK_NEAR(e.pipe[2], 20.0, 1e-9);
    TB_CHECK_EQ_INT(e.bottleneck, 1);
    TB_CHECK_NEAR(e.compute, 240.0, 1e-9);
    TB_CHECK_NEAR(e.mispredict, 20.0, 1e-9);
    TB_CHECK_NEAR(e.cycles, 260.0, 1e-9);
    cJSON_Delete(counts);

    /* Dispatch-bound: 1000 ALU-free NOPs (other, occupancy 0). */
    counts = cJSON_Parse("{\"insns\":1000,\"other\":1000}");
    TB_CHECK_EQ_INT(tb_edge_cycles(&c, counts, &e, err, sizeof err), 0);
    TB_CHECK_EQ_INT(e.bottleneck, -1);
    TB_CHECK_NEAR(e.cycles, 1000.0, 1e-9); /* 1000 / 2 / 0.5 */
    cJSON_Delete(counts);

    /* A class that executed but has no line is an error, not a zero. */
    counts = cJSON_Parse("{\"insns\":1,\"simd_mul\":1}");
    TB_CHECK_EQ_INT(tb_edge_cycles(&c, counts, &e, err, sizeof err), -1);
    TB_CHECK(strstr(err, "no class 'simd_mul'") != NULL);
    cJSON_Delete(counts);

    /* Energy: 2 ms at 3 W = 6 mJ = 6000 uJ. */
    tb_edge_board b = {.active_power_w = 3};
    TB_CHECK_NEAR(tb_edge_energy_uj(&b, 2e6), 6000.0, 1e-9);
    return 0;
}

/* Each bad file fails with the file, the line where it can, and what is wrong. */
static int test_bad_files(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"core x\nsource s\ndispatch_width 2\nefficiency 0.5\nmispredict_rate 0\n"
         "branch_refill 1\nfrobnicate 3\n", ":7: unknown key 'frobnicate'"},
        {"core x\nsource s\npipe int 2\nclass alu fpu 1\n", ":4: class 'alu' uses pipe 'fpu'"},
        {"core x\nsource s\npipe int 2\npipe int 1\n", ":4: pipe 'int' repeated"},
        {"core x\nsource s\npipe int 0\n", ":3: pipe 'int' needs at least one unit"},
        {"core x\nsource s\npipe int 2\nclass alu int -1\n", ":4: '-1' is not a non-negative"},
        {"core x\nsource s\npipe int 2\nclass alu int\n", ":4: 'class' needs a class, a pipe"},
        {"core x\nsource s\ndispatch_width 2\nmispredict_rate 0\nbranch_refill 1\n"
         "pipe int 2\nclass alu int 1\n", "missing or zero 'efficiency'"},
        {"core x\nsource s\ndispatch_width 2\nefficiency 1.5\nmispredict_rate 0\n"
         "branch_refill 1\npipe int 2\nclass alu int 1\n", "must be within 0..1"},
    };
    char err[512];
    tb_edge_core c;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file("/tmp/tb_bad_edge.cycles", cases[i].text);
        TB_CHECK_EQ_INT(tb_edge_core_load("/tmp/tb_bad_edge.cycles", &c, err, sizeof err), -1);
        if (!strstr(err, cases[i].want))
            fprintf(stderr, "  case %zu: got '%s', want '%s'\n", i, err, cases[i].want);
        TB_CHECK(strstr(err, cases[i].want) != NULL);
        TB_CHECK(strstr(err, "/tmp/tb_bad_edge.cycles") != NULL);
    }
    tb_edge_board b;
    write_file("/tmp/tb_bad_edge.board", "name b\ncore cortex-a53\nsource s\nclock_mhz 1000\n"
                                         "ram_bytes 1000\n");
    TB_CHECK_EQ_INT(tb_edge_board_load("/tmp/tb_bad_edge.board", &b, err, sizeof err), -1);
    TB_CHECK(strstr(err, "missing or zero 'active_power_w'") != NULL);
    TB_CHECK_EQ_INT(tb_edge_core_load("/tmp/tb_no_such.cycles", &c, err, sizeof err), -1);
    TB_CHECK(strstr(err, "/tmp/tb_no_such.cycles") != NULL);
    return 0;
}

/* The shipped files load, and each board names a core that has a file. */
static int test_shipped_files(void)
{
    static const char *const boards[] = {"rpi3b", "rpi3bplus", "rpi4b", "rpi4b-1.8", "rpi5"};
    char err[1024], path[TB_PATH_MAX];
    for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++) {
        tb_edge_board b;
        tb_edge_core c;
        TB_CHECK_EQ_INT(tb_edge_board_find(boards[i], &b, err, sizeof err), 0);
        snprintf(path, sizeof path, "%s/targets/edge/cores/%s.cycles", tb_source_dir(), b.core);
        if (tb_edge_core_load(path, &c, err, sizeof err))
            fprintf(stderr, "  %s\n", err);
        TB_CHECK_EQ_INT(tb_edge_core_load(path, &c, err, sizeof err), 0);
        /* every class the A64 plugin reports has a line */
        static const char *const classes[] = {
            "alu", "mul", "div", "load", "store", "load_pair", "store_pair", "branch",
            "branch_taken", "branch_not_taken", "fp", "simd_alu", "simd_mul", "simd_load",
            "simd_store", "other"};
        for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++)
            TB_CHECK(tb_edge_class_index(&c, classes[k]) >= 0);
    }
    /* A board of another core is passed over for the default. */
    tb_edge_board b;
    const char *const wanted[] = {"stm32l4r5", "rpi5", "rpi3bplus", NULL};
    TB_CHECK_EQ_INT(tb_edge_board_for_core("cortex-a53", "rpi3b", wanted, &b, err, sizeof err), 0);
    TB_CHECK(strcmp(b.name, "rpi3bplus") == 0);
    TB_CHECK_EQ_INT(tb_edge_board_for_core("cortex-a72", "rpi4b", wanted, &b, err, sizeof err), 0);
    TB_CHECK(strcmp(b.name, "rpi4b") == 0);
    return 0;
}

static int test_board_check(void)
{
    char err[2048];
    TB_CHECK_EQ_INT(tb_board_check("nrf52840", err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_board_check("rpi4b-1.8", err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_board_check("rpi6", err, sizeof err), -1);
    TB_CHECK(strstr(err, "unknown board 'rpi6'") && strstr(err, "rpi5") &&
             strstr(err, "stm32l4r5"));
    return 0;
}

int main(void)
{
    TB_RUN(test_cycles_by_hand);
    TB_RUN(test_bad_files);
    TB_RUN(test_shipped_files);
    TB_RUN(test_board_check);
    return tb_test_summary();
}
