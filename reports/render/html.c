/* report.html: one self-contained file (images as data: URIs, styles and a
 * small sorting script inline), so it opens offline and can be mailed. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "doc_text.h"
#include "gnuplot.h"
#include "report.h"

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char style[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1200px;margin:1em auto;"
    "padding:0 1em;color:#222}\n"
    "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}\n"
    "th,td{padding:0.2em 0.6em;border-bottom:1px solid #ccc;vertical-align:top}\n"
    "th{cursor:pointer;user-select:none;background:#f2f2f2;text-align:left}\n"
    "th[aria-sort=ascending]::after{content:' \\25B2'}\n"
    "th[aria-sort=descending]::after{content:' \\25BC'}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.est{font-style:italic}\n"
    "figure{margin:1em 0}figure img{width:100%;max-width:900px;height:auto;border:1px solid #eee}\n"
    "figcaption,.src{font-size:0.85em;color:#444}\n";

/* Clicking a header sorts its table by that column: numbers by data-v,
 * text alphabetically, cells without a value last; again reverses. */
static const char sort_script[] =
    "(function(){\n"
    "function key(c){var v=c.getAttribute('data-v');return v===null?null:parseFloat(v);}\n"
    "document.querySelectorAll('table.sortable').forEach(function(t){\n"
    " t.querySelectorAll('thead th').forEach(function(th,i){\n"
    "  th.addEventListener('click',function(){\n"
    "   var asc=th.getAttribute('aria-sort')!=='ascending';\n"
    "   t.querySelectorAll('thead th').forEach(function(h){h.removeAttribute('aria-sort');});\n"
    "   th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
    "   var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);\n"
    "   rows.sort(function(a,b){\n"
    "    var x=a.cells[i],y=b.cells[i],kx=key(x),ky=key(y),c;\n"
    "    if(th.classList.contains('num')){\n"
    "     if(kx===null||ky===null)return (kx===null)-(ky===null);\n"
    "     c=kx-ky;\n"
    "    }else c=x.textContent.localeCompare(y.textContent);\n"
    "    return asc?c:-c;\n"
    "   });\n"
    "   rows.forEach(function(r){body.appendChild(r);});\n"
    "  });\n"
    " });\n"
    "});\n"
    "})();\n";

static void html_table(FILE *f, const tb_table *t)
{
    fprintf(f, "<h3 id=\"%s\">", t->id);
    esc(f, t->title);
    fprintf(f, "</h3>\n<table class=\"sortable\" id=\"table-%s\">\n<thead><tr>", t->id);
    for (int c = 0; c < t->ncols; c++) {
        fprintf(f, "<th%s title=\"click to sort\">", t->cols[c].numeric ? " class=\"num\"" : "");
        esc(f, t->cols[c].header);
        if (t->cols[c].unit[0]) {
            fputs(" [", f);
            esc(f, t->cols[c].unit);
            fputc(']', f);
        }
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int row = 0; row < t->nrows; row++) {
        fputs("<tr>", f);
        for (int c = 0; c < t->ncols; c++) {
            const tb_table_entry *cell = tb_table_cell(t, row, c);
            const char *cls = cell->estimated ? (t->cols[c].numeric ? "n est" : "est")
                              : t->cols[c].numeric ? "n" : NULL;
            fputs("<td", f);
            if (cls)
                fprintf(f, " class=\"%s\"", cls);
            if (!isnan(cell->key))
                fprintf(f, " data-v=\"%.17g\"", cell->key);
            fputc('>', f);
            esc(f, cell->text);
            if (cell->estimated)
                fputs("&dagger;", f);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<p class=\"src\">Source: ", f);
    esc(f, t->source);
    fprintf(f, ". LaTeX: <code>tables/%s.tex</code>.</p>\n", t->id);
}

static void html_figure(FILE *f, const tb_report *r, const tb_figure_result *fig)
{
    char title[64], img[128], path[4400];
    tb_doc_figure_title(fig, title, sizeof title);
    fprintf(f, "<figure id=\"fig-%s\">\n<h3>", fig->name);
    esc(f, title);
    fputs("</h3>\n", f);
    if (tb_doc_figure_image(r, fig, img, sizeof img)) {
        snprintf(path, sizeof path, "%s/figures/%s", r->out_dir, img);
        fprintf(f, "<img alt=\"%s\" src=\"data:%s;base64,", fig->name,
                strstr(img, ".svg") ? "image/svg+xml" : "image/png");
        tb_base64_file(path, f);
        fputs("\">\n", f);
    } else if (fig->drawn) {
        fprintf(f, "<p><em>Drawn as PDF only (--formats): figures/%s-1col.pdf, "
                   "figures/%s-2col.pdf.</em></p>\n",
                fig->name, fig->name);
    } else {
        fputs("<p><em>Not drawn: ", f);
        esc(f, fig->note[0] ? fig->note : "no image format rendered");
        fputs(".</em></p>\n", f);
    }
    fputs("<figcaption>", f);
    esc(f, fig->caption);
    if (fig->scripted)
        fprintf(f, " Data <code>figures/%s.csv</code>, script <code>figures/%s.gp</code>.",
                fig->name, fig->name);
    fputs("</figcaption>\n</figure>\n", f);
}

void tb_render_html(const tb_report *r, FILE *f)
{
    char line[1024];
    tb_doc_run_line(r, line, sizeof line);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
          "tierbench report: run ",
          f);
    esc(f, r->run_id);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>tierbench report: run ", style);
    esc(f, r->run_id);
    fputs("</h1>\n<p>", f);
    esc(f, line);
    fprintf(f, ". %d records from <code>", cJSON_GetArraySize(r->records));
    esc(f, r->run_dir);
    fputs("/records.jsonl</code>. Click a table header to sort by it.</p>\n<p><strong>Marking."
          "</strong> ",
          f);
    esc(f, TB_REPORT_LEGEND);
    fputs("</p>\n<h2>Results</h2>\n", f);
    for (int i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i]->id, "results") == 0)
            html_table(f, r->tables[i]);
    fputs("<h2>Figures</h2>\n", f);
    if (r->figures_note[0]) {
        fputs("<p><strong>Note:</strong> ", f);
        esc(f, r->figures_note);
        fputs(".</p>\n", f);
    }
    for (int i = 0; i < r->nfigures; i++)
        html_figure(f, r, &r->figures[i]);
    fputs("<h2>Placement</h2>\n", f);
    if (!r->placement) {
        fputs("<p>No placement computed: ", f);
        esc(f, r->placement_note);
        fputs(".</p>\n", f);
    }
    for (int i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i]->id, "results") != 0)
            html_table(f, r->tables[i]);
    fprintf(f, "<script>\n%s</script>\n</body>\n</html>\n", sort_script);
}
