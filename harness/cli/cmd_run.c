/* tierbench run: parse and validate everything first (exit 2 on any bad
 * input, before a folder is created or anything is measured), write the
 * plan, then run the cells and print where the results are; or resume a
 * run folder's plan. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "context.h"
#include "history.h"
#include "board_check.h"
#include "campaign.h"
#include "plan_file.h"
#include "run_slurm.h"
#include "runner.h"
#include "summary.h"

enum { MAX_ITEMS = 64, MAX_WORKLOADS = 1024, MAX_TARGETS = 256 };

static void help(void)
{
    printf("usage: tierbench run -w WORKLOADS | -m MODEL.tflite | --campaign FILE [-t TARGETS]\n"
           "                     [options]\n"
           "       tierbench run --resume RUN_DIR [-j N] [--cells LIST] [--no-merge]\n\n"
           "  -w, --workload LIST  workloads, comma-separated, each with optional parameters:\n"
           "                       -w kws,vww:alpha=0.5,res=128,ic  (see: tierbench list workloads)\n"
           "  -m, --model FILE     a TensorFlow Lite model to run as workload tflite:<file stem>;\n"
           "                       repeat for more (see: tierbench inspect FILE, docs/import.md)\n"
           "      --campaign FILE  a study: sweeps of workload parameters, targets, dtypes and\n"
           "                       options (docs/campaigns.md); adds to -w/-m/-t, and options\n"
           "                       given here win over the file's\n"
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
           "                       docs/history.md)\n"
           "      --plan           print the cells and their estimated cost; run nothing\n"
           "  -j, --jobs N         emulated cells side by side in N processes, 1..256 (default\n"
           "                       1); measured cells always run alone\n"
           "      --cell-timeout S a cell's time limit in seconds, 0.01..1e6 (default: 900 for\n"
           "                       emulated cells, longer for measured ones; docs/campaigns.md)\n"
           "      --resume RUN_DIR run the cells of RUN_DIR/plan.json that have no record yet\n"
           "      --cells LIST     only these cells of the plan, by index: 0-9,15\n"
           "      --no-merge       write cell records only (records.jsonl is left to\n"
           "                       tierbench merge RUN_DIR)\n"
           TB_RUN_SLURM_HELP "\n"
           "Exit status: 0 all cells ok or skipped, 1 some cell failed or timed out, 2 bad input,\n"
           "130 interrupted (Ctrl-C; the folder can be resumed).\n",
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
        if (*n == MAX_WORKLOADS)
            return tb_usage_error("too many workloads (at most %d)", MAX_WORKLOADS);
        char err[512];
        if (tb_workload_choice_parse(spec, &out[*n], err, sizeof err))
            return tb_usage_error("%s", err);
        ++*n;
    }
    return 0;
}

static int parse_model(const char *path, tb_workload_choice *out, int *n)
{
    if (*n == MAX_WORKLOADS)
        return tb_usage_error("too many workloads (at most %d)", MAX_WORKLOADS);
    char err[1024];
    if (tb_workload_choice_model(path, &out[*n], err, sizeof err))
        return tb_usage_error("%s", err);
    ++*n;
    return 0;
}

static int parse_targets(char *list, const tb_target_ops **out, int *n)
{
    char *items[MAX_ITEMS];
    int k = tb_split_list(list, items, MAX_ITEMS);
    for (int i = 0; i < k; i++) {
        if (*n == MAX_TARGETS)
            return tb_usage_error("too many targets (at most %d)", MAX_TARGETS);
        char err[1024];
        const tb_target_ops *t = tb_target_resolve(items[i], err, sizeof err);
        if (!t)
            return tb_usage_error("%s", err);
        out[(*n)++] = t;
    }
    return 0;
}

/* Boards are checked now, so a typo fails before anything runs. */
static int parse_boards(char *list, const char **out, int *n)
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
        if (tb_dtype_parse(items[i], &out[*n]) == 0)
            (*n)++;
        else
            return tb_usage_error("unknown dtype '%s'; accepted: int8, fp32", items[i]);
    }
    return *n ? 0 : tb_usage_error("--dtype needs at least one of: int8, fp32");
}

