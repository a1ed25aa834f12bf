/* The results history: every finished run recorded in one SQLite database
 * (docs/history.md) so runs can be listed, filtered and compared by id long
 * after their folders moved. Writers from parallel processes are safe: the
 * database is in WAL mode and waits (busy timeout) rather than failing. */
#ifndef TB_HISTORY_H
#define TB_HISTORY_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* The schema this build writes; databases at a lower version are migrated
 * when opened, higher ones are refused. */
#define TB_HISTORY_SCHEMA_VERSION 2

/* The database path: given (--history), else $TB_HISTORY, else
 * $XDG_DATA_HOME/tierbench/history.sqlite, else
 * $HOME/.local/share/tierbench/history.sqlite. 0 with the path in out; 1
 * when the history is turned off (the value "off"); -1 with a reason in out. */
int tb_history_path(const char *given, char *out, size_t out_len);

typedef struct tb_history tb_history;

/* Opens the database at path and brings its schema to
 * TB_HISTORY_SCHEMA_VERSION. With create, a missing database (and its
 * folder) is created; without, a missing one is an error. NULL with a
 * one-line reason (missing, not a tierbench history, newer schema). */
tb_history *tb_history_open(const char *path, int create, char *err, size_t err_len);
void tb_history_close(tb_history *h);

/* Records the run folder run_dir (context.json and records.jsonl) in one
 * transaction; recording a run again replaces its rows. The run id is the
 * folder's name. 0, or -1 with a reason (the database is unchanged). */
int tb_history_record(tb_history *h, const char *run_dir, char *err, size_t err_len);

/* The hook a finished run calls: records run_dir in the history that
 * tb_history_path(NULL) names. 0 when recorded or when the history is off,
 * -1 with a reason; callers warn and carry on, a run never fails for it. */
int tb_history_record_run(const char *run_dir, char *err, size_t err_len);

/* Filters of tb_history_runs; NULL fields do not filter. Dates are UTC,
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS", both bounds inclusive. */
typedef struct {
    const char *workload; /* a cell's workload is this, or this with parameters ("vww" matches "vww:res=96") */
    const char *target;   /* a cell ran on this target */
    const char *since, *until;
    const char *revision; /* the git revision contains this */
    int limit;            /* at most this many runs, newest first; 0: all */
} tb_history_filter;

/* 1 when s is a date the filters accept. */
int tb_history_date_valid(const char *s);

/* The runs matching f, newest first: an array of objects (run_id, folder,
 * date, git_revision, tierbench_version, hostname, cpu, recorded_at, cells:
 * {total, ok, failed, skipped, does_not_fit, timeout}). NULL with a reason. */
cJSON *tb_history_runs(tb_history *h, const tb_history_filter *f, char *err, size_t err_len);

/* A run's cells in record order: objects with cell_id, workload, target,
 * tier, backend, dtype, status, reason, median_ns, energy_uJ, macs (null
 * where the record has none). NULL with a reason, also for an unknown run. */
cJSON *tb_history_cells(tb_history *h, const char *run_id, char *err, size_t err_len);

/* A run's full records as recorded, in record order (what records.jsonl
 * held). NULL with a reason, also for an unknown run. */
cJSON *tb_history_records(tb_history *h, const char *run_id, char *err, size_t err_len);

#endif
