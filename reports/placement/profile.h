/* Per-layer profiles of one workload on each tier, taken from a run's
 * records: the time of every layer (measured, or cycles at the emulated
 * clock), the device's compute energy per layer, and the int8 size of every
 * layer's output, which is what a cut after that layer sends. */
#ifndef TB_PLACE_PROFILE_H
#define TB_PLACE_PROFILE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* In device -> edge -> server order: work only moves rightwards. */
typedef enum { TB_TIER_DEVICE, TB_TIER_EDGE, TB_TIER_SERVER, TB_TIER_COUNT } tb_tier;

const char *tb_tier_label(tb_tier t); /* "device", "edge", "server" */

typedef struct {
    tb_tier tier;
    char target[48];
    char dtype[8];
    int estimated;     /* the record's latency came from a model, not a measurement */
    int usable;        /* 0: cannot run this workload; reason says why */
    char reason[400];
    double total_ms;   /* the record's median latency */
    int n_layers;      /* 0 when the record has no per-layer times */
    double *layer_ms;  /* scaled so they add up to total_ms */
    double total_uJ;   /* device tier: compute energy of one inference */
    double *layer_uJ;  /* device tier: total_uJ split in proportion to layer time */
} tb_tier_profile;

typedef struct {
    char workload[96];
    int64_t input_bytes;  /* int8 input; -1 when unknown (input_reason says why) */
    char input_reason[200];
    int n_layers;
    int64_t *out_bytes;   /* int8 bytes of each layer's output */
    tb_tier_profile *tiers;
    int n_tiers;
} tb_place_workload;

/* Which record to use per tier: a target name, or NULL for every target. */
typedef struct {
    const char *target[TB_TIER_COUNT];
} tb_tier_choice;

/* Groups records by workload, in the order they first appear, and builds
 * one profile per (tier, target): an ok int8 record, else an ok fp32 one,
 * else the record that says why it cannot run (does-not-fit, skipped ...).
 * Returns how many workloads, or -1 with err (a chosen target with no
 * record: the message lists the targets there are). */
int tb_place_profiles(const cJSON *records, const tb_tier_choice *choice,
                      tb_place_workload **out, char *err, size_t err_len);
void tb_place_workloads_free(tb_place_workload *w, int n);

/* Product of an "NxHxWxC" shape; -1 when it is not one. */
int64_t tb_place_shape_count(const char *shape);

/* Bytes of the workload's int8 input, from building the workload here
 * (records do not carry the input shape); -1 with why. */
int64_t tb_place_input_bytes(const char *workload, char *why, size_t why_len);

#endif
