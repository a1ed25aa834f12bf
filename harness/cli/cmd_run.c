/* tierbench run: parse and validate everything first (exit 2 on any bad
 * input, before a folder is created or anything is measured), then run the
 * cells and print where the results are. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "board_check.h"
#include "history.h"
#include "runner.h"
#include "summary.h"
#include "tflite_import.h"

enum { MAX_ITEMS = 64 };

static void help(void)
{
    printf("usage: tierbench run -w WORKLOADS | -m MODEL.tflite [-t TARGETS] [options]\n\n"
           "  -w, --workload LIST  workloads, comma-separated, each with optional parameters:\n"
           "                       -w kws,vww:alpha=0.5,res=128,ic  (see: tierbench list workloads)\n"
           "  -m, --model FILE     a TensorFlow Lite model to run as workload tflite:<file stem>;\n"
           "                       repeat for more (see: tierbench inspect FILE, docs/import.md)\n"
           "  -t, --target LIST    targets (default host; see: tierbench list targets); a remote\n"
           "                       board: ssh:[user@]host[:arch], ssh options in TB_SSH_OPTS\n"
           "      --dtype LIST     int8, fp32 (default int8,fp32)\n"
           "      --reps N         latency repetitions, 1..%d (default 10)\n"
           "      --warmup N       untimed inferences before timing, 0..10000 (default 2)\n"
           "      --min-time S     minimum seconds per repetition, 0.001..60 (default 0.05)\n"
           "      --quick          3 repetitions of at least 0.01 s: a fast sanity run\n"
           "      --board LIST     board profiles for the MCU and edge targets (default: each\n"
           "                       core's own; a board applies to the target of its core),\n"
           "                       e.g. nrf52840,rpi4b-1.8\n"
           "      --threads N      worker threads of multi-threaded targets (server), 1..1024\n"
           "                       (default: all online cores; single-core targets ignore it)\n"
           "      --out DIR        results root; the run goes to DIR/<run id> (default results)\n"
           "      --run-id ID      name the run folder (default: UTC date-time and a suffix)\n"
           "      --history PATH   record the run in this history database, or 'off' (default:\n"
           "                       TB_HISTORY, else ~/.local/share/tierbench/history.sqlite;\n"
           "                       docs/history.md)\n\n"
           "Exit status: 0 all cells ok or skipped, 1 some cell failed, 2 bad input.\n",
           TB_MAX_REPS);
}

/* Workload lists are split on commas, but "key=value" items belong to the
 * workload before them: "kws,vww:alpha=0.5,res=128" is two workloads. */
static int parse_workloads(char *list, tb_workload_choice *out, int *n)
{
    char *items[MAX_ITEMS * 4];
    int k = tb_split_list(list, items, MAX_ITEMS * 4);
    for (int i = 0; i < k; i++) {
        char spec[256];
        snprintf(spec, sizeof spec, "%s", items[i]);
        while (i + 1 < k && strchr(items[i + 1], '=') && !strchr(items[i + 1], ':')) {
            size_t used = strlen(spec);
            snprintf(spec + used, sizeof spec - used, ",%s", items[++i]);
        }
        if (*n == MAX_ITEMS)
            return tb_usage_error("too many workloads (at most %d)", MAX_ITEMS);
        char err[512];
        tb_workload_choice *c = &out[*n];
        if (tb_workload_parse(spec, &c->workload, &c->params, c->spec, sizeof c->spec, err,
                              sizeof err))
            return tb_usage_error("%s", err);
        ++*n;
    }
    return 0;
}

/* Imports the model now, so a bad file fails before anything runs; the
 * model is the same seed-1 preparation every run of it gets. */
static int parse_model(const char *path, tb_workload_choice *out, int *n)
{
    if (*n == MAX_ITEMS)
        return tb_usage_error("too many workloads (at most %d)", MAX_ITEMS);
    char err[1024];
    tb_tflite_file file;
    tb_model *m = tb_tflite_load(path, 1, 1, &file, err, sizeof err);
    if (!m)
        return tb_usage_error("%s", err);
    tb_workload_choice *c = &out[(*n)++];
    memset(c, 0, sizeof *c);
    c->model = m;
    snprintf(c->spec, sizeof c->spec, "tflite:%s", file.stem);
    snprintf(c->model_file, sizeof c->model_file, "%s", path);
    c->model_fnv1a64 = file.fnv1a64;
    return 0;
}

