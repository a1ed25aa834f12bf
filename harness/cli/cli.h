/* The tierbench command line: one function per verb, and the helpers every
 * verb shares for parsing lists and reporting bad input (exit code 2). */
#ifndef TB_CLI_H
#define TB_CLI_H

#include <stddef.h>

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

/* Splits a comma-separated list in place; returns the count (at most max). */
int tb_split_list(char *s, char **items, int max);

/* Parses an integer in [lo, hi]; 0 or -1. */
int tb_parse_int(const char *s, long lo, long hi, long *out);
int tb_parse_double(const char *s, double lo, double hi, double *out);

#endif
