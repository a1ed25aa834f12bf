/* plan.json out and back in. */
#include "plan_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "campaign.h"

int tb_plan_write(const tb_store *store, const tb_run_plan *p, const tb_run_cell *cells,
                  int n_cells, char *err, size_t err_len)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "schema_version", TB_PLAN_SCHEMA_VERSION);
    cJSON_AddStringToObject(o, "run_id", p->run_id);
    char created[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    cJSON_AddStringToObject(o, "created", created);
    cJSON *opt = cJSON_AddObjectToObject(o, "options");
    cJSON_AddNumberToObject(opt, "reps", p->repetitions);
    cJSON_AddNumberToObject(opt, "warmup", p->warmup);
    cJSON_AddNumberToObject(opt, "min_time_s", p->min_time_s);
    cJSON *boards = cJSON_AddArrayToObject(opt, "boards");
    for (int i = 0; p->boards && p->boards[i]; i++)
        cJSON_AddItemToArray(boards, cJSON_CreateString(p->boards[i]));
    cJSON_AddNumberToObject(opt, "threads", p->threads);
    cJSON_AddNumberToObject(opt, "cell_timeout_s", p->cell_timeout_s);
    cJSON *a = cJSON_AddArrayToObject(o, "cells");
    for (int i = 0; i < n_cells; i++) {
        const tb_run_cell *c = &cells[i];
        const tb_workload_choice *w = &p->workloads[c->workload];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "index", i);
        cJSON_AddStringToObject(e, "cell_id", c->id);
        cJSON_AddStringToObject(e, "workload", w->spec);
        if (w->model_file[0]) {
            char fnv[20];
            snprintf(fnv, sizeof fnv, "%016llx", (unsigned long long)w->model_fnv1a64);
            cJSON_AddStringToObject(e, "model_file", w->model_file);
            cJSON_AddStringToObject(e, "model_fnv1a64", fnv);
        }
        cJSON_AddStringToObject(e, "target", c->target->name);
        cJSON_AddStringToObject(e, "dtype", tb_dtype_name(c->dtype));
        cJSON_AddBoolToObject(e, "measured", c->target->measured);
        cJSON_AddNumberToObject(e, "estimate_s", c->estimate_s);
        cJSON_AddItemToArray(a, e);
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", tb_store_dir(store));
    char *text = cJSON_Print(o);
    int rc = tb_write_file_atomic(path, text, strlen(text));
    if (rc != 0)
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
    cJSON_free(text);
    cJSON_Delete(o);
    return rc;
}

static const char *str_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

