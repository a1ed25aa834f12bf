/* Energy per inference for the measured tiers (host, server): RAPL when the
 * machine lets us read it, else an operation-count model whose per-
 * operation energies live in a cited data file (harness/energy/data/).
 * docs/energy.md states each model's assumptions. */
#ifndef TB_ENERGY_H
#define TB_ENERGY_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "record.h"

/* ---- the operation-count model ------------------------------------------ */

typedef struct {
    char name[32];
    char path[1024];
    char source[768];       /* every `source` line, joined */
    double int8_mac_pj, fp32_mac_pj;  /* per multiply-accumulate */
    double int32_op_pj, fp32_op_pj;   /* per non-MAC operation */
    double cache_pj_per_byte, dram_pj_per_byte;
    double static_w_per_core;         /* W while a core runs */
} tb_op_energy_table;

/* Loads a table by path; 0, or -1 with "path:line: what" in err. */
int tb_op_energy_load(const char *path, tb_op_energy_table *t, char *err, size_t err_len);

/* The default table: $TB_ENERGY_TABLE, else horowitz-45nm from the checkout. */
int tb_op_energy_default(tb_op_energy_table *t, char *err, size_t err_len);

/* What one inference does, as the model sees it. */
typedef struct {
    int64_t macs, flops;        /* tb_graph_macs / tb_graph_flops */
    int64_t bytes;              /* compulsory traffic, tb_graph_bytes */
    int64_t constant_bytes;     /* weights, biases, caches as the path stores them */
    int64_t footprint_bytes;    /* constants + activation arena */
    int64_t llc_bytes;          /* last-level cache; 0 when unknown */
    tb_dtype dtype;
    double latency_s;
    int cores;                  /* cores busy for latency_s */
} tb_op_energy_input;

/* Fills in from a model as run on a dtype path; llc_bytes from this machine. */
void tb_op_energy_input_for(const tb_model *m, tb_dtype d, double latency_s, int cores,
                            tb_op_energy_input *in);

/* Energy in µJ; when rec is not NULL also sets its energy fields (model,
 * method, parameters). Constants come from DRAM on every inference when the
 * footprint exceeds the last-level cache, else from cache; all other bytes
 * from cache. */
double tb_op_energy_estimate(const tb_op_energy_table *t, const tb_op_energy_input *in,
                             tb_record *rec);

/* ---- RAPL ------------------------------------------------------------------ */

enum { TB_RAPL_MAX_DOMAINS = 8 };

typedef struct {
    int n;                                   /* package domains found */
    char via[16];                            /* "papi" or "powercap" */
    char name[TB_RAPL_MAX_DOMAINS][300];     /* sysfs folder or PAPI event name */
    double uj_per_unit;                      /* PAPI rapl counts nJ, powercap µJ */
    double range_uj[TB_RAPL_MAX_DOMAINS];    /* counter wrap-around, 0 if unknown */
    double begin_uj[TB_RAPL_MAX_DOMAINS];
    int papi_set;                            /* PAPI event set, when via papi */
} tb_rapl;

/* Finds package energy counters: PAPI's rapl or powercap component first,
 * then Linux powercap (/sys/class/powercap, or $TB_POWERCAP_ROOT, which
 * tests point at a fake tree). 0, or -1 with why none is readable.
 * TB_RAPL_DISABLE=1 forces -1, to test the fallback on machines with RAPL. */
int tb_rapl_open(tb_rapl *r, char *why, size_t why_len);
/* Snapshot now; then the energy of all packages since, in µJ, with
 * counter wrap-around undone. 0 or -1. */
int tb_rapl_begin(tb_rapl *r);
int tb_rapl_end(tb_rapl *r, double *uj);
void tb_rapl_close(tb_rapl *r);

/* ---- a measured cell ------------------------------------------------------ */

/* Sets rec's energy for a measured cell whose median latency is known:
 * RAPL over repeated calls of fn (at least min_s seconds) when readable,
 * else the default operation-count table, saying why RAPL was not used. */
void tb_energy_for_measured_cell(tb_record *rec, const tb_model *m, tb_dtype d, int cores,
                                 void (*fn)(void *arg), void *arg, double min_s);

#endif
