/* Repetition statistics against values worked out by hand. */
#include "stats.h"
#include "tb_test.h"

static int test_known_samples(void)
{
    const double s[] = {5, 1, 4, 2, 3}; /* unsorted on purpose */
    tb_stats st;
    tb_stats_compute(s, 5, &st);
    TB_CHECK_EQ_INT(st.n, 5);
    TB_CHECK_NEAR(st.median, 3.0, 1e-12);
    TB_CHECK_NEAR(st.mean, 3.0, 1e-12);
    TB_CHECK_NEAR(st.stddev, 1.5811388300841898, 1e-12); /* sqrt(10 / 4) */
    TB_CHECK_NEAR(st.cv, 1.5811388300841898 / 3.0, 1e-12);
    TB_CHECK_NEAR(st.min, 1.0, 0);
    TB_CHECK_NEAR(st.max, 5.0, 0);
    TB_CHECK_NEAR(st.p90, 4.6, 1e-12); /* position 3.6 between 4 and 5 */
    TB_CHECK_NEAR(st.p99, 4.96, 1e-12);
    return 0;
}

static int test_edge_cases(void)
{
    tb_stats st;
    const double one = 7.0, even[] = {1, 2, 3, 4};
    tb_stats_compute(&one, 1, &st);
    TB_CHECK(st.median == 7.0 && st.stddev == 0.0 && st.p99 == 7.0);
    tb_stats_compute(even, 4, &st);
    TB_CHECK_NEAR(st.median, 2.5, 1e-12);
    tb_stats_compute(even, 0, &st);
    TB_CHECK(st.n == 0 && st.mean == 0.0);
    return 0;
}

int main(void)
{
    TB_RUN(test_known_samples);
    TB_RUN(test_edge_cases);
    return tb_test_summary();
}
