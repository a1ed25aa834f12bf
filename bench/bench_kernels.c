/* tierbench-bench-kernels: times the int8 kernels of every host backend
 * (reference and SIMD) and the fp32 reference kernels on MLPerf-Tiny-shaped
 * layers through the Google Benchmark C shim and prints the median ns per
 * call, MAC throughput and each int8 backend's speed-up over the reference;
 * --json writes the same numbers. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gbench_shim.h"
#include "tb_kernels.h"
#include "tb_kernels_simd.h"

#define PROG "tierbench-bench-kernels"
#define ACCEPTED "accepted: --reps N, --min-time S, --json FILE, --help"
#define MAX_REPS 1000

typedef enum { OP_CONV, OP_DWCONV, OP_FC } op_kind;

/* Stride 1, SAME padding, square kernels; FC reads in_c -> out_c. */
typedef struct {
    const char *kernel;
    op_kind op;
    int32_t h, w, in_c, out_c, k;
} layer_spec;

static const layer_spec layer_specs[] = {
    {"conv3x3", OP_CONV, 32, 32, 16, 16, 3},      /* IC: ResNet-8, first residual stack */
    {"pointwise1x1", OP_CONV, 25, 5, 64, 64, 1},  /* KWS: DS-CNN pointwise layers */
    {"depthwise3x3", OP_DWCONV, 48, 48, 8, 8, 3}, /* VWW: MobileNetV1-0.25, first depthwise */
    {"fc", OP_FC, 1, 1, 640, 128, 1},             /* AD: autoencoder, first dense layer */
};
#define N_LAYERS (sizeof layer_specs / sizeof layer_specs[0])

/* The int8 backends timed, the reference first: speed-ups are over it. */
static const tb_kernels_s8 *const s8_backends[] = {&tb_kernels_s8_ref, &tb_kernels_s8_simd};
#define N_S8 (sizeof s8_backends / sizeof s8_backends[0])

/* Everything one timed call needs; the kernel's status is kept so a kernel
 * that starts rejecting its arguments cannot pass as fast. */
typedef struct {
    const layer_spec *spec;
    const tb_kernels_s8 *s8; /* NULL: fp32 */
    tb_window win;
    tb_fc_dims fc;
    tb_requant q;
    tb_clamp_f32 clamp;
    tb_ctx ctx;
    void *input, *weights, *bias, *output;
    int32_t *mult, *shift;
    tb_status status;
} layer;

typedef struct {
    int reps;
    double min_time_s;
    const char *json_path;
} options;

typedef struct {
    const layer_spec *spec;
    const char *dtype;
    const char *backend;
    char shape[64];
    double macs;
    double ns[MAX_REPS];
    int reps;
    int64_t iterations;
    double median_ns;
    double speedup; /* int8: the reference's median over this one's; 0 for fp32 */
} result;

static void run_layer(void *arg)
{
    layer *L = arg;
    switch (L->spec->op) {
    case OP_CONV:
        L->status = L->s8 ? L->s8->conv(&L->ctx, &L->win, &L->q, L->input, L->weights,
                                        L->bias, L->output)
                          : tb_conv_f32(NULL, &L->win, &L->clamp, L->input, L->weights,
                                           L->bias, L->output);
        break;
    case OP_DWCONV:
        L->status = L->s8 ? L->s8->dwconv(&L->win, &L->q, L->input, L->weights, L->bias,
                                          L->output)
                             : tb_dwconv_f32(&L->win, &L->clamp, L->input, L->weights,
                                             L->bias, L->output);
        break;
    case OP_FC:
        L->status = L->s8 ? L->s8->fc(&L->fc, &L->q, L->input, L->weights, L->bias,
                                      L->output)
                             : tb_fc_f32(&L->fc, &L->clamp, L->input, L->weights, L->bias,
                                         L->output);
        break;
    }
}

/* Nominal MACs, as the graph IR counts them: output elements times filter
 * taps, padding taps included. */
