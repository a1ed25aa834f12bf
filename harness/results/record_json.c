/* Serialising records. JSON is the source of truth; the CSV row is a flat
 * projection of the same object, so both always agree. Absent measurements
 * are JSON null with a *_reason string, never a zero that looks measured. */
#include "record_json.h"

#include <string.h>

static cJSON *num_or_null(int have, double v)
{
    return have ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

static cJSON *stats_json(const tb_stats *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "median", s->median);
    cJSON_AddNumberToObject(o, "mean", s->mean);
    cJSON_AddNumberToObject(o, "stddev", s->stddev);
    cJSON_AddNumberToObject(o, "cv", s->cv);
    cJSON_AddNumberToObject(o, "min", s->min);
    cJSON_AddNumberToObject(o, "max", s->max);
    cJSON_AddNumberToObject(o, "p90", s->p90);
    cJSON_AddNumberToObject(o, "p99", s->p99);
    return o;
}

static cJSON *latency_json(const tb_record *r)
{
    if (!r->have_latency)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "method", r->latency_method);
    cJSON_AddNumberToObject(o, "repetitions", r->repetitions);
    cJSON_AddNumberToObject(o, "warmup", r->warmup);
    cJSON_AddNumberToObject(o, "iterations_per_rep", (double)r->iterations_per_rep);
    cJSON_AddItemToObject(o, "ns", stats_json(&r->latency_ns));
    cJSON_AddItemToObject(o, "samples_ns", cJSON_CreateDoubleArray(r->samples_ns, r->repetitions));
    return o;
}

static cJSON *layers_json(const tb_record *r)
{
    cJSON *a = cJSON_CreateArray();
    for (int32_t i = 0; i < r->n_layers; i++) {
        const tb_layer_record *l = &r->layers[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "index", i);
        cJSON_AddStringToObject(o, "op", l->op);
        cJSON_AddStringToObject(o, "output_shape", l->output_shape);
        cJSON_AddNumberToObject(o, "macs", (double)l->macs);
        cJSON_AddNumberToObject(o, "params", (double)l->params);
        cJSON_AddItemToObject(o, "median_ns", num_or_null(r->have_latency && l->median_ns >= 0,
                                                          l->median_ns));
        cJSON_AddItemToObject(o, "instructions", num_or_null(l->instructions >= 0, l->instructions));
        cJSON_AddItemToObject(o, "cycles", num_or_null(l->cycles >= 0, l->cycles));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *counters_json(const tb_counters *c)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < TB_CTR_COUNT; i++)
        cJSON_AddItemToObject(o, tb_counter_name((tb_counter_id)i),
                              num_or_null(c->available && c->have[i], c->per_call[i]));
    cJSON_AddItemToObject(o, "reason", c->reason[0] ? cJSON_CreateString(c->reason)
                                                    : cJSON_CreateNull());
    return o;
}

static cJSON *emulation_json(const tb_record *r)
{
    if (!r->have_emulation)
        return cJSON_CreateNull();
    const tb_emulation *e = &r->emulation;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "machine", e->machine);
    cJSON_AddStringToObject(o, "board", e->board);
    cJSON_AddStringToObject(o, "cycle_model", e->cycle_model);
    cJSON_AddNumberToObject(o, "clock_hz", e->clock_hz);
    cJSON_AddNumberToObject(o, "instructions", e->instructions);
    cJSON_AddNumberToObject(o, "cycles", e->cycles);
    cJSON_AddNumberToObject(o, "cycles_per_mac", e->cycles_per_mac);
    cJSON_AddNumberToObject(o, "emulation_s", e->emulation_s);
    cJSON *c = cJSON_AddObjectToObject(o, "classes");
    for (int i = 0; i < e->n_classes; i++)
        cJSON_AddNumberToObject(c, e->class_name[i], e->class_count[i]);
    return o;
}

