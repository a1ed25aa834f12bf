/* Tests for the Google Benchmark C shim: numbers come back per repetition,
 * repeated calls work, bad cases are refused with a reason. Timing bounds are
 * deliberately loose because the test machine is shared. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <time.h>

#include "gbench_shim.h"
#include "tb_test.h"

static int calls;
static volatile uint32_t sink; /* volatile: the spin loop must really run */

static void sleep_1ms(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 1000000};
    calls++;
    nanosleep(&ts, NULL);
}

static void spin(void *arg)
{
    for (int i = 0; i < *(const int *)arg; i++)
        sink += (uint32_t)i;
    calls++;
}

static int test_sleep_is_at_least_1ms(void)
{
    double ns[3] = {0};
    int64_t iters = 0;
    char err[200] = "";
    tb_gb_case c = {"sleep_1ms", sleep_1ms, NULL, 3, 0.02, 0.0};
    calls = 0;
    int n = tb_gb_run(&c, ns, &iters, err, sizeof err);
    if (n < 0)
        fprintf(stderr, "  %s\n", err);
    TB_CHECK_EQ_INT(n, 3);
    TB_CHECK(iters >= 1);
    for (int r = 0; r < 3; r++) {
        TB_CHECK(ns[r] >= 1e6);
        TB_CHECK(ns[r] < 1e9);
    }
    /* Every measured call went through fn, besides the calibration runs. */
    TB_CHECK(calls >= 3 * iters);
    return 0;
}

static int test_twice_with_warmup(void)
{
    int loop = 10000;
    for (int round = 0; round < 2; round++) {
        double ns[2] = {0};
        int64_t iters = 0;
        char err[200] = "";
        tb_gb_case c = {"spin", spin, &loop, 2, 0.01, round ? 0.005 : 0.0};
        int n = tb_gb_run(&c, ns, &iters, err, sizeof err);
        if (n < 0)
            fprintf(stderr, "  %s\n", err);
        TB_CHECK_EQ_INT(n, 2);
        TB_CHECK(iters >= 1);
        TB_CHECK(ns[0] > 0 && ns[1] > 0);
    }
    return 0;
}

static int test_rejects_bad_cases(void)
{
    double ns[1] = {-1};
    int64_t iters = -1;
    char err[200] = "";
    tb_gb_case c = {"bad", sleep_1ms, NULL, 0, 0.01, 0.0};
    calls = 0;
    TB_CHECK_EQ_INT(tb_gb_run(&c, ns, &iters, err, sizeof err), -1);
    TB_CHECK(strstr(err, "repetitions") != NULL);
    TB_CHECK(strchr(err, '\n') == NULL);

    c.repetitions = 1;
    c.min_time_s = 0.0;
    err[0] = '\0';
    TB_CHECK_EQ_INT(tb_gb_run(&c, ns, &iters, err, sizeof err), -1);
    TB_CHECK(strstr(err, "min_time_s") != NULL);

    c.min_time_s = 0.01;
    c.fn = NULL;
    TB_CHECK_EQ_INT(tb_gb_run(&c, ns, &iters, NULL, 0), -1);

    TB_CHECK_EQ_INT(calls, 0);
    TB_CHECK_EQ_INT(iters, -1);
    TB_CHECK(ns[0] == -1);
    return 0;
}

static int test_version(void)
{
    const char *v = tb_gb_version();
    TB_CHECK(v != NULL && v[0] != '\0');
    TB_CHECK(v && strchr(v, '.') != NULL);
    return 0;
}

int main(void)
{
    TB_RUN(test_sleep_is_at_least_1ms);
    TB_RUN(test_twice_with_warmup);
    TB_RUN(test_rejects_bad_cases);
    TB_RUN(test_version);
    return tb_test_summary();
}
