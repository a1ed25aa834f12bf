/* tierbench-bench-xnnpack: how far our int8 kernels are from XNNPACK, a
 * state-of-the-art edge inference library. Every CONV_2D, DEPTHWISE_CONV_2D
 * and FULLY_CONNECTED layer of the built-in workloads' int8 models runs
 * through one of our kernel sets and through the XNNPACK operator made from
 * the same bytes, on the same input (the layer's real activation), both
 * single-threaded and timed through the Google Benchmark C shim. Prints per
 * layer our ns, XNNPACK's ns, their ratio and how far the outputs differ;
 * per workload the totals and the geometric mean of the ratios. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exec.h"
#include "gbench_shim.h"
#include "tb_kernels_simd.h"
#include "record_json.h"
#include "stats.h"
#include "workload.h"
#include "xnnpack_layer.h"

#define PROG "tierbench-bench-xnnpack"

enum { MAX_WORKLOADS = 16, MAX_REPS = 1000 };

/* Kernel sets to compare, by name; the first (the host target's) is the default. */
static const tb_kernels_s8 *const kernel_sets[] = {&tb_kernels_s8_simd, &tb_kernels_s8_ref, NULL};

typedef struct {
    const char *specs[MAX_WORKLOADS];
    int n_specs;
    long op; /* only this op index of each workload; -1: every weighted op */
    const tb_kernels_s8 *kernels;
    int reps;
    double min_time_s;
    const char *csv_path;
} options;

typedef struct {
    char workload[64];
    int32_t op;
    const char *type;
    char shape[80];
    int64_t macs;
    double ours_ns, xnn_ns; /* medians over the repetitions */
    int max_abs_diff;
    double differing_pct;   /* share of output bytes that differ */
    char skipped[200];      /* why XNNPACK has no figure; "" when it has */
} row;

/* One timed call of our kernel set: op i of the model, through the runtime. */
typedef struct {
    const tb_model *m;
    const tb_kernels_s8 *k;
    uint8_t *arena;
    tb_ctx *scratch;
    int32_t i;
    tb_status status;
} ours_call;

typedef struct {
    tb_xnn_layer *x;
    int failed;
} xnn_call;

static void run_ours(void *arg)
{
    ours_call *c = arg;
    c->status = tb_exec_s8_op(c->m, c->k, c->arena, c->scratch, c->i);
}

static void run_xnn(void *arg)
{
    xnn_call *c = arg;
    if (tb_xnn_layer_run(c->x) != 0)
        c->failed = 1;
}

static int weighted(const tb_op *op)
{
    return op->type == TB_OP_CONV_2D || op->type == TB_OP_DEPTHWISE_CONV_2D ||
           op->type == TB_OP_FULLY_CONNECTED;
}

static void describe_shape(const tb_graph *g, const tb_op *op, char *out, size_t len)
{
    const tb_dims *i = &g->tensors[op->inputs[0]].shape, *o = &g->tensors[op->output].shape;
    if (op->type == TB_OP_FULLY_CONNECTED) {
        snprintf(out, len, "%dx%d -> %dx%d", (int)o->n, (int)g->tensors[op->inputs[1]].shape.c,
                 (int)o->n, (int)o->c);
        return;
    }
    const tb_dims *f = &g->tensors[op->inputs[1]].shape;
    snprintf(out, len, "%dx%dx%d -> %dx%dx%d %dx%d/%d %s", (int)i->h, (int)i->w, (int)i->c,
             (int)o->h, (int)o->w, (int)o->c, (int)f->h, (int)f->w, (int)op->stride_h,
             op->padding == TB_PAD_SAME ? "SAME" : "VALID");
}

/* Median ns per call of fn(arg); 0, or -1 with a message on stderr. */
static int time_median(const char *name, void (*fn)(void *), void *arg, const options *o,
                       double *median_ns)
{
    double ns[MAX_REPS];
    int64_t iterations;
    char err[256];
    /* One repetition's worth of warm-up, so the first repetition does not
     * pay alone for cold caches and a clock still ramping up. */
    tb_gb_case c = {name, fn, arg, o->reps, o->min_time_s, o->min_time_s};
    int n = tb_gb_run(&c, ns, &iterations, err, sizeof err);
    if (n < 1) {
        fprintf(stderr, PROG ": timing %s failed: %s\n", name, err);
        return -1;
    }
    tb_stats s;
    tb_stats_compute(ns, n, &s);
    *median_ns = s.median;
    return 0;
}

