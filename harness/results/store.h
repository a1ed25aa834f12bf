/* A run folder: context.json, one cells/<cell dir>/record.json per finished
 * cell, and records.jsonl and records.csv merged from them. Every file is
 * replaced atomically (write to a temporary file, fsync, rename), so an
 * interrupted run keeps every finished cell and never a torn file. */
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
/* An existing run folder (resume, merge), proven writable; context.json is
 * left as it is. context describes this machine for the records of cells
 * run now (may be NULL when none will run). */
tb_store *tb_store_reopen(const char *dir, const cJSON *context, char *err, size_t err_len);
const char *tb_store_dir(const tb_store *s);
void tb_store_close(tb_store *s);

/* The cell's folder, RUN_DIR/cells/<cell id with / : , = and blanks as _>:
 * its artifacts and its record.json. */
void tb_store_cell_dir(const tb_store *s, const char *cell_id, char *out, size_t n);
/* Writes the cell's final record (with the store's context) as
 * cells/<dir>/record.json, atomically: its presence means the cell is done.
 * 0, or -1 with a reason. */
int tb_store_write_cell(const tb_store *s, const tb_record *r, char *err, size_t err_len);
/* The cell's record.json, or NULL when the cell has none (not finished). */
cJSON *tb_store_read_cell(const tb_store *s, const char *cell_id);
/* Replaces records.jsonl and records.csv with the records in the array, in
 * its order. 0, or -1 with a reason (the previous files are intact). */
int tb_store_write_records(const tb_store *s, const cJSON *records, char *err, size_t err_len);

/* Writes data to path atomically (temporary file in the same folder, fsync,
 * rename, fsync of the folder). 0, or -1 with errno set. */
int tb_write_file_atomic(const char *path, const char *data, size_t len);

/* A JSON file parsed, or NULL (errno: why it could not be read, EINVAL
 * when it is not JSON). */
cJSON *tb_json_file_read(const char *path);

/* mkdir -p. 0, or -1 with errno set. */
int tb_mkdir_p(const char *path);

/* A fresh run id: UTC date and time plus a short random suffix. */
void tb_new_run_id(char *out, size_t n);

#endif
