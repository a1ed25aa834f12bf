/* tierbench list workloads|targets */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "target.h"
#include "workload.h"

static void list_workloads(void)
{
    for (int i = 0; tb_workloads[i]; i++) {
        const tb_workload *w = tb_workloads[i];
        printf("%-10s %s%s\n", w->name, w->description,
               tb_workload_runs_dtype(w, TB_DTYPE_INT8) ? "" : " [fp32 only]");
        for (const tb_param_spec *s = w->params; s->name; s++) {
            printf("           %-11s default %-6.15g range %.15g..%.15g", s->name, s->def, s->min, s->max);
            if (s->step > 1)
                printf(", multiple of %d", (int)s->step);
            printf("  %s\n", s->help);
        }
        printf("           %-11s default %-6d the generator seed of weights and input\n", "seed", 1);
        if (w->describe)
            w->describe(stdout);
    }
    printf("\nParameters: -w 'vww:alpha=0.5,res=128'; several workloads: -w kws,vww\n");
}

static void print_target(const tb_target_ops *t)
{
    char why[200];
    int ok = tb_target_usable(t, why, sizeof why);
    printf("%-11s %-6s %-9s %-10s %s\n", t->name, t->tier, t->measured ? "measured" : "emulated",
           !tb_target_runs_dtype(t, TB_DTYPE_FP32) ? "int8"
           : tb_target_runs_dtype(t, TB_DTYPE_INT8) ? "int8,fp32" : "fp32",
           t->description);
    if (!ok)
        printf("            unavailable here: %s\n", why);
}

static void list_targets(void)
{
    for (int i = 0; tb_targets[i]; i++)
        print_target(tb_targets[i]);
    for (int i = 0; tb_target_families[i]; i++) {
        print_target(tb_target_families[i]->proto);
        printf("            %s\n", tb_target_families[i]->help);
    }
}

int tb_cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: tierbench list workloads|targets\n");
            return TB_EXIT_OK;
        }
        return tb_usage_error("list: unknown option; accepted: --help");
    }
    if (optind + 1 != argc)
        return tb_usage_error("list: say what to list; accepted: workloads, targets");
    if (strcmp(argv[optind], "workloads") == 0)
        list_workloads();
    else if (strcmp(argv[optind], "targets") == 0)
        list_targets();
    else
        return tb_usage_error("list: unknown list '%s'; accepted: workloads, targets",
                              argv[optind]);
    return TB_EXIT_OK;
}