static void compare(const int8_t *a, const int8_t *b, int64_t n, row *r)
{
    int64_t differing = 0;
    r->max_abs_diff = 0;
    for (int64_t j = 0; j < n; j++) {
        int d = abs((int)a[j] - (int)b[j]);
        differing += d != 0;
        r->max_abs_diff = d > r->max_abs_diff ? d : r->max_abs_diff;
    }
    r->differing_pct = n ? 100.0 * (double)differing / (double)n : 0.0;
}

static void print_header(const options *o)
{
    printf("# our kernel set '%s' vs XNNPACK %s, single-threaded; Google Benchmark %s, median of "
           "%d repetitions of >= %g s;\n"
           "# ratio = ours / XNNPACK (> 1: XNNPACK is faster); diff = |ours - XNNPACK| per "
           "output byte; MACs nominal (padding taps included)\n",
           o->kernels->name, TB_XNNPACK_VERSION, tb_gb_version(), o->reps, o->min_time_s);
    printf("%-22s %3s %-17s %-34s %10s %12s %12s %7s %7s %8s\n", "workload", "op", "type",
           "shape", "MACs", "ours_ns", "xnnpack_ns", "ratio", "maxdiff", "differ%");
}

static void print_row(const row *r)
{
    printf("%-22s %3d %-17s %-34s %10lld %12.0f ", r->workload, (int)r->op, r->type, r->shape,
           (long long)r->macs, r->ours_ns);
    if (r->skipped[0])
        printf("  skipped: %s\n", r->skipped);
    else
        printf("%12.0f %7.2f %7d %8.2f\n", r->xnn_ns, r->ours_ns / r->xnn_ns, r->max_abs_diff,
               r->differing_pct);
}

/* Times op i both ways; on return the arena holds the op's output from our
 * kernels. 0, or -1 with a message on stderr (our kernel or a timing failed;
 * XNNPACK refusing the layer only marks the row skipped). */
static int bench_layer(ours_call *ours, const char *workload, const options *o, row *r)
{
    const tb_graph *g = &ours->m->graph;
    const tb_op *op = &g->ops[ours->i];
    const tb_tensor *in = &g->tensors[op->inputs[0]], *out = &g->tensors[op->output];
    const int64_t in_bytes = tb_tensor_bytes(in), out_bytes = tb_tensor_bytes(out);
    char name[128];

    memset(r, 0, sizeof *r);
    snprintf(r->workload, sizeof r->workload, "%.63s", workload);
    r->op = ours->i;
    r->type = tb_op_name(op->type);
    r->macs = tb_op_macs(g, op);
    describe_shape(g, op, r->shape, sizeof r->shape);

    /* XNNPACK gets its own copy of the input (it may read a little past the
     * end) and its own output buffer; ours stays in the arena. */
    int8_t *x_in = malloc((size_t)in_bytes + tb_xnn_input_slack_bytes());
    int8_t *x_out = malloc((size_t)out_bytes);
    if (!x_in || !x_out) {
        fprintf(stderr, PROG ": out of memory for %s op %d\n", workload, (int)ours->i);
        free(x_in);
        free(x_out);
        return -1;
    }
    memcpy(x_in, tb_exec_s8_tensor(ours->m, ours->arena, op->inputs[0]), (size_t)in_bytes);
    memset(x_in + in_bytes, 0, tb_xnn_input_slack_bytes());
    xnn_call xc = {tb_xnn_layer_new(ours->m, ours->i, x_in, x_out, r->skipped,
                                    sizeof r->skipped), 0};

    int rc = -1;
    snprintf(name, sizeof name, "%.80s/%d/%.30s", workload, (int)ours->i, ours->k->name);
    run_ours(ours);
    if (ours->status != TB_OK) {
        fprintf(stderr, PROG ": %s: kernel set '%s' rejected op %d (status %d)\n", workload,
                ours->k->name, (int)ours->i, (int)ours->status);
        goto out;
    }
    if (time_median(name, run_ours, ours, o, &r->ours_ns) != 0)
        goto out;
    if (ours->status != TB_OK) {
        fprintf(stderr, PROG ": %s failed while timed (status %d)\n", name, (int)ours->status);
        goto out;
    }
    if (xc.x) {
        snprintf(name, sizeof name, "%.100s/%d/xnnpack", workload, (int)ours->i);
        run_xnn(&xc);
        if (!xc.failed && time_median(name, run_xnn, &xc, o, &r->xnn_ns) != 0)
            goto out;
        if (xc.failed) {
            fprintf(stderr, PROG ": %s: xnn_run_operator failed\n", name);
            goto out;
        }
        compare(tb_exec_s8_tensor(ours->m, ours->arena, op->output), x_out, out_bytes, r);
    }
    rc = 0;
out:
    tb_xnn_layer_free(xc.x);
    free(x_in);
    free(x_out);
    return rc;
}

