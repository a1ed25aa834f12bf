/* Drawing the report's figures with gnuplot: a shared style file, and per
 * figure a CSV data file and a .gp script kept beside the images, so a user
 * can edit either and re-render with `gnuplot <name>.gp`. */
#ifndef TB_GNUPLOT_H
#define TB_GNUPLOT_H

#include <stddef.h>

enum { TB_FMT_PNG = 1, TB_FMT_PDF = 2, TB_FMT_SVG = 4, TB_FMT_ALL = 7 };

/* Every image is drawn at these two widths (a paper's column and page). */
#define TB_FIG_SIZES "1col 2col"

/* "png", "pdf", "svg" for one TB_FMT_* bit. */
const char *tb_format_ext(unsigned fmt);
/* Parses "png,pdf,svg" (any subset) into bits; -1 on an unknown name. */
int tb_format_parse(const char *list, unsigned *formats);

/* Which of the wanted formats this machine's gnuplot can draw (pngcairo,
 * pdfcairo, svg terminals), with gnuplot's path. The reason for each
 * missing format (or for no gnuplot at all) is written to why ("" when
 * nothing is missing). log is a scratch file for gnuplot's output. */
unsigned tb_gnuplot_probe(unsigned wanted, const char *log, char *gnuplot, size_t gnuplot_len,
                          char *why, size_t why_len);

/* Writes fig_dir/style.gp, the palette, fonts and terminals all figures share. */
int tb_gnuplot_write_style(const char *fig_dir, char *err, size_t err_len);

/* Writes fig_dir/<name>.csv and fig_dir/<name>.gp, a script that loads
 * style.gp and draws plot_body for each format and size; rows > 0 makes
 * the figure tall enough for that many horizontal bars. */
int tb_gnuplot_write_figure(const char *fig_dir, const char *name, const char *caption,
                            const char *csv, const char *plot_body, int rows, unsigned formats,
                            char *err, size_t err_len);

/* Runs gnuplot on fig_dir/<name>.gp into a staging folder and renames each
 * image into fig_dir, so a reader never sees a half-written image. 0, or -1
 * with gnuplot's last message (its full output kept in fig_dir/<name>.log). */
int tb_gnuplot_render(const char *gnuplot, const char *fig_dir, const char *name,
                      unsigned formats, char *err, size_t err_len);

#endif
