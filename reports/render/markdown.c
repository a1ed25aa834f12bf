/* report.md: the report as Markdown, images linked from figures/. */
#include <stdio.h>
#include <string.h>

#include "doc_text.h"
#include "gnuplot.h"
#include "report.h"

static void md_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '*' || *s == '_' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

static void md_table(FILE *f, const tb_table *t)
{
    fprintf(f, "### %s\n\n", t->title);
    for (int c = 0; c < t->ncols; c++) {
        fputs("| ", f);
        md_text(f, t->cols[c].header);
        if (t->cols[c].unit[0])
            fprintf(f, " [%s]", t->cols[c].unit);
        fputc(' ', f);
    }
    fputs("|\n", f);
    for (int c = 0; c < t->ncols; c++)
        fputs(t->cols[c].numeric ? "| ---: " : "| :--- ", f);
    fputs("|\n", f);
    for (int row = 0; row < t->nrows; row++) {
        for (int c = 0; c < t->ncols; c++) {
            const tb_table_entry *cell = tb_table_cell(t, row, c);
            fputs("| ", f);
            if (cell->estimated)
                fputc('*', f);
            md_text(f, cell->text);
            fputs(cell->estimated ? "*† " : " ", f);
        }
        fputs("|\n", f);
    }
    fprintf(f, "\nSource: %s. LaTeX: `tables/%s.tex`.\n\n", t->source, t->id);
}

static void md_figure(FILE *f, const tb_report *r, const tb_figure_result *fig)
{
    char title[64], img[128];
    tb_doc_figure_title(fig, title, sizeof title);
    fprintf(f, "### %s\n\n", title);
    if (tb_doc_figure_image(r, fig, img, sizeof img))
        fprintf(f, "![%s](figures/%s)\n\n", title, img);
    else if (fig->drawn)
        fprintf(f, "*Drawn as PDF only (--formats); see the files below.*\n\n");
    else
        fprintf(f, "*Not drawn: %s.*\n\n", fig->note[0] ? fig->note : "no image format rendered");
    fprintf(f, "%s\n\n", fig->caption);
    if (fig->drawn || fig->scripted)
        fputs("Files: ", f);
    if (fig->drawn)
        for (unsigned bit = 1; bit <= TB_FMT_SVG; bit <<= 1)
            if (r->formats & bit)
                fprintf(f, "[%s 1 col](figures/%s-1col.%s), [%s 2 col](figures/%s-2col.%s), ",
                        tb_format_ext(bit), fig->name, tb_format_ext(bit), tb_format_ext(bit),
                        fig->name, tb_format_ext(bit));
    if (fig->scripted)
        fprintf(f, "data [%s.csv](figures/%s.csv), script [%s.gp](figures/%s.gp).\n\n", fig->name,
                fig->name, fig->name, fig->name);
}

void tb_render_markdown(const tb_report *r, FILE *f)
{
    char line[1024];
    tb_doc_run_line(r, line, sizeof line);
    fprintf(f, "# tierbench report: run %s\n\n%s. %d records from `%s/records.jsonl`.\n\n",
            r->run_id, line, cJSON_GetArraySize(r->records), r->run_dir);
    fprintf(f, "**Marking.** %s\n\n", TB_REPORT_LEGEND);
    fprintf(f, "## Results\n\n");
    for (int i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i]->id, "results") == 0)
            md_table(f, r->tables[i]);
    fprintf(f, "## Figures\n\n");
    if (r->figures_note[0])
        fprintf(f, "**Note:** %s.\n\n", r->figures_note);
    fprintf(f, "Every figure is drawn by gnuplot from `figures/<name>.gp` and the data beside it "
               "in `figures/<name>.csv`; edit either and run `gnuplot <name>.gp` in `figures/` "
               "to re-render (docs/reports.md).\n\n");
    for (int i = 0; i < r->nfigures; i++)
        md_figure(f, r, &r->figures[i]);
    fprintf(f, "## Placement\n\n");
    if (!r->placement)
        fprintf(f, "No placement computed: %s.\n\n", r->placement_note);
    for (int i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i]->id, "results") != 0)
            md_table(f, r->tables[i]);
}
