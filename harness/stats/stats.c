/* Repetition statistics for latency samples. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double tb_quantile_sorted(const double *sorted, int n, double q)
{
    if (n <= 0)
        return 0.0;
    double pos = q * (n - 1);
    int lo = (int)floor(pos);
    int hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

void tb_stats_compute(const double *samples, int n, tb_stats *out)
{
    memset(out, 0, sizeof *out);
    if (n <= 0)
        return;
    double *s = malloc((size_t)n * sizeof *s);
    if (!s)
        abort();
    memcpy(s, samples, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += s[i];
    out->n = n;
    out->mean = sum / n;
    double ss = 0.0;
    for (int i = 0; i < n; i++)
        ss += (s[i] - out->mean) * (s[i] - out->mean);
    out->stddev = n > 1 ? sqrt(ss / (n - 1)) : 0.0;
    out->cv = out->mean > 0.0 ? out->stddev / out->mean : 0.0;
    out->min = s[0];
    out->max = s[n - 1];
    out->median = tb_quantile_sorted(s, n, 0.5);
    out->p90 = tb_quantile_sorted(s, n, 0.9);
    out->p99 = tb_quantile_sorted(s, n, 0.99);
    free(s);
}
