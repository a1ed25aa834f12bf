/* Runs a list of cells — workloads x targets x dtypes — one after another,
 * printing a progress line per cell and storing each record as soon as it
 * exists. A cell that cannot run is recorded `skipped` or `failed` with the
 * reason and the run goes on. */
#ifndef TB_RUNNER_H
#define TB_RUNNER_H

#include "store.h"
#include "target.h"
#include "workload.h"

typedef struct {
    const tb_workload *workload;
    tb_param_values params;
    char spec[128]; /* canonical */
} tb_workload_choice;

typedef struct {
    const tb_workload_choice *workloads;
    int n_workloads;
    const tb_target_ops *const *targets;
    int n_targets;
    const tb_dtype *dtypes;
    int n_dtypes;
    int repetitions, warmup;
    double min_time_s;
    const char *const *boards; /* --board choices, NULL-terminated, or NULL */
    const char *run_id;
    int threads; /* --threads, 0 when not given: each target's default */
} tb_run_plan;

typedef struct {
    int total, ok, skipped, failed, timeout, does_not_fit;
} tb_run_totals;

/* Cells the plan expands to: each target with the dtypes it runs. */
int tb_run_count_cells(const tb_run_plan *plan);

/* Returns 0, or -1 when records could not be written (err says why; cells
 * already stored stay stored). */
int tb_run_cells(const tb_run_plan *plan, tb_store *store, tb_run_totals *totals, char *err,
                 size_t err_len);

#endif