static cJSON *fw_memory_json(const tb_record *r)
{
    if (!r->have_fw_memory)
        return cJSON_CreateNull();
    const tb_fw_memory *m = &r->fw_memory;
    cJSON *o = cJSON_CreateObject();
    cJSON *f = cJSON_AddObjectToObject(o, "flash");
    cJSON_AddNumberToObject(f, "code", (double)m->flash_code);
    cJSON_AddNumberToObject(f, "rodata", (double)m->flash_rodata);
    cJSON_AddNumberToObject(f, "data", (double)m->flash_data);
    cJSON_AddNumberToObject(f, "total", (double)(m->flash_code + m->flash_rodata + m->flash_data));
    cJSON_AddNumberToObject(f, "board", (double)m->board_flash);
    cJSON *ram = cJSON_AddObjectToObject(o, "ram");
    cJSON_AddNumberToObject(ram, "data", (double)m->ram_data);
    cJSON_AddNumberToObject(ram, "bss", (double)m->ram_bss);
    cJSON_AddNumberToObject(ram, "arena", (double)m->ram_arena);
    cJSON_AddItemToObject(ram, "stack", num_or_null(m->ram_stack >= 0, (double)m->ram_stack));
    cJSON_AddNumberToObject(ram, "heap", 0);
    cJSON_AddNumberToObject(ram, "total", (double)(m->ram_data + m->ram_bss + m->ram_arena +
                                                   (m->ram_stack > 0 ? m->ram_stack : 0)));
    cJSON_AddNumberToObject(ram, "board", (double)m->board_ram);
    return o;
}

static cJSON *string_or_null(const char *s)
{
    return s[0] ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *remote_json(const tb_record *r)
{
    if (!r->have_remote)
        return cJSON_CreateNull();
    const tb_remote *m = &r->remote;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "host", m->host);
    cJSON_AddItemToObject(o, "hostname", string_or_null(m->hostname));
    cJSON_AddItemToObject(o, "uname", string_or_null(m->uname));
    cJSON_AddItemToObject(o, "machine", string_or_null(m->machine));
    cJSON_AddItemToObject(o, "arch", string_or_null(m->arch));
    cJSON_AddItemToObject(o, "cpu", string_or_null(m->cpu));
    cJSON_AddItemToObject(o, "board", string_or_null(m->board));
    return o;
}

static cJSON *output_json(const tb_record *r)
{
    if (!r->have_output)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "checksum", r->output_checksum);
    cJSON_AddStringToObject(o, "expected_checksum", r->expected_checksum);
    cJSON_AddBoolToObject(o, "match", r->output_match);
    cJSON_AddStringToObject(o, "rule", strcmp(r->dtype, "int8") == 0 ? "bit-exact" : "tolerance");
    cJSON_AddNumberToObject(o, "max_abs_err", r->max_abs_err);
    cJSON_AddNumberToObject(o, "tolerance", r->tolerance);
    return o;
}

static cJSON *quant_impact_json(const tb_record *r)
{
    if (!r->have_quant_impact)
        return cJSON_CreateNull();
    const tb_quant_impact *q = &r->quant_impact;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "inputs", q->inputs);
    cJSON_AddNumberToObject(o, "max_abs_err", q->max_abs_err);
    cJSON_AddNumberToObject(o, "cosine_min", q->cosine_min);
    cJSON_AddNumberToObject(o, "cosine_mean", q->cosine_mean);
    cJSON_AddNumberToObject(o, "top1_agreement", q->top1_agreement);
    return o;
}

static cJSON *energy_params_json(const tb_record *r)
{
    if (!r->have_energy)
        return cJSON_CreateNull();
    cJSON *p = cJSON_CreateObject();
    for (int i = 0; i < r->n_energy_params; i++)
        cJSON_AddNumberToObject(p, r->energy_params[i].name, r->energy_params[i].value);
    return p;
}

