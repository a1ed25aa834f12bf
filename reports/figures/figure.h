/* A figure of the report: one struct per figure, listed in figures.c. Each
 * writes its data as CSV and the gnuplot commands that draw it; gnuplot.c
 * wraps those commands in the shared style, terminals and sizes, so every
 * figure looks the same and can be edited and re-rendered on its own. */
#ifndef TB_FIGURE_H
#define TB_FIGURE_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "record_json.h" /* tb_csv_string: one CSV field, RFC 4180 quoting */

typedef struct {
    const cJSON *records;   /* array of result records (docs/results.md) */
    const cJSON *placement; /* placement.json, or NULL when none was computed */
    const char *run_id;
} tb_figure_input;

typedef struct {
    const char *name;    /* files <name>.gp, <name>.csv, <name>-1col.pdf, ... */
    const char *caption; /* what it shows, in which units, how estimates look */
    /* Writes the data to csv and the plot commands to plot; the commands
     * read the data file through the gnuplot variable `data`. *rows may be
     * raised from 0 to the number of horizontal bars, to make the figure
     * taller. Returns 0, or 1 when this run has nothing to draw, with the
     * reason in why. */
    int (*build)(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why,
                 size_t why_len);
} tb_figure;

/* Every figure, in report order; NULL-terminated. */
extern const tb_figure *const tb_figures[];

/* Shared by the per-tier bar charts (latency, energy): one cluster per
 * workload, one bar per target and dtype ordered by tier (mcu, edge,
 * server), log y; estimated series hatched, measured ones solid. value()
 * returns 1 with the value and whether it is estimated, 0 for none. */
int tb_bars_per_tier(const tb_figure_input *in,
                     int (*value)(const cJSON *r, double *v, int *estimated),
                     const char *ylabel, FILE *csv, FILE *plot, int *rows, char *why,
                     size_t why_len);

/* The tier rank used to order series: mcu 0, edge 1, server 2, else 3. */
int tb_tier_rank(const char *tier);

/* Writes s as a gnuplot double-quoted string ("..." with " and \ escaped);
 * figures print names with `noenhanced`, so _ and @ need no escaping. */
void tb_gp_quote(FILE *f, const char *s);
/* The CSV header comment every figure's data file starts with: what it holds
 * and the run file its values come from ("records.jsonl",
 * "placement/placement.json"). */
void tb_csv_comment(FILE *f, const tb_figure_input *in, const char *what, const char *source);

#endif
