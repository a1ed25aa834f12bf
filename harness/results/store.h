/* A run folder: context.json, records.jsonl and records.csv, each replaced
 * atomically (write to a temporary file, fsync, rename) after every cell, so
 * an interrupted run keeps every finished cell and never a torn file. */
#ifndef TB_STORE_H
#define TB_STORE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "record.h"

typedef struct tb_store tb_store;

/* Creates root/run_id/ (and root) and proves it writable before anything is
 * measured. NULL with a one-line reason when it cannot. */
tb_store *tb_store_open(const char *root, const char *run_id, const cJSON *context, char *err,
                        size_t err_len);
const char *tb_store_dir(const tb_store *s);
/* Appends a record; 0, or -1 with a reason (the previous files are intact). */
int tb_store_append(tb_store *s, const tb_record *r, char *err, size_t err_len);
/* The records appended so far, as an array the store owns. */
const cJSON *tb_store_records(const tb_store *s);
void tb_store_close(tb_store *s);

/* Writes data to path atomically (temporary file in the same folder, fsync,
 * rename, fsync of the folder). 0, or -1 with errno set. */
int tb_write_file_atomic(const char *path, const char *data, size_t len);

/* mkdir -p. 0, or -1 with errno set. */
int tb_mkdir_p(const char *path);

/* A fresh run id: UTC date and time plus a short random suffix. */
void tb_new_run_id(char *out, size_t n);

#endif
