/* The edge tier's emulated cores: the model's static aarch64 cell program
 * (targets/native) run under qemu-aarch64 as a Cortex-A53/A72/A76 with the
 * counting plugin. Instruction counts are exact; cycles come from the
 * core's issue model, latency from a Raspberry Pi board's clock and energy
 * from its active power (docs/edge.md). One struct per core, one run(). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_program.h"
#include "cell_report.h"
#include "edge_cycle_model.h"
#include "edge_profile.h"
#include "emulated.h"
#include "output_check.h"
#include "proc.h"
#include "target.h"

#define TB_EDGE_CC "aarch64-linux-gnu-gcc"
/* Debian's libc6-dev-arm64-cross: without it -static cannot link. */
#define TB_EDGE_LIBC "/usr/aarch64-linux-gnu/lib/libc.a"

typedef struct {
    const char *core;     /* target name, cores/<core>.cycles, gcc -mcpu */
    const char *qemu_cpu; /* qemu-aarch64 -cpu */
    const char *board;    /* default board profile */
} edge_core;

static int edge_available(const tb_target_ops *self, char *reason, size_t len)
{
    (void)self;
    static const char *const tools[] = {TB_EDGE_CC, "aarch64-linux-gnu-nm", "qemu-aarch64",
                                        NULL};
    if (tb_emulation_tools_check(tools, reason, len))
        return -1;
    FILE *f = fopen(TB_EDGE_LIBC, "rb");
    if (!f) {
        snprintf(reason, len, "%s: %s (install libc6-dev-arm64-cross: scripts/setup.sh)",
                 TB_EDGE_LIBC, strerror(errno));
        return -1;
    }
    fclose(f);
    return 0;
}

static int load_profiles(const edge_core *core, const tb_cell *cell, tb_edge_board *board,
                         tb_edge_core *model, char *err, size_t n)
{
    char path[TB_PATH_MAX];
    if (tb_edge_board_for_core(core->core, core->board, cell->boards, board, err, n))
        return -1;
    snprintf(path, sizeof path, "%s/targets/edge/cores/%s.cycles", tb_source_dir(), core->core);
    return tb_edge_core_load(path, model, err, n);
}

/* The marker functions' addresses, from the program's symbol table. */
static int find_markers(const tb_program_build *b, const char *dir, unsigned long long *begin,
                        unsigned long long *end, char *err, size_t n)
{
    char log[TB_PATH_MAX];
    snprintf(log, sizeof log, "%s/symbols.txt", dir);
    remove(log);
    char *argv[] = {"aarch64-linux-gnu-nm", (char *)b->exe, NULL};
    tb_proc_result r;
    if (tb_proc_run(argv, log, 60, &r, err, n))
        return -1;
    *begin = *end = 0;
    FILE *f = fopen(log, "r");
    char line[256], name[128], type;
    unsigned long long addr;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%llx %c %127s", &addr, &type, name) == 3) {
            if (strcmp(name, "tb_region_begin") == 0)
                *begin = addr;
            else if (strcmp(name, "tb_region_end") == 0)
                *end = addr;
        }
    if (f)
        fclose(f);
    if (!*begin || !*end) {
        snprintf(err, n, "no tb_region_begin/tb_region_end symbols in %s (see %s)", b->exe, log);
        return -1;
    }
    return 0;
}

static int emulate(const edge_core *core, const tb_program_build *b, const char *dir,
                   tb_record *rec, tb_cell_report *rep, char *err, size_t n)
{
    unsigned long long begin, end;
    if (find_markers(b, dir, &begin, &end, err, n))
        return -1;
    char plugin_arg[3 * TB_PATH_MAX], counts[TB_PATH_MAX], log[TB_PATH_MAX], cpu[32];
    snprintf(counts, sizeof counts, "%s/counts.jsonl", dir);
    snprintf(log, sizeof log, "%s/qemu.log", dir);
    remove(counts);
    remove(log);
    snprintf(plugin_arg, sizeof plugin_arg, "%s,begin=0x%llx,end=0x%llx,out=%s",
             tb_plugin_path(), begin, end, counts);
    snprintf(cpu, sizeof cpu, "%s", core->qemu_cpu);
    char *argv[] = {"qemu-aarch64", "-cpu", cpu, "-plugin", plugin_arg, (char *)b->exe, NULL};
    char what[64];
    snprintf(what, sizeof what, "cell program under qemu-aarch64 -cpu %s", core->qemu_cpu);
    return tb_emulator_run(argv, log, TB_EMULATION_TIMEOUT_S, what, rec, rep, err, n);
}

