/* tierbench status: the plan's cells against their records, and for a run
 * on Slurm the queue's view of its array tasks (jobs.json maps each task
 * to its cells). */
#include "slurm.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_folder.h"
#include "slurm_jobs.h"

enum { CELL_WAITING, CELL_PENDING, CELL_RUNNING, CELL_DONE };

typedef struct {
    const cJSON *jobs;
    unsigned char *state; /* per plan index */
    int n;
    tb_run_progress *p;
} queue_view;

static void on_task(void *ctx, const char *job_id, int task, const char *state)
{
    queue_view *v = ctx;
    const cJSON *j;
    cJSON_ArrayForEach(j, v->jobs) {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "job_id"));
        if (!id || strcmp(id, job_id) != 0)
            continue;
        const cJSON *tasks = cJSON_GetObjectItemCaseSensitive(j, "tasks");
        if (!tasks) {
            snprintf(v->p->merge_state, sizeof v->p->merge_state, "%s", state);
            return;
        }
        const cJSON *cell;
        int running = strcmp(state, "RUNNING") == 0 || strcmp(state, "COMPLETING") == 0 ||
                      strcmp(state, "CONFIGURING") == 0;
        cJSON_ArrayForEach(cell, cJSON_GetArrayItem(tasks, task)) {
            int i = cell->valueint;
            if (i >= 0 && i < v->n && v->state[i] != CELL_DONE)
                v->state[i] = running ? CELL_RUNNING : CELL_PENDING;
        }
    }
}

static void ask_queue(const char *run_dir, queue_view *v)
{
    char path[1200], ids[512] = "";
    snprintf(path, sizeof path, "%s/slurm/jobs.json", run_dir);
    cJSON *doc = tb_json_file_read(path);
    if (!doc)
        return;
    v->p->submitted = 1;
    v->jobs = cJSON_GetObjectItemCaseSensitive(doc, "jobs");
    const cJSON *j;
    cJSON_ArrayForEach(j, v->jobs) {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "job_id"));
        size_t used = strlen(ids);
        if (id)
            snprintf(ids + used, sizeof ids - used, "%s%s", used ? "," : "", id);
        if (id && !cJSON_GetObjectItemCaseSensitive(j, "tasks"))
            snprintf(v->p->merge_job, sizeof v->p->merge_job, "%s", id);
    }
    if (ids[0])
        tb_slurm_queue(ids, on_task, v, v->p->queue_error, sizeof v->p->queue_error);
    cJSON_Delete(doc);
}

static int count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    int n = 0, c;
    while (f && (c = fgetc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

static void count_record(tb_run_progress *p, const cJSON *rec)
{
    p->done++;
    p->by_status[tb_status_parse(
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "status")))]++;
}

int tb_run_progress_read(const char *run_dir, tb_run_progress *p, char *err, size_t err_len)
{
    memset(p, 0, sizeof *p);
    tb_run_folder f;
    if (tb_run_folder_open(run_dir, &f, err, err_len))
        return -1;
    snprintf(p->run_id, sizeof p->run_id, "%s", f.run_id);
    const cJSON *c;
    /* plan.json's cells are in index order (tb_plan_read checks it) */
    queue_view v = {NULL, calloc((size_t)cJSON_GetArraySize(f.cells) + 1, 1),
                    cJSON_GetArraySize(f.cells), p};
    if (!v.state)
        abort();
    p->total = v.n;
    int i = 0;
    cJSON_ArrayForEach(c, f.cells) {
        cJSON *rec = tb_run_folder_record(&f, c);
        if (rec) {
            v.state[i] = CELL_DONE;
            count_record(p, rec);
        }
        cJSON_Delete(rec);
        i++;
    }
    ask_queue(run_dir, &v);
    for (i = 0; i < v.n; i++) {
        p->running += v.state[i] == CELL_RUNNING;
        p->pending += v.state[i] == CELL_PENDING;
        p->waiting += v.state[i] == CELL_WAITING;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/records.jsonl", run_dir);
    p->merged = count_lines(path);
    free(v.state);
    tb_run_folder_close(&f);
    return 0;
}
