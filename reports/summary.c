/* Text summary renderer over the records' JSON. */
#include "summary.h"

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

void tb_summary_print(FILE *f, const cJSON *records)
{
    fprintf(f, "%-26s %-8s %-5s %-12s %12s %9s %10s %10s %s\n", "workload", "target", "dtype",
            "status", "median ms", "cv %", "GMAC/s", "arena KiB", "output");
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        const cJSON *median = get(r, "latency", "ns", "median"), *cv = get(r, "latency", "ns", "cv");
        const cJSON *rate = get(r, "macs_per_s", NULL, NULL);
        const cJSON *arena = get(r, "memory", "arena_bytes", NULL);
        const cJSON *match = get(r, "output", "match", NULL);
        fprintf(f, "%-26s %-8s %-5s %-12s ", str(get(r, "workload", NULL, NULL)),
                str(get(r, "target", NULL, NULL)), str(get(r, "dtype", NULL, NULL)),
                str(get(r, "status", NULL, NULL)));
        if (cJSON_IsNumber(median))
            fprintf(f, "%12.3f %9.1f %10.2f ", median->valuedouble / 1e6,
                    cJSON_IsNumber(cv) ? cv->valuedouble * 100 : 0.0,
                    cJSON_IsNumber(rate) ? rate->valuedouble / 1e9 : 0.0);
        else
            fprintf(f, "%12s %9s %10s ", "-", "-", "-");
        if (cJSON_IsNumber(arena))
            fprintf(f, "%10.1f ", arena->valuedouble / 1024);
        else
            fprintf(f, "%10s ", "-");
        if (cJSON_IsBool(match))
            fprintf(f, "%s\n", cJSON_IsTrue(match) ? "matches reference" : "DIFFERS");
        else
            fprintf(f, "%s\n", str(get(r, "reason", NULL, NULL)));
    }
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
