/* tierbench run --slurm, after the plan is written: prepare the object
 * cache, batch the unfinished cells into array tasks, write and submit the
 * scripts, keep the job ids. */
#include "slurm.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "run_folder.h"
#include "slurm_jobs.h"
#include "slurm_script.h"
#include "store.h"

enum { PREPARE_TIMEOUT_S = 3600, LIST_LEN = 4096 };

int tb_slurm_time_ok(const char *s)
{
    if (strcmp(s, "UNLIMITED") == 0 || strcmp(s, "INFINITE") == 0)
        return 1;
    const char *dash = strchr(s, '-');
    int fields = 0, max_fields = 3;
    const char *p = s;
    if (dash) {
        if (dash == s || strspn(s, "0123456789") != (size_t)(dash - s))
            return 0;
        p = dash + 1;
    }
    for (;;) {
        size_t digits = strspn(p, "0123456789");
        if (digits == 0)
            return 0;
        fields++;
        p += digits;
        if (*p == '\0')
            break;
        if (*p++ != ':')
            return 0;
    }
    return fields <= max_fields;
}

int tb_cell_list_format(const int *idx, int n, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n;) {
        int j = i;
        while (j + 1 < n && idx[j + 1] == idx[j] + 1)
            j++;
        int w = j > i ? snprintf(out + used, len - used, "%s%d-%d", i ? "," : "", idx[i], idx[j])
                      : snprintf(out + used, len - used, "%s%d", i ? "," : "", idx[i]);
        if (w < 0 || (size_t)w >= len - used)
            return -1;
        used += (size_t)w;
        i = j + 1;
    }
    return 0;
}

/* A plan cell as the submission sees it. */
typedef struct {
    int index;
    int measured;
    const char *target;
    double estimate_s;
} plan_cell;

/* The plan's cells without a record, in plan order. */
static plan_cell *unfinished(const tb_run_folder *f, int *n)
{
    const cJSON *c;
    plan_cell *out = calloc((size_t)cJSON_GetArraySize(f->cells) + 1, sizeof *out);
    if (!out)
        abort();
    *n = 0;
    cJSON_ArrayForEach(c, f->cells) {
        cJSON *rec = tb_run_folder_record(f, c);
        if (rec) {
            cJSON_Delete(rec);
            continue;
        }
        plan_cell *p = &out[(*n)++];
        p->index = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(c, "index"));
        p->measured = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "measured"));
        p->target = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
        p->estimate_s = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(c, "estimate_s"));
    }
    return out;
}

/* Runs, here and now, the cheapest unfinished cell of every emulated
 * target: compiling a cell is what fills the object cache with that
 * target's runtime and kernel objects, so array tasks only compile their
 * own model and main instead of all compiling the runtime at once. Those
 * cells are then done, and no task runs them again. */
static int prepare(const char *run_dir, const tb_slurm_options *o, const plan_cell *cells, int n,
                   char *err, size_t err_len)
{
    unsigned char *chosen = calloc((size_t)n + 1, 1);
    int *idx = malloc(((size_t)n + 1) * sizeof *idx), k = 0;
    if (!chosen || !idx)
        abort();
    for (int i = 0; i < n; i++) {
        if (cells[i].measured)
            continue;
        int same = -1;
        for (int j = 0; j < i && same < 0; j++)
            if (chosen[j] && strcmp(cells[j].target, cells[i].target) == 0)
                same = j;
        if (same < 0 || cells[i].estimate_s < cells[same].estimate_s) {
            chosen[i] = 1;
            if (same >= 0)
                chosen[same] = 0;
        }
    }
    for (int i = 0; i < n; i++)
        if (chosen[i])
            idx[k++] = cells[i].index;
    free(chosen);
    if (k == 0) {
        free(idx);
        return 0;
    }
    char list[LIST_LEN], log[1200];
    int rc = tb_cell_list_format(idx, k, list, sizeof list);
    free(idx);
    if (rc != 0) {
        snprintf(err, err_len, "too many emulated targets to prepare");
        return -1;
    }
    snprintf(log, sizeof log, "%s/slurm/logs/prepare.log", run_dir);
    printf("preparing: building the runtime objects of %d emulated target%s into %s "
           "(cells %s; log %s)\n",
           k, k == 1 ? "" : "s", o->cache_dir, list, log);
    fflush(stdout);
    char *argv[] = {(char *)o->tierbench, "run", "--resume", (char *)run_dir, "--cells", list,
                    "--no-merge", NULL};
    setenv("TB_CACHE_DIR", o->cache_dir, 1);
    tb_proc_result r;
    if (tb_proc_run(argv, log, PREPARE_TIMEOUT_S, &r, err, err_len) != 0)
        return -1;
    /* A failed cell is a finding recorded like any other; only a run that
     * could not run at all stops the submission. */
    if (r.timed_out || r.signaled || (r.exit_code != 0 && r.exit_code != 1)) {
        char last[300];
        tb_last_line(log, last, sizeof last);
        snprintf(err, err_len, "preparing the object cache failed: %s (see %s)",
                 r.timed_out ? "time limit reached" : last, log);
        return -1;
    }
    return 0;
}