static double layer_macs(const layer_spec *s)
{
    switch (s->op) {
    case OP_CONV:
        return (double)s->h * s->w * s->out_c * s->k * s->k * s->in_c;
    case OP_DWCONV:
        return (double)s->h * s->w * s->out_c * s->k * s->k;
    case OP_FC:
        return (double)s->in_c * s->out_c;
    }
    return 0;
}

static size_t weight_count(const layer_spec *s)
{
    switch (s->op) {
    case OP_CONV:
        return (size_t)s->out_c * s->k * s->k * s->in_c;
    case OP_DWCONV:
        return (size_t)s->k * s->k * s->out_c;
    case OP_FC:
        return (size_t)s->out_c * s->in_c;
    }
    return 0;
}

/* A fixed LCG, so every run times the same bytes. */
static uint32_t next_rand(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void fill(void *buf, size_t n, int is_s8, uint32_t *state)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t r = next_rand(state);
        if (is_s8)
            ((int8_t *)buf)[i] = (int8_t)((int32_t)(r % 256u) - 128);
        else
            ((float *)buf)[i] = (float)r / (float)(1u << 24) * 2.0f - 1.0f;
    }
}

static void free_layer(layer *L)
{
    free(L->input);
    free(L->weights);
    free(L->bias);
    free(L->output);
    free(L->mult);
    free(L->shift);
    free(L->ctx.buf);
}

