/* The format-independent report table. */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tb_table *tb_table_new(const char *id, const char *title, const char *source)
{
    tb_table *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->title, sizeof t->title, "%s", title);
    snprintf(t->source, sizeof t->source, "%s", source);
    return t;
}

void tb_table_free(tb_table *t)
{
    if (t)
        free(t->cells);
    free(t);
}

void tb_table_col(tb_table *t, const char *header, const char *unit, int numeric)
{
    if (t->ncols == TB_TABLE_MAX_COLS)
        abort(); /* a programming error: tables are built by fixed code */
    tb_column *c = &t->cols[t->ncols++];
    snprintf(c->header, sizeof c->header, "%s", header);
    snprintf(c->unit, sizeof c->unit, "%s", unit);
    c->numeric = numeric;
}

void tb_table_row(tb_table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->cells = realloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof *t->cells);
        if (!t->cells)
            abort();
    }
    for (int c = 0; c < t->ncols; c++)
        t->cells[(size_t)t->nrows * (size_t)t->ncols + (size_t)c] =
            (tb_table_entry){.text = "-", .key = NAN, .estimated = 0};
    t->nrows++;
    t->filled = 0;
}

static tb_table_entry *next_cell(tb_table *t)
{
    if (t->nrows == 0 || t->filled == t->ncols)
        abort();
    return &t->cells[(size_t)(t->nrows - 1) * (size_t)t->ncols + (size_t)t->filled++];
}

void tb_table_text(tb_table *t, const char *text)
{
    tb_table_entry *c = next_cell(t);
    snprintf(c->text, sizeof c->text, "%s", text && *text ? text : "-");
}

void tb_table_num(tb_table *t, int have, double v, int estimated)
{
    tb_table_entry *c = next_cell(t);
    if (!have || !isfinite(v))
        return;
    tb_format_number(v, c->text, sizeof c->text);
    c->key = v;
    c->estimated = estimated;
}

const tb_table_entry *tb_table_cell(const tb_table *t, int row, int col)
{
    return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

void tb_format_number(double v, char *out, size_t n)
{
    double a = fabs(v);
    if (a == 0) {
        snprintf(out, n, "0");
    } else if (a < 1e-3 || a >= 1e9) {
        snprintf(out, n, "%.3e", v);
    } else {
        int decimals = 3 - (int)floor(log10(a));
        snprintf(out, n, "%.*f", decimals < 0 ? 0 : decimals, v);
    }
}