/* The array tasks of one kind of cell (emulated or measured): per_task
 * cells each, in plan order; task t runs idx[start[t]] .. idx[start[t+1]-1],
 * given to it as lists[t]. */
typedef struct {
    int n;
    char **lists;
    int *idx, *start;
} task_set;

static task_set batch(const plan_cell *cells, int n, int measured, int per_task)
{
    task_set ts = {0, NULL, malloc(((size_t)n + 1) * sizeof(int)), NULL};
    int m = 0;
    if (!ts.idx)
        abort();
    for (int i = 0; i < n; i++)
        if (cells[i].measured == measured)
            ts.idx[m++] = cells[i].index;
    ts.n = (m + per_task - 1) / per_task;
    ts.lists = calloc((size_t)ts.n + 1, sizeof *ts.lists);
    ts.start = calloc((size_t)ts.n + 1, sizeof *ts.start);
    if (!ts.lists || !ts.start)
        abort();
    for (int t = 0; t < ts.n; t++) {
        ts.start[t] = t * per_task;
        ts.start[t + 1] = m - ts.start[t] < per_task ? m : ts.start[t] + per_task;
        ts.lists[t] = malloc(LIST_LEN);
        /* per_task is bounded (TB_SLURM_MAX_CELLS_PER_TASK), so a list fits */
        if (!ts.lists[t] || tb_cell_list_format(ts.idx + ts.start[t],
                                                ts.start[t + 1] - ts.start[t], ts.lists[t],
                                                LIST_LEN) != 0)
            abort();
    }
    return ts;
}

static void free_tasks(task_set *ts)
{
    for (int i = 0; i < ts->n; i++)
        free(ts->lists[i]);
    free(ts->lists);
    free(ts->idx);
    free(ts->start);
}

/* One job of the run: its script written and submitted, its id and tasks
 * added to jobs.json. */
static int submit_job(tb_slurm_job_spec *spec, const task_set *ts, const char *dependency,
                      cJSON *jobs, char *id, size_t id_len, char *err, size_t err_len)
{
    char script[1200];
    if (tb_slurm_write_script(spec, script, sizeof script, err, err_len) ||
        tb_slurm_sbatch(script, dependency, id, id_len, err, err_len))
        return -1;
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "name", spec->name);
    cJSON_AddStringToObject(j, "job_id", id);
    cJSON_AddStringToObject(j, "script", script);
    if (ts) {
        cJSON *tasks = cJSON_AddArrayToObject(j, "tasks");
        for (int t = 0; t < ts->n; t++)
            cJSON_AddItemToArray(tasks, cJSON_CreateIntArray(ts->idx + ts->start[t],
                                                             ts->start[t + 1] - ts->start[t]));
    }
    cJSON_AddItemToArray(jobs, j);
    return 0;
}

static int write_jobs(const char *run_dir, cJSON *doc, char *err, size_t err_len)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/slurm/jobs.json", run_dir);
    char *text = cJSON_Print(doc);
    int rc = tb_write_file_atomic(path, text, strlen(text));
    cJSON_free(text);
    if (rc != 0)
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
    return rc;
}

