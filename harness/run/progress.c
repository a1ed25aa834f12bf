/* Progress lines and the live status line. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


void tb_progress_init(tb_progress *p, int total, int jobs, double estimate_total_s)
{
    *p = (tb_progress){.live = isatty(STDOUT_FILENO), .jobs = jobs, .total = total,
                       .t0_s = tb_now_s(), .estimate_total_s = estimate_total_s};
}

static int legacy(const tb_progress *p)
{
    return !p->live && p->jobs == 1;
}

void tb_progress_started(tb_progress *p, const char *cell_id)
{
    p->started++;
    if (legacy(p)) {
        printf("[%d/%d] %-28s ", p->started, p->total, cell_id);
        fflush(stdout);
    }
}

static const cJSON *path(const cJSON *o, const char *a, const char *b, const char *c)
{
    o = cJSON_GetObjectItem(o, a);
    if (b)
        o = cJSON_GetObjectItem(o, b);
    if (c)
        o = cJSON_GetObjectItem(o, c);
    return o;
}

static void print_result(const cJSON *r, double seconds)
{
    const char *status = cJSON_GetStringValue(cJSON_GetObjectItem(r, "status"));
    const cJSON *median = path(r, "latency", "ns", "median");
    if (status && strcmp(status, "ok") == 0 && cJSON_IsNumber(median))
        printf("ok  median %.3f ms, %.2f GMAC/s, output %s (%.1f s)\n", median->valuedouble / 1e6,
               cJSON_GetNumberValue(cJSON_GetObjectItem(r, "macs_per_s")) / 1e9,
               cJSON_IsTrue(path(r, "output", "match", NULL)) ? "matches" : "DIFFERS", seconds);
    else
        printf("%s: %s (%.1f s)\n", status ? status : "?",
               cJSON_GetStringValue(cJSON_GetObjectItem(r, "reason"))
                   ? cJSON_GetStringValue(cJSON_GetObjectItem(r, "reason"))
                   : "",
               seconds);
}

static void clear_status(const tb_progress *p)
{
    if (p->live)
        printf("\r\033[K");
}

void tb_progress_finished(tb_progress *p, const char *cell_id, const cJSON *record,
                          double seconds, double estimate_s)
{
    p->done++;
    p->estimate_done_s += estimate_s;
    if (!legacy(p)) {
        clear_status(p);
        printf("[%d/%d] %-28s ", p->done, p->total, cell_id);
    }
    print_result(record, seconds);
    fflush(stdout);
    p->last_tick_s = 0;
}

/* Remaining time: the remaining estimate scaled by how the finished cells'
 * wall time compared with theirs (so a slow machine is accounted for). */
static double eta_s(const tb_progress *p, double now)
{
    const double elapsed = now - p->t0_s;
    const double left = p->estimate_total_s - p->estimate_done_s;
    if (p->estimate_done_s > 0)
        return left * elapsed / p->estimate_done_s;
    return left / p->jobs;
}

void tb_progress_tick(tb_progress *p, int running)
{
    const double now = tb_now_s();
    if (!p->live || now - p->last_tick_s < 0.25)
        return;
    p->last_tick_s = now;
    const int eta = (int)(eta_s(p, now) + 0.5);
    printf("\r\033[K[%d/%d] %d running, %.0f s elapsed, ETA %dm%02ds", p->done, p->total, running,
           now - p->t0_s, eta / 60, eta % 60);
    fflush(stdout);
}

void tb_progress_end(tb_progress *p)
{
    clear_status(p);
    if (legacy(p) && p->started > p->done)
        printf("interrupted\n");
    fflush(stdout);
}
