/* Runs a plan of independent cells — workloads x targets x dtypes — each in
 * a worker process of its own with a time limit, writing each cell's record
 * as its own file (cells/<dir>/record.json) and merging them into
 * records.jsonl/csv in plan order. Emulated cells may run side by side
 * (-j N); measured cells run alone. A cell that cannot run, hangs or
 * crashes is recorded `skipped`, `failed` or `timeout` with the reason and
 * the run goes on. docs/campaigns.md describes the whole. */
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
    double cell_timeout_s; /* --cell-timeout, 0 when not given: tb_cell_timeout_default */
} tb_run_plan;

/* One cell of the plan. */
typedef struct {
    int workload;                /* index into tb_run_plan.workloads */
    const tb_target_ops *target;
    tb_dtype dtype;
    char id[160];                /* workload/target/dtype, the record's cell_id */
    double estimate_s;           /* tb_cell_cost_estimate; 0 until estimated */
} tb_run_cell;

/* The plan's cells in plan order (workload, then target, then dtype), each
 * target with the dtypes it and the workload have; a malloc'ed array
 * (possibly empty), or NULL with the reason when a cell appears twice. */
tb_run_cell *tb_run_expand(const tb_run_plan *plan, int *n_cells, char *err, size_t err_len);

/* Fills every cell's estimate_s, building each workload's model once to
 * count its MACs. 0, or -1 with the reason (cost data file, model build). */
int tb_run_estimate(const tb_run_plan *plan, tb_run_cell *cells, int n_cells, char *err,
                    size_t err_len);

/* The time limit of a cell when --cell-timeout is not given: generous, by
 * kind (docs/campaigns.md). Seconds. */
double tb_cell_timeout_default(const tb_run_plan *plan, const tb_run_cell *cell);

typedef struct {
    int jobs;                       /* worker processes for emulated cells, >= 1 */
    int merge;                      /* 0 (--no-merge): write cell records only */
    const unsigned char *selected;  /* per cell: 1 to run; NULL: every cell */
} tb_run_options;

typedef struct {
    int total, ok, skipped, failed, timeout, does_not_fit;
    int already_done;   /* selected cells that had a record before this run */
    int not_run;        /* selected cells left without a record (interrupted) */
    int interrupted;    /* the signal that stopped the run (SIGINT, SIGTERM), or 0 */
} tb_run_totals;

/* Runs the selected cells that have no record yet. totals count the cells
 * run now. *merged (when merging) receives the records of every finished
 * cell in plan order, for the summary; the caller frees it. Returns 0, or
 * -1 when records could not be written (err says why; cells already
 * stored stay stored). */
int tb_run_cells(const tb_run_plan *plan, const tb_run_cell *cells, int n_cells,
                 const tb_store *store, const tb_run_options *opt, tb_run_totals *totals,
                 cJSON **merged, char *err, size_t err_len);

/* Reads every cell's record (in the order of ids) and rewrites
 * records.jsonl/csv; *missing counts cells without a record. The merged
 * array is returned (caller frees), or NULL with the reason. */
cJSON *tb_run_merge(const tb_store *store, const char *const *ids, int n_ids, int *missing,
                    char *err, size_t err_len);

#endif
