/* Opening a run folder for the Slurm parts: the plan campaign wrote and
 * the store its records are in. */
#include "run_folder.h"

#include <string.h>

#include "plan_file.h"

int tb_run_folder_open(const char *run_dir, tb_run_folder *f, char *err, size_t err_len)
{
    memset(f, 0, sizeof *f);
    f->plan = tb_plan_read(run_dir, err, err_len);
    if (!f->plan)
        return -1;
    f->store = tb_store_reopen(run_dir, NULL, err, err_len);
    if (!f->store) {
        tb_run_folder_close(f);
        return -1;
    }
    f->cells = cJSON_GetObjectItemCaseSensitive(f->plan, "cells");
    f->run_id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f->plan, "run_id"));
    return 0;
}

void tb_run_folder_close(tb_run_folder *f)
{
    cJSON_Delete(f->plan);
    tb_store_close(f->store);
    memset(f, 0, sizeof *f);
}

cJSON *tb_run_folder_record(const tb_run_folder *f, const cJSON *cell)
{
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cell, "cell_id"));
    return id ? tb_store_read_cell(f->store, id) : NULL;
}
