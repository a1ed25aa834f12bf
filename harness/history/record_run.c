/* Recording a run folder in the history: its context and every record, in
 * one IMMEDIATE transaction that first deletes the run's earlier rows, so a
 * run recorded twice (a resumed or re-merged run) is there once. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_db.h"
#include "record.h"
#include "record_get.h"
#include "schema.h"
#include "store.h"
#include "summary.h"

static cJSON *load_context(const char *run_dir, char *err, size_t err_len)
{
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/context.json", run_dir);
    cJSON *ctx = tb_json_file_read(path);
    if (!ctx && errno != EINVAL) {
        snprintf(err, err_len, "cannot read '%s': %s (expected a folder written by tierbench "
                               "run)", path, strerror(errno));
        return NULL;
    }
    if (!cJSON_IsObject(ctx)) {
        snprintf(err, err_len, "'%s' is not a JSON object", path);
        cJSON_Delete(ctx);
        return NULL;
    }
    return ctx;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_num(sqlite3_stmt *st, int i, const cJSON *r, const char *dotted)
{
    double v;
    if (tb_rec_num(r, dotted, &v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static int insert_run(sqlite3 *db, const char *run_id, const char *folder, const cJSON *ctx,
                      const cJSON *records)
{
    /* The order of the cells_* columns below. */
    static const tb_cell_status column[] = {TB_STATUS_OK, TB_STATUS_FAILED, TB_STATUS_SKIPPED,
                                            TB_STATUS_DOES_NOT_FIT, TB_STATUS_TIMEOUT};
    int counts[TB_STATUS_TIMEOUT + 1] = {0};
    const cJSON *r;
    cJSON_ArrayForEach(r, records)
        counts[tb_status_parse(tb_rec_str(r, "status"))]++;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO runs (run_id, folder, date, git_revision, "
                           "tierbench_version, hostname, cpu, cells_total, cells_ok, cells_failed, "
                           "cells_skipped, cells_does_not_fit, cells_timeout, recorded_at) VALUES "
                           "(?,?,?,?,?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    bind_text(st, 1, run_id);
    bind_text(st, 2, folder);
    bind_text(st, 3, tb_rec_str(ctx, "date"));
    bind_text(st, 4, tb_rec_str(ctx, "git_revision"));
    bind_text(st, 5, tb_rec_str(ctx, "tierbench_version"));
    bind_text(st, 6, tb_rec_str(ctx, "hostname"));
    bind_text(st, 7, tb_rec_str(ctx, "cpu.model"));
    sqlite3_bind_int(st, 8, cJSON_GetArraySize(records));
    for (int i = 0; i < 5; i++)
        sqlite3_bind_int(st, 9 + i, counts[column[i]]);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return rc;
}

static int insert_cells(sqlite3 *db, const char *run_id, const cJSON *records, char *err,
                        size_t err_len)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO cells (run_id, position, cell_id, workload, target, tier, "
                           "backend, dtype, status, reason, median_ns, energy_uJ, macs, record) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, err_len, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int position = 0, rc = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        const char *cell_id = tb_rec_str(r, "cell_id");
        if (!cell_id) {
            snprintf(err, err_len, "record %d has no cell_id", position + 1);
            rc = -1;
            break;
        }
        char *text = cJSON_PrintUnformatted(r);
        sqlite3_reset(st);
        bind_text(st, 1, run_id);
        sqlite3_bind_int(st, 2, position++);
        bind_text(st, 3, cell_id);
        static const char *const fields[] = {"workload", "target", "tier", "backend",
                                             "dtype", "status", "reason"};
        for (int i = 0; i < 7; i++)
            bind_text(st, 4 + i, tb_rec_str(r, fields[i]));
        bind_num(st, 11, r, "latency.ns.median");
        bind_num(st, 12, r, "energy_uJ");
        bind_num(st, 13, r, "model.macs");
        bind_text(st, 14, text);
        free(text);
        int step = sqlite3_step(st);
        if (step != SQLITE_DONE) {
            snprintf(err, err_len, step == SQLITE_CONSTRAINT
                                       ? "cell '%s' appears twice in records.jsonl"
                                       : "cell '%s': %s",
                     cell_id, sqlite3_errmsg(db));
            rc = -1;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_environment(sqlite3 *db, const char *run_id, const cJSON *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO environment (run_id, context) VALUES (?, ?)", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    char *text = cJSON_PrintUnformatted(ctx);
    bind_text(st, 1, run_id);
    bind_text(st, 2, text);
    free(text);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return rc;
}

static int delete_run(sqlite3 *db, const char *run_id)
{
    static const char *const sql[] = {"DELETE FROM cells WHERE run_id = ?",
                                      "DELETE FROM environment WHERE run_id = ?",
                                      "DELETE FROM runs WHERE run_id = ?"};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
            return -1;
        bind_text(st, 1, run_id);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return -1;
    }
    return 0;
}

static int write_run(tb_history *h, const char *run_id, const char *folder, const cJSON *ctx,
                     const cJSON *records, char *err, size_t err_len)
{
    char why[512];
    if (tb_history_exec(h->db, "BEGIN IMMEDIATE", why, sizeof why) != 0) {
        snprintf(err, err_len, "history '%s': %s", h->path, why);
        return -1;
    }
    int rc = delete_run(h->db, run_id);
    if (rc == 0)
        rc = insert_run(h->db, run_id, folder, ctx, records);
    if (rc == 0)
        rc = insert_environment(h->db, run_id, ctx);
    if (rc != 0)
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(h->db));
    else
        rc = insert_cells(h->db, run_id, records, why, sizeof why);
    if (rc == 0 && tb_history_exec(h->db, "COMMIT", why, sizeof why) == 0)
        return 0;
    snprintf(err, err_len, "history '%s': recording run '%s' failed: %s", h->path, run_id, why);
    tb_history_exec(h->db, "ROLLBACK", why, sizeof why);
    return -1;
}

int tb_history_record(tb_history *h, const char *run_dir, char *err, size_t err_len)
{
    char folder[PATH_MAX];
    if (!realpath(run_dir, folder)) {
        snprintf(err, err_len, "cannot record '%s' in the history: %s", run_dir, strerror(errno));
        return -1;
    }
    const char *run_id = strrchr(folder, '/') + 1;
    cJSON *ctx = load_context(folder, err, err_len);
    cJSON *records = ctx ? tb_summary_load(folder, err, err_len) : NULL;
    int rc = records ? write_run(h, run_id, folder, ctx, records, err, err_len) : -1;
    cJSON_Delete(records);
    cJSON_Delete(ctx);
    return rc;
}

int tb_history_record_run(const char *run_dir, char *err, size_t err_len)
{
    char path[4096];
    int where = tb_history_path(NULL, path, sizeof path);
    if (where != 0) {
        if (where < 0)
            snprintf(err, err_len, "%s", path);
        return where < 0 ? -1 : 0;
    }
    tb_history *h = tb_history_open(path, 1, err, err_len);
    int rc = h ? tb_history_record(h, run_dir, err, err_len) : -1;
    tb_history_close(h);
    return rc;
}