/* "0-9,15": cell indices of the plan, into sel (n cells). */
static int parse_cells(const char *list, int n, unsigned char *sel)
{
    char copy[4096], *items[1024];
    snprintf(copy, sizeof copy, "%s", list);
    const int k = tb_split_list(copy, items, 1024);
    for (int i = 0; i < k; i++) {
        long lo, hi;
        char *dash = strchr(items[i], '-');
        if (dash)
            *dash = 0;
        if (tb_parse_int(items[i], 0, n - 1, &lo) ||
            tb_parse_int(dash ? dash + 1 : items[i], lo, n - 1, &hi))
            return tb_usage_error("--cells '%s': accepted: cell indices 0..%d and ranges, "
                                  "e.g. 0-9,15 (tierbench run --plan shows them)",
                                  list, n - 1);
        for (long c = lo; c <= hi; c++)
            sel[c] = 1;
    }
    return k ? 0 : tb_usage_error("--cells: no cell given");
}

/* What the command line asked for; options not given keep their "unset"
 * value so a campaign file can fill them. */
typedef struct {
    const tb_target_ops *targets[MAX_TARGETS];
    int n_targets;
    tb_workload_choice *workloads;
    int n_workloads;
    const char *boards[MAX_ITEMS + TB_CAMPAIGN_MAX_BOARDS + 1];
    int n_boards;
    tb_dtype dtypes[2];
    int n_dtypes; /* 0: not given */
    long reps, warmup, threads, jobs; /* -1: not given */
    double min_time, cell_timeout;    /* -1: not given */
    const char *out, *campaign, *resume, *cells;
    char run_id[64];
    int plan_only, no_merge, defines_plan;
    tb_run_slurm_args slurm;
    tb_campaign file;
} run_args;

