/* Records and run folders: JSON fields and nulls, CSV quoting, atomic
 * files, and a clear error for an unwritable results folder. */
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "record_json.h"
#include "store.h"
#include "tb_test.h"

static void sample_record(tb_record *r)
{
    tb_record_init(r);
    snprintf(r->run_id, sizeof r->run_id, "run-1");
    snprintf(r->workload, sizeof r->workload, "vww:alpha=0.5,res=128");
    snprintf(r->target, sizeof r->target, "host");
    snprintf(r->dtype, sizeof r->dtype, "int8");
    r->status = TB_STATUS_OK;
    r->macs = 1000;
    r->have_latency = 1;
    r->repetitions = 3;
    r->samples_ns[0] = 10;
    r->samples_ns[1] = 20;
    r->samples_ns[2] = 30;
    tb_stats_compute(r->samples_ns, 3, &r->latency_ns);
    snprintf(r->counters.reason, sizeof r->counters.reason, "no PMU");
}

static int test_json_fields(void)
{
    tb_record r;
    sample_record(&r);
    cJSON *ctx = cJSON_CreateObject();
    cJSON_AddStringToObject(ctx, "hostname", "h");
    cJSON *o = tb_record_to_json(&r, ctx);
    TB_CHECK(cJSON_GetObjectItem(o, "schema_version")->valueint == TB_RECORD_SCHEMA_VERSION);
    TB_CHECK(strcmp(cJSON_GetObjectItem(o, "status")->valuestring, "ok") == 0);
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(o, "reason")));
    TB_CHECK(cJSON_IsFalse(cJSON_GetObjectItem(o, "ran_alone")));
    const cJSON *lat = cJSON_GetObjectItem(o, "latency");
    TB_CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(lat, "ns"), "median")->valuedouble, 20,
                  0);
    TB_CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(lat, "samples_ns")), 3);
    const cJSON *ctr = cJSON_GetObjectItem(o, "counters");
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(ctr, "instructions")));
    TB_CHECK(strcmp(cJSON_GetObjectItem(ctr, "reason")->valuestring, "no PMU") == 0);
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "memory"), "peak_rss_bytes")));
    TB_CHECK(strcmp(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "context"), "hostname")->valuestring,
                    "h") == 0);
    cJSON_Delete(o);

    tb_record_status(&r, TB_STATUS_SKIPPED, "no %s here", "qemu");
    r.have_latency = 0;
    o = tb_record_to_json(&r, NULL);
    TB_CHECK(strcmp(cJSON_GetObjectItem(o, "status")->valuestring, "skipped") == 0);
    TB_CHECK(strcmp(cJSON_GetObjectItem(o, "reason")->valuestring, "no qemu here") == 0);
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(o, "latency")));
    TB_CHECK(cJSON_IsNull(cJSON_GetObjectItem(o, "macs_per_s")));
    cJSON_Delete(o);
    cJSON_Delete(ctx);
    return 0;
}

static int test_csv_quoting(void)
{
    tb_record r;
    sample_record(&r);
    tb_record_status(&r, TB_STATUS_FAILED, "said \"no\", twice");
    cJSON *o = tb_record_to_json(&r, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tb_csv_header(f);
    tb_csv_row(f, o);
    fclose(f);
    TB_CHECK(strncmp(buf, "run_id,workload,", 16) == 0);
    TB_CHECK(strstr(buf, "\"vww:alpha=0.5,res=128\"") != NULL);
    TB_CHECK(strstr(buf, "\"said \"\"no\"\", twice\"") != NULL);
    free(buf);
    cJSON_Delete(o);
    return 0;
}

static int test_store(void)
{
    char root[] = "/tmp/tb_store_XXXXXX", path[512], err[512];
    TB_CHECK(mkdtemp(root) != NULL);
    cJSON *ctx = tb_context_collect();
    TB_CHECK(cJSON_GetObjectItem(ctx, "cpu") != NULL);
    TB_CHECK(cJSON_GetObjectItem(ctx, "git_revision") != NULL);
    tb_store *s = tb_store_open(root, "r1", ctx, err, sizeof err);
    TB_CHECK(s != NULL);
    if (!s)
        return 0;
    tb_record r;
    sample_record(&r);
    snprintf(r.cell_id, sizeof r.cell_id, "vww:alpha=0.5,res=128/host/int8");
    TB_CHECK_EQ_INT(tb_store_write_cell(s, &r, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/r1/cells/vww_alpha_0.5_res_128_host_int8/record.json", root);
    TB_CHECK(access(path, R_OK) == 0);
    cJSON *cell = tb_store_read_cell(s, r.cell_id);
    TB_CHECK(cJSON_IsObject(cell));
    TB_CHECK(tb_store_read_cell(s, "no/such/cell") == NULL);
    cJSON *two = cJSON_CreateArray();
    cJSON_AddItemReferenceToArray(two, cell);
    cJSON_AddItemReferenceToArray(two, cell);
    TB_CHECK_EQ_INT(tb_store_write_records(s, two, err, sizeof err), 0);
    cJSON_Delete(two);
    cJSON_Delete(cell);
    cJSON *loaded = NULL;
    snprintf(path, sizeof path, "%s/r1/records.jsonl", root);
    FILE *f = fopen(path, "r");
    int lines = 0;
    char line[65536];
    while (f && fgets(line, sizeof line, f)) {
        loaded = cJSON_Parse(line);
        TB_CHECK(cJSON_IsObject(loaded));
        cJSON_Delete(loaded);
        lines++;
    }
    if (f)
        fclose(f);
    TB_CHECK_EQ_INT(lines, 2);
    snprintf(path, sizeof path, "%s/r1/records.csv", root);
    TB_CHECK(access(path, R_OK) == 0);
    snprintf(path, sizeof path, "%s/r1/context.json", root);
    TB_CHECK(access(path, R_OK) == 0);
    tb_store_close(s);
    snprintf(path, sizeof path, "rm -rf '%s'", root);
    TB_CHECK_EQ_INT(system(path), 0);
    cJSON_Delete(ctx);
    return 0;
}

static int test_unwritable_root(void)
{
    char err[512] = "";
    cJSON *ctx = cJSON_CreateObject();
    tb_store *s = tb_store_open("/proc/tierbench-cannot-exist", "r", ctx, err, sizeof err);
    TB_CHECK(s == NULL);
    TB_CHECK(strstr(err, "cannot write results") != NULL);
    cJSON_Delete(ctx);
    return 0;
}

static int test_status_names(void)
{
    for (int k = TB_STATUS_OK; k <= TB_STATUS_TIMEOUT; k++)
        TB_CHECK_EQ_INT(tb_status_parse(tb_status_name((tb_cell_status)k)), k);
    TB_CHECK_EQ_INT(tb_status_parse("crashed"), TB_STATUS_FAILED);
    TB_CHECK_EQ_INT(tb_status_parse(NULL), TB_STATUS_FAILED);
    return 0;
}

int main(void)
{
    TB_RUN(test_json_fields);
    TB_RUN(test_status_names);
    TB_RUN(test_csv_quoting);
    TB_RUN(test_store);
    TB_RUN(test_unwritable_root);
    return tb_test_summary();
}
