/* RUN_DIR/plan.json: the expanded plan, written before any cell runs, so a
 * run can be resumed (`run --resume`), spread over a cluster (one cell per
 * task) and merged (`tierbench merge`) from the folder alone. Format in
 * docs/campaigns.md. */
#ifndef TB_PLAN_FILE_H
#define TB_PLAN_FILE_H

#include <cjson/cJSON.h>

#include "runner.h"

enum { TB_PLAN_SCHEMA_VERSION = 1 };

/* Writes plan.json into the run folder; 0, or -1 with the reason. */
int tb_plan_write(const tb_store *store, const tb_run_plan *plan, const tb_run_cell *cells,
                  int n_cells, char *err, size_t err_len);

/* RUN_DIR/plan.json parsed and checked (schema version, every cell has an
 * index, cell_id, workload, target and dtype), or NULL with the reason. */
cJSON *tb_plan_read(const char *run_dir, char *err, size_t err_len);

/* A plan read back with its workloads, targets and options resolved, ready
 * for tb_run_cells. Owns everything it points to. */
typedef struct {
    tb_run_plan plan;
    tb_run_cell *cells;
    int n_cells;
    tb_workload_choice *workloads;
    const tb_target_ops **targets;
    char **boards;         /* NULL-terminated, or NULL */
    char run_id[64];
} tb_loaded_plan;

/* 0, or -1 with the reason (unreadable plan, unknown workload or target,
 * a model file that changed since the plan was made). */
int tb_plan_load(const char *run_dir, tb_loaded_plan *lp, char *err, size_t err_len);
void tb_plan_free(tb_loaded_plan *lp);

#endif
