/* tierbench report RUN_DIR: figures, report.md, report.html and LaTeX tables
 * of a finished run (docs/reports.md). */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "gnuplot.h"
#include "report.h"

static void help(void)
{
    printf("usage: tierbench report RUN_DIR [--out DIR] [--formats png,pdf,svg]\n"
           "  Renders RUN_DIR/records.jsonl (and RUN_DIR/placement/placement.json when\n"
           "  present) into DIR (default RUN_DIR/report): report.md, a self-contained\n"
           "  report.html, tables/*.tex (booktabs) and figures/ (gnuplot scripts, CSV data\n"
           "  and images at one-column 3.5 in and two-column 7 in widths).\n"
           "  --out DIR          where to write (created if missing)\n"
           "  --formats LIST     image formats, any of png,pdf,svg (default all three)\n"
           "  Exit: 0 written (a missing gnuplot or terminal only skips images, with a\n"
           "  warning), 1 a figure failed to render, 2 bad input.\n");
}

int tb_cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"formats", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL;
    unsigned formats = TB_FMT_ALL;
    int c;
    while ((c = getopt_long(argc, argv, "o:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'f':
            if (tb_format_parse(optarg, &formats) != 0)
                return tb_usage_error("report: --formats '%s' is not accepted; give a comma-"
                                      "separated list of png, pdf, svg", optarg);
            break;
        case 'h':
            help();
            return TB_EXIT_OK;
        default:
            return tb_usage_error("report: unknown option; accepted: --out DIR, --formats "
                                  "png,pdf,svg, --help");
        }
    }
    if (optind + 1 != argc)
        return tb_usage_error("report: give one result folder (a DIR/<run id> that "
                              "tierbench run wrote)");
    char err[1024];
    int rc = tb_report_write(argv[optind], out, formats, stderr, err, sizeof err);
    if (rc == TB_REPORT_BAD_INPUT)
        return tb_usage_error("%s", err);
    if (rc != TB_REPORT_OK) {
        fprintf(stderr, "tierbench: %s\n", err);
        return TB_EXIT_FAILED_CELLS;
    }
    if (out)
        printf("report written to %s/report.html (and report.md, tables/, figures/)\n", out);
    else
        printf("report written to %s/report/report.html (and report.md, tables/, figures/)\n",
               argv[optind]);
    return TB_EXIT_OK;
}