static int parse_targets(char *list, const tb_target_ops **out, int *n)
{
    char *items[MAX_ITEMS];
    int k = tb_split_list(list, items, MAX_ITEMS);
    for (int i = 0; i < k; i++) {
        if (*n == MAX_ITEMS)
            return tb_usage_error("too many targets (at most %d)", MAX_ITEMS);
        char err[1024];
        const tb_target_ops *t = tb_target_resolve(items[i], err, sizeof err);
        if (!t)
            return tb_usage_error("%s", err);
        out[(*n)++] = t;
    }
    return 0;
}

/* Boards are checked now, so a typo fails before anything runs. */
static int parse_boards(char *list, char **out, int *n)
{
    char *items[MAX_ITEMS];
    int k = tb_split_list(list, items, MAX_ITEMS);
    for (int i = 0; i < k; i++) {
        char err[1024];
        if (*n == MAX_ITEMS)
            return tb_usage_error("too many boards (at most %d)", MAX_ITEMS);
        if (tb_board_check(items[i], err, sizeof err))
            return tb_usage_error("%s", err);
        out[(*n)++] = items[i];
    }
    return 0;
}

static int parse_dtypes(char *list, tb_dtype *out, int *n)
{
    char *items[8];
    int k = tb_split_list(list, items, 8);
    *n = 0;
    for (int i = 0; i < k; i++) {
        if (strcmp(items[i], "int8") == 0)
            out[(*n)++] = TB_DTYPE_INT8;
        else if (strcmp(items[i], "fp32") == 0)
            out[(*n)++] = TB_DTYPE_FP32;
        else
            return tb_usage_error("unknown dtype '%s'; accepted: int8, fp32", items[i]);
    }
    return *n ? 0 : tb_usage_error("--dtype needs at least one of: int8, fp32");
}

