/* Renderers of a placement study: placement.json (schema in
 * docs/placement.md), decisions.csv, split_curves.csv, sensitivity.csv and
 * pareto.csv, and the table printed on the terminal. */
#ifndef TB_PLACE_OUTPUT_H
#define TB_PLACE_OUTPUT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "placement.h"

cJSON *tb_placement_json(const tb_placement_study *s);

/* Writes the JSON and the CSVs into dir (created if missing), each file
 * atomically. 0, or -1 with err. */
int tb_placement_write(const tb_placement_study *s, const char *dir, char *err, size_t err_len);

void tb_placement_print(FILE *f, const tb_placement_study *s);

/* "12.3 kbit/s" style, for tables and notes. */
void tb_format_bps(char *out, size_t n, double bps);

#endif
