/* A report table independent of its output format: columns with units and
 * cells holding the text shown, a numeric sort key and whether the value is
 * a model's estimate (marked with a dagger in every format). The Markdown,
 * HTML and LaTeX renderers all draw from this one model. */
#ifndef TB_TABLE_H
#define TB_TABLE_H

#include <stddef.h>

enum { TB_TABLE_MAX_COLS = 16 };

typedef struct {
    char text[160];  /* as shown, without the estimate mark; "-" for no value */
    double key;      /* sort key; NAN for a text cell or a missing value */
    int estimated;   /* 1: computed by a model, not measured */
} tb_table_entry;

typedef struct {
    char header[40];
    char unit[16];   /* "" when the column has none */
    int numeric;     /* right-aligned, sorted by key */
} tb_column;

typedef struct {
    char id[32];        /* file and anchor name: tables/<id>.tex, #<id> */
    char title[128];
    char source[512];   /* where every number comes from: run id and file */
    int ncols, nrows, cap;
    int filled;         /* cells filled in the last row */
    tb_column cols[TB_TABLE_MAX_COLS];
    tb_table_entry *cells;     /* nrows x ncols, row-major */
} tb_table;

tb_table *tb_table_new(const char *id, const char *title, const char *source);
void tb_table_free(tb_table *t);
void tb_table_col(tb_table *t, const char *header, const char *unit, int numeric);
/* Starts a row; the following tb_table_text/num fill its cells in order. */
void tb_table_row(tb_table *t);
void tb_table_text(tb_table *t, const char *text);
/* A number shown with four significant digits; have=0 shows "-". */
void tb_table_num(tb_table *t, int have, double v, int estimated);
const tb_table_entry *tb_table_cell(const tb_table *t, int row, int col);

/* v with four significant digits and no exponent between 1e-3 and 1e9. */
void tb_format_number(double v, char *out, size_t n);

#endif
