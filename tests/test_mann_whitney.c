/* The Mann–Whitney U test against values worked out by hand (each case says
 * how; scipy.stats.mannwhitneyu 1.10.1, two-sided, gives the same p-values),
 * and the exact distribution against a brute-force count over every way of
 * splitting the pooled ranks. */
#include <math.h>

#include "mann_whitney.h"
#include "tb_test.h"

#define N(x) (sizeof(x) / sizeof((x)[0]))

static tb_mwu run(const double *a, size_t na, const double *b, size_t nb)
{
    tb_mwu r = {0};
    TB_CHECK(tb_mann_whitney_u(a, na, b, nb, &r) == 0);
    return r;
}

/* Fully separated samples: U = 0 and p = 2 / C(na + nb, na), the one
 * arrangement out of all in each tail. */
static int test_exact_separated(void)
{
    double a2[] = {1, 2}, b2[] = {3, 4};
    tb_mwu r = run(a2, 2, b2, 2);
    TB_CHECK(r.exact && !r.tied);
    TB_CHECK_NEAR(r.u_a, 0, 0);
    TB_CHECK_NEAR(r.u_b, 4, 0);
    TB_CHECK_NEAR(r.p, 2.0 / 6, 1e-12);

    /* With three repetitions a side nothing can reach p < 0.1. */
    double a3[] = {1, 2, 3}, b3[] = {4, 5, 6};
    TB_CHECK_NEAR(run(a3, 3, b3, 3).p, 2.0 / 20, 1e-12);

    double a5[] = {6, 7, 8, 9, 10}, b5[] = {1, 2, 3, 4, 5};
    r = run(a5, 5, b5, 5);
    TB_CHECK_NEAR(r.u_a, 25, 0);
    TB_CHECK_NEAR(r.p, 2.0 / 252, 1e-12);
    return 0;
}

/* Ranks 1,3,5,7,9 against 2,4,6,8,10: U_a = 0+1+2+3+4 = 10, U_b = 15.
 * For 5 against 5 the counts of U = 0..10 are the partitions of U into at
 * most 5 parts of at most 5: 1,1,2,3,5,7,9,11,14,16,18, summing to 87, so
 * p = 2 * 87 / 252. */
static int test_exact_interleaved(void)
{
    double a[] = {1, 3, 5, 7, 9}, b[] = {2, 4, 6, 8, 10};
    tb_mwu r = run(a, 5, b, 5);
    TB_CHECK_NEAR(r.u_a, 10, 0);
    TB_CHECK_NEAR(r.u_b, 15, 0);
    TB_CHECK_NEAR(r.p, 2.0 * 87 / 252, 1e-12);
    return 0;
}

/* Wikipedia's tortoise-and-hare race (Mann–Whitney U test, "Illustration of
 * calculation methods"): finishing order T H H H H H T T T T T H, so the
 * tortoises finish at places 1,7,8,9,10,11. U_a counts tortoise places after
 * a hare's (0 + 5 * 5 = 25, Wikipedia's U_H); U_b = 11 (its U_T). For 6
 * against 6, 143 of the 924 arrangements have U <= 11: p = 2 * 143 / 924. */
static int test_exact_tortoise_and_hare(void)
{
    double tortoise[] = {1, 7, 8, 9, 10, 11}, hare[] = {2, 3, 4, 5, 6, 12};
    tb_mwu r = run(tortoise, 6, hare, 6);
    TB_CHECK_NEAR(r.u_a, 25, 0);
    TB_CHECK_NEAR(r.u_b, 11, 0);
    TB_CHECK_NEAR(r.p, 2.0 * 143 / 924, 1e-12);
    return 0;
}

/* Ties force the normal approximation. a = 1,2,2,3,4, b = 2,3,5,5,6:
 * U_a = 0 + 0.5 + 0.5 + 1.5 + 2 = 4.5, U_b = 20.5. Tie groups of 3 (the 2s),
 * 2 (the 3s) and 2 (the 5s) give sum(t^3 - t) = 24 + 6 + 6 = 36, so
 * var = 25/12 * (11 - 36/90) = 22.0833, z = (20.5 - 12.5 - 0.5) / 4.6993
 * = 1.5960 and p = 2 * (1 - Phi(z)) = 0.110492. */
