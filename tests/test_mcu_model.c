/* The MCU cycle model's arithmetic and the data-file parsers, on small
 * hand-made profiles whose answers are worked out by hand. */
#include <unistd.h>

#include "cycle_model.h"
#include "firmware_build.h"
#include "mcu_boards.h"
#include "tb_test.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static const char *const table_text =
    "# test table\n"
    "core test-core\n"
    "source hand-made for test_mcu_model\n"
    "cost alu 1\ncost load 2   # trailing comment\ncost branch 1\ncost branch_taken 1\n"
    "cost branch_not_taken 1\ncost ldm 1\ncost_ldm_reg 1\ncost_stm_reg 0.5\n"
    "branch_refill 2\nissue_factor 0.5\n";

static const char *const board_text =
    "name test-board\ncore test-core\nsource hand-made\nclock_mhz 100\n"
    "flash_bytes 1000\nram_bytes 500\nflash_wait_states 4\nfetch_hit_rate 0.75\n"
    "run_current_ua_per_mhz 50\nsupply_v 2\n";

static int test_cycles_by_hand(void)
{
    char err[512];
    tb_cycle_table t;
    tb_board b;
    write_file("/tmp/tb_test.cycles", table_text);
    write_file("/tmp/tb_test.board", board_text);
    TB_CHECK_EQ_INT(tb_cycle_table_load("/tmp/tb_test.cycles", &t, err, sizeof err), 0);
    TB_CHECK_EQ_INT(tb_board_load("/tmp/tb_test.board", &b, err, sizeof err), 0);
    cJSON *counts = cJSON_Parse("{\"insns\":150,\"alu\":100,\"load\":20,\"branch\":5,"
                                "\"branch_taken\":10,\"branch_not_taken\":3,\"ldm\":2,"
                                "\"ldm_regs\":8,\"stm_regs\":4,\"mve\":0}");
    tb_cycle_estimate e;
    TB_CHECK_EQ_INT(tb_cycles_estimate(&t, &b, counts, &e, err, sizeof err), 0);
    /* compute: 0.5 x (100 + 40 + 5 + 10 + 3 + 2 + 8 x 1 + 4 x 0.5) = 85;
     * refill: 15 taken x 2 = 30; wait: 15 x 4 x 0.25 = 15. */
    TB_CHECK_NEAR(e.compute, 85.0, 1e-9);
    TB_CHECK_NEAR(e.refill, 30.0, 1e-9);
    TB_CHECK_NEAR(e.wait, 15.0, 1e-9);
    TB_CHECK_NEAR(e.cycles, 130.0, 1e-9);
    /* 50 uA/MHz x 2 V x 130 cycles = 13000 pJ = 0.013 uJ. */
    TB_CHECK_NEAR(tb_energy_uj(&b, e.cycles), 0.013, 1e-12);
    cJSON_Delete(counts);

    /* A class that executed but has no cost is an error, not a zero. */
    counts = cJSON_Parse("{\"insns\":1,\"div\":1}");
    TB_CHECK_EQ_INT(tb_cycles_estimate(&t, &b, counts, &e, err, sizeof err), -1);
    TB_CHECK(strstr(err, "no cost for class 'div'") != NULL);
    cJSON_Delete(counts);
    return 0;
}

static int expect_load_error(const char *text, int board, const char *needle)
{
    char err[512] = "";
    write_file("/tmp/tb_test_bad", text);
    tb_board b;
    tb_cycle_table t;
    int rc = board ? tb_board_load("/tmp/tb_test_bad", &b, err, sizeof err)
                   : tb_cycle_table_load("/tmp/tb_test_bad", &t, err, sizeof err);
    if (rc == 0 || !strstr(err, needle)) {
        fprintf(stderr, "load: rc %d, '%s' (wanted '%s')\n", rc, err, needle);
        return 0;
    }
    return 1;
}

static int test_parser_errors(void)
{
    TB_CHECK(expect_load_error("name x\ncore y\nclock_mhz 10\nflsh_bytes 3\n", 1,
                               "unknown key 'flsh_bytes'"));
    TB_CHECK(expect_load_error("name x\ncore y\nclock_mhz fast\n", 1, "not a non-negative"));
    TB_CHECK(expect_load_error("name x\ncore y\nclock_mhz 10\nflash_bytes 1\nram_bytes 1\n"
                               "fetch_hit_rate 0\nrun_current_ua_per_mhz 1\nsupply_v 1\n",
                               1, "missing or zero 'source'"));
    TB_CHECK(expect_load_error("core c\nsource s\ncost alu 1\ncost alu 2\nissue_factor 1\n", 0,
                               "repeated"));
    TB_CHECK(expect_load_error("core c\nsource s\ncost alu\n", 0, "needs a class and a number"));
    TB_CHECK(expect_load_error("core c\nsource s\ncost alu 1\n", 0, "issue_factor"));
    return 0;
}

/* Every shipped board and cycle table loads, cites a source, and each
 * board's core has a cycle table. */
static int test_shipped_profiles(void)
{
    static const char *const boards[] = {"stm32l4r5", "nrf52840", "stm32h7a3", "stm32u575",
                                         "stm32g0b1", "alif-e7-hp", "microbit", "stm32f103"};
    char err[512], path[1024];
    for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++) {
        tb_board b;
        tb_cycle_table t;
        TB_CHECK_EQ_INT(tb_board_find(boards[i], &b, err, sizeof err), 0);
        TB_CHECK(b.source[0] != 0);
        snprintf(path, sizeof path, "%s/targets/mcu/cores/%s.cycles", tb_source_dir(), b.core);
        TB_CHECK_EQ_INT(tb_cycle_table_load(path, &t, err, sizeof err), 0);
    }
    tb_board b;
    TB_CHECK_EQ_INT(tb_board_find("nosuch", &b, err, sizeof err), -1);
    TB_CHECK(strstr(err, "accepted:") && strstr(err, "stm32l4r5"));
    /* A Cortex-M0+ board serves the cortex-m0 target; an M4 board does not. */
    const char *const wanted[] = {"nrf52840", "stm32g0b1", NULL};
    TB_CHECK_EQ_INT(tb_board_for_core("cortex-m0", "microbit", wanted, &b, err, sizeof err), 0);
    TB_CHECK(strcmp(b.name, "stm32g0b1") == 0);
    TB_CHECK_EQ_INT(tb_board_for_core("cortex-m7", "stm32h7a3", wanted, &b, err, sizeof err), 0);
    TB_CHECK(strcmp(b.name, "stm32h7a3") == 0);
    return 0;
}

int main(void)
{
    TB_RUN(test_cycles_by_hand);
    TB_RUN(test_parser_errors);
    TB_RUN(test_shipped_profiles);
    unlink("/tmp/tb_test.cycles");
    unlink("/tmp/tb_test.board");
    unlink("/tmp/tb_test_bad");
    return tb_test_summary();
}
