/* The results history (docs/history.md): schema creation, recording a run
 * twice without duplicates, filters, the v1 -> v2 migration, refusal of a
 * newer schema or a foreign database, concurrent writers from forked
 * processes, TB_HISTORY=off, and compare's run ids resolved through it. */
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "history.h"
#include "run_source.h"
#include "schema.h"
#include "source_dir.h"
#include "summary.h"
#include "tb_test.h"

static char work[256];

/* A run folder named id: the recorded run_a of tests/data/compare plus a
 * context.json with the given date, revision and host. */
static void make_run(const char *id, const char *date, const char *rev, const char *host)
{
    char dir[512], cmd[2048], ctx[1024];
    snprintf(dir, sizeof dir, "%s/runs/%s", work, id);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s/tests/data/compare/run_a/records.jsonl %s/",
             dir, tb_source_dir(), dir);
    TB_CHECK(system(cmd) == 0);
    snprintf(ctx, sizeof ctx, "%s/context.json", dir);
    FILE *f = fopen(ctx, "w");
    fprintf(f, "{\"tierbench_version\":\"0.1.0\",\"git_revision\":\"%s\",\"date\":\"%s\","
               "\"hostname\":\"%s\",\"cpu\":{\"model\":\"Test CPU\"}}\n", rev, date, host);
    fclose(f);
}

static void run_dir(char *out, size_t n, const char *id)
{
    snprintf(out, n, "%s/runs/%s", work, id);
}

static long long scalar(const char *db_path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int record(const char *db_path, const char *id)
{
    char dir[512], err[1024];
    run_dir(dir, sizeof dir, id);
    tb_history *h = tb_history_open(db_path, 1, err, sizeof err);
    int rc = h ? tb_history_record(h, dir, err, sizeof err) : -1;
    if (rc)
        fprintf(stderr, "record %s: %s\n", id, err);
    tb_history_close(h);
    return rc;
}

static int test_schema_created(void)
{
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/new/deeper/history.sqlite", work);
    tb_history *h = tb_history_open(path, 1, err, sizeof err);
    TB_CHECK(h != NULL);
    tb_history_close(h);
    TB_CHECK_EQ_INT(scalar(path, "PRAGMA user_version"), TB_HISTORY_SCHEMA_VERSION);
    TB_CHECK_EQ_INT(scalar(path, "SELECT max(version) FROM schema"), TB_HISTORY_SCHEMA_VERSION);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                 "name IN ('runs', 'cells', 'environment', 'schema')"), 4);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                 "name IN ('cells_workload', 'cells_target', 'runs_date')"), 3);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
    TB_CHECK(sqlite3_step(st) == SQLITE_ROW &&
             strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    /* opening without create never makes a database */
    snprintf(path, sizeof path, "%s/absent.sqlite", work);
    TB_CHECK(!tb_history_open(path, 0, err, sizeof err) && strstr(err, "no history"));
    TB_CHECK(access(path, F_OK) != 0);
    return 0;
}

