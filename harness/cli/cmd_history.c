/* tierbench history: the runs recorded in the results history, filtered,
 * as a table or JSON; one run's cells with --cells; --record adds a run
 * folder by hand (runs from before the history, or copied from elsewhere). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "history.h"
#include "record_get.h"

static void help(void)
{
    printf("usage: tierbench history [filters] [--json]     list recorded runs, newest first\n"
           "       tierbench history --cells RUN_ID [--json] that run's cells\n"
           "       tierbench history --record RUN_DIR        record a run folder (again)\n\n"
           "  --workload W     runs with a cell of workload W (\"vww\" also matches vww:res=96)\n"
           "  --target T       runs with a cell on target T\n"
           "  --since DATE     runs on or after DATE (UTC, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)\n"
           "  --until DATE     runs on or before DATE (a day includes all of it)\n"
           "  --revision REV   runs whose git revision contains REV\n"
           "  --limit N        at most N runs, 1..1000000 (default 50)\n"
           "  --json           JSON instead of a table\n"
           "  --history PATH   the database (default: TB_HISTORY, else\n"
           "                   $XDG_DATA_HOME/tierbench/history.sqlite, else\n"
           "                   ~/.local/share/tierbench/history.sqlite); docs/history.md\n");
}

static const char *str(const cJSON *o, const char *key)
{
    const char *s = tb_rec_str(o, key);
    return s ? s : "-";
}

static int count(const cJSON *run, const char *status)
{
    char key[64];
    double n = 0;
    snprintf(key, sizeof key, "cells.%s", status);
    tb_rec_num(run, key, &n);
    return (int)n;
}

static void print_runs(const cJSON *runs)
{
    printf("%-28s %-20s %-20s %-12s %5s %4s %4s %4s %4s %4s  %s\n", "run id", "date", "revision",
           "host", "cells", "ok", "fail", "skip", "dnf", "tout", "folder");
    const cJSON *r;
    cJSON_ArrayForEach(r, runs)
        printf("%-28s %-20s %-20s %-12s %5d %4d %4d %4d %4d %4d  %s\n", str(r, "run_id"),
               str(r, "date"), str(r, "git_revision"), str(r, "hostname"), count(r, "total"),
               count(r, "ok"), count(r, "failed"), count(r, "skipped"), count(r, "does_not_fit"),
               count(r, "timeout"), str(r, "folder"));
    printf("%d run%s (dnf: does-not-fit, tout: timeout)\n", cJSON_GetArraySize(runs),
           cJSON_GetArraySize(runs) == 1 ? "" : "s");
}

static void print_cells(const cJSON *cells)
{
    printf("%-36s %-6s %-18s %-12s %13s %10s  %s\n", "cell", "tier", "backend", "status",
           "median ms", "energy uJ", "reason");
    const cJSON *c;
    cJSON_ArrayForEach(c, cells) {
        double ns, uj;
        printf("%-36s %-6s %-18s %-12s ", str(c, "cell_id"), str(c, "tier"), str(c, "backend"),
               str(c, "status"));
        if (tb_rec_num(c, "median_ns", &ns))
            printf("%13.3f ", ns * 1e-6);
        else
            printf("%13s ", "-");
        if (tb_rec_num(c, "energy_uJ", &uj))
            printf("%10.1f ", uj);
        else
            printf("%10s ", "-");
        printf(" %s\n", tb_rec_str(c, "reason") ? tb_rec_str(c, "reason") : "");
    }
}

static void print_json(const cJSON *o)
{
    char *text = cJSON_Print(o);
    printf("%s\n", text ? text : "null");
    free(text);
}

static int show(tb_history *h, const char *cells_of, const tb_history_filter *f, int json)
{
    char err[2048];
    cJSON *rows = cells_of ? tb_history_cells(h, cells_of, err, sizeof err)
                           : tb_history_runs(h, f, err, sizeof err);
    if (!rows)
        return tb_usage_error("history: %s", err);
    if (json)
        print_json(rows);
    else if (cells_of)
        print_cells(rows);
    else
        print_runs(rows);
    cJSON_Delete(rows);
    return TB_EXIT_OK;
}

int tb_cmd_history(int argc, char **argv)
{
    enum { OPT_WORKLOAD = 256, OPT_TARGET, OPT_SINCE, OPT_UNTIL, OPT_REVISION, OPT_LIMIT,
           OPT_JSON, OPT_CELLS, OPT_RECORD, OPT_HISTORY };
    static const struct option opts[] = {
        {"workload", required_argument, NULL, OPT_WORKLOAD},
        {"target", required_argument, NULL, OPT_TARGET},
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"revision", required_argument, NULL, OPT_REVISION},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"json", no_argument, NULL, OPT_JSON},
        {"cells", required_argument, NULL, OPT_CELLS},
        {"record", required_argument, NULL, OPT_RECORD},
        {"history", required_argument, NULL, OPT_HISTORY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tb_history_filter f = {.limit = 50};
    const char *cells_of = NULL, *record = NULL, *given = NULL;
    int json = 0, c;
    long limit;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_WORKLOAD: f.workload = optarg; break;
        case OPT_TARGET: f.target = optarg; break;
        case OPT_REVISION: f.revision = optarg; break;
        case OPT_SINCE:
        case OPT_UNTIL:
            if (!tb_history_date_valid(optarg))
                return tb_usage_error("history: --%s '%s': accepted: a UTC date YYYY-MM-DD or "
                                      "YYYY-MM-DDTHH:MM:SS", c == OPT_SINCE ? "since" : "until",
                                      optarg);
            *(c == OPT_SINCE ? &f.since : &f.until) = optarg;
            break;
        case OPT_LIMIT:
            if (tb_parse_int(optarg, 1, 1000000, &limit))
                return tb_usage_error("history: --limit '%s': accepted: a whole number "
                                      "1..1000000", optarg);
            f.limit = (int)limit;
            break;
        case OPT_JSON: json = 1; break;
        case OPT_CELLS: cells_of = optarg; break;
        case OPT_RECORD: record = optarg; break;
        case OPT_HISTORY: given = optarg; break;
        case 'h':
            help();
            return TB_EXIT_OK;
        default:
            return tb_usage_error("history: bad option (see tierbench history --help)");
        }
    }
    if (optind < argc)
        return tb_usage_error("history: unexpected argument '%s' (see tierbench history --help)",
                              argv[optind]);
    int filtered = f.workload || f.target || f.since || f.until || f.revision || f.limit != 50;
    if ((record && (cells_of || filtered || json)) || (cells_of && filtered))
        return tb_usage_error("history: --record takes only --history, --cells only --json and "
                              "--history; filters apply to the list of runs");
    char path[4096], err[6000];
    int where = tb_history_path(given, path, sizeof path);
    if (where != 0)
        return tb_usage_error("history: %s", where > 0 ? "the history is off (TB_HISTORY=off "
                                                         "or --history off)" : path);
    struct stat st;
    if (!record && !cells_of && stat(path, &st) != 0) {
        fprintf(stderr, "tierbench: history: no history at '%s' yet (tierbench run records "
                        "every finished run there)\n", path);
        cJSON *none = cJSON_CreateArray();
        if (json)
            print_json(none);
        else
            print_runs(none);
        cJSON_Delete(none);
        return TB_EXIT_OK;
    }
    tb_history *h = tb_history_open(path, record != NULL, err, sizeof err);
    if (!h)
        return tb_usage_error("history: %s", err);
    int rc;
    if (record) {
        rc = tb_history_record(h, record, err, sizeof err) == 0 ? TB_EXIT_OK
                                                                : tb_usage_error("history: %s", err);
        if (rc == TB_EXIT_OK)
            printf("recorded %s in %s\n", record, path);
    } else {
        rc = show(h, cells_of, &f, json);
    }
    tb_history_close(h);
    return rc;
}
