/* Reading the history back: runs by filter, and one run's cells or full
 * records. Rows become cJSON so the CLI renders text and JSON from one
 * tree. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "history_db.h"

int tb_history_date_valid(const char *s)
{
    static const char date[] = "dddd-dd-dd", time[] = "Tdd:dd:dd";
    size_t n = strlen(s);
    if (n != 10 && n != 19 && !(n == 20 && s[19] == 'Z'))
        return 0;
    for (size_t i = 0; i < n && i < 19; i++) {
        char want = i < 10 ? date[i] : time[i - 10];
        if (want == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != want)
            return 0;
    }
    return 1;
}

static cJSON *column_json(sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        return cJSON_CreateNumber((double)sqlite3_column_int64(st, i));
    case SQLITE_FLOAT:
        return cJSON_CreateNumber(sqlite3_column_double(st, i));
    case SQLITE_NULL:
        return cJSON_CreateNull();
    default:
        return cJSON_CreateString((const char *)sqlite3_column_text(st, i));
    }
}

/* One object per row, keyed by column name; cells_* columns gather under
 * "cells" as {total, ok, ...}. NULL with a reason when a step fails, never
 * a silently shortened list. */
static cJSON *rows_json(tb_history *h, sqlite3_stmt *st, char *err, size_t err_len)
{
    cJSON *rows = cJSON_CreateArray();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *o = cJSON_CreateObject(), *cells = NULL;
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *name = sqlite3_column_name(st, i);
            if (strncmp(name, "cells_", 6) == 0) {
                if (!cells)
                    cells = cJSON_AddObjectToObject(o, "cells");
                cJSON_AddItemToObject(cells, name + 6, column_json(st, i));
            } else {
                cJSON_AddItemToObject(o, name, column_json(st, i));
            }
        }
        cJSON_AddItemToArray(rows, o);
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, err_len, "history '%s': %s", h->path, sqlite3_errmsg(h->db));
        cJSON_Delete(rows);
        return NULL;
    }
    return rows;
}

static void bind_opt(sqlite3_stmt *st, const char *name, const char *value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (value)
        sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* A NULL parameter switches its filter off, so one statement serves every
 * combination of filters. An "until" date alone covers its whole day: the
 * run's date is cut to the bound's length before comparing. A workload with
 * parameters ("vww:res=96") sorts between "vww:" and "vww;" (';' follows
 * ':'), a range the cells(workload) index serves. */
cJSON *tb_history_runs(tb_history *h, const tb_history_filter *f, char *err, size_t err_len)
{
    static const char sql[] =
        "SELECT run_id, date, git_revision, tierbench_version, hostname, cpu, folder, "
        "recorded_at, cells_total, cells_ok, cells_failed, cells_skipped, "
        "cells_does_not_fit, cells_timeout FROM runs r "
        "WHERE (:since IS NULL OR r.date >= :since) "
        "AND (:until IS NULL OR substr(r.date, 1, length(:until)) <= :until) "
        "AND (:rev IS NULL OR instr(r.git_revision, :rev) > 0) "
        "AND (:workload IS NULL OR r.run_id IN (SELECT run_id FROM cells WHERE "
        "     workload = :workload OR (workload > :workload || ':' AND workload < :workload || ';'))) "
        "AND (:target IS NULL OR r.run_id IN (SELECT run_id FROM cells WHERE target = :target)) "
        "ORDER BY r.date DESC, r.run_id DESC LIMIT :limit";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, err_len, "history '%s': %s", h->path, sqlite3_errmsg(h->db));
        return NULL;
    }
    bind_opt(st, ":since", f->since);
    bind_opt(st, ":until", f->until);
    bind_opt(st, ":rev", f->revision);
    bind_opt(st, ":workload", f->workload);
    bind_opt(st, ":target", f->target);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), f->limit > 0 ? f->limit : -1);
    cJSON *rows = rows_json(h, st, err, err_len);
    sqlite3_finalize(st);
    return rows;
}

static int run_exists(tb_history *h, const char *run_id)
{
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(h->db, "SELECT 1 FROM runs WHERE run_id = ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, run_id, -1, SQLITE_TRANSIENT);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

static sqlite3_stmt *run_rows(tb_history *h, const char *columns, const char *run_id, char *err,
                              size_t err_len)
{
    if (!run_exists(h, run_id)) {
        snprintf(err, err_len, "no run '%s' in the history '%s' (tierbench history lists them)",
                 run_id, h->path);
        return NULL;
    }
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM cells WHERE run_id = ? ORDER BY position", columns);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, err_len, "history '%s': %s", h->path, sqlite3_errmsg(h->db));
        return NULL;
    }
    sqlite3_bind_text(st, 1, run_id, -1, SQLITE_TRANSIENT);
    return st;
}

cJSON *tb_history_cells(tb_history *h, const char *run_id, char *err, size_t err_len)
{
    sqlite3_stmt *st = run_rows(h, "cell_id, workload, target, tier, backend, dtype, status, "
                                   "reason, median_ns, energy_uJ, macs",
                                run_id, err, err_len);
    if (!st)
        return NULL;
    cJSON *rows = rows_json(h, st, err, err_len);
    sqlite3_finalize(st);
    return rows;
}

cJSON *tb_history_records(tb_history *h, const char *run_id, char *err, size_t err_len)
{
    sqlite3_stmt *st = run_rows(h, "cell_id, record", run_id, err, err_len);
    if (!st)
        return NULL;
    cJSON *records = cJSON_CreateArray();
    int rc = SQLITE_DONE;
    while (records && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *r = cJSON_Parse((const char *)sqlite3_column_text(st, 1));
        if (!cJSON_IsObject(r)) {
            snprintf(err, err_len, "history '%s': run '%s' cell '%s': the stored record is not "
                                   "a JSON object", h->path, run_id,
                     (const char *)sqlite3_column_text(st, 0));
            cJSON_Delete(r);
            cJSON_Delete(records);
            records = NULL;
        } else {
            cJSON_AddItemToArray(records, r);
        }
    }
    if (records && rc != SQLITE_DONE) {
        snprintf(err, err_len, "history '%s': %s", h->path, sqlite3_errmsg(h->db));
        cJSON_Delete(records);
        records = NULL;
    }
    sqlite3_finalize(st);
    return records;
}