cJSON *tb_plan_read(const char *run_dir, char *err, size_t err_len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", run_dir);
    cJSON *o = tb_json_file_read(path);
    if (!o) {
        snprintf(err, err_len, "cannot read %s: %s (is '%s' a run folder?)", path,
                 strerror(errno), run_dir);
        return NULL;
    }
    const cJSON *v = cJSON_GetObjectItem(o, "schema_version");
    const cJSON *cells = cJSON_GetObjectItem(o, "cells");
    const char *bad = !cJSON_IsObject(o)                                  ? "not a JSON object"
                      : !cJSON_IsNumber(v) || v->valueint != TB_PLAN_SCHEMA_VERSION
                          ? "schema_version is not 1"
                      : !str_item(o, "run_id")                            ? "no run_id"
                      : !cJSON_IsObject(cJSON_GetObjectItem(o, "options")) ? "no options"
                      : !cJSON_IsArray(cells)                              ? "no cells array"
                                                                           : NULL;
    int i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cells) {
        if (bad)
            break;
        const cJSON *idx = cJSON_GetObjectItem(c, "index");
        if (!cJSON_IsNumber(idx) || idx->valueint != i++ || !str_item(c, "cell_id") ||
            !str_item(c, "workload") || !str_item(c, "target") || !str_item(c, "dtype"))
            bad = "a cell without index (in order), cell_id, workload, target or dtype";
    }
    if (bad) {
        snprintf(err, err_len, "%s: %s", path, bad);
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static double num_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* The index of the cell's workload in lp->workloads, added when new. */
static int add_workload(tb_loaded_plan *lp, const cJSON *c, int *n, char *err, size_t err_len)
{
    const char *spec = str_item(c, "workload"), *file = str_item(c, "model_file");
    for (int i = 0; i < *n; i++)
        if (strcmp(lp->workloads[i].spec, spec) == 0)
            return i;
    tb_workload_choice *w = &lp->workloads[*n];
    if (file) {
        if (tb_workload_choice_model(file, w, err, err_len))
            return -1;
        char fnv[20];
        snprintf(fnv, sizeof fnv, "%016llx", (unsigned long long)w->model_fnv1a64);
        const char *want = str_item(c, "model_fnv1a64");
        if (want && strcmp(want, fnv) != 0) {
            snprintf(err, err_len, "%s changed since the plan was made (FNV-1a %s, plan says %s)",
                     file, fnv, want);
            tb_model_free((tb_model *)w->model);
            return -1;
        }
        snprintf(w->spec, sizeof w->spec, "%s", spec);
    } else if (tb_workload_choice_parse(spec, w, err, err_len)) {
        return -1;
    }
    return (*n)++;
}

static int add_target(tb_loaded_plan *lp, const char *name, const tb_target_ops **out,
                      char *err, size_t err_len)
{
    for (int i = 0; i < lp->plan.n_targets; i++)
        if (strcmp(lp->targets[i]->name, name) == 0) {
            *out = lp->targets[i];
            return 0;
        }
    *out = tb_target_resolve(name, err, err_len);
    if (!*out)
        return -1;
    lp->targets[lp->plan.n_targets++] = *out;
    return 0;
}

static int load_cells(tb_loaded_plan *lp, const cJSON *cells, char *err, size_t err_len)
{
    const int n = cJSON_GetArraySize(cells);
    lp->cells = calloc((size_t)n + 1, sizeof *lp->cells);
    lp->workloads = calloc((size_t)n + 1, sizeof *lp->workloads);
    lp->targets = calloc((size_t)n + 1, sizeof *lp->targets);
    if (!lp->cells || !lp->workloads || !lp->targets)
        abort();
    int n_w = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cells) {
        tb_run_cell *rc = &lp->cells[lp->n_cells];
        const char *dtype = str_item(c, "dtype");
        if (tb_dtype_parse(dtype, &rc->dtype) != 0) {
            snprintf(err, err_len, "cell %d: unknown dtype '%s'", lp->n_cells, dtype);
            return -1;
        }
        rc->workload = add_workload(lp, c, &n_w, err, err_len);
        lp->plan.n_workloads = n_w;
        if (rc->workload < 0 || add_target(lp, str_item(c, "target"), &rc->target, err, err_len))
            return -1;
        snprintf(rc->id, sizeof rc->id, "%s", str_item(c, "cell_id"));
        rc->estimate_s = num_item(c, "estimate_s");
        lp->n_cells++;
    }
    return 0;
}

static void load_options(tb_loaded_plan *lp, const cJSON *o)
{
    const cJSON *opt = cJSON_GetObjectItem(o, "options");
    lp->plan.repetitions = (int)num_item(opt, "reps");
    lp->plan.warmup = (int)num_item(opt, "warmup");
    lp->plan.min_time_s = num_item(opt, "min_time_s");
    lp->plan.threads = (int)num_item(opt, "threads");
    lp->plan.cell_timeout_s = num_item(opt, "cell_timeout_s");
    const cJSON *boards = cJSON_GetObjectItem(opt, "boards"), *b;
    if (cJSON_GetArraySize(boards) > 0) {
        int n = 0;
        lp->boards = calloc((size_t)cJSON_GetArraySize(boards) + 1, sizeof *lp->boards);
        if (!lp->boards)
            abort();
        cJSON_ArrayForEach(b, boards)
            if (cJSON_IsString(b))
                lp->boards[n++] = strdup(b->valuestring);
    }
    lp->plan.boards = (const char *const *)lp->boards;
}

int tb_plan_load(const char *run_dir, tb_loaded_plan *lp, char *err, size_t err_len)
{
    memset(lp, 0, sizeof *lp);
    cJSON *o = tb_plan_read(run_dir, err, err_len);
    if (!o)
        return -1;
    snprintf(lp->run_id, sizeof lp->run_id, "%s", str_item(o, "run_id"));
    lp->plan.run_id = lp->run_id;
    load_options(lp, o);
    int rc = load_cells(lp, cJSON_GetObjectItem(o, "cells"), err, err_len);
    lp->plan.workloads = lp->workloads;
    lp->plan.targets = lp->targets;
    cJSON_Delete(o);
    return rc;
}

void tb_plan_free(tb_loaded_plan *lp)
{
    for (int i = 0; i < lp->plan.n_targets; i++)
        tb_target_release(lp->targets[i]);
    for (int i = 0; i < lp->plan.n_workloads; i++)
        tb_model_free((tb_model *)lp->workloads[i].model);
    for (int i = 0; lp->boards && lp->boards[i]; i++)
        free(lp->boards[i]);
    free(lp->boards);
    free(lp->cells);
    free(lp->workloads);
    free(lp->targets);
    memset(lp, 0, sizeof *lp);
}
