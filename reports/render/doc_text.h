/* Text shared by the Markdown and HTML renderers: the run's one-line
 * description and which image of a figure to show. */
#ifndef TB_DOC_TEXT_H
#define TB_DOC_TEXT_H

#include <stddef.h>

#include "report.h"

/* "<date> on <host> (<cpu>), tierbench <version> (<git revision>)". */
void tb_doc_run_line(const tb_report *r, char *out, size_t n);
/* The file name (in figures/) of the image to show for f: the 2-column
 * SVG, else the 2-column PNG; NULL when neither was drawn. */
const char *tb_doc_figure_image(const tb_report *r, const tb_figure_result *f, char *out,
                                size_t n);
/* "Latency" for "latency", "Scaling latency" for "scaling_latency". */
void tb_doc_figure_title(const tb_figure_result *f, char *out, size_t n);

#endif
