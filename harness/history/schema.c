/* Schema versions of the history. Version 1: runs, cells (each with its
 * full record JSON) and environment (the context JSON). Version 2: when each
 * run was recorded, and indexes for the filters of `tierbench history`. A
 * version is never edited once released; a change is a new step. */
#include "schema.h"

#include <stdio.h>

#include "history.h"

static const char v1_sql[] =
    "CREATE TABLE schema ("
    "  version INTEGER PRIMARY KEY,"
    "  applied_at TEXT NOT NULL,"
    "  description TEXT NOT NULL);"
    "CREATE TABLE runs ("
    "  run_id TEXT PRIMARY KEY,"
    "  folder TEXT NOT NULL,"
    "  date TEXT,"
    "  git_revision TEXT,"
    "  tierbench_version TEXT,"
    "  hostname TEXT,"
    "  cpu TEXT,"
    "  cells_total INTEGER NOT NULL,"
    "  cells_ok INTEGER NOT NULL,"
    "  cells_failed INTEGER NOT NULL,"
    "  cells_skipped INTEGER NOT NULL,"
    "  cells_does_not_fit INTEGER NOT NULL,"
    "  cells_timeout INTEGER NOT NULL);"
    "CREATE TABLE cells ("
    "  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  cell_id TEXT NOT NULL,"
    "  workload TEXT, target TEXT, tier TEXT, backend TEXT, dtype TEXT,"
    "  status TEXT, reason TEXT,"
    "  median_ns REAL, energy_uJ REAL, macs INTEGER,"
    "  record TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, cell_id));"
    "CREATE TABLE environment ("
    "  run_id TEXT PRIMARY KEY REFERENCES runs(run_id) ON DELETE CASCADE,"
    "  context TEXT NOT NULL);"
    "INSERT INTO schema VALUES (1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    "  'runs, cells with their record JSON, environment');"
    "PRAGMA user_version = 1;";

/* `tierbench history --workload/--target/--since` scan cells by workload
 * and target and runs by date; recorded_at tells a run's date (when it ran)
 * from when it entered the history (NULL for runs recorded before v2). */
static const char v1_to_v2_sql[] =
    "ALTER TABLE runs ADD COLUMN recorded_at TEXT;"
    "CREATE INDEX cells_workload ON cells(workload);"
    "CREATE INDEX cells_target ON cells(target);"
    "CREATE INDEX runs_date ON runs(date);"
    "INSERT INTO schema VALUES (2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    "  'runs.recorded_at; indexes on cells(workload), cells(target), runs(date)');"
    "PRAGMA user_version = 2;";

int tb_history_exec(sqlite3 *db, const char *sql, char *err, size_t err_len)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    snprintf(err, err_len, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

int tb_history_schema_create_v1(sqlite3 *db, char *err, size_t err_len)
{
    return tb_history_exec(db, v1_sql, err, err_len);
}

static int migrate_v1_to_v2(sqlite3 *db, char *err, size_t err_len)
{
    return tb_history_exec(db, v1_to_v2_sql, err, err_len);
}

/* steps[v] takes a database from version v to v + 1. */
static int (*const steps[TB_HISTORY_SCHEMA_VERSION])(sqlite3 *, char *, size_t) = {
    tb_history_schema_create_v1,
    migrate_v1_to_v2,
};

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* An empty database has no tables; a non-empty one at version 0 belongs to
 * something else, and is not ours to alter. */
static int is_empty(sqlite3 *db)
{
    sqlite3_stmt *st;
    int empty = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        empty = sqlite3_column_int(st, 0) == 0;
    sqlite3_finalize(st);
    return empty;
}

static int refuse_newer(const char *path, int v, char *err, size_t err_len)
{
    snprintf(err, err_len,
             "history '%s' has schema version %d, newer than this tierbench reads (up to %d); "
             "use a newer tierbench, or another database with --history or TB_HISTORY",
             path, v, TB_HISTORY_SCHEMA_VERSION);
    return -1;
}

int tb_history_schema_migrate(sqlite3 *db, const char *path, char *err, size_t err_len)
{
    char why[512];
    int v = user_version(db);
    if (v == TB_HISTORY_SCHEMA_VERSION)
        return 0;
    if (v > TB_HISTORY_SCHEMA_VERSION)
        return refuse_newer(path, v, err, err_len);
    if (tb_history_exec(db, "BEGIN IMMEDIATE", why, sizeof why) != 0) {
        snprintf(err, err_len, "history '%s': cannot lock it to update its schema: %s", path, why);
        return -1;
    }
    /* read again under the lock: another process may have migrated meanwhile */
    v = user_version(db);
    int rc = 0;
    if (v < 0) {
        snprintf(err, err_len, "history '%s': cannot read its schema version: %s", path,
                 sqlite3_errmsg(db));
        rc = -1;
    } else if (v > TB_HISTORY_SCHEMA_VERSION) {
        rc = refuse_newer(path, v, err, err_len);
    } else if (v == 0 && !is_empty(db)) {
        snprintf(err, err_len,
                 "'%s' is an SQLite database but not a tierbench history (it has tables and "
                 "no schema version); give another path with --history or TB_HISTORY", path);
        rc = -1;
    }
    for (; rc == 0 && v < TB_HISTORY_SCHEMA_VERSION; v++)
        if (steps[v](db, why, sizeof why) != 0) {
            snprintf(err, err_len, "history '%s': updating the schema from version %d to %d "
                                   "failed: %s", path, v, v + 1, why);
            rc = -1;
        }
    if (tb_history_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", why, sizeof why) != 0 && rc == 0) {
        snprintf(err, err_len, "history '%s': cannot commit the schema update: %s", path, why);
        rc = -1;
    }
    return rc;
}
