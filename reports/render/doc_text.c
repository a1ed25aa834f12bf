/* Shared text of the report documents. */
#include "doc_text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "gnuplot.h"
#include "record_get.h"

void tb_doc_run_line(const tb_report *r, char *out, size_t n)
{
    const cJSON *first = cJSON_GetArrayItem(r->records, 0);
    const char *date = tb_rec_str(first, "context.date"), *host = tb_rec_str(first, "context.hostname"),
               *cpu = tb_rec_str(first, "context.cpu.model"),
               *ver = tb_rec_str(first, "context.tierbench_version"),
               *git = tb_rec_str(first, "context.git_revision");
    snprintf(out, n, "%s on %s (%s), tierbench %s (%s)", date ? date : "date unknown",
             host ? host : "unknown host", cpu ? cpu : "unknown CPU", ver ? ver : "?",
             git ? git : "?");
}

const char *tb_doc_figure_image(const tb_report *r, const tb_figure_result *f, char *out,
                                size_t n)
{
    if (!f->drawn)
        return NULL;
    unsigned fmt = r->formats & TB_FMT_SVG ? TB_FMT_SVG : r->formats & TB_FMT_PNG ? TB_FMT_PNG : 0;
    if (!fmt)
        return NULL;
    snprintf(out, n, "%s-2col.%s", f->name, tb_format_ext(fmt));
    return out;
}

void tb_doc_figure_title(const tb_figure_result *f, char *out, size_t n)
{
    snprintf(out, n, "%s", f->name);
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
    out[0] = (char)toupper((unsigned char)out[0]);
}
