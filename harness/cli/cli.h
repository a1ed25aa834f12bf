/* The tierbench command line: one function per verb, and the helpers every
 * verb shares for parsing lists and reporting bad input (exit code 2). */
#ifndef TB_CLI_H
#define TB_CLI_H

#include <stddef.h>

#include "parse.h" /* tb_split_list, tb_parse_int, tb_parse_double */

enum { TB_EXIT_OK = 0, TB_EXIT_FAILED_CELLS = 1, TB_EXIT_REGRESSION = 1, TB_EXIT_USAGE = 2 };

int tb_cmd_list(int argc, char **argv);
int tb_cmd_info(int argc, char **argv);
int tb_cmd_run(int argc, char **argv);
int tb_cmd_show(int argc, char **argv);
int tb_cmd_status(int argc, char **argv);
int tb_cmd_compare(int argc, char **argv);
int tb_cmd_place(int argc, char **argv);
int tb_cmd_report(int argc, char **argv);
int tb_cmd_inspect(int argc, char **argv);
int tb_cmd_merge(int argc, char **argv);
int tb_cmd_history(int argc, char **argv);

/* Prints "tierbench: <message>" to stderr and returns TB_EXIT_USAGE. */
int tb_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));


#endif