/* Runs every op of the model in order, benchmarking the selected weighted
 * ones. Appends rows; returns 0, 1 on a failure, 2 when --op names no
 * weighted op of this workload. */
static int bench_model(const tb_model *m, const char *workload, const options *o, row *rows,
                       int *n_rows, int max_rows)
{
    const tb_graph *g = &m->graph;
    if (o->op >= g->n_ops || (o->op >= 0 && !weighted(&g->ops[o->op]))) {
        fprintf(stderr, PROG ": --op %ld: %s has no CONV_2D, DEPTHWISE_CONV_2D or "
                        "FULLY_CONNECTED op there; accepted:", o->op, workload);
        for (int32_t i = 0; i < g->n_ops; i++)
            if (weighted(&g->ops[i]))
                fprintf(stderr, " %d", (int)i);
        fputc('\n', stderr);
        return 2;
    }
    uint8_t *arena = calloc(1, (size_t)m->plan_s8.arena_bytes);
    tb_ctx scratch = {NULL, tb_exec_s8_scratch_bytes(m, o->kernels)};
    if (scratch.bytes)
        scratch.buf = malloc(scratch.bytes);
    if (!arena || (scratch.bytes && !scratch.buf)) {
        fprintf(stderr, PROG ": out of memory for %s's arena\n", workload);
        free(arena);
        free(scratch.buf);
        return 1;
    }
    memcpy(arena + m->plan_s8.offset[g->input], m->input_s8,
           (size_t)tb_tensor_bytes(&g->tensors[g->input]));

    int rc = 0;
    for (int32_t i = 0; i < g->n_ops && rc == 0; i++) {
        ours_call c = {m, o->kernels, arena, &scratch, i, TB_OK};
        if (weighted(&g->ops[i]) && (o->op < 0 || o->op == i)) {
            if (*n_rows == max_rows) {
                fprintf(stderr, PROG ": more than %d layers\n", max_rows);
                rc = 1;
            } else if (bench_layer(&c, workload, o, &rows[*n_rows]) != 0) {
                rc = 1;
            } else {
                print_row(&rows[(*n_rows)++]);
                fflush(stdout);
            }
            continue;
        }
        run_ours(&c);
        if (c.status != TB_OK) {
            fprintf(stderr, PROG ": %s: kernel set '%s' failed on op %d (status %d)\n",
                    workload, o->kernels->name, (int)i, (int)c.status);
            rc = 1;
        }
    }
    /* The model's final output guards the comparison itself: our kernel set
     * must give the reference bytes, or the ratio compares other work. */
    if (rc == 0 && memcmp(tb_exec_s8_tensor(m, arena, g->output), m->expected_s8,
                          (size_t)tb_tensor_bytes(&g->tensors[g->output])) != 0) {
        fprintf(stderr, PROG ": %s: kernel set '%s' is not bit-exact with the reference\n",
                workload, o->kernels->name);
        rc = 1;
    }
    free(arena);
    free(scratch.buf);
    return rc;
}

