/* Summary statistics of repeated measurements (one sample per repetition). */
#ifndef TB_STATS_H
#define TB_STATS_H

typedef struct {
    int n;
    double median, mean, stddev, cv, min, max, p90, p99;
} tb_stats;

/* Percentiles interpolate linearly between order statistics (the default
 * of numpy and R type 7); stddev is the sample standard deviation (n - 1);
 * cv = stddev / mean. n = 0 gives all zeros. */
void tb_stats_compute(const double *samples, int n, tb_stats *out);

/* The q-quantile (0..1) of n sorted values. */
double tb_quantile_sorted(const double *sorted, int n, double q);

#endif