static int edge_cycles(const void *model, const cJSON *counts, double *cycles, char *err,
                       size_t n)
{
    tb_edge_estimate est;
    if (tb_edge_cycles(model, counts, &est, err, n))
        return -1;
    *cycles = est.cycles;
    return 0;
}

static int apply_counts(const edge_core *core, const tb_edge_board *board,
                        const tb_edge_core *model, const char *dir, tb_record *rec, char *err,
                        size_t n)
{
    char path[TB_PATH_MAX];
    snprintf(path, sizeof path, "%s/counts.jsonl", dir);
    cJSON *regions = tb_plugin_regions_load(path, err, n);
    if (!regions)
        return -1;
    char machine[48];
    snprintf(machine, sizeof machine, "qemu-aarch64 -cpu %s", core->qemu_cpu);
    const tb_emulated_run run = {machine, board->name, model->core, board->clock_mhz,
                                 edge_cycles, model};
    double cycles;
    int rc = tb_emulated_apply(&run, regions, rec, &cycles, err, n);
    cJSON_Delete(regions);
    if (rc)
        return -1;
    tb_edge_energy_fill(rec, board, rec->samples_ns[0], "cycle model");
    tb_record_energy_param(rec, "cycles", cycles);
    tb_record_energy_param(rec, "clock_MHz", board->clock_mhz);
    return 0;
}

static void edge_run(const tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                     tb_record *rec)
{
    const edge_core *core = self->data;
    char err[3 * TB_PATH_MAX], cpu_flags[64];
    tb_edge_board board;
    tb_edge_core model;
    snprintf(rec->backend, sizeof rec->backend, "%s", tb_kernel_choice_name(&tb_cell_kernels));
    snprintf(rec->rss_reason, sizeof rec->rss_reason,
             "emulated: the emulator's memory is not the program's");
    if (!m->has_s8) {
        tb_record_status(rec, TB_STATUS_SKIPPED, "the workload has no int8 graph");
        return;
    }
    if (load_profiles(core, cell, &board, &model, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        return;
    }
    const double need = (double)rec->weight_bytes + (double)rec->arena_bytes;
    if (need > board.ram_bytes) {
        tb_record_status(rec, TB_STATUS_DOES_NOT_FIT, "%s: weights and arena need %.0f B, the "
                         "board has %.0f B of RAM", board.name, need, board.ram_bytes);
        return;
    }
    tb_program_build b;
    snprintf(cpu_flags, sizeof cpu_flags, "-mcpu=%s", core->core);
    if (tb_cell_program_build(TB_EDGE_CC, cpu_flags, m, cell->work_dir, &b, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        return;
    }
    const tb_graph *g = &m->graph;
    tb_cell_report rep = {.n_output = tb_dims_count(&g->tensors[g->output].shape)};
    rep.output = calloc((size_t)rep.n_output, 1);
    if (!rep.output)
        abort();
    int rc = emulate(core, &b, cell->work_dir, rec, &rep, err, sizeof err);
    if (rc < 0)
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
    if (rc == 0) {
        tb_check_output(m, TB_DTYPE_INT8, rep.output, rec);
        if (apply_counts(core, &board, &model, cell->work_dir, rec, err, sizeof err))
            tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        else if (!rec->output_match)
            tb_record_status(rec, TB_STATUS_FAILED, "output differs from the host reference");
        else
            rec->status = TB_STATUS_OK;
    }
    free(rep.output);
}

#define EDGE_TARGET(var, corename, desc)                                               \
    const tb_target_ops var = {                                                        \
        .name = corename, .tier = "edge", .description = desc, .measured = 0,          \
        .data = &var##_core, .dtypes = 1u << TB_DTYPE_INT8,                            \
        .available = edge_available, .run = edge_run,                                  \
    }

static const edge_core tb_target_cortex_a53_core = {"cortex-a53", "cortex-a53", "rpi3b"};
static const edge_core tb_target_cortex_a72_core = {"cortex-a72", "cortex-a72", "rpi4b"};
static const edge_core tb_target_cortex_a76_core = {"cortex-a76", "cortex-a76", "rpi5"};

EDGE_TARGET(tb_target_cortex_a53, "cortex-a53",
            "Cortex-A53 (Raspberry Pi 3 class): static aarch64 build on qemu-aarch64 (emulated)");
EDGE_TARGET(tb_target_cortex_a72, "cortex-a72",
            "Cortex-A72 (Raspberry Pi 4 class): static aarch64 build on qemu-aarch64 (emulated)");
EDGE_TARGET(tb_target_cortex_a76, "cortex-a76",
            "Cortex-A76 (Raspberry Pi 5 class): static aarch64 build on qemu-aarch64 (emulated)");
