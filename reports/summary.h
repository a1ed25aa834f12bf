/* The plain-text summary of a run: one line per record, the table the CLI
 * prints after a run and for `tierbench show`. */
#ifndef TB_SUMMARY_H
#define TB_SUMMARY_H

#include <cjson/cJSON.h>
#include <stdio.h>

void tb_summary_print(FILE *f, const cJSON *records);

/* Reads RUN_DIR/records.jsonl into an array; NULL with a reason. */
cJSON *tb_summary_load(const char *run_dir, char *err, size_t err_len);

#endif
