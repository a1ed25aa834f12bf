/* tierbench merge RUN_DIR: records.jsonl and records.csv regenerated from
 * the cell records, in plan order; idempotent. Cells still without a
 * record are reported (exit 1), e.g. cluster tasks that have not run. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "history.h"
#include "plan_file.h"
#include "runner.h"
#include "summary.h"

int tb_cmd_merge(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: tierbench merge RUN_DIR\n  Rewrites RUN_DIR/records.jsonl and "
                   "records.csv from RUN_DIR/cells/*/record.json\n  in the order of "
                   "RUN_DIR/plan.json. Exit 1 when some cell has no record yet.\n");
            return TB_EXIT_OK;
        }
        return tb_usage_error("merge: unknown option; accepted: --help");
    }
    if (optind + 1 != argc)
        return tb_usage_error("merge: give one run folder (a DIR/<run id> that run wrote)");
    const char *dir = argv[optind];
    char err[1024];
    cJSON *plan = tb_plan_read(dir, err, sizeof err);
    if (!plan)
        return tb_usage_error("merge: %s", err);
    const cJSON *cells = cJSON_GetObjectItem(plan, "cells"), *cell;
    const int n = cJSON_GetArraySize(cells);
    const char **ids = calloc((size_t)n + 1, sizeof *ids);
    if (!ids)
        abort();
    int k = 0;
    cJSON_ArrayForEach(cell, cells)
        ids[k++] = cJSON_GetStringValue(cJSON_GetObjectItem(cell, "cell_id"));
    int rc = TB_EXIT_OK, missing = 0;
    tb_store *store = tb_store_reopen(dir, NULL, err, sizeof err);
    cJSON *merged = store ? tb_run_merge(store, ids, n, &missing, err, sizeof err) : NULL;
    if (!merged) {
        rc = tb_usage_error("merge: %s", err);
    } else {
        tb_summary_print(stdout, merged);
        printf("\nmerged %d of %d cells into %s/records.jsonl", n - missing, n, dir);
        if (missing) {
            printf("; %d cells have no record yet:", missing);
            for (int i = 0, shown = 0; i < n && shown < 20; i++) {
                cJSON *r = tb_store_read_cell(store, ids[i]);
                if (!r && ++shown)
                    printf(" %d", i);
                cJSON_Delete(r);
            }
            printf("%s (tierbench run --resume %s runs them)", missing > 20 ? " ..." : "", dir);
            rc = TB_EXIT_FAILED_CELLS;
        }
        printf("\n");
        if (!missing && tb_history_record_run(dir, err, sizeof err) != 0)
            fprintf(stderr, "tierbench: warning: the run is not in the history: %s\n", err);
    }
    cJSON_Delete(merged);
    tb_store_close(store);
    free(ids);
    cJSON_Delete(plan);
    return rc;
}