static int test_record_twice(void)
{
    char path[512], dir[512], err[1024];
    snprintf(path, sizeof path, "%s/twice.sqlite", work);
    make_run("twice", "2026-11-20T10:00:00Z", "aaaa111", "box");
    TB_CHECK_EQ_INT(record(path, "twice"), 0);
    TB_CHECK_EQ_INT(record(path, "twice"), 0);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM cells"), 7);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM environment"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT cells_ok FROM runs"), 6);
    TB_CHECK_EQ_INT(scalar(path, "SELECT cells_does_not_fit FROM runs"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs WHERE run_id = 'twice' AND "
                                 "hostname = 'box' AND cpu = 'Test CPU' AND "
                                 "git_revision = 'aaaa111' AND recorded_at IS NOT NULL"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT macs IS NULL AND energy_uJ > 280 AND "
                                 "round(median_ns, 1) = 169068.2 FROM cells "
                                 "WHERE cell_id = 'kws/host/int8'"), 1);

    /* the stored records are the folder's, field for field, in order */
    run_dir(dir, sizeof dir, "twice");
    cJSON *folder = tb_summary_load(dir, err, sizeof err);
    tb_history *h = tb_history_open(path, 0, err, sizeof err);
    cJSON *stored = tb_history_records(h, "twice", err, sizeof err);
    TB_CHECK(stored && cJSON_Compare(folder, stored, 1));
    cJSON *cells = tb_history_cells(h, "twice", err, sizeof err);
    TB_CHECK_EQ_INT(cJSON_GetArraySize(cells), 7);
    TB_CHECK(!tb_history_records(h, "nope", err, sizeof err) && strstr(err, "no run 'nope'"));
    cJSON_Delete(cells);
    cJSON_Delete(stored);
    cJSON_Delete(folder);

    /* a folder without context.json is refused and changes nothing */
    char bad[600], dup[600], cmd[4096];
    snprintf(bad, sizeof bad, "%s/runs/noctx", work);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s/records.jsonl %s/", bad, dir, bad);
    TB_CHECK(system(cmd) == 0);
    TB_CHECK(tb_history_record(h, bad, err, sizeof err) != 0 && strstr(err, "context.json"));
    /* a cell twice in one run is an error, and the transaction leaves no trace */
    snprintf(dup, sizeof dup, "%s/runs/dup", work);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s/context.json %s/ && cat %s/records.jsonl "
                              "%s/records.jsonl > %s/records.jsonl", dup, dir, dup, dir, dir, dup);
    TB_CHECK(system(cmd) == 0);
    TB_CHECK(tb_history_record(h, dup, err, sizeof err) != 0 && strstr(err, "twice"));
    tb_history_close(h);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM cells"), 7);
    return 0;
}

static int count_runs(tb_history *h, tb_history_filter f, const char *first)
{
    char err[512];
    cJSON *runs = tb_history_runs(h, &f, err, sizeof err);
    int n = runs ? cJSON_GetArraySize(runs) : -1;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(runs, 0), "run_id");
    if (first && !(cJSON_IsString(id) && strcmp(id->valuestring, first) == 0)) {
        fprintf(stderr, "first run: wanted %s\n", first);
        n = -2;
    }
    cJSON_Delete(runs);
    return n;
}

static int test_filters(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/filters.sqlite", work);
    make_run("f1", "2026-11-01T08:00:00Z", "v1.0-3-gabc1234", "alpha");
    make_run("f2", "2026-11-02T23:59:59Z", "def5678", "beta");
    make_run("f3", "2026-11-03T00:00:00Z", "def5678-dirty", "beta");
    /* f3 ran kws only on cortex-m4 */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "grep 'kws/cortex-m4' %s/runs/f3/records.jsonl > %s/k && "
                              "mv %s/k %s/runs/f3/records.jsonl", work, work, work, work);
    TB_CHECK(system(cmd) == 0);
    TB_CHECK(!record(path, "f1") && !record(path, "f2") && !record(path, "f3"));
    tb_history *h = tb_history_open(path, 0, err, sizeof err);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){0}, "f3"), 3);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.limit = 2}, "f3"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.workload = "kws"}, "f3"), 3);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.workload = "gemm"}, "f2"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.workload = "gemm:shape=6"}, "f2"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.workload = "gem"}, NULL), 0);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.target = "host"}, "f2"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.target = "cortex-m4"}, "f3"), 3);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.target = "cortex-m4", .workload = "ad"},
                               "f2"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.since = "2026-11-02"}, "f3"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.until = "2026-11-02"}, "f2"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.since = "2026-11-02",
                                                      .until = "2026-11-02T23:59:59"}, "f2"), 1);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.revision = "def5678"}, "f3"), 2);
    TB_CHECK_EQ_INT(count_runs(h, (tb_history_filter){.revision = "abc1234"}, "f1"), 1);
    tb_history_close(h);
    TB_CHECK(tb_history_date_valid("2026-11-02"));
    TB_CHECK(tb_history_date_valid("2026-11-02T10:00:00"));
    TB_CHECK(tb_history_date_valid("2026-11-02T10:00:00Z"));
    TB_CHECK(!tb_history_date_valid("2026-1-02"));
    TB_CHECK(!tb_history_date_valid("yesterday"));
    TB_CHECK(!tb_history_date_valid("2026-11-02 10:00:00"));
    return 0;
}

