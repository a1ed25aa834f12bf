/* The record as a JSON object (cJSON), and its flat CSV row. */
#ifndef TB_RECORD_JSON_H
#define TB_RECORD_JSON_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "record.h"

/* A new object; context (may be NULL) is attached by reference copy. */
cJSON *tb_record_to_json(const tb_record *r, const cJSON *context);

/* CSV: the header line, and one row per record (RFC 4180 quoting). */
void tb_csv_header(FILE *f);
void tb_csv_row(FILE *f, const cJSON *record);
/* One CSV field, quoted only when it holds a comma, quote or line break. */
void tb_csv_string(FILE *f, const char *s);

#endif
