/* The native cell program: the linked-in model (emit_c.c) run by the
 * shared int8 runtime on a Linux CPU, statically linked so one file runs on
 * any Linux of its architecture (under qemu-aarch64 with the counting
 * plugin, or on a real board over ssh).
 *
 * Usage: cell [--reps N --warmup W --min-time S]
 *
 * It always runs one inference between region markers, each layer marked
 * too (the plugin's regions: the inference at depth 1, the layers at depth
 * 2). With --reps it then times N repetitions, each of `iterations`
 * unmarked inferences calibrated once so that a repetition lasts at least
 * S seconds, after W untimed warm-up inferences.
 *
 * Line protocol on stdout (the firmware's first two lines, so
 * targets/common/cell_report.c reads both):
 *   tierbench: output <2 hex digits per output byte>
 *   tierbench: status <tb_status of the marked inference, 8 hex digits>
 *   tierbench: iterations <inferences per repetition, decimal>       (--reps)
 *   tierbench: sample_ns <ns per inference of one repetition>        (--reps, N lines)
 *   tierbench: peak_rss_bytes <VmHWM of /proc/self/status, decimal>  (when readable)
 * Exit status: 0 ok, 2 bad arguments (message on stderr), 4 scratch buffer
 * too small, 5 a kernel failed. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec.h"
#include "markers.h"

extern const tb_model tb_fw_model;
extern unsigned char tb_fw_arena[];
extern const tb_kernels_s8 TB_FW_KERNELS;

static unsigned char scratch_buf[TB_FW_SCRATCH_BYTES] __attribute__((aligned(16)));

typedef struct {
    long reps, warmup;
    double min_time_s;
} options;

static void layer_mark(void *user, int32_t op_index, int begin)
{
    (void)user;
    (void)op_index;
    if (begin)
        tb_region_begin();
    else
        tb_region_end();
}

static int usage(const char *why)
{
    fprintf(stderr,
            "cell: %s\n"
            "usage: cell [--reps N --warmup W --min-time S]\n"
            "  N: 1..1000 timed repetitions, W: >= 0 warm-up inferences,\n"
            "  S: seconds each repetition lasts at least (> 0, <= 3600)\n",
            why);
    return 2;
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    *o = (options){0, 0, 0.1};
    for (int i = 1; i < argc; i += 2) {
        double v;
        const char *name = argv[i];
        if (i + 1 >= argc)
            return usage("an option is missing its value");
        if (strcmp(name, "--reps") == 0 && parse_number(argv[i + 1], 1, 1000, &v) == 0 &&
            v == (long)v)
            o->reps = (long)v;
        else if (strcmp(name, "--warmup") == 0 && parse_number(argv[i + 1], 0, 1e9, &v) == 0 &&
                 v == (long)v)
            o->warmup = (long)v;
        else if (strcmp(name, "--min-time") == 0 &&
                 parse_number(argv[i + 1], 1e-9, 3600, &v) == 0)
            o->min_time_s = v;
        else
            return usage("unknown option or value out of range");
    }
    return 0;
}

static void print_output(const int8_t *out, int32_t n)
{
    fputs("tierbench: output ", stdout);
    for (int32_t i = 0; i < n; i++)
        printf("%02x", (unsigned)(uint8_t)out[i]);
    putchar('\n');
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Runs n unmarked inferences; their wall time in seconds, or -1 when a
 * kernel failed. */
static double run_batch(const tb_model *m, tb_ctx *scratch, int64_t n)
{
    double t0 = now_s();
    for (int64_t i = 0; i < n; i++)
        if (tb_exec_s8(m, &TB_FW_KERNELS, tb_fw_arena, scratch, NULL) != TB_OK)
            return -1;
    return now_s() - t0;
}

/* Doubles the batch until it lasts min_time_s, as Google Benchmark does. */
static int64_t calibrate(const tb_model *m, tb_ctx *scratch, double min_time_s)
{
    int64_t n = 1;
    for (;;) {
        double t = run_batch(m, scratch, n);
        if (t < 0)
            return -1;
        if (t >= min_time_s || n >= INT64_MAX / 2)
            return n;
        n *= 2;
    }
}

static int measure(const tb_model *m, tb_ctx *scratch, const options *o)
{
    if (run_batch(m, scratch, o->warmup) < 0)
        return 5;
    int64_t n = calibrate(m, scratch, o->min_time_s);
    if (n < 0)
        return 5;
    printf("tierbench: iterations %" PRId64 "\n", n);
    for (long r = 0; r < o->reps; r++) {
        double t = run_batch(m, scratch, n);
        if (t < 0)
            return 5;
        printf("tierbench: sample_ns %.3f\n", t * 1e9 / (double)n);
    }
    return 0;
}

static void print_peak_rss(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return;
    char line[256];
    long long kib;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lld kB", &kib) == 1)
            printf("tierbench: peak_rss_bytes %lld\n", kib * 1024);
    fclose(f);
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(argc, argv, &o))
        return 2;
    const tb_model *m = &tb_fw_model;
    tb_ctx scratch = {scratch_buf, sizeof scratch_buf};
    if (tb_exec_s8_scratch_bytes(m, &TB_FW_KERNELS) > sizeof scratch_buf) {
        printf("tierbench: fault scratch buffer too small (%zu bytes needed)\n",
               tb_exec_s8_scratch_bytes(m, &TB_FW_KERNELS));
        return 4;
    }
    tb_exec_hooks hooks = {layer_mark, 0};
    tb_region_begin();
    tb_status s = tb_exec_s8(m, &TB_FW_KERNELS, tb_fw_arena, &scratch, &hooks);
    tb_region_end();
    const tb_graph *g = &m->graph;
    print_output(tb_exec_s8_tensor(m, tb_fw_arena, g->output),
                 (int32_t)tb_dims_count(&g->tensors[g->output].shape));
    printf("tierbench: status %08x\n", (unsigned)s);
    int rc = s == TB_OK ? 0 : 5;
    if (rc == 0 && o.reps > 0)
        rc = measure(m, &scratch, &o);
    print_peak_rss();
    return rc;
}
