/* A workload is one file exporting one tb_workload: its name, its
 * parameters (with defaults and accepted ranges) and a function that
 * describes its layers to a tb_builder. workloads/registry.c lists them. */
#ifndef TB_WORKLOAD_H
#define TB_WORKLOAD_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "builder.h"

enum { TB_MAX_PARAMS = 8 };

typedef struct {
    const char *name;
    double def, min, max;
    int32_t step; /* 0: any real value; n: whole multiples of n only */
    const char *help;
} tb_param_spec;

typedef struct {
    double v[TB_MAX_PARAMS]; /* in the order of the workload's specs */
    uint64_t seed;
} tb_param_values;

typedef struct {
    const char *name;
    const char *description;
    const tb_param_spec *params; /* terminated by an entry with name NULL */
    unsigned dtypes;             /* bit (1 << tb_dtype) per dtype it has; 0 means all */
    /* Describe the layers; returns the output tensor (or -1: the builder
     * has recorded why). Parameter values are already range-checked. */
    int32_t (*build)(tb_builder *b, const tb_param_values *p);
    /* Optional: more about the workload for `tierbench info`. */
    void (*describe)(FILE *out);
} tb_workload;

extern const tb_workload *const tb_workloads[];

const tb_workload *tb_workload_find(const char *name);
/* 1 when the workload has a form in this dtype. */
int tb_workload_runs_dtype(const tb_workload *w, tb_dtype d);

/* Parses "name[:k=v[,k=v...]]" against the workload's specs. On error
 * returns -1 with a one-line message naming what is accepted. canon
 * receives the canonical spelling ("vww:alpha=0.5,res=128"). */
int tb_workload_parse(const char *spec, const tb_workload **w, tb_param_values *p,
                      char *canon, size_t canon_len, char *err, size_t err_len);

/* Builds the model for a parsed workload; NULL with a reason in err. */
tb_model *tb_workload_build(const tb_workload *w, const tb_param_values *p, char *err,
                            size_t err_len);

/* The workload's MACs from its layer list alone, without building the
 * model (no calibration or reference runs). 0, or -1 with a reason. */
int tb_workload_macs(const tb_workload *w, const tb_param_values *p, int64_t *macs, char *err,
                     size_t err_len);

#endif
