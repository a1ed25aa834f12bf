/* Run arguments to records: a run folder read with tb_summary_load, then the
 * checks that make two runs comparable. */
#include "run_source.h"

#include "record.h"
#include "summary.h"

int tb_run_source_schema(const cJSON *records)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(records, 0),
                                                      "schema_version");
    return cJSON_IsNumber(v) ? v->valueint : -1;
}

static int check_records(const char *arg, const cJSON *records, char *err, size_t err_len)
{
    if (cJSON_GetArraySize(records) == 0) {
        snprintf(err, err_len, "'%s' holds no records (records.jsonl is empty)", arg);
        return -1;
    }
    int schema = tb_run_source_schema(records), i = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        i++;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "schema_version");
        if (!cJSON_IsNumber(v) || v->valueint < 1 || v->valueint > TB_RECORD_SCHEMA_VERSION) {
            snprintf(err, err_len,
                     "'%s' record %d: schema_version missing or unknown (this build reads 1 to %d)",
                     arg, i, TB_RECORD_SCHEMA_VERSION);
            return -1;
        }
        if (v->valueint != schema) {
            snprintf(err, err_len, "'%s' record %d: schema_version %d, record 1 has %d", arg, i,
                     v->valueint, schema);
            return -1;
        }
        if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "cell_id"))) {
            snprintf(err, err_len, "'%s' record %d: no cell_id (workload/target/dtype)", arg, i);
            return -1;
        }
    }
    return 0;
}

cJSON *tb_run_source_load(const char *arg, char *err, size_t err_len)
{
    cJSON *records = tb_summary_load(arg, err, err_len);
    if (records && check_records(arg, records, err, err_len) != 0) {
        cJSON_Delete(records);
        return NULL;
    }
    return records;
}
