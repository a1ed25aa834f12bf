/* What the emulated tiers (MCU, edge) share after the emulator ran: the
 * counting plugin's regions (targets/mcu/plugin) turned into per-layer and
 * whole-inference instructions, estimated cycles and latency in a record. */
#ifndef TB_EMULATED_H
#define TB_EMULATED_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "cell_report.h"
#include "record.h"

/* A tier's cycle model: estimated cycles of one region's counts
 * ({"insns":N,"<class>":N,...}); 0, or -1 with a reason. */
typedef int (*tb_cycles_fn)(const void *model, const cJSON *counts, double *cycles, char *err,
                            size_t err_len);

typedef struct {
    const char *machine;     /* emulator machine or CPU model */
    const char *board;       /* board profile name */
    const char *cycle_model; /* the cycle table's core */
    double clock_mhz;
    tb_cycles_fn cycles;
    const void *model;       /* passed to cycles */
} tb_emulated_run;

/* The counting plugin: $TB_PLUGIN, else the one built with tierbench. */
const char *tb_plugin_path(void);
/* 0 when every tool (NULL-terminated) is on PATH and the plugin exists;
 * else -1 with the first that is missing, for available(). */
int tb_emulation_tools_check(const char *const *tools, char *reason, size_t len);

/* Runs an emulator (argv) with its output in log and reads the program's
 * report into rep. A timeout makes the cell `timeout`; a program that
 * faulted, failed or printed an incomplete output makes it `failed`, the
 * reason naming `what` ("firmware", "cell program under qemu-aarch64 -cpu
 * cortex-a72"), the exit, the kernel status and the fault registers or the
 * log's last line. 0 when it ran cleanly; 1 when the status is set; -1
 * with err when the emulator could not be started. */
int tb_emulator_run(char *const argv[], const char *log, int timeout_s, const char *what,
                    tb_record *rec, tb_cell_report *rep, char *err, size_t err_len);

/* The plugin's regions (not the total) in completion order, or NULL with a
 * reason. The caller frees with cJSON_Delete. */
cJSON *tb_plugin_regions_load(const char *path, char *err, size_t err_len);

/* Expects rec->n_layers layer regions (depth 2) and one inference region
 * (depth 1). Fills the layers' instructions, cycles and median_ns, the
 * emulation block (class counts, cycles, cycles/MAC), one latency sample
 * at the board's clock and MAC/s; *cycles gets the inference's cycles.
 * Energy is the tier's to fill. 0, or -1 with a reason. */
int tb_emulated_apply(const tb_emulated_run *run, const cJSON *regions, tb_record *rec,
                      double *cycles, char *err, size_t err_len);

#endif
