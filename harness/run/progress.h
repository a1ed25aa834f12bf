/* Progress of a run on standard output. On a terminal: a line per finished
 * cell and a status line rewritten in place (done/total, running cells,
 * ETA). Elsewhere (CI, pipes): plain lines only — with one job exactly the
 * lines of a sequential run, "[i/n] cell " when a cell starts and its
 * result when it ends; with more, one whole line per finished cell. */
#ifndef TB_PROGRESS_H
#define TB_PROGRESS_H

#include <cjson/cJSON.h>

#include "proc.h" /* tb_now_s */

typedef struct {
    int live;             /* rewrite a status line (stdout is a terminal) */
    int jobs, total, started, done;
    double t0_s;          /* monotonic start */
    double estimate_total_s, estimate_done_s; /* planned seconds: all, finished */
    double last_tick_s;
} tb_progress;

/* total cells to run now, their summed estimate in seconds. */
void tb_progress_init(tb_progress *p, int total, int jobs, double estimate_total_s);
void tb_progress_started(tb_progress *p, const char *cell_id);
/* record: the cell's record (status, reason, latency, output). */
void tb_progress_finished(tb_progress *p, const char *cell_id, const cJSON *record,
                          double seconds, double estimate_s);
/* Refreshes the status line (a few times a second at most). */
void tb_progress_tick(tb_progress *p, int running);
/* Clears the status line before the summary. */
void tb_progress_end(tb_progress *p);


#endif
