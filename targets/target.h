/* A target is one struct of operations (the fio ioengine pattern): a name,
 * the tier it stands for, whether its numbers are measured or emulated, and
 * hooks. targets/registry.c lists every target; docs/adding-a-target.md
 * shows how to add one. */
#ifndef TB_TARGET_H
#define TB_TARGET_H

#include <stddef.h>

#include "model.h"
#include "record.h"

/* What to run: one cell of a run. */
typedef struct {
    const char *workload;  /* canonical spec */
    const char *work_dir;  /* a folder of this cell's own for artifacts (firmware, logs) */
    tb_dtype dtype;
    int repetitions;       /* latency samples */
    int warmup;            /* untimed inferences before measuring */
    double min_time_s;     /* minimum time per repetition */
    const char *const *boards; /* board profiles asked for (NULL-terminated), or NULL */
    int threads;           /* worker threads (--threads); 0: the target's default */
    const char *run_dir;   /* the run's folder, for what a run measures once and its
                            * cells share; NULL for a cell outside a run (tests) */
} tb_cell;

/* The emulator's own limit in the emulated targets (MCU, edge): an emulated
 * inference takes seconds; minutes mean a hang (firmware stuck in a loop),
 * reported as `timeout`. A run's default cell limit sits above it, so the
 * target's more precise report wins. */
enum { TB_EMULATION_TIMEOUT_S = 600 };

typedef struct tb_target_ops {
    const char *name;
    const char *tier;        /* mcu | edge | server */
    const char *description;
    int measured;            /* 1: wall-clock on this machine, must run alone */
    const void *data;        /* the target's own description (e.g. which core) */
    unsigned dtypes;         /* bit (1 << tb_dtype) per dtype it runs; 0 means all */
    /* Optional. 0 when the target can run here, else -1 and why (missing
     * toolchain, emulator, permission): its cells are then `skipped`. */
    int (*available)(const struct tb_target_ops *self, char *reason, size_t len);
    /* Required. Runs the cell and fills rec (status, reason, measurements);
     * identity fields are already filled by the caller. */
    void (*run)(const struct tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                tb_record *rec);
} tb_target_ops;

extern const tb_target_ops *const tb_targets[];


/* A family of parameterized targets, named "<prefix>:<parameters>" (e.g.
 * ssh:pi@raspberrypi.local:aarch64). proto describes every member (its name
 * is the accepted form, shown by `list targets` and in errors); make()
 * builds one member or returns NULL with what was wrong. A member is one
 * malloc'ed block starting with its tb_target_ops, so tb_target_release()
 * can free it. */
typedef struct tb_target_family {
    const char *prefix;
    const tb_target_ops *proto;
    const char *help; /* how to pass the parameters and options, one line */
    tb_target_ops *(*make)(const struct tb_target_family *self, const char *params, char *err,
                           size_t len);
} tb_target_family;

extern const tb_target_family *const tb_target_families[];

const tb_target_ops *tb_target_find(const char *name);
/* A listed target, or a family member made for its parameters; NULL with
 * the reason and the accepted names in err. Release what it returns. */
const tb_target_ops *tb_target_resolve(const char *name, char *err, size_t len);
/* Frees a family member; listed targets are left alone. */
void tb_target_release(const tb_target_ops *t);
/* 1 when the target runs this dtype at all. */
int tb_target_runs_dtype(const tb_target_ops *t, tb_dtype d);
/* 1 when the target can run here; else 0 with the reason in why. */
int tb_target_usable(const tb_target_ops *t, char *why, size_t len);

#endif