static int test_normal_with_ties(void)
{
    double a[] = {1, 2, 2, 3, 4}, b[] = {2, 3, 5, 5, 6};
    tb_mwu r = run(a, 5, b, 5);
    TB_CHECK(!r.exact && r.tied);
    TB_CHECK_NEAR(r.u_a, 4.5, 0);
    TB_CHECK_NEAR(r.p, 0.110492024, 1e-8);

    double same[] = {5, 5, 5};
    r = run(same, 3, same, 3);
    TB_CHECK_NEAR(r.u_a, 4.5, 0);
    TB_CHECK_NEAR(r.p, 1, 0);
    return 0;
}

/* Both samples larger than 8: normal approximation even without ties.
 * 0..9 against 20..29: U = 0, var = 100 * 21 / 12 = 175,
 * z = (100 - 50 - 0.5) / sqrt(175) = 3.74185, p = 1.82672e-4. */
static int test_normal_large(void)
{
    double a[10], b[10];
    for (int i = 0; i < 10; i++) {
        a[i] = i;
        b[i] = 20 + i;
    }
    tb_mwu r = run(a, 10, b, 10);
    TB_CHECK(!r.exact && !r.tied);
    TB_CHECK_NEAR(r.u_a, 0, 0);
    TB_CHECK_NEAR(r.p, 1.8267179e-4, 1e-10);
    return 0;
}

/* Every split of the ranks 1..n into na for a and the rest for b: the
 * function's p must equal 2 * (share of splits with U at least as extreme),
 * counted here directly. */
static void check_all_splits(int na, int nb)
{
    int n = na + nb;
    unsigned total = 0, hist[64] = {0};
    for (unsigned mask = 0; mask < 1u << n; mask++) {
        if (__builtin_popcount(mask) != na)
            continue;
        int u = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                u += (mask >> i & 1) && !(mask >> j & 1) && i > j;
        hist[u]++;
        total++;
    }
    for (unsigned mask = 0; mask < 1u << n; mask++) {
        if (__builtin_popcount(mask) != na)
            continue;
        double a[16], b[16];
        int ia = 0, ib = 0;
        for (int i = 0; i < n; i++) {
            if (mask >> i & 1)
                a[ia++] = i + 1;
            else
                b[ib++] = i + 1;
        }
        tb_mwu r = run(a, (size_t)na, b, (size_t)nb);
        int umax = (int)fmax(r.u_a, r.u_b);
        unsigned tail = 0;
        for (int u = umax; u <= na * nb; u++)
            tail += hist[u];
        double want = fmin(1.0, 2.0 * tail / total);
        TB_CHECK(r.exact);
        TB_CHECK_NEAR(r.p, want, 1e-12);
    }
}

static int test_exact_against_enumeration(void)
{
    check_all_splits(1, 7);
    check_all_splits(3, 8);
    check_all_splits(4, 6);
    check_all_splits(6, 4);
    check_all_splits(5, 5);
    return 0;
}

/* 8 against 200, separated: still exact, p = 2 / C(208, 8). */
static int test_exact_unbalanced(void)
{
    double a[8], b[200];
    for (int i = 0; i < 8; i++)
        a[i] = 1000 + i;
    for (int i = 0; i < 200; i++)
        b[i] = i;
    tb_mwu r = run(a, 8, b, 200);
    double c = 1;
    for (int i = 1; i <= 8; i++)
        c = c * (200 + i) / i;
    TB_CHECK(r.exact);
    TB_CHECK_NEAR(r.p / (2 / c), 1, 1e-9);
    tb_mwu s = run(b, 200, a, 8);
    TB_CHECK_NEAR(s.p, r.p, 0);
    TB_CHECK_NEAR(s.u_b, r.u_a, 0);
    return 0;
}

static int test_bad_input(void)
{
    double a[] = {1, 2}, bad[] = {1, NAN};
    tb_mwu r;
    TB_CHECK(tb_mann_whitney_u(a, 0, a, 2, &r) == -1);
    TB_CHECK(tb_mann_whitney_u(a, 2, bad, 2, &r) == -1);
    return 0;
}

int main(void)
{
    TB_RUN(test_exact_separated);
    TB_RUN(test_exact_interleaved);
    TB_RUN(test_exact_tortoise_and_hare);
    TB_RUN(test_normal_with_ties);
    TB_RUN(test_normal_large);
    TB_RUN(test_exact_against_enumeration);
    TB_RUN(test_exact_unbalanced);
    TB_RUN(test_bad_input);
    return tb_test_summary();
}