static int parse_args(int argc, char **argv, run_args *a)
{
    enum { OPT_DTYPE = 256, OPT_REPS, OPT_WARMUP, OPT_MIN_TIME, OPT_QUICK, OPT_OUT, OPT_RUN_ID,
           OPT_BOARD, OPT_THREADS, OPT_CAMPAIGN, OPT_PLAN, OPT_CELL_TIMEOUT, OPT_RESUME,
           OPT_CELLS, OPT_NO_MERGE, OPT_HISTORY };
    static const struct option opts[] = {
        {"workload", required_argument, NULL, 'w'}, {"target", required_argument, NULL, 't'},
        {"model", required_argument, NULL, 'm'},
        {"dtype", required_argument, NULL, OPT_DTYPE}, {"reps", required_argument, NULL, OPT_REPS},
        {"warmup", required_argument, NULL, OPT_WARMUP},
        {"min-time", required_argument, NULL, OPT_MIN_TIME},
        {"quick", no_argument, NULL, OPT_QUICK}, {"out", required_argument, NULL, OPT_OUT},
        {"run-id", required_argument, NULL, OPT_RUN_ID}, {"board", required_argument, NULL, OPT_BOARD},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"campaign", required_argument, NULL, OPT_CAMPAIGN}, {"plan", no_argument, NULL, OPT_PLAN},
        {"jobs", required_argument, NULL, 'j'},
        {"cell-timeout", required_argument, NULL, OPT_CELL_TIMEOUT},
        {"resume", required_argument, NULL, OPT_RESUME}, {"cells", required_argument, NULL, OPT_CELLS},
        {"no-merge", no_argument, NULL, OPT_NO_MERGE},
        {"history", required_argument, NULL, OPT_HISTORY},
        TB_RUN_SLURM_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c, rc;
    while ((c = getopt_long(argc, argv, "w:t:m:j:h", opts, NULL)) != -1) {
        a->defines_plan |= c != 'j' && c != OPT_CELL_TIMEOUT && c != OPT_RESUME &&
                           c != OPT_CELLS && c != OPT_NO_MERGE && c != OPT_PLAN &&
                           c != OPT_HISTORY && c != 'h' && c < TB_OPT_SLURM;
        switch (c) {
        case 'w':
            if ((rc = parse_workloads(optarg, a->workloads, &a->n_workloads)))
                return rc;
            break;
        case 'm':
            if ((rc = parse_model(optarg, a->workloads, &a->n_workloads)))
                return rc;
            break;
        case 't':
            if ((rc = parse_targets(optarg, a->targets, &a->n_targets)))
                return rc;
            break;
        case OPT_DTYPE:
            if ((rc = parse_dtypes(optarg, a->dtypes, &a->n_dtypes)))
                return rc;
            break;
        case OPT_REPS:
            if (tb_parse_int(optarg, 1, TB_MAX_REPS, &a->reps))
                return tb_usage_error("--reps '%s': accepted: a whole number 1..%d", optarg,
                                      TB_MAX_REPS);
            break;
        case OPT_WARMUP:
            if (tb_parse_int(optarg, 0, 10000, &a->warmup))
                return tb_usage_error("--warmup '%s': accepted: a whole number 0..10000", optarg);
            break;
        case OPT_MIN_TIME:
            if (tb_parse_double(optarg, 0.001, 60, &a->min_time))
                return tb_usage_error("--min-time '%s': accepted: seconds, 0.001..60", optarg);
            break;
        case OPT_QUICK:
            a->reps = 3;
            a->min_time = 0.01;
            break;
        case OPT_OUT:
            a->out = optarg;
            break;
        case OPT_RUN_ID:
            if (!*optarg || strlen(optarg) >= sizeof a->run_id || strpbrk(optarg, "/ \t\n") ||
                optarg[0] == '.')
                return tb_usage_error("--run-id '%s': accepted: a name without '/', blanks or a "
                                      "leading '.', shorter than %zu characters",
                                      optarg, sizeof a->run_id);
            snprintf(a->run_id, sizeof a->run_id, "%s", optarg);
            break;
        case OPT_BOARD:
            if ((rc = parse_boards(optarg, a->boards, &a->n_boards)))
                return rc;
            break;
        case OPT_THREADS:
            if (tb_parse_int(optarg, 1, 1024, &a->threads))
                return tb_usage_error("--threads '%s': accepted: a whole number 1..1024", optarg);
            break;
        case OPT_CAMPAIGN:
            a->campaign = optarg;
            break;
        case OPT_PLAN:
            a->plan_only = 1;
            break;
        case 'j':
            if (tb_parse_int(optarg, 1, 256, &a->jobs))
                return tb_usage_error("-j '%s': accepted: a whole number of processes 1..256",
                                      optarg);
            break;
        case OPT_CELL_TIMEOUT:
            if (tb_parse_double(optarg, 0.01, 1e6, &a->cell_timeout))
                return tb_usage_error("--cell-timeout '%s': accepted: seconds, 0.01..1e6", optarg);
            break;
        case OPT_RESUME:
            a->resume = optarg;
            break;
        case OPT_CELLS:
            a->cells = optarg;
            break;
        case OPT_NO_MERGE:
            a->no_merge = 1;
            break;
        case OPT_HISTORY:
            /* the history hook runs where a run's records are final, in this
             * process or a worker it starts; the environment reaches them all */
            if (!*optarg || setenv("TB_HISTORY", optarg, 1) != 0)
                return tb_usage_error("--history '%s': accepted: a database path, or off", optarg);
            break;
        case TB_OPT_SLURM:
        case TB_OPT_PARTITION:
        case TB_OPT_TIME:
        case TB_OPT_SHARED_DIR:
        case TB_OPT_CELLS_PER_TASK:
            if ((rc = tb_run_slurm_option(c, optarg, &a->slurm)))
                return rc;
            break;
        case 'h':
            help();
            return -1;
        default:
            return tb_usage_error("run: bad option (see tierbench run --help)");
        }
    }
    if (optind < argc)
        return tb_usage_error("run: unexpected argument '%s' (see tierbench run --help)",
                              argv[optind]);
    if (a->slurm.on && (a->jobs > 0 || a->no_merge || a->cells))
        return tb_usage_error("run --slurm: -j, --no-merge and --cells are for the array tasks "
                              "it submits; accepted with it: --cells-per-task");
    return tb_run_slurm_check(&a->slurm);
}

/* The campaign file adds workloads, targets and boards; its options apply
 * where the command line gave none. */
static int apply_campaign(run_args *a)
{
    tb_campaign *f = &a->file;
    f->workloads = a->workloads;
    f->n_workloads = a->n_workloads;
    f->max_workloads = MAX_WORKLOADS;
    f->targets = a->targets;
    f->n_targets = a->n_targets;
    f->max_targets = MAX_TARGETS;
    char err[1024];
    const int rc = tb_campaign_load(a->campaign, f, err, sizeof err);
    a->n_workloads = f->n_workloads;
    a->n_targets = f->n_targets;
    if (rc)
        return tb_usage_error("%s", err);
    for (int i = 0; i < f->n_boards; i++)
        a->boards[a->n_boards++] = f->boards[i];
    if (!a->n_dtypes && f->n_dtypes) {
        a->n_dtypes = f->n_dtypes;
        memcpy(a->dtypes, f->dtypes, sizeof a->dtypes);
    }
    a->reps = a->reps < 0 ? f->reps : a->reps;
    a->warmup = a->warmup < 0 ? f->warmup : a->warmup;
    a->threads = a->threads < 0 ? f->threads : a->threads;
    a->min_time = a->min_time < 0 ? f->min_time_s : a->min_time;
    a->cell_timeout = a->cell_timeout < 0 ? f->cell_timeout_s : a->cell_timeout;
    return 0;
}