static cJSON *efficiency_json(const tb_record *r)
{
    if (!r->have_efficiency)
        return cJSON_CreateNull();
    const tb_efficiency *e = &r->efficiency;
    const int peak = e->peak_gflop_s > 0;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "flops", e->flops);
    cJSON_AddNumberToObject(o, "bytes", e->bytes);
    cJSON_AddNumberToObject(o, "gflop_s", e->gflop_s);
    cJSON_AddNumberToObject(o, "gb_s", e->gb_s);
    cJSON_AddItemToObject(o, "peak_gflop_s", num_or_null(peak, e->peak_gflop_s));
    cJSON_AddStringToObject(o, "peak_source", e->peak_source);
    cJSON_AddNumberToObject(o, "sgemm_ceiling_gflop_s", e->sgemm_ceiling_gflop_s);
    cJSON_AddNumberToObject(o, "stream_triad_gb_s", e->stream_triad_gb_s);
    cJSON_AddItemToObject(o, "pct_peak", num_or_null(peak, e->pct_peak));
    cJSON_AddNumberToObject(o, "pct_sgemm_ceiling", e->pct_sgemm_ceiling);
    cJSON_AddNumberToObject(o, "pct_stream", e->pct_stream);
    cJSON_AddStringToObject(o, "bound", e->bound);
    return o;
}

cJSON *tb_record_to_json(const tb_record *r, const cJSON *context)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "schema_version", TB_RECORD_SCHEMA_VERSION);
    cJSON_AddStringToObject(o, "run_id", r->run_id);
    cJSON_AddStringToObject(o, "cell_id", r->cell_id);
    cJSON_AddStringToObject(o, "workload", r->workload);
    cJSON_AddStringToObject(o, "target", r->target);
    cJSON_AddStringToObject(o, "tier", r->tier);
    cJSON_AddStringToObject(o, "backend", r->backend);
    cJSON_AddStringToObject(o, "dtype", r->dtype);
    cJSON_AddStringToObject(o, "status", tb_status_name(r->status));
    cJSON_AddItemToObject(o, "reason", r->reason[0] ? cJSON_CreateString(r->reason)
                                                    : cJSON_CreateNull());
    cJSON_AddBoolToObject(o, "ran_alone", r->ran_alone);
    cJSON *model = cJSON_AddObjectToObject(o, "model");
    cJSON_AddNumberToObject(model, "ops", r->n_ops);
    cJSON_AddNumberToObject(model, "macs", (double)r->macs);
    cJSON_AddNumberToObject(model, "params", (double)r->params);
    cJSON_AddNumberToObject(model, "weight_bytes", (double)r->weight_bytes);
    cJSON_AddNumberToObject(model, "flops", (double)r->flops);
    cJSON_AddNumberToObject(model, "bytes_moved", (double)r->bytes_moved);
    cJSON_AddItemToObject(model, "file", r->model_file[0] ? cJSON_CreateString(r->model_file)
                                                           : cJSON_CreateNull());
    cJSON_AddItemToObject(model, "file_fnv1a64", r->model_fnv1a64[0]
                                                     ? cJSON_CreateString(r->model_fnv1a64)
                                                     : cJSON_CreateNull());
    cJSON *mem = cJSON_AddObjectToObject(o, "memory");
    cJSON_AddNumberToObject(mem, "arena_bytes", (double)r->arena_bytes);
    cJSON_AddNumberToObject(mem, "arena_naive_bytes", (double)r->arena_naive_bytes);
    cJSON_AddNumberToObject(mem, "scratch_bytes", (double)r->scratch_bytes);
    cJSON_AddItemToObject(mem, "peak_rss_bytes",
                          num_or_null(r->peak_rss_bytes >= 0, (double)r->peak_rss_bytes));
    cJSON_AddItemToObject(mem, "peak_rss_reason", r->rss_reason[0]
                                                      ? cJSON_CreateString(r->rss_reason)
                                                      : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "latency", latency_json(r));
    cJSON_AddItemToObject(o, "macs_per_s", num_or_null(r->have_latency, r->macs_per_s));
    cJSON_AddItemToObject(o, "layers", layers_json(r));
    cJSON_AddItemToObject(o, "counters", counters_json(&r->counters));
    cJSON_AddItemToObject(o, "emulation", emulation_json(r));
    cJSON_AddItemToObject(o, "firmware_memory", fw_memory_json(r));
    cJSON_AddItemToObject(o, "remote", remote_json(r));
    cJSON_AddItemToObject(o, "energy_uJ", num_or_null(r->have_energy, r->energy_uJ));
    cJSON_AddItemToObject(o, "energy_model", r->have_energy ? cJSON_CreateString(r->energy_model)
                                                            : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "energy_method", r->have_energy ? cJSON_CreateString(r->energy_method)
                                                             : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "energy_params", energy_params_json(r));
    cJSON_AddItemToObject(o, "quantization", quant_impact_json(r));
    cJSON_AddItemToObject(o, "output", output_json(r));
    cJSON_AddItemToObject(o, "threads", num_or_null(r->threads > 0, r->threads));
    cJSON_AddItemToObject(o, "efficiency", efficiency_json(r));
    if (context)
        cJSON_AddItemToObject(o, "context", cJSON_Duplicate(context, 1));
    return o;
}

