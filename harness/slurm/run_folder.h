/* A run folder as submission and status read it: its plan.json and the
 * store that knows where each cell's record lives. */
#ifndef TB_SLURM_RUN_FOLDER_H
#define TB_SLURM_RUN_FOLDER_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "store.h"

typedef struct {
    cJSON *plan;
    const cJSON *cells; /* the plan's cells array */
    const char *run_id;
    tb_store *store;
} tb_run_folder;

/* 0, or -1 with the reason (no readable plan.json, folder not writable). */
int tb_run_folder_open(const char *run_dir, tb_run_folder *f, char *err, size_t err_len);
void tb_run_folder_close(tb_run_folder *f);

/* The record of a cell of the plan (an item of cells), or NULL while it has
 * none; the caller deletes it. */
cJSON *tb_run_folder_record(const tb_run_folder *f, const cJSON *cell);

#endif