static void print_plan(const tb_run_plan *p, const tb_run_cell *cells, int n, int jobs)
{
    double total = 0, measured = 0;
    printf("run %s: %d cells\n%5s  %-44s %-9s %10s\n", p->run_id, n, "index", "cell", "kind",
           "estimate");
    for (int i = 0; i < n; i++) {
        const tb_run_cell *c = &cells[i];
        printf("%5d  %-44s %-9s %8.1f s\n", i, c->id, c->target->measured ? "measured" : "emulated",
               c->estimate_s);
        total += c->estimate_s;
        measured += c->target->measured ? c->estimate_s : 0;
    }
    printf("estimate: %.0f s of cells (%.0f s measured, run alone); with -j %d about %.0f s "
           "(docs/campaigns.md: cost model)\n",
           total, measured, jobs, measured + (total - measured) / jobs);
}

/* Runs the plan's cells into the store and reports; the exit status. */
static int execute(const tb_run_plan *plan, const tb_run_cell *cells, int n_cells,
                   const tb_store *store, const run_args *a)
{
    unsigned char *sel = NULL;
    int rc;
    if (a->cells) {
        sel = calloc((size_t)n_cells + 1, 1);
        if (!sel)
            abort();
        if ((rc = parse_cells(a->cells, n_cells, sel))) {
            free(sel);
            return rc;
        }
    }
    const tb_run_options opt = {a->jobs > 0 ? (int)a->jobs : 1, !a->no_merge, sel};
    tb_run_totals totals;
    cJSON *merged = NULL;
    char err[1024];
    rc = tb_run_cells(plan, cells, n_cells, store, &opt, &totals, &merged, err, sizeof err);
    free(sel);
    printf("\n");
    tb_summary_print(stdout, merged);
    cJSON_Delete(merged);
    if (totals.already_done)
        printf("\n%d cells had a record already and were not run again\n", totals.already_done);
    printf("\n%d cells: %d ok, %d does-not-fit, %d skipped, %d failed, %d timeout; results in %s\n",
           totals.total, totals.ok, totals.does_not_fit, totals.skipped, totals.failed,
           totals.timeout, tb_store_dir(store));
    if (rc != 0) {
        fprintf(stderr, "tierbench: %s\n", err);
        return TB_EXIT_FAILED_CELLS;
    }
    if (totals.interrupted) {
        printf("interrupted (%s): %d cells not run; finish with: tierbench run --resume %s\n",
               strsignal(totals.interrupted), totals.not_run, tb_store_dir(store));
        return 128 + totals.interrupted;
    }
    /* records.jsonl is final only when merged; a --no-merge run (a cluster
     * task) leaves the history to the merge that ends it */
    if (opt.merge && tb_history_record_run(tb_store_dir(store), err, sizeof err) != 0)
        fprintf(stderr, "tierbench: warning: the run is not in the history: %s\n", err);
    /* does-not-fit is a finding, not a failure */
    return totals.failed || totals.timeout ? TB_EXIT_FAILED_CELLS : TB_EXIT_OK;
}

static int resume(run_args *a)
{
    if (a->defines_plan || a->campaign)
        return tb_usage_error("run --resume: the plan comes from RUN_DIR/plan.json; accepted "
                              "with it: -j, --cells, --cell-timeout, --no-merge, --plan, --history");
    char err[1024];
    tb_loaded_plan lp;
    if (tb_plan_load(a->resume, &lp, err, sizeof err)) {
        tb_plan_free(&lp);
        return tb_usage_error("run --resume: %s", err);
    }
    if (a->cell_timeout > 0)
        lp.plan.cell_timeout_s = a->cell_timeout;
    int rc;
    if (a->plan_only) {
        print_plan(&lp.plan, lp.cells, lp.n_cells, a->jobs > 0 ? (int)a->jobs : 1);
        rc = TB_EXIT_OK;
    } else {
        cJSON *context = tb_context_collect();
        tb_store *store = tb_store_reopen(a->resume, context, err, sizeof err);
        cJSON_Delete(context);
        if (!store) {
            rc = tb_usage_error("%s", err);
        } else {
            printf("run %s: %d cells in the plan -> %s\n", lp.run_id, lp.n_cells, a->resume);
            rc = a->slurm.on ? tb_run_slurm_submit(a->resume, &a->slurm)
                             : execute(&lp.plan, lp.cells, lp.n_cells, store, a);
        }
        tb_store_close(store);
    }
    tb_plan_free(&lp);
    return rc;
}