/* Totals over the layers XNNPACK ran: summed time and the geometric mean of
 * the per-layer ratios (each layer weighs the same, whatever its size). */
static void print_total(const char *label, const row *rows, int n)
{
    double ours = 0, xnn = 0, log_sum = 0;
    long long macs = 0;
    int k = 0, worst = 0;
    for (int j = 0; j < n; j++) {
        if (rows[j].skipped[0])
            continue;
        ours += rows[j].ours_ns;
        xnn += rows[j].xnn_ns;
        macs += rows[j].macs;
        log_sum += log(rows[j].ours_ns / rows[j].xnn_ns);
        worst = rows[j].max_abs_diff > worst ? rows[j].max_abs_diff : worst;
        k++;
    }
    if (k == 0) {
        printf("%-22s total: no layer ran on XNNPACK\n", label);
        return;
    }
    printf("%-22s %3s %-17s %-34s %10lld %12.0f %12.0f %7.2f %7d  geomean ratio %.2f over %d "
           "layers\n",
           label, "", "total", "", macs, ours, xnn, ours / xnn, worst, exp(log_sum / k), k);
}

static void write_csv(FILE *f, const options *o, const row *rows, int n)
{
    fprintf(f, "workload,op,type,shape,macs,kernels,ours_ns,xnnpack_ns,ratio,max_abs_diff,"
               "differing_pct,skipped\n");
    for (int j = 0; j < n; j++) {
        const row *r = &rows[j];
        tb_csv_string(f, r->workload);
        fprintf(f, ",%d,%s,", (int)r->op, r->type);
        tb_csv_string(f, r->shape);
        fprintf(f, ",%lld,", (long long)r->macs);
        tb_csv_string(f, o->kernels->name);
        fprintf(f, ",%.1f,", r->ours_ns);
        if (r->skipped[0])
            fprintf(f, ",,,,");
        else
            fprintf(f, "%.1f,%.4f,%d,%.3f,", r->xnn_ns, r->ours_ns / r->xnn_ns,
                    r->max_abs_diff, r->differing_pct);
        tb_csv_string(f, r->skipped);
        fputc('\n', f);
    }
}

static void usage(void)
{
    printf("usage: " PROG " [options]\n"
           "  Times each conv, depthwise and fully connected layer of the int8 workloads\n"
           "  through our kernels and through XNNPACK (same weights, same input).\n"
           "  -w, --workload SPEC  workload with optional parameters, e.g. kws or\n"
           "                       vww:alpha=0.5,res=128; repeatable (default: every\n"
           "                       built-in workload with an int8 form)\n"
           "      --op N           only op N of each workload (an index from the table)\n"
           "      --kernels NAME   our kernel set:");
    for (int j = 0; kernel_sets[j]; j++)
        printf(" %s", kernel_sets[j]->name);
    printf(" (default %s)\n"
           "      --reps N         repetitions, median reported, 1..%d (default 5)\n"
           "      --min-time S     minimum seconds per repetition, 0.0001..60 (default 0.05)\n"
           "      --csv FILE       also write the per-layer rows as CSV to FILE\n",
           kernel_sets[0]->name, MAX_REPS);
}