static void print_submitted(const char *run_dir, const char *run_id, const tb_slurm_options *o,
                            int n, const task_set ts[2], char ids[3][32])
{
    char all[100] = "", blank[100] = "";
    for (int k = 0; k < 3; k++) {
        if (!ids[k][0])
            continue;
        size_t a = strlen(all), b = strlen(blank);
        snprintf(all + a, sizeof all - a, "%s%s", a ? "," : "", ids[k]);
        snprintf(blank + b, sizeof blank - b, "%s%s", b ? " " : "", ids[k]);
    }
    printf("submitted run %s to Slurm: %d cell%s to run\n", run_id, n, n == 1 ? "" : "s");
    if (ts[0].n)
        printf("  emulated cells  job %s: array of %d task%s, up to %d cell%s each\n", ids[0],
               ts[0].n, ts[0].n == 1 ? "" : "s", o->cells_per_task,
               o->cells_per_task == 1 ? "" : "s");
    if (ts[1].n)
        printf("  measured cells  job %s: array of %d task%s, one cell each on a whole node "
               "(--exclusive)\n",
               ids[1], ts[1].n, ts[1].n == 1 ? "" : "s");
    printf("  merge           job %s: %s\n", ids[2],
           ts[0].n || ts[1].n ? "after the cells (afterany)" : "now: every cell is done");
    printf("watch:   tierbench status %s   (or: squeue -j %s)\n", run_dir, all);
    printf("cancel:  scancel %s\n", blank);
    printf("results: %s/records.jsonl once job %s has run\n", run_dir, ids[2]);
}

static int submit_all(const char *run_dir, const char *run_id, const tb_slurm_options *o,
                      const plan_cell *cells, int n, char *err, size_t err_len)
{
    char resume[2400], merge[2400], dep[160] = "afterany", ids[3][32] = {"", "", ""};
    snprintf(resume, sizeof resume, "%s run --resume %s --cells \"$cells\" --no-merge",
             o->tierbench, run_dir);
    snprintf(merge, sizeof merge, "%s merge %s", o->tierbench, run_dir);
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "schema_version", 1);
    cJSON *jobs = cJSON_AddArrayToObject(doc, "jobs");
    task_set ts[2] = {batch(cells, n, 0, o->cells_per_task), batch(cells, n, 1, 1)};
    tb_slurm_job_spec spec[3] = {
        {"cells", run_id, run_dir, o->partition, o->time_limit, 0,
         (const char *const *)ts[0].lists, ts[0].n, resume, o->cache_dir},
        {"measured", run_id, run_dir, o->partition, o->time_limit, 1,
         (const char *const *)ts[1].lists, ts[1].n, resume, o->cache_dir},
        {"merge", run_id, run_dir, o->partition, NULL, 0, NULL, 0, merge, o->cache_dir},
    };
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        if (ts[k].n == 0)
            continue;
        rc = submit_job(&spec[k], &ts[k], NULL, jobs, ids[k], sizeof ids[k], err, err_len);
        if (rc == 0) {
            size_t used = strlen(dep);
            snprintf(dep + used, sizeof dep - used, ":%s", ids[k]);
        }
    }
    if (rc == 0)
        rc = submit_job(&spec[2], NULL, strchr(dep, ':') ? dep : NULL, jobs, ids[2],
                        sizeof ids[2], err, err_len);
    /* Whatever was submitted is kept, so status and scancel can find it. */
    char jobs_err[1400];
    if (cJSON_GetArraySize(jobs) > 0 && write_jobs(run_dir, doc, jobs_err, sizeof jobs_err)) {
        if (rc == 0)
            snprintf(err, err_len, "%s", jobs_err);
        rc = -1;
    }
    cJSON_Delete(doc);
    if (rc == 0)
        print_submitted(run_dir, run_id, o, n, ts, ids);
    free_tasks(&ts[0]);
    free_tasks(&ts[1]);
    return rc;
}

int tb_slurm_submit(const char *run_dir, const tb_slurm_options *o, char *err, size_t err_len)
{
    tb_run_folder f;
    if (tb_run_folder_open(run_dir, &f, err, err_len))
        return -1;
    char logs[1200];
    snprintf(logs, sizeof logs, "%s/slurm/logs", run_dir);
    int n = 0, rc = tb_mkdir_p(logs);
    if (rc != 0)
        snprintf(err, err_len, "cannot create %s: %s", logs, strerror(errno));
    plan_cell *cells = NULL;
    if (rc == 0) {
        cells = unfinished(&f, &n);
        rc = prepare(run_dir, o, cells, n, err, err_len);
    }
    if (rc == 0) {
        free(cells);
        cells = unfinished(&f, &n);
        rc = submit_all(run_dir, f.run_id, o, cells, n, err, err_len);
    }
    free(cells);
    tb_run_folder_close(&f);
    return rc;
}