static int fresh(run_args *a)
{
    int rc;
    if (a->campaign && (rc = apply_campaign(a)))
        return rc;
    if (a->n_workloads == 0)
        return tb_usage_error("run: no workload given; use -w (see tierbench list workloads), "
                              "-m MODEL.tflite or --campaign FILE");
    if (a->n_targets == 0)
        a->targets[a->n_targets++] = tb_target_find("host");
    if (!a->n_dtypes) {
        a->dtypes[0] = TB_DTYPE_INT8;
        a->dtypes[1] = TB_DTYPE_FP32;
        a->n_dtypes = 2;
    }
    if (!a->run_id[0])
        tb_new_run_id(a->run_id, sizeof a->run_id);

    tb_run_plan plan = {a->workloads, a->n_workloads, a->targets, a->n_targets, a->dtypes,
                        a->n_dtypes, a->reps < 0 ? 10 : (int)a->reps,
                        a->warmup < 0 ? 2 : (int)a->warmup, a->min_time < 0 ? 0.05 : a->min_time,
                        a->n_boards ? a->boards : NULL, a->run_id,
                        a->threads < 0 ? 0 : (int)a->threads,
                        a->cell_timeout < 0 ? 0 : a->cell_timeout};
    char err[1024];
    int n_cells;
    tb_run_cell *cells = tb_run_expand(&plan, &n_cells, err, sizeof err);
    if (!cells)
        return tb_usage_error("run: %s", err);
    if (n_cells == 0) {
        free(cells);
        return tb_usage_error("run: no cell to run: no target runs the dtypes asked for with "
                              "these workloads (MCU, emulated edge and ssh targets run int8 only; "
                              "float .tflite models are fp32 only; "
                              "bert and llm-decode are fp32 only); see tierbench list targets "
                              "and tierbench list workloads");
    }
    if (tb_run_estimate(&plan, cells, n_cells, err, sizeof err)) {
        if (a->plan_only) {
            free(cells);
            return tb_usage_error("run --plan: %s", err);
        }
        fprintf(stderr, "tierbench: warning: no cell estimates (%s)\n", err);
    }
    if (a->plan_only) {
        print_plan(&plan, cells, n_cells, a->jobs > 0 ? (int)a->jobs : 1);
        free(cells);
        return TB_EXIT_OK;
    }

    /* a finished cell's record would count as done: never mix two runs */
    char existing[4200];
    snprintf(existing, sizeof existing, "%s/%s/plan.json", a->out, a->run_id);
    if (access(existing, F_OK) == 0) {
        free(cells);
        return tb_usage_error("run: %s/%s is a run folder already; finish it with tierbench run "
                              "--resume %s/%s, or choose another --run-id",
                              a->out, a->run_id, a->out, a->run_id);
    }
    cJSON *context = tb_context_collect();
    if (a->slurm.shared_dir)
        a->out = a->slurm.shared_dir;
    tb_store *store = tb_store_open(a->out, a->run_id, context, err, sizeof err);
    cJSON_Delete(context);
    if (!store || tb_plan_write(store, &plan, cells, n_cells, err, sizeof err)) {
        tb_store_close(store);
        free(cells);
        return tb_usage_error("%s", err);
    }
    printf("run %s: %d cells -> %s\n", a->run_id, n_cells, tb_store_dir(store));
    rc = a->slurm.on ? tb_run_slurm_submit(tb_store_dir(store), &a->slurm)
                     : execute(&plan, cells, n_cells, store, a);
    tb_store_close(store);
    free(cells);
    return rc;
}

/* Targets made from a family (ssh:...) and imported models are released on
 * every exit path. */
int tb_cmd_run(int argc, char **argv)
{
    static tb_workload_choice workloads[MAX_WORKLOADS];
    static run_args a;
    memset(&a, 0, sizeof a);
    a.workloads = workloads;
    a.reps = a.warmup = a.threads = a.jobs = -1;
    a.min_time = a.cell_timeout = -1;
    a.out = "results";
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        rc = TB_EXIT_OK; /* --help */
    else if (rc == 0)
        rc = a.resume ? resume(&a) : fresh(&a);
    for (int i = 0; i < a.n_targets; i++)
        tb_target_release(a.targets[i]);
    for (int i = 0; i < a.n_workloads; i++)
        tb_model_free((tb_model *)workloads[i].model);
    return rc;
}
