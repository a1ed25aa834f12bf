/* Tests for the PAPI counters: the fallback path runs everywhere (forced by
 * TB_PAPI_DISABLE=1); the counting path runs where a PMU exists and is
 * skipped with PAPI's own reason where it does not. */
#define _POSIX_C_SOURCE 200112L
#include <stdint.h>
#include <stdlib.h>

#include "counters.h"
#include "tb_test.h"

enum { LOOP_ITERS = 100000 };

static int calls;
static volatile uint32_t sink; /* volatile: the loop must really run */

static void loop(void *arg)
{
    (void)arg;
    for (int i = 0; i < LOOP_ITERS; i++)
        sink += (uint32_t)i;
    calls++;
}

static int test_names(void)
{
    TB_CHECK(strcmp(tb_counter_name(TB_CTR_INSTRUCTIONS), "instructions") == 0);
    TB_CHECK(strcmp(tb_counter_name(TB_CTR_CYCLES), "cycles") == 0);
    TB_CHECK(strcmp(tb_counter_name(TB_CTR_L1D_MISSES), "l1d_misses") == 0);
    TB_CHECK(strcmp(tb_counter_name(TB_CTR_L2_MISSES), "l2_misses") == 0);
    TB_CHECK(tb_counter_name(TB_CTR_COUNT) == NULL);
    return 0;
}

static int test_disabled_falls_back(void)
{
    tb_counters c;
    setenv("TB_PAPI_DISABLE", "1", 1);
    calls = 0;
    tb_counters_measure(loop, NULL, 7, &c);
    unsetenv("TB_PAPI_DISABLE");
    TB_CHECK_EQ_INT(calls, 7);
    TB_CHECK_EQ_INT(c.available, 0);
    TB_CHECK(c.reason[0] != '\0');
    TB_CHECK(strstr(c.reason, "TB_PAPI_DISABLE") != NULL);
    for (int i = 0; i < TB_CTR_COUNT; i++)
        TB_CHECK_EQ_INT(c.have[i], 0);
    return 0;
}

static int test_no_calls(void)
{
    tb_counters c;
    calls = 0;
    tb_counters_measure(loop, NULL, 0, &c);
    TB_CHECK_EQ_INT(calls, 0);
    TB_CHECK_EQ_INT(c.available, 0);
    TB_CHECK(c.reason[0] != '\0');
    return 0;
}

static int test_counts_a_known_loop(void)
{
    tb_counters c;
    calls = 0;
    tb_counters_measure(loop, NULL, 10, &c);
    TB_CHECK_EQ_INT(calls, 10);
    if (!c.available) {
        TB_CHECK(c.reason[0] != '\0');
        TB_SKIP(c.reason);
    }
    if (!c.have[TB_CTR_INSTRUCTIONS])
        TB_SKIP(c.reason);
    /* A volatile add loop needs a handful of instructions per iteration at
     * any optimisation level; 1 and 20 bracket every compiler seen. */
    TB_CHECK(c.per_call[TB_CTR_INSTRUCTIONS] >= 1.0 * LOOP_ITERS);
    TB_CHECK(c.per_call[TB_CTR_INSTRUCTIONS] <= 20.0 * LOOP_ITERS);
    if (c.have[TB_CTR_CYCLES])
        TB_CHECK(c.per_call[TB_CTR_CYCLES] > 0);
    return 0;
}

static int test_describe(void)
{
    char line[512];
    tb_counters_describe(line, sizeof line);
    printf("  %s\n", line);
    TB_CHECK(line[0] != '\0');
    TB_CHECK(strchr(line, '\n') == NULL);
    return 0;
}

int main(void)
{
    TB_RUN(test_names);
    TB_RUN(test_disabled_falls_back);
    TB_RUN(test_no_calls);
    TB_RUN(test_counts_a_known_loop);
    TB_RUN(test_describe);
    return tb_test_summary();
}