static int usage_error(const char *what, const char *value, const char *accepted)
{
    fprintf(stderr, PROG ": %s '%s'; accepted: %s\n", what, value, accepted);
    return 2;
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_OP = 256, OPT_KERNELS, OPT_REPS, OPT_MIN_TIME, OPT_CSV };
    static const struct option longopts[] = {
        {"workload", required_argument, NULL, 'w'},
        {"op", required_argument, NULL, OPT_OP},
        {"kernels", required_argument, NULL, OPT_KERNELS},
        {"reps", required_argument, NULL, OPT_REPS},
        {"min-time", required_argument, NULL, OPT_MIN_TIME},
        {"csv", required_argument, NULL, OPT_CSV},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    long n;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":w:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'w':
            if (o->n_specs == MAX_WORKLOADS)
                return usage_error("too many workloads at", optarg, "at most 16 -w options");
            o->specs[o->n_specs++] = optarg;
            break;
        case OPT_OP:
            if (tb_parse_int(optarg, 0, 1 << 20, &o->op) != 0)
                return usage_error("--op needs an op index, got", optarg, "0, 1, 2, ...");
            break;
        case OPT_KERNELS: {
            o->kernels = NULL;
            char names[256] = "";
            for (int j = 0; kernel_sets[j]; j++) {
                if (!strcmp(kernel_sets[j]->name, optarg))
                    o->kernels = kernel_sets[j];
                size_t used = strlen(names);
                snprintf(names + used, sizeof names - used, "%s%s", j ? ", " : "",
                         kernel_sets[j]->name);
            }
            if (!o->kernels)
                return usage_error("unknown kernel set", optarg, names);
            break;
        }
        case OPT_REPS:
            if (tb_parse_int(optarg, 1, MAX_REPS, &n) != 0)
                return usage_error("--reps", optarg, "an integer from 1 to 1000");
            o->reps = (int)n;
            break;
        case OPT_MIN_TIME:
            if (tb_parse_double(optarg, 1e-4, 60, &o->min_time_s) != 0)
                return usage_error("--min-time", optarg, "seconds from 0.0001 to 60");
            break;
        case OPT_CSV:
            if (!optarg[0])
                return usage_error("--csv needs a file name, got", optarg, "a path");
            o->csv_path = optarg;
            break;
        case 'h':
            usage();
            return 0;
        case ':':
            return usage_error("missing value for", argv[optind - 1], "see --help");
        default:
            return usage_error("unknown option", argv[optind - 1], "see --help");
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind], "options only, see --help");
    return -1;
}

int main(int argc, char **argv)
{
    options o = {.op = -1, .kernels = kernel_sets[0], .reps = 5, .min_time_s = 0.05};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    rc = 0;
    if (o.n_specs == 0)
        for (int j = 0; tb_workloads[j] && o.n_specs < MAX_WORKLOADS; j++)
            if (tb_workload_runs_dtype(tb_workloads[j], TB_DTYPE_INT8))
                o.specs[o.n_specs++] = tb_workloads[j]->name;

    /* Parse every spec before anything is built or timed. */
    const tb_workload *w[MAX_WORKLOADS];
    tb_param_values p[MAX_WORKLOADS];
    char canon[MAX_WORKLOADS][64], err[512];
    for (int j = 0; j < o.n_specs; j++)
        if (tb_workload_parse(o.specs[j], &w[j], &p[j], canon[j], sizeof canon[j], err,
                              sizeof err) != 0) {
            fprintf(stderr, PROG ": %s\n", err);
            return 2;
        }
    FILE *csv = NULL;
    if (o.csv_path && !(csv = fopen(o.csv_path, "w"))) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o.csv_path, strerror(errno));
        return 1;
    }
    if (tb_xnn_init(err, sizeof err) != 0) {
        fprintf(stderr, PROG ": %s\n", err);
        if (csv)
            fclose(csv);
        return 1;
    }

    enum { MAX_ROWS = 512 };
    static row rows[MAX_ROWS];
    int n_rows = 0;
    print_header(&o);
    for (int j = 0; j < o.n_specs && rc == 0; j++) {
        tb_model *m = tb_workload_build(w[j], &p[j], err, sizeof err);
        if (!m) {
            fprintf(stderr, PROG ": %s: %s\n", canon[j], err);
            rc = 1;
            break;
        }
        const int first = n_rows;
        rc = bench_model(m, canon[j], &o, rows, &n_rows, MAX_ROWS);
        tb_model_free(m);
        if (rc == 0)
            print_total(canon[j], rows + first, n_rows - first);
    }
    if (rc == 0 && o.n_specs > 1)
        print_total("all", rows, n_rows);
    if (csv) {
        write_csv(csv, &o, rows, n_rows);
        if (fclose(csv) != 0 && rc == 0) {
            fprintf(stderr, PROG ": cannot write %s\n", o.csv_path);
            rc = 1;
        }
    }
    return rc;
}