/* Returns 0, or -1 when memory ran out (the layer is then freed). */
static int setup_layer(layer *L, const layer_spec *s, const tb_kernels_s8 *s8)
{
    memset(L, 0, sizeof *L);
    L->spec = s;
    L->s8 = s8;
    const int is_s8 = s8 != NULL;
    const size_t elem = is_s8 ? 1 : sizeof(float);
    const size_t n_in = (size_t)s->h * s->w * s->in_c;
    const size_t n_out = (size_t)s->h * s->w * s->out_c;
    const size_t n_w = weight_count(s);

    L->win.input = (tb_dims){1, s->h, s->w, s->in_c};
    L->win.filter = s->op == OP_DWCONV ? (tb_dims){1, s->k, s->k, s->out_c}
                                       : (tb_dims){s->out_c, s->k, s->k, s->in_c};
    L->win.output = (tb_dims){1, s->h, s->w, s->out_c};
    L->win.stride_h = L->win.stride_w = 1;
    L->win.pad_top = L->win.pad_left = (s->k - 1) / 2;
    L->win.depth_multiplier = s->out_c / s->in_c;
    L->fc = (tb_fc_dims){1, s->in_c, s->out_c};
    L->clamp = (tb_clamp_f32){-FLT_MAX, FLT_MAX};

    L->input = malloc(n_in * elem);
    L->weights = malloc(n_w * elem);
    L->bias = malloc((size_t)s->out_c * (is_s8 ? sizeof(int32_t) : sizeof(float)));
    L->output = malloc(n_out * elem);
    L->mult = malloc((size_t)s->out_c * sizeof(int32_t));
    L->shift = malloc((size_t)s->out_c * sizeof(int32_t));
    if (is_s8 && s->op == OP_CONV) {
        L->ctx.bytes = s8->conv_scratch_bytes(&L->win);
        L->ctx.buf = L->ctx.bytes ? malloc(L->ctx.bytes) : NULL;
    }
    if (!L->input || !L->weights || !L->bias || !L->output || !L->mult || !L->shift ||
        (L->ctx.bytes && !L->ctx.buf)) {
        free_layer(L);
        return -1;
    }

    uint32_t state = 12345;
    fill(L->input, n_in, is_s8, &state);
    fill(L->weights, n_w, is_s8, &state);
    for (int32_t c = 0; c < s->out_c; c++) {
        uint32_t r = next_rand(&state);
        if (is_s8)
            ((int32_t *)L->bias)[c] = (int32_t)(r % 2001u) - 1000;
        else
            ((float *)L->bias)[c] = (float)r / (float)(1u << 24) * 2.0f - 1.0f;
        /* 0.5 * 2^-8: keeps int32 sums of int8 products inside the int8 range
         * for the most part, as a calibrated model's scales would. */
        L->mult[c] = 1 << 30;
        L->shift[c] = -8;
    }
    /* Zero points of a post-ReLU int8 tensor in TFLite: input -128, output -128. */
    L->q = (tb_requant){128, -128, -128, 127, L->mult, L->shift};
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
    double s[MAX_REPS];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

static void describe_shape(const layer_spec *s, char *out, size_t len)
{
    if (s->op == OP_FC)
        snprintf(out, len, "%d -> %d", (int)s->in_c, (int)s->out_c);
    else
        snprintf(out, len, "%dx%dx%d -> %dx%dx%d, %dx%d SAME", (int)s->h, (int)s->w,
                 (int)s->in_c, (int)s->h, (int)s->w, (int)s->out_c, (int)s->k, (int)s->k);
}

/* Returns 0, or 1 with a message on stderr. */
/* s8: the int8 backend, or NULL for the fp32 reference. */
static int bench_one(const layer_spec *s, const tb_kernels_s8 *s8, const options *o, result *r)
{
    layer L;
    char name[64], err[200];
    if (setup_layer(&L, s, s8) != 0) {
        fprintf(stderr, PROG ": out of memory setting up %s\n", s->kernel);
        return 1;
    }
    r->spec = s;
    r->dtype = s8 ? "int8" : "fp32";
    r->backend = s8 ? s8->name : "ref";
    r->macs = layer_macs(s);
    describe_shape(s, r->shape, sizeof r->shape);
    snprintf(name, sizeof name, "%s_%s_%s", s->kernel, r->dtype, r->backend);

    int rc = 1;
    run_layer(&L);
    if (L.status != TB_OK) {
        fprintf(stderr, PROG ": %s rejected its parameters (status %d)\n", name, (int)L.status);
        goto out;
    }
    /* One repetition's worth of warm-up, so the first repetition does not
     * pay alone for cold caches and a clock still ramping up. */
    tb_gb_case c = {name, run_layer, &L, o->reps, o->min_time_s, o->min_time_s};
    r->reps = tb_gb_run(&c, r->ns, &r->iterations, err, sizeof err);
    if (r->reps < 1) {
        fprintf(stderr, PROG ": timing %s failed: %s\n", name, err);
        goto out;
    }
    if (L.status != TB_OK) {
        fprintf(stderr, PROG ": %s failed while timed (status %d)\n", name, (int)L.status);
        goto out;
    }
    r->median_ns = median(r->ns, r->reps);
    rc = 0;
out:
    free_layer(&L);
    return rc;
}

static double gmac_per_s(const result *r)
{
    return r->median_ns > 0 ? r->macs / r->median_ns : 0.0;
}

/* f was opened before the run, so a bad path fails before minutes of timing. */
static int write_json(FILE *f, const char *path, const options *o, const result *res, size_t n)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "tool", PROG);
    cJSON_AddStringToObject(root, "google_benchmark", tb_gb_version());
    cJSON_AddNumberToObject(root, "repetitions", o->reps);
    cJSON_AddNumberToObject(root, "min_time_s", o->min_time_s);
    cJSON_AddNumberToObject(root, "warmup_s", o->min_time_s);
    cJSON_AddStringToObject(root, "macs_convention",
                            "nominal: output elements x filter taps, padding taps included");
    cJSON *arr = cJSON_AddArrayToObject(root, "results");
    for (size_t i = 0; i < n; i++) {
        const result *r = &res[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "kernel", r->spec->kernel);
        cJSON_AddStringToObject(e, "dtype", r->dtype);
        cJSON_AddStringToObject(e, "backend", r->backend);
        cJSON_AddStringToObject(e, "shape", r->shape);
        cJSON_AddNumberToObject(e, "macs", r->macs);
        cJSON_AddNumberToObject(e, "median_ns", r->median_ns);
        cJSON_AddNumberToObject(e, "gmac_per_s", gmac_per_s(r));
        if (r->speedup > 0)
            cJSON_AddNumberToObject(e, "speedup_over_ref", r->speedup);
        cJSON_AddNumberToObject(e, "iterations_per_rep", (double)r->iterations);
        cJSON_AddItemToObject(e, "ns_per_call", cJSON_CreateDoubleArray(r->ns, r->reps));
        cJSON_AddItemToArray(arr, e);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    int ok = text && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    free(text);
    if (fclose(f) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, PROG ": cannot write %s\n", path);
        return 1;
    }
    return 0;
}

