/* The XNNPACK peer baseline (tierbench-bench-xnnpack) on a small workload
 * with minimal timing: the rows it writes must be sane (both times
 * measured, outputs within the 1 LSB that XNNPACK's fp32 requantisation
 * allows), and bad input must exit 2. Skips when XNNPACK was not built. */
#include <stdlib.h>
#include <unistd.h>

#include "proc.h"
#include "tb_test.h"

#ifndef TB_BENCH_XNNPACK
#error "TB_BENCH_XNNPACK: the benchmark's path, or \"\" when it is not built (tests/CMakeLists.txt)"
#endif

enum { MAX_ROWS = 32, N_FIELDS = 12 };

/* One CSV row of the benchmark; fields in its header's order. */
typedef struct {
    char op_type[32];
    int op;
    double ours_ns, xnnpack_ns, ratio, differing_pct;
    int max_abs_diff;
    char skipped[200];
} csv_row;

static char dir[64];

/* Runs the benchmark with extra arguments; returns its exit code, -1 when
 * it could not run. */
static int run_bench(const char *const *args, int n_args, const char *csv)
{
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)TB_BENCH_XNNPACK;
    for (int i = 0; i < n_args; i++)
        argv[n++] = (char *)args[i];
    if (csv) {
        argv[n++] = (char *)"--csv";
        argv[n++] = (char *)csv;
    }
    argv[n] = NULL;
    char log[96], err[256];
    snprintf(log, sizeof log, "%s/bench.log", dir);
    tb_proc_result res;
    if (tb_proc_run(argv, log, 120, &res, err, sizeof err) != 0) {
        fprintf(stderr, "cannot run the benchmark: %s\n", err);
        return -1;
    }
    return res.timed_out || res.signaled ? -1 : res.exit_code;
}

/* Splits one line on commas (the test's workloads and shapes hold none, so
 * no field is quoted). Returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    for (char *p = line; n < max; p++) {
        f[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

/* Reads the rows; -1 when the file or its header is not what the
 * benchmark writes. */
static int read_csv(const char *path, csv_row *rows, int max)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    int n = -1;
    if (fgets(line, sizeof line, f) &&
        !strcmp(line, "workload,op,type,shape,macs,kernels,ours_ns,xnnpack_ns,ratio,"
                      "max_abs_diff,differing_pct,skipped\n"))
        n = 0;
    while (n >= 0 && n < max && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *fld[N_FIELDS];
        if (split(line, fld, N_FIELDS) != N_FIELDS) {
            n = -1;
            break;
        }
        csv_row *r = &rows[n++];
        snprintf(r->op_type, sizeof r->op_type, "%s", fld[2]);
        r->op = atoi(fld[1]);
        r->ours_ns = atof(fld[6]);
        r->xnnpack_ns = atof(fld[7]);
        r->ratio = atof(fld[8]);
        r->max_abs_diff = fld[9][0] ? atoi(fld[9]) : -1;
        r->differing_pct = atof(fld[10]);
        snprintf(r->skipped, sizeof r->skipped, "%s", fld[11]);
    }
    fclose(f);
    return n;
}

static void check_sane(const csv_row *r)
{
    TB_CHECK_EQ_INT(r->skipped[0], '\0');
    TB_CHECK(r->ours_ns > 0);
    TB_CHECK(r->xnnpack_ns > 0);
    /* The CSV rounds times to 0.1 ns; ratios of tens of ns move by < 1 %. */
    TB_CHECK_NEAR(r->ratio, r->ours_ns / r->xnnpack_ns, 1e-2 * r->ratio);
    TB_CHECK(r->max_abs_diff >= 0 && r->max_abs_diff <= 1);
    TB_CHECK(r->differing_pct >= 0 && r->differing_pct <= 100);
    /* A layer whose bytes all differ is a mapping error, not rounding. */
    TB_CHECK(r->differing_pct < 50);
}

static const char *const quick[] = {"--reps", "1", "--min-time", "0.001"};

static int test_one_layer(void)
{
    if (!TB_BENCH_XNNPACK[0])
        TB_SKIP("XNNPACK not built (apt-get install libxnnpack-dev libpthreadpool-dev)");
    char csv[96];
    snprintf(csv, sizeof csv, "%s/one.csv", dir);
    const char *args[] = {quick[0], quick[1], quick[2], quick[3], "-w", "kws:width=8",
                          "--op", "1"};
    TB_CHECK_EQ_INT(run_bench(args, 8, csv), 0);
    csv_row rows[MAX_ROWS];
    int n = read_csv(csv, rows, MAX_ROWS);
    TB_CHECK_EQ_INT(n, 1);
    if (n != 1)
        return 0;
    TB_CHECK_EQ_INT(rows[0].op, 1);
    TB_CHECK(!strcmp(rows[0].op_type, "DEPTHWISE_CONV_2D"));
    check_sane(&rows[0]);
    return 0;
}

/* Every weighted layer of a small kws: regular, strided and pointwise
 * convolutions, depthwise convolutions and the fully connected layer. */
static int test_every_layer_type(void)
{
    if (!TB_BENCH_XNNPACK[0])
        TB_SKIP("XNNPACK not built (apt-get install libxnnpack-dev libpthreadpool-dev)");
    char csv[96];
    snprintf(csv, sizeof csv, "%s/all.csv", dir);
    const char *args[] = {quick[0], quick[1], quick[2], quick[3], "-w", "kws:width=8"};
    TB_CHECK_EQ_INT(run_bench(args, 6, csv), 0);
    csv_row rows[MAX_ROWS];
    int n = read_csv(csv, rows, MAX_ROWS);
    TB_CHECK_EQ_INT(n, 10); /* 5 convolutions, 4 depthwise, 1 fully connected */
    int types = 0;
    for (int i = 0; i < n; i++) {
        check_sane(&rows[i]);
        static const char *const names[] = {"CONV_2D", "DEPTHWISE_CONV_2D",
                                            "FULLY_CONNECTED"};
        for (int t = 0; t < 3; t++)
            if (!strcmp(rows[i].op_type, names[t]))
                types |= 1 << t;
    }
    TB_CHECK_EQ_INT(types, 7);
    return 0;
}

static int test_bad_input(void)
{
    if (!TB_BENCH_XNNPACK[0])
        TB_SKIP("XNNPACK not built (apt-get install libxnnpack-dev libpthreadpool-dev)");
    const char *unknown_set[] = {"--kernels", "no-such-set"};
    const char *pool_op[] = {"-w", "kws:width=8", "--op", "9"}; /* the average pool */
    const char *bad_reps[] = {"--reps", "0"};
    const char *bad_workload[] = {"-w", "no-such-workload"};
    TB_CHECK_EQ_INT(run_bench(unknown_set, 2, NULL), 2);
    TB_CHECK_EQ_INT(run_bench(pool_op, 4, NULL), 2);
    TB_CHECK_EQ_INT(run_bench(bad_reps, 2, NULL), 2);
    TB_CHECK_EQ_INT(run_bench(bad_workload, 2, NULL), 2);
    return 0;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/tb_xnnpack_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    TB_RUN(test_one_layer);
    TB_RUN(test_every_layer_type);
    TB_RUN(test_bad_input);
    const char *const files[] = {"bench.log", "one.csv", "all.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[96];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return tb_test_summary();
}
