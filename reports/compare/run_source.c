/* Run arguments to records: a run folder read with tb_summary_load, or a
 * run id's records from the history, then the checks that make two runs
 * comparable. */
#include "run_source.h"

#include <sys/stat.h>

#include "history.h"
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

static cJSON *history_load(const char *arg, const char *history, char *err, size_t err_len)
{
    char path[4096], why[4400];
    int where = tb_history_path(history, path, sizeof path);
    if (where != 0) {
        snprintf(err, err_len, "'%s' is not a run folder, and no run id can be looked up: %s",
                 arg, where > 0 ? "the history is off (TB_HISTORY=off or --history off)" : path);
        return NULL;
    }
    tb_history *h = tb_history_open(path, 0, why, sizeof why);
    cJSON *records = h ? tb_history_records(h, arg, why, sizeof why) : NULL;
    tb_history_close(h);
    if (!records)
        snprintf(err, err_len, "'%s' is neither a run folder nor a run id: %s", arg, why);
    return records;
}

cJSON *tb_run_source_load(const char *arg, const char *history, char *err, size_t err_len)
{
    struct stat st;
    cJSON *records = stat(arg, &st) == 0 && S_ISDIR(st.st_mode)
                         ? tb_summary_load(arg, err, err_len)
                         : history_load(arg, history, err, err_len);
    if (records && check_records(arg, records, err, err_len) != 0) {
        cJSON_Delete(records);
        return NULL;
    }
    return records;
}
