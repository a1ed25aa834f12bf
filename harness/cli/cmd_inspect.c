/* tierbench inspect: what an imported model is, before running it. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "prepare.h"
#include "tflite_import.h"
#include "tflite_inspect.h"

int tb_cmd_inspect(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: tierbench inspect MODEL.tflite [MODEL.tflite ...]\n"
                   "  Prints each model's layers (op, output shape, parameters, MACs, options),\n"
                   "  its tensors' quantisation, totals and the arena the planner gives it.\n"
                   "  Exit status 2 when a file cannot be read or imported.\n");
            return TB_EXIT_OK;
        }
        return tb_usage_error("inspect: unknown option; accepted: --help");
    }
    if (optind >= argc)
        return tb_usage_error("inspect: no model given (tierbench inspect MODEL.tflite)");
    for (int i = optind; i < argc; i++) {
        char err[1024];
        tb_tflite_file file;
        tb_model *m = tb_tflite_load(argv[i], 0, 0, &file, err, sizeof err);
        if (!m)
            return tb_usage_error("%s", err);
        printf("%sfile %s: %" PRId64 " bytes, FNV-1a 64 %016" PRIx64 "\n", i > optind ? "\n" : "",
               argv[i], file.bytes, file.fnv1a64);
        tb_inspect_print(stdout, m);
        tb_model_free(m);
    }
    return TB_EXIT_OK;
}
