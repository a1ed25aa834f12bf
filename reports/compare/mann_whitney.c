/* Mann–Whitney U with scipy's default p-value (method "auto", scipy >= 1.7):
 * exact when the smaller sample has at most 8 values and nothing is tied,
 * otherwise the normal approximation with tie and continuity corrections. */
#include "mann_whitney.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Sum over groups of t equal pooled values of t^3 - t (0 when nothing is
 * tied); -1 without memory. */
static double tie_term(const double *a, size_t na, const double *b, size_t nb)
{
    size_t n = na + nb;
    double *all = malloc(n * sizeof *all);
    if (!all)
        return -1;
    memcpy(all, a, na * sizeof *a);
    memcpy(all + na, b, nb * sizeof *b);
    qsort(all, n, sizeof *all, cmp_double);
    double term = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && all[j] == all[i]; j++)
            ;
        double t = (double)(j - i);
        term += t * t * t - t;
    }
    free(all);
    return term;
}

/* P(U >= u) under the null hypothesis for samples of k <= m values without
 * ties. The arrangements with U = s are the partitions of s into at most k
 * parts none larger than m; count[j][s] holds those with at most j parts,
 * grown one largest-part size p at a time (either no part equals p, or
 * removing one part p leaves a partition of s - p into at most j - 1 parts).
 * Only additions, so the counts stay accurate in doubles. -1 without memory. */
static double exact_sf(size_t k, size_t m, double u)
{
    size_t smax = k * m, w = smax + 1;
    double *count = calloc((k + 1) * w, sizeof *count);
    if (!count)
        return -1;
    for (size_t j = 0; j <= k; j++)
        count[j * w] = 1;
    for (size_t p = 1; p <= m; p++)
        for (size_t j = 1; j <= k; j++)
            for (size_t s = p; s <= j * p && s <= smax; s++)
                count[j * w + s] += count[(j - 1) * w + s - p];
    double total = 0, tail = 0;
    for (size_t s = 0; s <= smax; s++) {
        total += count[k * w + s];
        if ((double)s >= u)
            tail += count[k * w + s];
    }
    free(count);
    return tail / total;
}

int tb_mann_whitney_u(const double *a, size_t na, const double *b, size_t nb, tb_mwu *out)
{
    if (na == 0 || nb == 0)
        return -1;
    for (size_t i = 0; i < na; i++)
        if (!isfinite(a[i]))
            return -1;
    for (size_t i = 0; i < nb; i++)
        if (!isfinite(b[i]))
            return -1;
    double u_a = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            u_a += a[i] > b[j] ? 1.0 : a[i] == b[j] ? 0.5 : 0.0;
    double ties = tie_term(a, na, b, nb);
    if (ties < 0)
        return -1;
    double nn = (double)na * (double)nb;
    out->u_a = u_a;
    out->u_b = nn - u_a;
    out->tied = ties > 0;
    /* Two-sided: twice the upper tail of the larger of the two U's. */
    double u = fmax(out->u_a, out->u_b);
    size_t small = na < nb ? na : nb, large = na < nb ? nb : na;
    out->exact = !out->tied && small <= TB_MWU_EXACT_MAX_SMALL && large <= TB_MWU_EXACT_MAX_LARGE;
    double p;
    if (out->exact) {
        p = exact_sf(small, large, u);
        if (p < 0)
            return -1;
        p *= 2;
    } else {
        double n = (double)(na + nb);
        double var = nn / 12.0 * ((n + 1) - ties / (n * (n - 1)));
        /* Every value equal: no evidence of a difference. */
        p = var > 0 ? erfc((u - nn / 2 - 0.5) / sqrt(var) / sqrt(2.0)) : 1.0;
    }
    out->p = p > 1 ? 1 : p;
    return 0;
}