/* The CSV projection: column name and the JSON path it comes from. */
static const struct {
    const char *column, *path;
} csv_columns[] = {
    {"run_id", "run_id"},
    {"workload", "workload"},
    {"target", "target"},
    {"tier", "tier"},
    {"backend", "backend"},
    {"dtype", "dtype"},
    {"status", "status"},
    {"reason", "reason"},
    {"macs", "model.macs"},
    {"params", "model.params"},
    {"weight_bytes", "model.weight_bytes"},
    {"arena_bytes", "memory.arena_bytes"},
    {"peak_rss_bytes", "memory.peak_rss_bytes"},
    {"latency_method", "latency.method"},
    {"repetitions", "latency.repetitions"},
    {"median_ns", "latency.ns.median"},
    {"mean_ns", "latency.ns.mean"},
    {"stddev_ns", "latency.ns.stddev"},
    {"cv", "latency.ns.cv"},
    {"min_ns", "latency.ns.min"},
    {"max_ns", "latency.ns.max"},
    {"p90_ns", "latency.ns.p90"},
    {"p99_ns", "latency.ns.p99"},
    {"macs_per_s", "macs_per_s"},
    {"instructions", "counters.instructions"},
    {"cycles", "counters.cycles"},
    {"l1d_misses", "counters.l1d_misses"},
    {"l2_misses", "counters.l2_misses"},
    {"board", "emulation.board"},
    {"emu_instructions", "emulation.instructions"},
    {"emu_cycles", "emulation.cycles"},
    {"cycles_per_mac", "emulation.cycles_per_mac"},
    {"flash_bytes", "firmware_memory.flash.total"},
    {"ram_bytes", "firmware_memory.ram.total"},
    {"energy_uJ", "energy_uJ"},
    {"output_match", "output.match"},
    {"output_checksum", "output.checksum"},
    {"max_abs_err", "output.max_abs_err"},
    {"threads", "threads"},
    {"gflop_s", "efficiency.gflop_s"},
    {"gb_s", "efficiency.gb_s"},
    {"pct_peak", "efficiency.pct_peak"},
    {"pct_sgemm_ceiling", "efficiency.pct_sgemm_ceiling"},
    {"pct_stream", "efficiency.pct_stream"},
    {"bound", "efficiency.bound"},
};

static const cJSON *at_path(const cJSON *o, const char *path)
{
    char part[64];
    while (o && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part)
            return NULL;
        memcpy(part, path, n);
        part[n] = 0;
        o = cJSON_GetObjectItemCaseSensitive(o, part);
        path += n + (path[n] == '.');
    }
    return o;
}

void tb_csv_string(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void tb_csv_header(FILE *f)
{
    for (size_t i = 0; i < sizeof csv_columns / sizeof csv_columns[0]; i++)
        fprintf(f, "%s%s", i ? "," : "", csv_columns[i].column);
    fputc('\n', f);
}

void tb_csv_row(FILE *f, const cJSON *record)
{
    for (size_t i = 0; i < sizeof csv_columns / sizeof csv_columns[0]; i++) {
        const cJSON *v = at_path(record, csv_columns[i].path);
        if (i)
            fputc(',', f);
        if (cJSON_IsString(v))
            tb_csv_string(f, v->valuestring);
        else if (cJSON_IsBool(v))
            fputs(cJSON_IsTrue(v) ? "true" : "false", f);
        else if (cJSON_IsNumber(v))
            fprintf(f, "%.15g", v->valuedouble);
    }
    fputc('\n', f);
}
