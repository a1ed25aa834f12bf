/* tables/<id>.tex: a booktabs tabular of one report table, to \input into
 * a paper's table environment. Estimated values are in italics with a
 * dagger, explained in the last row. */
#include <stdio.h>
#include <string.h>

#include "report.h"

static void tex(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strncmp(s, "µ", strlen("µ")) == 0) {
            fputs("$\\mu$", f);
            s += strlen("µ") - 1;
        } else if (strncmp(s, "†", strlen("†")) == 0) {
            fputs("\\dag{}", f);
            s += strlen("†") - 1;
        } else if (strchr("&%$#_{}", *s)) {
            fprintf(f, "\\%c", *s);
        } else if (*s == '~') {
            fputs("\\textasciitilde{}", f);
        } else if (*s == '^') {
            fputs("\\textasciicircum{}", f);
        } else if (*s == '\\') {
            fputs("\\textbackslash{}", f);
        } else if (*s == '<') {
            fputs("\\textless{}", f);
        } else if (*s == '>') {
            fputs("\\textgreater{}", f);
        } else {
            fputc(*s, f);
        }
    }
}

/* Long text columns (reasons, notes) wrap instead of widening the page. */
static int wraps(const tb_table *t, int c)
{
    if (t->cols[c].numeric)
        return 0;
    for (int row = 0; row < t->nrows; row++)
        if (strlen(tb_table_cell(t, row, c)->text) > 30)
            return 1;
    return 0;
}

void tb_render_latex_table(const tb_table *t, FILE *f)
{
    fputs("% ", f);
    fputs(t->title, f);
    fputs(" -- written by tierbench report; needs \\usepackage{booktabs}.\n% Source: ", f);
    fputs(t->source, f);
    fputs(".\n\\begin{tabular}{", f);
    for (int c = 0; c < t->ncols; c++)
        fputs(t->cols[c].numeric ? "r" : wraps(t, c) ? "p{4cm}" : "l", f);
    fputs("}\n\\toprule\n", f);
    for (int c = 0; c < t->ncols; c++) {
        tex(f, t->cols[c].header);
        if (t->cols[c].unit[0]) {
            fputs(" [", f);
            tex(f, t->cols[c].unit);
            fputc(']', f);
        }
        fputs(c + 1 < t->ncols ? " & " : " \\\\\n\\midrule\n", f);
    }
    int marked = 0;
    for (int row = 0; row < t->nrows; row++)
        for (int c = 0; c < t->ncols; c++) {
            const tb_table_entry *cell = tb_table_cell(t, row, c);
            if (cell->estimated)
                fputs("\\textit{", f);
            tex(f, cell->text);
            if (cell->estimated)
                fputs("}\\textsuperscript{\\dag}", f);
            marked |= cell->estimated;
            fputs(c + 1 < t->ncols ? " & " : " \\\\\n", f);
        }
    fputs("\\bottomrule\n", f);
    if (marked)
        fprintf(f, "\\multicolumn{%d}{l}{\\footnotesize \\textsuperscript{\\dag}\\,estimated "
                   "by a model; other values measured.}\\\\\n",
                t->ncols);
    fputs("\\end{tabular}\n", f);
}
