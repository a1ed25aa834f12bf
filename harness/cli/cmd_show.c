/* tierbench show RUN_DIR: the summary table of a finished run. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "summary.h"

int tb_cmd_show(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: tierbench show RUN_DIR\n  Prints one line per record of "
                   "RUN_DIR/records.jsonl.\n");
            return TB_EXIT_OK;
        }
        return tb_usage_error("show: unknown option; accepted: --help");
    }
    if (optind + 1 != argc)
        return tb_usage_error("show: give one result folder (a DIR/<run id> that run wrote)");
    char err[512];
    cJSON *records = tb_summary_load(argv[optind], err, sizeof err);
    if (!records)
        return tb_usage_error("%s", err);
    tb_summary_print(stdout, records);
    cJSON_Delete(records);
    return TB_EXIT_OK;
}
