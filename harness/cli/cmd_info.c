/* tierbench info: what this machine can measure, so a user knows before a
 * run which cells will be measured, estimated or skipped, and why. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "counters.h"
#include "gbench_shim.h"
#include "proc.h"
#include "target.h"

static void print_target(const tb_target_ops *t)
{
    char why[200];
    int ok = tb_target_usable(t, why, sizeof why);
    printf("target     %-22s %s%s\n", t->name, ok ? "available" : "skipped: ", ok ? "" : why);
}

int tb_cmd_info(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: tierbench info\n  Prints counters, timers, toolchains, emulators and "
                   "which targets can run here.\n");
            return TB_EXIT_OK;
        }
        return tb_usage_error("info: unknown option; accepted: --help");
    }
    char line[4200];
    printf("timer      Google Benchmark %s (wall clock, via the C shim)\n", tb_gb_version());
    tb_counters_describe(line, sizeof line);
    printf("counters   %s\n", line);
    static const char *const tools[] = {"arm-none-eabi-gcc", "qemu-system-arm",
                                        "aarch64-linux-gnu-gcc", "qemu-aarch64", "gnuplot"};
    for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
        tb_which(tools[i], line, sizeof line);
        printf("tool       %-22s %s\n", tools[i], line[0] ? line : "not found");
    }
    for (int i = 0; tb_targets[i]; i++)
        print_target(tb_targets[i]);
    for (int i = 0; tb_target_families[i]; i++)
        print_target(tb_target_families[i]->proto);
    return TB_EXIT_OK;
}
