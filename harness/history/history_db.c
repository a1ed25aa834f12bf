/* Finding and opening the history database: the path rules, WAL mode and a
 * busy timeout so concurrent writers wait instead of failing, and the
 * schema brought up to date on open. */
#include "history_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"
#include "store.h"

/* How long a writer waits for another's transaction. Transactions last
 * milliseconds (one run's rows); the margin covers many parallel writers on
 * a loaded machine or a slow shared file system. */
enum { BUSY_TIMEOUT_MS = 60000 };

int tb_history_path(const char *given, char *out, size_t out_len)
{
    const char *p = given && *given ? given : getenv("TB_HISTORY");
    const char *home = getenv("HOME"), *xdg = getenv("XDG_DATA_HOME");
    if (p && *p) {
        if (strcmp(p, "off") == 0)
            return 1;
        snprintf(out, out_len, "%s", p);
    } else if (xdg && *xdg) {
        snprintf(out, out_len, "%s/tierbench/history.sqlite", xdg);
    } else if (home && *home) {
        snprintf(out, out_len, "%s/.local/share/tierbench/history.sqlite", home);
    } else {
        snprintf(out, out_len, "no history path: HOME and XDG_DATA_HOME are unset; give "
                               "--history PATH or set TB_HISTORY (or TB_HISTORY=off)");
        return -1;
    }
    return 0;
}

static int make_parent(const char *path, char *err, size_t err_len)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = 0;
    if (tb_mkdir_p(dir) == 0)
        return 0;
    snprintf(err, err_len, "cannot create the history's folder '%s': %s (give another path "
                           "with --history or TB_HISTORY, or TB_HISTORY=off)",
             dir, strerror(errno));
    return -1;
}

/* Switching to WAL needs an exclusive lock, and SQLite answers "busy" at
 * once, without the busy handler, while another process switches or
 * recovers the same database; so the switch is retried for as long as the
 * busy timeout would wait. */
static int set_wal(sqlite3 *db)
{
    for (int waited_ms = 0;; waited_ms += 10) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        int wal = rc == SQLITE_ROW &&
                  strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
        sqlite3_finalize(st);
        if (wal)
            return 0;
        if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= BUSY_TIMEOUT_MS)
            return -1;
        sqlite3_sleep(10);
    }
}

/* WAL lets readers run beside a writer and writers queue on one lock;
 * NORMAL sync is durable across crashes of the process in WAL mode, and the
 * run folder stays the source of truth should power fail. */
static int configure(tb_history *h, char *err, size_t err_len)
{
    char why[512];
    sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
    if (set_wal(h->db) != 0) {
        snprintf(err, err_len, "'%s' cannot be opened as an SQLite database in WAL mode: %s "
                               "(give another path with --history or TB_HISTORY)",
                 h->path, sqlite3_errmsg(h->db));
        return -1;
    }
    if (tb_history_exec(h->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", why,
                        sizeof why) != 0) {
        snprintf(err, err_len, "history '%s': %s", h->path, why);
        return -1;
    }
    return tb_history_schema_migrate(h->db, h->path, err, err_len);
}

tb_history *tb_history_open(const char *path, int create, char *err, size_t err_len)
{
    struct stat st;
    if (!create && stat(path, &st) != 0) {
        snprintf(err, err_len, "no history at '%s' yet: tierbench run records every finished "
                               "run there (docs/history.md); another database: --history PATH "
                               "or TB_HISTORY", path);
        return NULL;
    }
    if (create && make_parent(path, err, err_len) != 0)
        return NULL;
    tb_history *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    snprintf(h->path, sizeof h->path, "%s", path);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &h->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, err_len, "cannot open the history '%s': %s", path,
                 h->db ? sqlite3_errmsg(h->db) : "out of memory");
        tb_history_close(h);
        return NULL;
    }
    if (configure(h, err, err_len) != 0) {
        tb_history_close(h);
        return NULL;
    }
    return h;
}

void tb_history_close(tb_history *h)
{
    if (!h)
        return;
    sqlite3_close(h->db);
    free(h);
}