static void usage(void)
{
    printf("usage: " PROG " [--reps N] [--min-time S] [--json FILE]\n"
           "  Times the int8 kernels of each host backend (ref, simd) and the fp32\n"
           "  reference kernels on MLPerf-Tiny layer shapes.\n"
           "  --reps N       independent repetitions, median reported (default 5)\n"
           "  --min-time S   minimum seconds per repetition (default 0.05)\n"
           "  --json FILE    also write the results as JSON to FILE\n");
}

/* Accepts "--opt VALUE" and "--opt=VALUE". Returns the value, or NULL when
 * arg is not opt; *missing is set when opt has no value. */
static const char *option_value(int argc, char **argv, int *i, const char *opt, int *missing)
{
    size_t n = strlen(opt);
    if (strncmp(argv[*i], opt, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *v;
        char *end;
        int missing = 0;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage();
            return 0;
        } else if ((v = option_value(argc, argv, &i, "--reps", &missing))) {
            long n = strtol(v, &end, 10);
            if (end == v || *end || n < 1 || n > MAX_REPS) {
                fprintf(stderr, PROG ": --reps needs an integer from 1 to %d, got '%s'\n",
                        MAX_REPS, v);
                return 2;
            }
            o->reps = (int)n;
        } else if (!missing && (v = option_value(argc, argv, &i, "--min-time", &missing))) {
            double s = strtod(v, &end);
            if (end == v || *end || !(s > 0.0) || !isfinite(s)) {
                fprintf(stderr, PROG ": --min-time needs seconds > 0, got '%s'\n", v);
                return 2;
            }
            o->min_time_s = s;
        } else if (!missing && (v = option_value(argc, argv, &i, "--json", &missing))) {
            if (!v[0]) {
                fprintf(stderr, PROG ": --json needs a file name\n");
                return 2;
            }
            o->json_path = v;
        } else {
            fprintf(stderr, missing ? PROG ": %s needs a value; " ACCEPTED "\n"
                                    : PROG ": unknown option '%s'; " ACCEPTED "\n",
                    argv[i]);
            return 2;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    options o = {5, 0.05, NULL};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;

    FILE *json = NULL;
    if (o.json_path && !(json = fopen(o.json_path, "w"))) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o.json_path, strerror(errno));
        return 1;
    }

    /* Per layer: each int8 backend, then the fp32 reference. */
    static result results[(N_S8 + 1) * N_LAYERS];
    size_t n = 0;
    printf("# Google Benchmark %s, %d repetitions of >= %g s each, median ns per call;\n"
           "# MACs are nominal (padding taps included); x ref: int8 speed-up over ref\n",
           tb_gb_version(), o.reps, o.min_time_s);
    printf("%-13s %-5s %-7s %-31s %14s %10s %8s %6s\n", "kernel", "dtype", "backend", "shape",
           "median_ns", "MACs", "GMAC/s", "x ref");
    for (size_t i = 0; i < N_LAYERS; i++) {
        const result *ref = &results[n];
        for (size_t b = 0; b <= N_S8; b++) {
            result *r = &results[n];
            if (bench_one(&layer_specs[i], b < N_S8 ? s8_backends[b] : NULL, &o, r) != 0) {
                if (json)
                    fclose(json);
                return 1;
            }
            r->speedup = b < N_S8 && r->median_ns > 0 ? ref->median_ns / r->median_ns : 0.0;
            printf("%-13s %-5s %-7s %-31s %14.1f %10.0f %8.3f", r->spec->kernel, r->dtype,
                   r->backend, r->shape, r->median_ns, r->macs, gmac_per_s(r));
            if (r->speedup > 0)
                printf(" %6.2f\n", r->speedup);
            else
                printf(" %6s\n", "-");
            fflush(stdout);
            n++;
        }
    }
    if (json)
        return write_json(json, o.json_path, &o, results, n);
    return 0;
}
