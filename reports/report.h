/* `tierbench report RUN_DIR`: figures (gnuplot), report.md, a self-contained
 * report.html and LaTeX tables from a run's records and, when present, its
 * placement/placement.json. This header is the document model the three
 * renderers (render/) share. */
#ifndef TB_REPORT_H
#define TB_REPORT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "table.h"

enum { TB_REPORT_MAX_TABLES = 4, TB_REPORT_MAX_FIGURES = 16 };

/* How estimated values are marked in every format. */
#define TB_REPORT_LEGEND                                                                     \
    "Values in italics with a dagger (†) are estimated by a model (the MCU cycle model, "   \
    "an energy model or the placement model; each record's latency.method and "            \
    "energy_method name it); unmarked values are measured."

typedef struct {
    const char *name, *caption;
    int drawn;       /* images exist in every format of tb_report.formats */
    int scripted;    /* <name>.gp and <name>.csv were written */
    char note[600];  /* why it was not drawn */
} tb_figure_result;

typedef struct {
    char run_id[64], run_dir[4096], out_dir[4096];
    cJSON *records;           /* array of records */
    cJSON *placement;         /* placement.json, or NULL */
    char placement_note[600]; /* why there is no placement, when there is none */
    unsigned formats;         /* image formats drawn (TB_FMT_* bits) */
    char figures_note[600];   /* formats or figures skipped, and why */
    tb_table *tables[TB_REPORT_MAX_TABLES];
    int ntables;
    tb_figure_result figures[TB_REPORT_MAX_FIGURES];
    int nfigures;
} tb_report;

enum { TB_REPORT_OK = 0, TB_REPORT_FAILED = 1, TB_REPORT_BAD_INPUT = 2 };

/* Renders RUN_DIR's report into out_dir (NULL: RUN_DIR/report) with the
 * given image formats. Warnings (a format or figure skipped, and why) go to
 * warn. Returns a TB_REPORT_* code, with the reason in err when not OK. */
int tb_report_write(const char *run_dir, const char *out_dir, unsigned formats, FILE *warn,
                    char *err, size_t err_len);

/* The renderers, each writing one complete document. */
void tb_render_markdown(const tb_report *r, FILE *f);
/* Embeds the images (SVG, else PNG) as data: URIs read from out_dir. */
void tb_render_html(const tb_report *r, FILE *f);
void tb_render_latex_table(const tb_table *t, FILE *f);

#endif