static int run(int argc, char **argv, const tb_target_ops **targets, int *n_t,
               tb_workload_choice *workloads, int *n_w)
{
    enum { OPT_DTYPE = 256, OPT_REPS, OPT_WARMUP, OPT_MIN_TIME, OPT_QUICK, OPT_OUT, OPT_RUN_ID,
           OPT_BOARD, OPT_THREADS, OPT_HISTORY };
    static const struct option opts[] = {
        {"workload", required_argument, NULL, 'w'}, {"target", required_argument, NULL, 't'},
        {"model", required_argument, NULL, 'm'},
        {"dtype", required_argument, NULL, OPT_DTYPE}, {"reps", required_argument, NULL, OPT_REPS},
        {"warmup", required_argument, NULL, OPT_WARMUP},
        {"min-time", required_argument, NULL, OPT_MIN_TIME},
        {"quick", no_argument, NULL, OPT_QUICK}, {"out", required_argument, NULL, OPT_OUT},
        {"run-id", required_argument, NULL, OPT_RUN_ID}, {"board", required_argument, NULL, OPT_BOARD},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"history", required_argument, NULL, OPT_HISTORY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    char *boards[MAX_ITEMS + 1] = {NULL};
    int n_b = 0;
    tb_dtype dtypes[2] = {TB_DTYPE_INT8, TB_DTYPE_FP32};
    int n_d = 2, rc;
    long reps = 10, warmup = 2, threads = 0;
    double min_time = 0.05;
    const char *out = "results";
    char run_id[64] = "";
    int c;
    while ((c = getopt_long(argc, argv, "w:t:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 'w':
            if ((rc = parse_workloads(optarg, workloads, n_w)))
                return rc;
            break;
        case 'm':
            if ((rc = parse_model(optarg, workloads, n_w)))
                return rc;
            break;
        case 't':
            if ((rc = parse_targets(optarg, targets, n_t)))
                return rc;
            break;
        case OPT_DTYPE:
            if ((rc = parse_dtypes(optarg, dtypes, &n_d)))
                return rc;
            break;
        case OPT_REPS:
            if (tb_parse_int(optarg, 1, TB_MAX_REPS, &reps))
                return tb_usage_error("--reps '%s': accepted: a whole number 1..%d", optarg,
                                      TB_MAX_REPS);
            break;
        case OPT_WARMUP:
            if (tb_parse_int(optarg, 0, 10000, &warmup))
                return tb_usage_error("--warmup '%s': accepted: a whole number 0..10000", optarg);
            break;
        case OPT_MIN_TIME:
            if (tb_parse_double(optarg, 0.001, 60, &min_time))
                return tb_usage_error("--min-time '%s': accepted: seconds, 0.001..60", optarg);
            break;
        case OPT_QUICK:
            reps = 3;
            min_time = 0.01;
            break;
        case OPT_OUT:
            out = optarg;
            break;
        case OPT_RUN_ID:
            if (!*optarg || strlen(optarg) >= sizeof run_id || strpbrk(optarg, "/ \t\n") ||
                optarg[0] == '.')
                return tb_usage_error("--run-id '%s': accepted: a name without '/', blanks or a "
                                      "leading '.', shorter than %zu characters",
                                      optarg, sizeof run_id);
            snprintf(run_id, sizeof run_id, "%s", optarg);
            break;
        case OPT_BOARD:
            if ((rc = parse_boards(optarg, boards, &n_b)))
                return rc;
            break;
        case OPT_THREADS:
            if (tb_parse_int(optarg, 1, 1024, &threads))
                return tb_usage_error("--threads '%s': accepted: a whole number 1..1024", optarg);
            break;
        case OPT_HISTORY:
            /* the history hook runs where a run's records are final, in this
             * process or a worker it starts; the environment reaches them all */
            if (!*optarg || setenv("TB_HISTORY", optarg, 1) != 0)
                return tb_usage_error("--history '%s': accepted: a database path, or off", optarg);
            break;
        case 'h':
            help();
            return TB_EXIT_OK;
        default:
            return tb_usage_error("run: bad option (see tierbench run --help)");
        }
    }
    if (optind < argc)
        return tb_usage_error("run: unexpected argument '%s' (see tierbench run --help)",
                              argv[optind]);
    if (*n_w == 0)
        return tb_usage_error("run: no workload given; use -w (see tierbench list workloads) "
                              "or -m MODEL.tflite");
    if (*n_t == 0)
        targets[(*n_t)++] = tb_target_find("host");
    if (!run_id[0])
        tb_new_run_id(run_id, sizeof run_id);

    tb_run_plan plan = {workloads, *n_w, targets, *n_t, dtypes, n_d, (int)reps, (int)warmup,
                        min_time, n_b ? (const char *const *)boards : NULL, run_id,
                        (int)threads};
    const int cells = tb_run_count_cells(&plan);
    if (cells == 0)
        return tb_usage_error("run: no cell to run: no target runs the dtypes asked for with "
                              "these workloads (MCU, emulated edge and ssh targets run int8 only; "
                              "float .tflite models are fp32 only; "
                              "bert and llm-decode are fp32 only); see tierbench list targets "
                              "and tierbench list workloads");

    char err[512];
    cJSON *context = tb_context_collect();
    tb_store *store = tb_store_open(out, run_id, context, err, sizeof err);
    cJSON_Delete(context);
    if (!store)
        return tb_usage_error("%s", err);

    tb_run_totals totals;
    printf("run %s: %d cells -> %s\n", run_id, cells, tb_store_dir(store));
    rc = tb_run_cells(&plan, store, &totals, err, sizeof err);
    printf("\n");
    tb_summary_print(stdout, tb_store_records(store));
    printf("\n%d cells: %d ok, %d does-not-fit, %d skipped, %d failed, %d timeout; results in %s\n",
           totals.total, totals.ok, totals.does_not_fit, totals.skipped, totals.failed,
           totals.timeout, tb_store_dir(store));
    char why[4400];
    if (tb_history_record_run(tb_store_dir(store), why, sizeof why) != 0)
        fprintf(stderr, "tierbench: warning: the run is not in the history: %s\n", why);
    tb_store_close(store);
    if (rc != 0) {
        fprintf(stderr, "tierbench: %s\n", err);
        return TB_EXIT_FAILED_CELLS;
    }
    /* does-not-fit is a finding, not a failure */
    return totals.failed || totals.timeout ? TB_EXIT_FAILED_CELLS : TB_EXIT_OK;
}

/* Targets made from a family (ssh:...) and imported models are released on
 * every exit path. */
int tb_cmd_run(int argc, char **argv)
{
    const tb_target_ops *targets[MAX_ITEMS];
    static tb_workload_choice workloads[MAX_ITEMS];
    int n_targets = 0, n_workloads = 0;
    int rc = run(argc, argv, targets, &n_targets, workloads, &n_workloads);
    for (int i = 0; i < n_targets; i++)
        tb_target_release(targets[i]);
    for (int i = 0; i < n_workloads; i++)
        tb_model_free((tb_model *)workloads[i].model);
    return rc;
}