/* A database exactly as a version-1 tierbench left it, with one run. */
static void make_v1(const char *path)
{
    sqlite3 *db;
    char err[512];
    TB_CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    TB_CHECK(tb_history_schema_create_v1(db, err, sizeof err) == 0);
    TB_CHECK(tb_history_exec(db,
        "INSERT INTO runs VALUES ('old', '/gone/old', '2025-01-02T03:04:05Z', 'r0', '0.0.9', "
        "'h', 'c', 1, 1, 0, 0, 0, 0);"
        "INSERT INTO cells VALUES ('old', 0, 'kws/host/int8', 'kws', 'host', 'edge', 'ref', "
        "'int8', 'ok', NULL, 1000.5, 2.5, 42, '{\"schema_version\":2,\"cell_id\":"
        "\"kws/host/int8\",\"status\":\"ok\"}');"
        "INSERT INTO environment VALUES ('old', '{\"hostname\":\"h\"}');",
        err, sizeof err) == 0);
    sqlite3_close(db);
}

static int test_migration(void)
{
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/v1.sqlite", work);
    make_v1(path);
    TB_CHECK_EQ_INT(scalar(path, "PRAGMA user_version"), 1);
    tb_history *h = tb_history_open(path, 0, err, sizeof err);
    TB_CHECK(h != NULL);
    TB_CHECK_EQ_INT(scalar(path, "PRAGMA user_version"), 2);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM schema"), 2);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs WHERE run_id = 'old' AND "
                                 "folder = '/gone/old' AND recorded_at IS NULL"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT macs FROM cells WHERE run_id = 'old'"), 42);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM environment"), 1);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                 "name = 'cells_workload'"), 1);
    cJSON *records = h ? tb_history_records(h, "old", err, sizeof err) : NULL;
    TB_CHECK_EQ_INT(cJSON_GetArraySize(records), 1);
    cJSON_Delete(records);
    /* the migrated database takes new runs */
    make_run("after", "2026-11-05T00:00:00Z", "r1", "h");
    char dir[512];
    run_dir(dir, sizeof dir, "after");
    TB_CHECK(h && tb_history_record(h, dir, err, sizeof err) == 0);
    tb_history_close(h);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs"), 2);
    /* opening again changes nothing */
    h = tb_history_open(path, 0, err, sizeof err);
    tb_history_close(h);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM schema"), 2);
    return 0;
}

static int test_refusals(void)
{
    char path[512], err[1024];
    sqlite3 *db;
    snprintf(path, sizeof path, "%s/newer.sqlite", work);
    tb_history_close(tb_history_open(path, 1, err, sizeof err));
    sqlite3_open(path, &db);
    tb_history_exec(db, "PRAGMA user_version = 3", err, sizeof err);
    sqlite3_close(db);
    TB_CHECK(!tb_history_open(path, 1, err, sizeof err) && strstr(err, "schema version 3") &&
             strstr(err, "newer than this tierbench reads"));
    TB_CHECK_EQ_INT(scalar(path, "PRAGMA user_version"), 3);

    snprintf(path, sizeof path, "%s/foreign.sqlite", work);
    sqlite3_open(path, &db);
    tb_history_exec(db, "CREATE TABLE mine (x)", err, sizeof err);
    sqlite3_close(db);
    TB_CHECK(!tb_history_open(path, 1, err, sizeof err) &&
             strstr(err, "not a tierbench history"));
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM sqlite_schema"), 1);

    snprintf(path, sizeof path, "%s/text.sqlite", work);
    FILE *f = fopen(path, "w");
    fputs("this is not a database, just text that is long enough to be a header......\n", f);
    fclose(f);
    TB_CHECK(!tb_history_open(path, 1, err, sizeof err) && strstr(err, path));
    return 0;
}

enum { WRITERS = 6, RUNS_EACH = 4 };

/* WRITERS processes start together on a database none of them created yet
 * (so creation and migration race too), each recording RUNS_EACH runs. */
