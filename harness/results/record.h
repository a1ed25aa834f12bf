/* One result record: what one cell (workload x target x backend x dtype)
 * measured. Targets fill it; record_json.c turns it into the JSON object
 * that is the single source for every renderer (JSON Lines, CSV, reports).
 * docs/results.md documents every field and its unit. */
#ifndef TB_RECORD_H
#define TB_RECORD_H

#include <stdint.h>

#include "counters.h"
#include "stats.h"

enum {
    TB_RECORD_SCHEMA_VERSION = 2,
    TB_MAX_REPS = 1000,
    TB_MAX_INSN_CLASSES = 32,
    TB_MAX_ENERGY_PARAMS = 16,
};

typedef enum {
    TB_STATUS_OK,
    TB_STATUS_SKIPPED,
    TB_STATUS_FAILED,
    TB_STATUS_DOES_NOT_FIT,
    TB_STATUS_TIMEOUT,
} tb_cell_status;

const char *tb_status_name(tb_cell_status s);
/* The status a record's name stands for; a name that is none is failed. */
tb_cell_status tb_status_parse(const char *name);

typedef struct {
    const char *op;       /* operator name, e.g. "CONV_2D" */
    char output_shape[48];
    int64_t macs;
    int64_t params;
    double median_ns;     /* median over the profiling runs */
    double instructions, cycles; /* emulated targets; -1 when not counted */
} tb_layer_record;

/* What an emulated target counted and estimated. */
typedef struct {
    char machine[32];      /* the emulator's machine, e.g. "mps2-an386" */
    char board[32];        /* the board profile latency and energy refer to */
    char cycle_model[64];  /* the cycle table used */
    double clock_hz;
    int n_classes;
    char class_name[TB_MAX_INSN_CLASSES][24];
    double class_count[TB_MAX_INSN_CLASSES];
    double instructions, cycles, cycles_per_mac;
    double emulation_s;    /* wall time of the emulator run */
} tb_emulation;

/* Firmware memory, the way MLonMCU and TFLM report it (bytes). */
typedef struct {
    int64_t flash_code, flash_rodata, flash_data;
    int64_t ram_data, ram_bss, ram_arena, ram_stack;
    int64_t board_flash, board_ram;
} tb_fw_memory;

/* How far the fp32 path's output is from the int8 path's (dequantised) on
 * the same inputs: the cost of quantisation, since both run the same
 * (dequantised) weights. */
typedef struct {
    int inputs;                 /* the reference input plus generated ones */
    double max_abs_err;         /* largest |fp32 - dequantised int8|, real units */
    double cosine_min, cosine_mean; /* cosine similarity of the output vectors */
    double top1_agreement;      /* share of inputs whose arg-max agrees, 0..1 */
} tb_quant_impact;

/* The machine a remote target (ssh) ran the cell on, as it describes
 * itself; the run's context describes the machine tierbench ran on. */
typedef struct {
    char host[320];     /* the destination as given, user@host */
    char hostname[128]; /* uname -n on the remote */
    char uname[256];    /* uname -a */
    char machine[32];   /* uname -m */
    char arch[32];      /* the build that ran: x86_64 | aarch64 */
    char cpu[128];      /* /proc/cpuinfo: model name, else Hardware, else CPU part */
    char board[128];    /* /proc/device-tree/model (e.g. a Raspberry Pi), or empty */
} tb_remote;

/* How close a measured cell came to this machine's limits (server tier;
 * docs/server.md). Rates are per inference at the median latency. */
typedef struct {
    double flops, bytes;          /* per inference: tb_graph_flops, tb_graph_bytes (fp32) */
    double gflop_s, gb_s;         /* flops / median, bytes / median (1e9 per s) */
    double peak_gflop_s;          /* fp32 peak from the CPU table; <= 0: unknown */
    char peak_source[512];        /* how peak was computed, or why it is unknown */
    double sgemm_ceiling_gflop_s; /* measured large SGEMM, same threads */
    double stream_triad_gb_s;     /* measured triad bandwidth, same threads */
    double pct_peak, pct_sgemm_ceiling, pct_stream; /* percent; pct_peak < 0 when peak unknown */
    char bound[8];                /* "compute" or "memory": flops/bytes against the
                                     ceilings' balance sgemm_ceiling / stream_triad */
} tb_efficiency;

typedef struct {
    /* identity */
    char run_id[64];
    char cell_id[160];    /* workload/target/backend/dtype */
    char workload[128];   /* canonical spec, e.g. "vww:alpha=0.5" */
    char target[128];
    char tier[16];        /* mcu | edge | server */
    char backend[32];
    char dtype[8];        /* int8 | fp32 */
    tb_cell_status status;
    char reason[512];     /* why not ok; empty when ok */
    int ran_alone;        /* 1: no other cell of the run was running beside it */

    /* the model as run */
    int64_t macs, params, weight_bytes, arena_bytes, arena_naive_bytes, scratch_bytes;
    int64_t flops, bytes_moved; /* tb_graph_flops; tb_graph_bytes for this dtype */
    int32_t n_ops;
    char model_file[256];      /* imported model (tierbench run -m): the file as given; else empty */
    char model_fnv1a64[20];    /* imported model: FNV-1a 64 of the file's bytes, hex; else empty */

    /* latency: one sample per repetition, ns per inference */
    int have_latency;
    char latency_method[128];
    int repetitions, warmup;
    int64_t iterations_per_rep;
    double samples_ns[TB_MAX_REPS];
    tb_stats latency_ns;
    double macs_per_s;    /* macs / median latency */

    int32_t n_layers;
    tb_layer_record *layers; /* n_layers entries, owned by the record */

    tb_counters counters;

    int have_emulation;
    tb_emulation emulation;
    int have_fw_memory;
    tb_fw_memory fw_memory;

    int have_remote;
    tb_remote remote;

    int have_energy;
    double energy_uJ;         /* per inference */
    char energy_model[24];    /* mcu-run-current | board-active-power | rapl | op-energy */
    char energy_method[512];  /* the model in words, with its data file */
    int n_energy_params;      /* the model's inputs; units in the names */
    struct {
        char name[40];
        double value;
    } energy_params[TB_MAX_ENERGY_PARAMS];

    int have_quant_impact;
    tb_quant_impact quant_impact;

    int threads;            /* worker threads the target ran with; 0: not set (null) */
    int have_efficiency;
    tb_efficiency efficiency;

    int64_t peak_rss_bytes; /* -1 when unknown; rss_reason says why */
    char rss_reason[128];

    /* output check against the reference */
    int have_output;
    char output_checksum[20];   /* FNV-1a 64 of the output bytes, hex */
    char expected_checksum[20];
    int output_match;
    double max_abs_err;         /* fp32: largest |out - reference| */
    double tolerance;           /* fp32: the bound max_abs_err must meet */
} tb_record;

void tb_record_init(tb_record *r);
void tb_record_free(tb_record *r);
/* Sets status and a printf-formatted reason. */
void tb_record_status(tb_record *r, tb_cell_status s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The latency block from the first `reps` entries of samples_ns (ns per
 * inference): statistics and MAC/s; the caller names latency_method. */
void tb_record_latency(tb_record *r, int reps, int warmup);

/* Appends one energy-model input (ignored beyond TB_MAX_ENERGY_PARAMS). */
void tb_record_energy_param(tb_record *r, const char *name, double value);

uint64_t tb_fnv1a64(const void *data, size_t n);

#endif
