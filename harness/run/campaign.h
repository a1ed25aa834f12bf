/* Campaign files: a study as text — sweeps over workload parameters,
 * models, targets, dtypes and run options, one `key value...` line each
 * (docs/campaigns.md). A sweep line expands to the cross product of its
 * parameter lists. Every item is checked as it is read; an error reads
 * "FILE:LINE: what is wrong and what is accepted". */
#ifndef TB_CAMPAIGN_H
#define TB_CAMPAIGN_H

#include "runner.h"

enum { TB_CAMPAIGN_MAX_BOARDS = 64 };

typedef struct {
    /* lists: appended to what the caller already has */
    tb_workload_choice *workloads;
    int n_workloads, max_workloads;
    const tb_target_ops **targets; /* release with tb_target_release */
    int n_targets, max_targets;
    char boards[TB_CAMPAIGN_MAX_BOARDS][128];
    int n_boards;
    /* options: n_dtypes 0 and negative numbers when the file does not set them */
    tb_dtype dtypes[2];
    int n_dtypes;
    long reps, warmup, threads;
    double min_time_s, cell_timeout_s;
    const char *path; /* the file being read */
} tb_campaign;

/* Reads the file into c (whose lists the caller set up and may have
 * filled). 0, or -1 with "FILE:LINE: ..." in err. */
int tb_campaign_load(const char *path, tb_campaign *c, char *err, size_t err_len);

/* A built-in workload from its spec ("vww:alpha=0.5"), or an imported model
 * from its .tflite file, as a run's workload; 0, or -1 with the reason. */
int tb_workload_choice_parse(const char *spec, tb_workload_choice *out, char *err,
                             size_t err_len);
int tb_workload_choice_model(const char *path, tb_workload_choice *out, char *err,
                             size_t err_len);

#endif
