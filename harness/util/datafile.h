/* Line-oriented data files (board profiles, cycle tables, energy tables):
 * `key value...` per line, `#` starts a comment. Numbers live in these
 * files with their sources, never in C. */
#ifndef TB_DATAFILE_H
#define TB_DATAFILE_H

#include <stddef.h>
#include <stdint.h>

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

/* Table-driven files: each key names a member of the struct being read. */
typedef enum {
    TB_DF_NUMBER,     /* double, non-negative */
    TB_DF_TEXT,       /* char[], the last line wins */
    TB_DF_FIRST_TEXT, /* char[], the first line wins (a primary source) */
    TB_DF_ALL_TEXT,   /* char[], every line, joined by "; " (all sources) */
} tb_datafile_kind;

typedef struct {
    const char *key;
    tb_datafile_kind kind;
    size_t offset, size;
} tb_datafile_field;

/* A field whose key is the member's name. */
#define TB_DF_FIELD(type, member, kind) \
    {#member, kind, offsetof(type, member), sizeof(((type *)0)->member)}

/* Stores one `key rest` line into obj through fields (terminated by a NULL
 * key); an unknown key is an error. For tb_datafile_parse's callback. */
int tb_datafile_field_line(void *obj, const tb_datafile_field *fields, const char *key,
                           char *rest, char *why, size_t why_len);

#endif
