/* Text summary renderer over the records' JSON. */
#include "summary.h"

#include "record_get.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cJSON *get(const cJSON *o, const char *a, const char *b, const char *c)
{
    o = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        o = cJSON_GetObjectItemCaseSensitive(o, b);
    if (c)
        o = cJSON_GetObjectItemCaseSensitive(o, c);
    return o;
}

static const char *str(const cJSON *v)
{
    return cJSON_IsString(v) ? v->valuestring : "-";
}

static void num(FILE *f, const cJSON *v, double scale, const char *fmt, int width)
{
    if (cJSON_IsNumber(v))
        fprintf(f, fmt, width, v->valuedouble * scale);
    else
        fprintf(f, "%*s", width, "-");
}

/* Latency is marked 'm' when measured and 'e' when estimated by a model. */
/* The widest value of a field, at least min: the table stays aligned for
 * long workload specs and ssh targets. */
static int column_width(const cJSON *records, const char *field, int min)
{
    int w = min;
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        int n = (int)strlen(str(get(r, field, NULL, NULL)));
        w = n > w ? n : w;
    }
    return w;
}

void tb_summary_print(FILE *f, const cJSON *records)
{
    const int ww = column_width(records, "workload", 8), tw = column_width(records, "target", 6);
    fprintf(f, "%-*s %-*s %-5s %-12s %13s %8s %8s %10s %9s %9s %s\n", ww, "workload", tw,
            "target", "dtype", "status", "latency ms", "GMAC/s", "cyc/MAC", "energy uJ",
            "arena KiB", "flash KiB", "output");
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        const cJSON *method = get(r, "latency", "method", NULL);
        const cJSON *match = get(r, "output", "match", NULL);
        fprintf(f, "%-*s %-*s %-5s %-12s ", ww, str(get(r, "workload", NULL, NULL)), tw,
                str(get(r, "target", NULL, NULL)), str(get(r, "dtype", NULL, NULL)),
                str(get(r, "status", NULL, NULL)));
        num(f, get(r, "latency", "ns", "median"), 1e-6, "%*.3f", 11);
        fprintf(f, " %s ", !cJSON_IsString(method) ? " " : tb_rec_latency_estimated(r) ? "e" : "m");
        num(f, get(r, "macs_per_s", NULL, NULL), 1e-9, "%*.3f", 8);
        fputc(' ', f);
        num(f, get(r, "emulation", "cycles_per_mac", NULL), 1, "%*.2f", 8);
        fputc(' ', f);
        num(f, get(r, "energy_uJ", NULL, NULL), 1, "%*.1f", 10);
        fputc(' ', f);
        num(f, get(r, "memory", "arena_bytes", NULL), 1.0 / 1024, "%*.1f", 9);
        fputc(' ', f);
        num(f, get(r, "firmware_memory", "flash", "total"), 1.0 / 1024, "%*.1f", 9);
        if (cJSON_IsBool(match) && strcmp(str(get(r, "status", NULL, NULL)), "ok") == 0)
            fprintf(f, " %s\n", cJSON_IsTrue(match) ? "matches reference" : "DIFFERS");
        else
            fprintf(f, " %s\n", str(get(r, "reason", NULL, NULL)));
    }
    fprintf(f, "latency: m = measured, e = estimated by the cycle model\n");
}

cJSON *tb_summary_load(const char *run_dir, char *err, size_t err_len)
{
    char path[4200], *line = NULL;
    size_t cap = 0;
    snprintf(path, sizeof path, "%s/records.jsonl", run_dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "cannot read '%s': %s (expected a folder written by tierbench run)",
                 path, strerror(errno));
        return NULL;
    }
    cJSON *all = cJSON_CreateArray();
    int lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '\n')
            continue;
        cJSON *r = cJSON_Parse(line);
        if (!cJSON_IsObject(r)) {
            snprintf(err, err_len, "%s:%d: not a JSON object", path, lineno);
            cJSON_Delete(r);
            cJSON_Delete(all);
            all = NULL;
            break;
        }
        cJSON_AddItemToArray(all, r);
    }
    free(line);
    fclose(f);
    return all;
}
