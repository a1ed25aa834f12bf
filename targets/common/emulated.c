/* Plugin regions to record fields, for every emulated tier. */
#include "emulated.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "program_build.h"

const char *tb_plugin_path(void)
{
    const char *p = getenv("TB_PLUGIN");
    return p && *p ? p : TB_DEFAULT_PLUGIN;
}

int tb_emulation_tools_check(const char *const *tools, char *reason, size_t len)
{
    char path[TB_PATH_MAX];
    for (int i = 0; tools[i]; i++)
        if (tb_which(tools[i], path, sizeof path) != 0) {
            snprintf(reason, len, "%s not found (run scripts/setup.sh as root)", tools[i]);
            return -1;
        }
    const char *plugin = tb_plugin_path();
    FILE *f = fopen(plugin, "rb");
    if (!f) {
        snprintf(reason, len, "counting plugin %s: %s (build tierbench first)", plugin,
                 strerror(errno));
        return -1;
    }
    fclose(f);
    return 0;
}

cJSON *tb_plugin_regions_load(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "no counts from the plugin (%s: %s)", path, strerror(errno));
        return NULL;
    }
    cJSON *all = cJSON_CreateArray();
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        cJSON *o = cJSON_Parse(line);
        if (cJSON_IsObject(o) && !cJSON_GetObjectItem(o, "total"))
            cJSON_AddItemToArray(all, o);
        else
            cJSON_Delete(o);
    }
    free(line);
    fclose(f);
    return all;
}

static void fill_emulation(const tb_emulated_run *run, const cJSON *counts, double cycles,
                           tb_record *rec)
{
    tb_emulation *e = &rec->emulation;
    rec->have_emulation = 1;
    snprintf(e->machine, sizeof e->machine, "%s", run->machine);
    snprintf(e->board, sizeof e->board, "%s", run->board);
    snprintf(e->cycle_model, sizeof e->cycle_model, "%s", run->cycle_model);
    e->clock_hz = run->clock_mhz * 1e6;
    e->n_classes = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, counts) {
        if (e->n_classes == TB_MAX_INSN_CLASSES)
            break;
        snprintf(e->class_name[e->n_classes], sizeof e->class_name[0], "%s", c->string);
        e->class_count[e->n_classes++] = c->valuedouble;
    }
    e->instructions = cJSON_GetObjectItem(counts, "insns")->valuedouble;
    e->cycles = cycles;
    e->cycles_per_mac = rec->macs > 0 ? cycles / (double)rec->macs : 0;
}

int tb_emulated_apply(const tb_emulated_run *run, const cJSON *regions, tb_record *rec,
                      double *cycles, char *err, size_t err_len)
{
    int n_regions = cJSON_GetArraySize(regions), layer = 0;
    const cJSON *whole = NULL, *r;
    cJSON_ArrayForEach(r, regions) {
        const cJSON *depth = cJSON_GetObjectItem(r, "depth");
        const cJSON *counts = cJSON_GetObjectItem(r, "counts");
        if (!cJSON_IsNumber(depth) || !cJSON_IsObject(counts) ||
            !cJSON_IsNumber(cJSON_GetObjectItem(counts, "insns"))) {
            snprintf(err, err_len, "malformed region in the plugin's counts");
            return -1;
        }
        if (depth->valueint == 1) {
            whole = counts;
            continue;
        }
        double c;
        if (layer >= rec->n_layers) { /* too many: counted, and reported below */
            layer++;
            continue;
        }
        if (run->cycles(run->model, counts, &c, err, err_len))
            return -1;
        rec->layers[layer].instructions = cJSON_GetObjectItem(counts, "insns")->valuedouble;
        rec->layers[layer].cycles = c;
        rec->layers[layer].median_ns = c / run->clock_mhz * 1e3;
        layer++;
    }
    if (!whole || layer != rec->n_layers) {
        snprintf(err, err_len, "expected %d layer regions and one inference region, got %d regions",
                 rec->n_layers, n_regions);
        return -1;
    }
    if (run->cycles(run->model, whole, cycles, err, err_len))
        return -1;
    fill_emulation(run, whole, *cycles, rec);
    rec->samples_ns[0] = *cycles / run->clock_mhz * 1e3;
    tb_record_latency(rec, 1, 0);
    snprintf(rec->latency_method, sizeof rec->latency_method,
             "estimated (cycle model: %s at %g MHz)", run->board, run->clock_mhz);
    return 0;
}

int tb_emulator_run(char *const argv[], const char *log, int timeout_s, const char *what,
                    tb_record *rec, tb_cell_report *rep, char *err, size_t err_len)
{
    tb_proc_result pr;
    if (tb_proc_run(argv, log, timeout_s, &pr, err, err_len))
        return -1;
    rec->emulation.emulation_s = pr.seconds;
    tb_cell_report_parse(log, rep);
    if (pr.timed_out) {
        tb_record_status(rec, TB_STATUS_TIMEOUT, "emulation exceeded %d s (see %s)", timeout_s,
                         log);
        return 1;
    }
    if (rep->fault[0] || pr.signaled || pr.exit_code != 0 || rep->status != 0 ||
        rep->got_output != rep->n_output) {
        char last[200];
        tb_last_line(log, last, sizeof last);
        tb_record_status(rec, TB_STATUS_FAILED, "%s %s (%s %d, kernel status %ld): %s", what,
                         rep->fault[0] ? "faulted" : "failed", pr.signaled ? "signal" : "exit",
                         pr.exit_code, rep->status, rep->fault[0] ? rep->fault : last);
        return 1;
    }
    return 0;
}
