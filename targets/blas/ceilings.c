/* The SGEMM and triad probes. The triad is STREAM's kernel on fp32 arrays
 * (McCalpin, "Memory Bandwidth and Machine Balance in Current High
 * Performance Computers", IEEE TCCA Newsletter 1995; www.cs.virginia.edu/
 * stream/ref.html): bytes counted are two reads and one write per element,
 * not the write-allocate read a cached store also causes. */
#include "ceilings.h"

#include "cpuinfo.h"
#include "proc.h"
#include "store.h"

#include <cblas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double tb_probe_sgemm_gflop_s(int n, int reps)
{
    const size_t count = (size_t)n * (size_t)n;
    float *a = malloc(count * sizeof *a), *b = malloc(count * sizeof *b);
    float *c = malloc(count * sizeof *c);
    double best = -1;
    if (a && b && c) {
        for (size_t i = 0; i < count; i++) {
            a[i] = (float)(i % 7) * 0.25f - 0.75f;
            b[i] = (float)(i % 5) * 0.25f - 0.5f;
        }
        /* One untimed call: first touch of C and the BLAS's buffers. */
        for (int r = -1; r < reps; r++) {
            double t0 = tb_now_s();
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n,
                        0.0f, c, n);
            double t = tb_now_s() - t0;
            if (r >= 0 && t > 0 && (best < 0 || 2.0 * n * (double)count / t * 1e-9 > best))
                best = 2.0 * n * (double)count / t * 1e-9;
        }
    }
    free(a);
    free(b);
    free(c);
    return best;
}

typedef struct {
    float *a, *b, *c;
    size_t begin, end;
    int init; /* 1: first touch; 0: triad */
} triad_part;

static void *triad_worker(void *arg)
{
    triad_part *p = arg;
    float *restrict a = p->a;
    const float *restrict b = p->b, *restrict c = p->c;
    if (p->init)
        for (size_t i = p->begin; i < p->end; i++) {
            p->a[i] = 0.0f;
            p->b[i] = 1.0f;
            p->c[i] = 2.0f;
        }
    else
        for (size_t i = p->begin; i < p->end; i++)
            a[i] = b[i] + 3.0f * c[i];
    return NULL;
}

/* Runs every part on its own thread (part 0 on the caller's); 0 or -1. */
static int run_parts(triad_part *parts, pthread_t *tid, int threads)
{
    int started = 0, rc = 0;
    for (int t = 1; t < threads; t++, started++)
        if (pthread_create(&tid[t], NULL, triad_worker, &parts[t]) != 0) {
            rc = -1;
            break;
        }
    triad_worker(&parts[0]);
    for (int t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    return rc;
}

double tb_probe_triad_gb_s(size_t array_bytes, int threads, int reps)
{
    if (threads < 1)
        return -1;
    const size_t n = array_bytes / sizeof(float);
    float *a = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
    float *b = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
    float *c = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
    triad_part *parts = calloc((size_t)threads, sizeof *parts);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    double best = -1;
    if (a && b && c && parts && tid) {
        for (int t = 0; t < threads; t++)
            parts[t] = (triad_part){a, b, c, n * (size_t)t / (size_t)threads,
                                    n * (size_t)(t + 1) / (size_t)threads, 1};
        if (run_parts(parts, tid, threads) == 0) {
            for (int t = 0; t < threads; t++)
                parts[t].init = 0;
            for (int r = 0; r < reps; r++) {
                double t0 = tb_now_s();
                if (run_parts(parts, tid, threads) != 0) {
                    best = -1;
                    break;
                }
                double s = tb_now_s() - t0, gb_s = 3.0 * (double)n * sizeof(float) / s * 1e-9;
                best = s > 0 && gb_s > best ? gb_s : best;
            }
        }
    }
    free(a);
    free(b);
    free(c);
    free(parts);
    free(tid);
    return best;
}

/* A positive whole number from the environment, or def; -1 when malformed. */
static long env_size(const char *name, long def, long max)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return def;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < 1 || v > max ? -1 : v;
}

/* The run's measured ceilings, one line: threads sgemm_n GFLOP/s bytes GB/s. */
static int read_cached(const char *path, tb_ceilings *c)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    unsigned long long bytes;
    int ok = fscanf(f, "%d %d %lf %llu %lf", &c->threads, &c->sgemm_n, &c->sgemm_gflop_s, &bytes,
                    &c->triad_gb_s) == 5 &&
             c->sgemm_gflop_s > 0 && c->triad_gb_s > 0;
    c->triad_array_bytes = (size_t)bytes;
    fclose(f);
    return ok ? 0 : -1;
}

static void write_cached(const char *path, const tb_ceilings *c)
{
    char line[200];
    int n = snprintf(line, sizeof line, "%d %d %.9g %llu %.9g\n", c->threads, c->sgemm_n,
                     c->sgemm_gflop_s, (unsigned long long)c->triad_array_bytes, c->triad_gb_s);
    /* A run that cannot write its folder fails elsewhere; here it only
     * measures again in the next cell. */
    (void)tb_write_file_atomic(path, line, (size_t)n);
}

int tb_ceilings_get(int threads, const char *cache_dir, const tb_ceilings **out, char *why,
                    size_t len)
{
    static tb_ceilings cached[8];
    static int n_cached;
    for (int i = 0; i < n_cached; i++)
        if (cached[i].threads == threads) {
            *out = &cached[i];
            return 0;
        }
    const size_t llc = tb_last_level_cache_bytes();
    const long def_mib = llc ? (long)((4 * llc + (1u << 20) - 1) >> 20) : 1024;
    const long n = env_size("TB_PROBE_SGEMM_N", 4096, 65536);
    const long mib = env_size("TB_PROBE_TRIAD_MIB", def_mib, 1L << 20);
    if (n < 0 || mib < 0) {
        snprintf(why, len, "TB_PROBE_SGEMM_N (1..65536) or TB_PROBE_TRIAD_MIB (1..1048576) "
                           "is not a whole number in range");
        return -1;
    }
    openblas_set_num_threads(threads);
    char path[1200] = "";
    if (cache_dir)
        snprintf(path, sizeof path, "%.1000s/server-ceilings-t%d-n%ld-m%ld.txt", cache_dir,
                 threads, n, mib);
    tb_ceilings c;
    if (!path[0] || read_cached(path, &c) != 0 || c.threads != threads) {
        c = (tb_ceilings){threads, (int)n, tb_probe_sgemm_gflop_s((int)n, 3), (size_t)mib << 20, 0};
        c.triad_gb_s = tb_probe_triad_gb_s(c.triad_array_bytes, threads, 5);
        if (path[0] && c.sgemm_gflop_s > 0 && c.triad_gb_s > 0)
            write_cached(path, &c);
    }
    if (c.sgemm_gflop_s <= 0 || c.triad_gb_s <= 0) {
        snprintf(why, len, "the ceiling probes could not run (SGEMM %ld, triad 3 x %ld MiB): "
                           "out of memory or threads", n, mib);
        return -1;
    }
    if (n_cached == (int)(sizeof cached / sizeof cached[0]))
        n_cached = 0;
    cached[n_cached] = c;
    *out = &cached[n_cached++];
    return 0;
}
