/* Panels per workload for the figures drawn from placement.json (the Pareto
 * fronts and the split-point curves). */
#ifndef TB_PLACEMENT_PANELS_H
#define TB_PLACEMENT_PANELS_H

#include "figure.h"

enum { TB_MAX_PANEL_NAMES = 64 };

/* Distinct names in order of first appearance (copied). */
typedef struct {
    char name[TB_MAX_PANEL_NAMES][160];
    int n;
} tb_name_list;

/* The name's index, added when new; -1 when the list is full. */
int tb_name_index(tb_name_list *l, const char *name);

typedef struct {
    const char *csv_what;    /* the data file's header comment */
    const char *csv_columns; /* "# a,b,c": the columns point() writes */
    const char *axes;        /* gnuplot commands: scales and labels */
    const char *using_cols;  /* e.g. "1:2" */
    /* Writes one point of a block as a CSV line. */
    void (*point)(const cJSON *p, FILE *csv);
    /* What tells curves of one workload and link apart (e.g. the tier pair
     * of a split) into out; NULL when nothing does. -1 skips the block. */
    int (*variant)(const cJSON *item, char *out, size_t n);
} tb_panel_spec;

/* Draws the `array` of placement.json (each item with workload, link and
 * points[]) as one panel per workload. 0, or 1 with why when there is
 * nothing to draw. */
int tb_placement_panels(const tb_figure_input *in, const char *array, const tb_panel_spec *spec,
                        FILE *csv, FILE *plot, int *rows, char *why, size_t why_len);

#endif
