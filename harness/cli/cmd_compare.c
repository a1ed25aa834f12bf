/* tierbench compare RUN_A RUN_B: per-cell latency change with a significance
 * test, geometric means, and an exit code that gates CI (1 on a regression). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "run_source.h"
#include "store.h"

static void usage(void)
{
    printf("usage: tierbench compare [options] RUN_A RUN_B\n"
           "  RUN_A and RUN_B are result folders or run ids from the history\n"
           "  (tierbench history lists them; docs/history.md).\n"
           "  Compares two runs cell by cell (workload/target/dtype): median\n"
           "  latency change, a two-sided Mann-Whitney U test on the repetitions, energy\n"
           "  change, geometric means of B/A. Exit code 0: no regression; 1: a cell is\n"
           "  slower by more than the threshold (significantly, or estimated) or broke;\n"
           "  2: bad input. docs/compare.md explains the verdicts.\n"
           "  --alpha P          significance level, 0 < P < 1 (default 0.05)\n"
           "  --threshold PCT    slowdowns beyond PCT %% are regressions (default 5)\n"
           "  --json FILE        also write the comparison as JSON\n"
           "  --only-significant list only cells that changed or whose status changed\n"
           "  --history PATH     the history run ids are looked up in (default: TB_HISTORY,\n"
           "                     else ~/.local/share/tierbench/history.sqlite)\n");
}

static int write_json(const char *path, const tb_compare *c)
{
    cJSON *o = tb_compare_to_json(c);
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    int rc = text ? tb_write_file_atomic(path, text, strlen(text)) : -1;
    free(text);
    return rc;
}

int tb_cmd_compare(int argc, char **argv)
{
    static const struct option opts[] = {{"alpha", required_argument, NULL, 'a'},
                                         {"threshold", required_argument, NULL, 't'},
                                         {"json", required_argument, NULL, 'j'},
                                         {"only-significant", no_argument, NULL, 's'},
                                         {"history", required_argument, NULL, 'H'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    tb_compare_options opt = {.alpha = 0.05, .threshold_pct = 5};
    const char *json = NULL, *history = NULL;
    int only = 0, c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (tb_parse_double(optarg, 1e-12, 1 - 1e-12, &opt.alpha) != 0)
                return tb_usage_error("compare: --alpha '%s' is not a number in (0, 1)", optarg);
            break;
        case 't':
            if (tb_parse_double(optarg, 0, 1e6, &opt.threshold_pct) != 0)
                return tb_usage_error("compare: --threshold '%s' is not a percentage >= 0",
                                      optarg);
            break;
        case 'j':
            json = optarg;
            break;
        case 's':
            only = 1;
            break;
        case 'H':
            history = optarg;
            break;
        case 'h':
            usage();
            return TB_EXIT_OK;
        default:
            return tb_usage_error("compare: unknown option; accepted: --alpha, --threshold, "
                                  "--json, --only-significant, --history, --help");
        }
    }
    if (optind + 2 != argc)
        return tb_usage_error("compare: give two runs (result folders or run ids), RUN_A "
                              "(baseline) and RUN_B");
    char err[2048];
    cJSON *a = tb_run_source_load(argv[optind], history, err, sizeof err);
    if (!a)
        return tb_usage_error("compare: %s", err);
    cJSON *b = tb_run_source_load(argv[optind + 1], history, err, sizeof err);
    if (!b) {
        cJSON_Delete(a);
        return tb_usage_error("compare: %s", err);
    }
    tb_compare cmp;
    int rc = TB_EXIT_USAGE;
    if (tb_compare_runs(a, b, argv[optind], argv[optind + 1], &opt, &cmp, err, sizeof err) != 0) {
        tb_usage_error("compare: %s", err);
    } else {
        tb_compare_print(stdout, &cmp, only);
        if (json && write_json(json, &cmp) != 0)
            tb_usage_error("compare: cannot write '%s'", json);
        else
            rc = cmp.regressions ? TB_EXIT_REGRESSION : TB_EXIT_OK;
        tb_compare_free(&cmp);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    return rc;
}
