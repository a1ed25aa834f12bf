/* Runs a list of cells — workloads x targets x dtypes — one after another,
 * printing a progress line per cell and storing each record as soon as it
 * exists. A cell that cannot run is recorded `skipped` or `failed` with the
 * reason and the run goes on. */
#ifndef TB_RUNNER_H
#define TB_RUNNER_H

#include "store.h"
#include "target.h"
#include "workload.h"

/* A workload of a run and where its model comes from: a built-in
 * workload's recipe, built once per run from its parameters, or a model
 * prepared before the run (an imported .tflite file, `run -m`), used as is.
 * Either way every target gets one tb_model. */
typedef struct {
    const tb_workload *workload; /* built-in; NULL when model is set */
    tb_param_values params;
    const tb_model *model;       /* prepared elsewhere (not owned), or NULL */
    char spec[128];              /* canonical; "tflite:<file stem>" for a model file */
    char model_file[256];        /* the model file as given; empty for built-ins */
    uint64_t model_fnv1a64;      /* of the model file's bytes */
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
