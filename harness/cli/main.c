/* tierbench: entry point and verb dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} verbs[] = {
    {"run", tb_cmd_run, "run workloads on targets and write a result folder"},
    {"list", tb_cmd_list, "list workloads or targets"},
    {"info", tb_cmd_info, "what this machine can measure: counters, toolchains, emulators"},
    {"show", tb_cmd_show, "print the summary table of a result folder"},
    {"status", tb_cmd_status, "progress of a run folder: its cell records and Slurm jobs"},
    {"compare", tb_cmd_compare, "compare two runs (folders or run ids); exit 1 on a regression"},
    {"history", tb_cmd_history, "runs recorded in the results history, filtered; a run's cells"},
    {"place", tb_cmd_place, "device, edge, server or split: placement over link profiles"},
    {"report", tb_cmd_report, "figures, Markdown, HTML and LaTeX report of a result folder"},
    {"inspect", tb_cmd_inspect, "layers, quantisation, MACs and arena of a .tflite model"},
    {"merge", tb_cmd_merge, "regenerate a run folder's records from its cell records"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: tierbench <verb> [options]   (tierbench <verb> --help for more)\n\n");
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        fprintf(f, "  %-8s %s\n", verbs[i].name, verbs[i].summary);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TB_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return TB_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].fn(argc - 1, argv + 1);
    char accepted[256] = "";
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        size_t used = strlen(accepted);
        snprintf(accepted + used, sizeof accepted - used, "%s%s", i ? ", " : "", verbs[i].name);
    }
    return tb_usage_error("unknown verb '%s'; accepted: %s", argv[1], accepted);
}