static int test_concurrent_writers(void)
{
    char path[512], id[64];
    snprintf(path, sizeof path, "%s/concurrent.sqlite", work);
    for (int w = 0; w < WRITERS; w++)
        for (int r = 0; r < RUNS_EACH; r++) {
            snprintf(id, sizeof id, "c%d-%d", w, r);
            make_run(id, "2026-11-10T00:00:00Z", "cafe", "box");
        }
    int go[2];
    TB_CHECK(pipe(go) == 0);
    pid_t pids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            char c;
            close(go[1]);
            if (read(go[0], &c, 1) != 0)
                _exit(3);
            int bad = 0;
            for (int r = 0; r < RUNS_EACH; r++) {
                snprintf(id, sizeof id, "c%d-%d", w, r);
                bad |= record(path, id);
            }
            _exit(bad ? 1 : 0);
        }
    }
    close(go[0]);
    close(go[1]); /* every child's read returns now: they start at once */
    for (int w = 0; w < WRITERS; w++) {
        int status = -1;
        waitpid(pids[w], &status, 0);
        TB_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs"), WRITERS * RUNS_EACH);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM cells"), WRITERS * RUNS_EACH * 7);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM schema"), TB_HISTORY_SCHEMA_VERSION);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM pragma_integrity_check "
                                 "WHERE integrity_check = 'ok'"), 1);
    return 0;
}

static int test_off_and_default_path(void)
{
    char path[512], got[512], dir[512], err[1024];
    setenv("TB_HISTORY", "off", 1);
    TB_CHECK_EQ_INT(tb_history_path(NULL, got, sizeof got), 1);
    run_dir(dir, sizeof dir, "twice");
    TB_CHECK_EQ_INT(tb_history_record_run(dir, err, sizeof err), 0);
    TB_CHECK(!tb_run_source_load("twice", NULL, err, sizeof err) && strstr(err, "off"));

    /* no TB_HISTORY: XDG_DATA_HOME, else HOME */
    unsetenv("TB_HISTORY");
    snprintf(path, sizeof path, "%s/xdg", work);
    setenv("XDG_DATA_HOME", path, 1);
    TB_CHECK_EQ_INT(tb_history_path(NULL, got, sizeof got), 0);
    snprintf(path, sizeof path, "%s/xdg/tierbench/history.sqlite", work);
    TB_CHECK(strcmp(got, path) == 0);
    TB_CHECK(access(path, F_OK) != 0); /* off recorded nothing there */
    TB_CHECK_EQ_INT(tb_history_record_run(dir, err, sizeof err), 0);
    TB_CHECK_EQ_INT(scalar(path, "SELECT count(*) FROM runs WHERE run_id = 'twice'"), 1);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/someone", 1);
    TB_CHECK_EQ_INT(tb_history_path(NULL, got, sizeof got), 0);
    TB_CHECK(strcmp(got, "/home/someone/.local/share/tierbench/history.sqlite") == 0);
    TB_CHECK_EQ_INT(tb_history_path("/x/h.sqlite", got, sizeof got), 0);
    TB_CHECK(strcmp(got, "/x/h.sqlite") == 0);
    TB_CHECK_EQ_INT(tb_history_path("off", got, sizeof got), 1);
    return 0;
}

static int test_compare_by_run_id(void)
{
    char path[512], dir[512], err[2048];
    snprintf(path, sizeof path, "%s/filters.sqlite", work);
    cJSON *by_id = tb_run_source_load("f2", path, err, sizeof err);
    run_dir(dir, sizeof dir, "f2");
    cJSON *by_folder = tb_run_source_load(dir, path, err, sizeof err);
    TB_CHECK(by_id && by_folder && cJSON_Compare(by_id, by_folder, 1));
    cJSON_Delete(by_id);
    cJSON_Delete(by_folder);
    TB_CHECK(!tb_run_source_load("no-such-run", path, err, sizeof err) &&
             strstr(err, "neither a run folder nor a run id") && strstr(err, "no run"));
    snprintf(path, sizeof path, "%s/none.sqlite", work);
    TB_CHECK(!tb_run_source_load("f2", path, err, sizeof err) && strstr(err, "no history"));
    return 0;
}

int main(void)
{
    snprintf(work, sizeof work, "/tmp/tb-history-XXXXXX");
    if (!mkdtemp(work))
        return 1;
    TB_RUN(test_schema_created);
    TB_RUN(test_record_twice);
    TB_RUN(test_filters);
    TB_RUN(test_migration);
    TB_RUN(test_refusals);
    TB_RUN(test_concurrent_writers);
    TB_RUN(test_off_and_default_path);
    TB_RUN(test_compare_by_run_id);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", work);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", work);
    return tb_test_summary();
}
