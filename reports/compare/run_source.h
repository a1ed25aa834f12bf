/* Turns a run argument of `tierbench compare` into that run's records. The
 * one place that knows what a run argument may be: a run folder, or else a
 * run id in the results history (docs/history.md). */
#ifndef TB_RUN_SOURCE_H
#define TB_RUN_SOURCE_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* The records of the run named by arg, checked to be comparable: at least
 * one record, each with a cell_id and the same schema_version, one this
 * build can read. arg is a folder holding records.jsonl; when no such
 * folder exists, a run id looked up in the history at history (a --history
 * value: a path or "off"; NULL: tb_history_path's default). NULL with a
 * one-line reason (what was wrong, what is accepted). */
cJSON *tb_run_source_load(const char *arg, const char *history, char *err, size_t err_len);

/* The schema_version every record of a loaded run shares. */
int tb_run_source_schema(const cJSON *records);

#endif
