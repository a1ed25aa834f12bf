/* The two-sided Mann–Whitney U test between two samples (benchmark
 * repetitions), computed as scipy.stats.mannwhitneyu does with its default
 * method, which Google Benchmark's tools/compare.py calls. docs/compare.md
 * says when the p-value is exact and when it is a normal approximation. */
#ifndef TB_MANN_WHITNEY_H
#define TB_MANN_WHITNEY_H

#include <stddef.h>

typedef struct {
    double u_a;  /* pairs (a, b) with a > b, a tie counting 1/2 */
    double u_b;  /* pairs with b > a: na * nb - u_a */
    double p;    /* two-sided p-value, in (0, 1] */
    int exact;   /* 1: exact null distribution; 0: normal approximation with
                    tie and continuity corrections */
    int tied;    /* 1 when two values of the pooled samples are equal */
} tb_mwu;

/* The exact distribution is used while the smaller sample has at most this
 * many values (scipy's rule) and the larger at most TB_MWU_EXACT_MAX_LARGE
 * (bounds the work; beyond it the normal approximation is close). */
enum { TB_MWU_EXACT_MAX_SMALL = 8, TB_MWU_EXACT_MAX_LARGE = 1000 };

/* Tests a (na values) against b (nb values); both non-empty and finite.
 * 0, or -1 for empty, non-finite input or no memory. */
int tb_mann_whitney_u(const double *a, size_t na, const double *b, size_t nb, tb_mwu *out);

#endif
