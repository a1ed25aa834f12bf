/* Parsing user input: the CLI's options and the campaign files'. */
#ifndef TB_PARSE_H
#define TB_PARSE_H

/* Splits a comma-separated list in place; returns the count (at most max). */
int tb_split_list(char *s, char **items, int max);

/* Parses a whole number in [lo, hi], or a finite number in [lo, hi],
 * filling all of s; 0 or -1. */
int tb_parse_int(const char *s, long lo, long hi, long *out);
int tb_parse_double(const char *s, double lo, double hi, double *out);

#endif
