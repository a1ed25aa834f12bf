/* Line-oriented data files (board profiles, cycle tables, energy tables):
 * `key value...` per line, `#` starts a comment. Numbers live in these
 * files with their sources, never in C. */
#ifndef TB_DATAFILE_H
#define TB_DATAFILE_H

#include <stddef.h>

/* Handles one `key rest` line; 0, or -1 with why filled. */
typedef int (*tb_datafile_line_fn)(void *obj, const char *key, char *rest, char *why,
                                   size_t why_len);

/* Calls fn for each meaningful line, stopping at the first error, which
 * reads "path:line: what is wrong". 0 or -1. */
int tb_datafile_parse(const char *path, void *obj, tb_datafile_line_fn fn, char *err,
                      size_t err_len);

/* A non-negative finite number filling all of s; 0, or -1 with why. */
int tb_datafile_number(const char *s, double *out, char *why, size_t why_len);

/* Copies s without trailing blanks. */
void tb_datafile_text(char *dst, size_t n, const char *s);

#endif
