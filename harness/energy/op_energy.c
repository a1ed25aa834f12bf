/* The operation-count energy model: MACs and other operations at their
 * per-operation energies, bytes at cache or DRAM energy, plus static power
 * for the time the cores are busy. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo.h"
#include "datafile.h"
#include "energy.h"
#include "source_dir.h"

/* The numbers first: the loader checks each was given. */
static const tb_datafile_field fields[] = {
    TB_DF_FIELD(tb_op_energy_table, int8_mac_pj, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, fp32_mac_pj, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, int32_op_pj, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, fp32_op_pj, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, cache_pj_per_byte, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, dram_pj_per_byte, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, static_w_per_core, TB_DF_NUMBER),
    TB_DF_FIELD(tb_op_energy_table, name, TB_DF_TEXT),
    TB_DF_FIELD(tb_op_energy_table, source, TB_DF_ALL_TEXT),
    {NULL, TB_DF_NUMBER, 0, 0},
};
enum { N_NUMS = 7 };

static double *field(tb_op_energy_table *t, size_t i)
{
    return (double *)(void *)((char *)t + fields[i].offset);
}

static int table_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    return tb_datafile_field_line(obj, fields, key, rest, why, n);
}

int tb_op_energy_load(const char *path, tb_op_energy_table *t, char *err, size_t err_len)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < N_NUMS; i++)
        *field(t, i) = -1; /* absent: a required key */
    if (tb_datafile_parse(path, t, table_line, err, err_len))
        return -1;
    snprintf(t->path, sizeof t->path, "%s", path);
    const char *missing = !t->name[0] ? "name" : !t->source[0] ? "source" : NULL;
    for (size_t i = 0; i < N_NUMS && !missing; i++)
        if (*field(t, i) < 0)
            missing = fields[i].key;
    if (missing) {
        snprintf(err, err_len, "%s: missing '%s'", path, missing);
        return -1;
    }
    return 0;
}

int tb_op_energy_default(tb_op_energy_table *t, char *err, size_t err_len)
{
    const char *env = getenv("TB_ENERGY_TABLE");
    char path[1024];
    if (env && *env)
        snprintf(path, sizeof path, "%s", env);
    else
        snprintf(path, sizeof path, "%s/harness/energy/data/horowitz-45nm.energy", tb_source_dir());
    return tb_op_energy_load(path, t, err, err_len);
}

void tb_op_energy_input_for(const tb_model *m, tb_dtype d, double latency_s, int cores,
                            tb_op_energy_input *in)
{
    const tb_graph *g = &m->graph;
    const tb_plan *plan = d == TB_DTYPE_INT8 ? &m->plan_s8 : &m->plan_f32;
    in->macs = tb_graph_macs(g);
    in->flops = tb_graph_flops(g);
    in->bytes = tb_graph_bytes(g, d);
    in->constant_bytes = tb_graph_constant_bytes(g, d);
    in->footprint_bytes = in->constant_bytes + plan->arena_bytes;
    in->llc_bytes = (int64_t)tb_last_level_cache_bytes();
    in->dtype = d;
    in->latency_s = latency_s;
    in->cores = cores;
}

double tb_op_energy_estimate(const tb_op_energy_table *t, const tb_op_energy_input *in,
                             tb_record *rec)
{
    const int fp32 = in->dtype == TB_DTYPE_FP32;
    const double mac_pj = fp32 ? t->fp32_mac_pj : t->int8_mac_pj;
    const double op_pj = fp32 ? t->fp32_op_pj : t->int32_op_pj;
    const int64_t other_ops = in->flops > 2 * in->macs ? in->flops - 2 * in->macs : 0;
    /* Unknown cache size: assume the constants do not stay cached. */
    const int64_t dram = in->llc_bytes == 0 || in->footprint_bytes > in->llc_bytes
                             ? in->constant_bytes : 0;
    const int64_t cache = in->bytes > dram ? in->bytes - dram : 0;
    const double compute_pj = (double)in->macs * mac_pj + (double)other_ops * op_pj;
    const double memory_pj = (double)cache * t->cache_pj_per_byte + (double)dram * t->dram_pj_per_byte;
    const double static_pj = t->static_w_per_core * in->cores * in->latency_s * 1e12;
    const double uj = (compute_pj + memory_pj + static_pj) * 1e-6;
    if (!rec)
        return uj;
    rec->have_energy = 1;
    rec->energy_uJ = uj;
    snprintf(rec->energy_model, sizeof rec->energy_model, "op-energy");
    snprintf(rec->energy_method, sizeof rec->energy_method,
             "estimated: MACs, other operations and bytes at per-operation energies, plus "
             "static power x latency (energy table %s)",
             t->name);
    rec->n_energy_params = 0;
    tb_record_energy_param(rec, "macs", (double)in->macs);
    tb_record_energy_param(rec, "mac_pJ", mac_pj);
    tb_record_energy_param(rec, "other_ops", (double)other_ops);
    tb_record_energy_param(rec, "op_pJ", op_pj);
    tb_record_energy_param(rec, "cache_bytes", (double)cache);
    tb_record_energy_param(rec, "cache_pJ_per_byte", t->cache_pj_per_byte);
    tb_record_energy_param(rec, "dram_bytes", (double)dram);
    tb_record_energy_param(rec, "dram_pJ_per_byte", t->dram_pj_per_byte);
    tb_record_energy_param(rec, "footprint_bytes", (double)in->footprint_bytes);
    tb_record_energy_param(rec, "llc_bytes", (double)in->llc_bytes);
    tb_record_energy_param(rec, "static_W_per_core", t->static_w_per_core);
    tb_record_energy_param(rec, "cores", in->cores);
    tb_record_energy_param(rec, "latency_s", in->latency_s);
    tb_record_energy_param(rec, "compute_uJ", compute_pj * 1e-6);
    tb_record_energy_param(rec, "memory_uJ", memory_pj * 1e-6);
    tb_record_energy_param(rec, "static_uJ", static_pj * 1e-6);
    return uj;
}
