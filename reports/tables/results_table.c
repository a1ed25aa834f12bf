/* The main results table: one row per record of the run. */
#include "report_tables.h"

#include <stdio.h>
#include <string.h>

#include "record_get.h"

static void num(tb_table *t, const cJSON *r, const char *path, double scale, int estimated)
{
    double v;
    int have = tb_rec_num(r, path, &v);
    tb_table_num(t, have, v * scale, estimated);
}

static const char *note(const cJSON *r, char *buf, size_t n)
{
    if (!tb_rec_ok(r))
        return tb_rec_str(r, "reason");
    const cJSON *match = tb_rec_get(r, "output.match");
    const char *rule = tb_rec_str(r, "output.rule");
    if (!cJSON_IsBool(match))
        return NULL;
    snprintf(buf, n, "%s%s%s", cJSON_IsTrue(match) ? "output matches reference" : "OUTPUT DIFFERS from reference",
             rule ? ", " : "", rule ? rule : "");
    return buf;
}

tb_table *tb_results_table(const cJSON *records, const char *run_id)
{
    char source[512];
    snprintf(source, sizeof source,
             "run %s, records.jsonl: one row per record (cell workload/target/dtype); latency "
             "is the median per inference",
             run_id);
    tb_table *t = tb_table_new("results", "Results per cell", source);
    tb_table_col(t, "workload", "", 0);
    tb_table_col(t, "target", "", 0);
    tb_table_col(t, "tier", "", 0);
    tb_table_col(t, "dtype", "", 0);
    tb_table_col(t, "status", "", 0);
    tb_table_col(t, "latency", "ms", 1);
    tb_table_col(t, "energy", "µJ", 1);
    tb_table_col(t, "MACs", "M", 1);
    tb_table_col(t, "arena", "KiB", 1);
    tb_table_col(t, "flash", "KiB", 1);
    tb_table_col(t, "RAM", "KiB", 1);
    tb_table_col(t, "note", "", 0);
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        double v;
        char buf[200];
        tb_table_row(t);
        tb_table_text(t, tb_rec_str(r, "workload"));
        tb_table_text(t, tb_rec_str(r, "target"));
        tb_table_text(t, tb_rec_str(r, "tier"));
        tb_table_text(t, tb_rec_str(r, "dtype"));
        tb_table_text(t, tb_rec_str(r, "status"));
        int have = tb_rec_latency_ms(r, &v);
        tb_table_num(t, have, v, tb_rec_latency_estimated(r));
        have = tb_rec_energy_uJ(r, &v);
        tb_table_num(t, have, v, tb_rec_energy_estimated(r));
        num(t, r, "model.macs", 1e-6, 0);
        num(t, r, "memory.arena_bytes", 1.0 / 1024, 0);
        num(t, r, "firmware_memory.flash.total", 1.0 / 1024, 0);
        num(t, r, "firmware_memory.ram.total", 1.0 / 1024, 0);
        tb_table_text(t, note(r, buf, sizeof buf));
    }
    return t;
}
