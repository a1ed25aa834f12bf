/* The campaign file reader: lines to workloads, targets and options. */
#include "campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_check.h"
#include "datafile.h"
#include "parse.h"
#include "tflite_import.h"

int tb_workload_choice_parse(const char *spec, tb_workload_choice *out, char *err,
                             size_t err_len)
{
    memset(out, 0, sizeof *out);
    return tb_workload_parse(spec, &out->workload, &out->params, out->spec, sizeof out->spec,
                             err, err_len);
}

/* Imports the model now, so a bad file fails before anything runs; the
 * model is the same seed-1 preparation every run of it gets. */
int tb_workload_choice_model(const char *path, tb_workload_choice *out, char *err,
                             size_t err_len)
{
    memset(out, 0, sizeof *out);
    const size_t len = strlen(path);
    if (len >= sizeof out->model_file) {
        snprintf(err, err_len, "model path longer than %zu characters: %.60s...",
                 sizeof out->model_file - 1, path);
        return -1;
    }
    tb_tflite_file file;
    tb_model *m = tb_tflite_load(path, 1, 1, &file, err, err_len);
    if (!m)
        return -1;
    out->model = m;
    snprintf(out->spec, sizeof out->spec, "tflite:%s", file.stem);
    memcpy(out->model_file, path, len + 1);
    out->model_fnv1a64 = file.fnv1a64;
    return 0;
}

enum { MAX_SWEEP_KEYS = 8, MAX_SWEEP_VALUES = 64 };

typedef struct {
    int n_keys;
    char *key[MAX_SWEEP_KEYS];
    char *value[MAX_SWEEP_KEYS][MAX_SWEEP_VALUES];
    int n_values[MAX_SWEEP_KEYS];
} sweep;

static int add_workload(tb_campaign *c, const char *spec, char *why, size_t n)
{
    if (c->n_workloads == c->max_workloads) {
        snprintf(why, n, "too many workloads (at most %d)", c->max_workloads);
        return -1;
    }
    if (tb_workload_choice_parse(spec, &c->workloads[c->n_workloads], why, n))
        return -1;
    c->n_workloads++;
    return 0;
}

/* Every combination, the first key varying slowest. */
static int expand(tb_campaign *c, const char *name, const sweep *s, char *why, size_t n)
{
    int at[MAX_SWEEP_KEYS] = {0};
    for (;;) {
        char spec[256];
        int len = snprintf(spec, sizeof spec, "%s", name);
        for (int k = 0; k < s->n_keys && len < (int)sizeof spec; k++)
            len += snprintf(spec + len, sizeof spec - (size_t)len, "%c%s=%s", k ? ',' : ':',
                            s->key[k], s->value[k][at[k]]);
        if (add_workload(c, spec, why, n))
            return -1;
        int k = s->n_keys - 1;
        while (k >= 0 && ++at[k] == s->n_values[k])
            at[k--] = 0;
        if (k < 0)
            return 0;
    }
}

/* "workload NAME [key=v1,v2,...]..." */
static int workload_line(tb_campaign *c, char *rest, char *why, size_t n)
{
    char *save = NULL, *name = strtok_r(rest, " \t", &save), *tok;
    sweep s = {0};
    while ((tok = strtok_r(NULL, " \t", &save))) {
        char *eq = strchr(tok, '=');
        if (!eq || eq == tok || !eq[1]) {
            snprintf(why, n, "'%s': expected key=value[,value...] (e.g. alpha=0.25,0.5)", tok);
            return -1;
        }
        if (s.n_keys == MAX_SWEEP_KEYS) {
            snprintf(why, n, "more than %d swept parameters", MAX_SWEEP_KEYS);
            return -1;
        }
        *eq = 0;
        s.key[s.n_keys] = tok;
        char *vsave = NULL, *v;
        for (char *list = eq + 1; (v = strtok_r(list, ",", &vsave)); list = NULL) {
            if (s.n_values[s.n_keys] == MAX_SWEEP_VALUES) {
                snprintf(why, n, "%s: more than %d values", tok, MAX_SWEEP_VALUES);
                return -1;
            }
            s.value[s.n_keys][s.n_values[s.n_keys]++] = v;
        }
        if (!s.n_values[s.n_keys]) {
            snprintf(why, n, "%s: no value", tok);
            return -1;
        }
        s.n_keys++;
    }
    if (strchr(name, ':')) {
        snprintf(why, n, "'%s': give parameters as separate key=values lists "
                 "(workload vww alpha=0.25,0.5 res=96)", name);
        return -1;
    }
    return expand(c, name, &s, why, n);
}

/* Splits a comma- or blank-separated list in place. */
static int split(char *rest, char **items, int max)
{
    int k = 0;
    char *save = NULL, *tok;
    for (char *s = rest; k < max && (tok = strtok_r(s, ", \t", &save)); s = NULL)
        items[k++] = tok;
    return k;
}

static int target_line(tb_campaign *c, char *rest, char *why, size_t n)
{
    char *items[64];
    const int k = split(rest, items, 64);
    for (int i = 0; i < k; i++) {
        if (c->n_targets == c->max_targets) {
            snprintf(why, n, "too many targets (at most %d)", c->max_targets);
            return -1;
        }
        const tb_target_ops *t = tb_target_resolve(items[i], why, n);
        if (!t)
            return -1;
        c->targets[c->n_targets++] = t;
    }
    return 0;
}

static int dtype_line(tb_campaign *c, char *rest, char *why, size_t n)
{
    char *items[8];
    const int k = split(rest, items, 8);
    c->n_dtypes = 0;
    for (int i = 0; i < k; i++) {
        if (c->n_dtypes == 2 || tb_dtype_parse(items[i], &c->dtypes[c->n_dtypes]) != 0) {
            snprintf(why, n, "dtype '%s': accepted: int8, fp32 (each once)", items[i]);
            return -1;
        }
        c->n_dtypes++;
    }
    return 0;
}

static int board_line(tb_campaign *c, char *rest, char *why, size_t n)
{
    char *items[TB_CAMPAIGN_MAX_BOARDS];
    const int k = split(rest, items, TB_CAMPAIGN_MAX_BOARDS);
    for (int i = 0; i < k; i++) {
        if (c->n_boards == TB_CAMPAIGN_MAX_BOARDS) {
            snprintf(why, n, "too many boards (at most %d)", TB_CAMPAIGN_MAX_BOARDS);
            return -1;
        }
        if (tb_board_check(items[i], why, n))
            return -1;
        snprintf(c->boards[c->n_boards++], sizeof c->boards[0], "%s", items[i]);
    }
    return 0;
}

/* A number in [lo, hi] filling the whole value. */
static int number(const char *key, const char *rest, double lo, double hi, int whole,
                  double *out, char *why, size_t n)
{
    char text[64];
    tb_datafile_text(text, sizeof text, rest);
    long l = 0;
    double v = 0;
    const int bad = whole ? tb_parse_int(text, (long)lo, (long)hi, &l)
                          : tb_parse_double(text, lo, hi, &v);
    if (whole)
        v = (double)l;
    if (bad) {
        snprintf(why, n, "%s '%s': accepted: %s %g..%g", key, text,
                 whole ? "a whole number" : "a number", lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

/* Relative model paths are relative to the campaign file's folder. */
static int model_line(tb_campaign *c, char *rest, char *why, size_t n)
{
    char file[512], path[1024];
    tb_datafile_text(file, sizeof file, rest);
    const char *campaign_path = c->path, *slash = strrchr(campaign_path, '/');
    if (file[0] == '/' || !slash)
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - campaign_path), campaign_path,
                 file);
    if (c->n_workloads == c->max_workloads) {
        snprintf(why, n, "too many workloads (at most %d)", c->max_workloads);
        return -1;
    }
    if (tb_workload_choice_model(path, &c->workloads[c->n_workloads], why, n))
        return -1;
    c->n_workloads++;
    return 0;
}

static int campaign_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    tb_campaign *c = obj;
    double v;
    if (strcmp(key, "workload") == 0)
        return workload_line(c, rest, why, n);
    if (strcmp(key, "model") == 0)
        return model_line(c, rest, why, n);
    if (strcmp(key, "target") == 0)
        return target_line(c, rest, why, n);
    if (strcmp(key, "dtype") == 0)
        return dtype_line(c, rest, why, n);
    if (strcmp(key, "board") == 0)
        return board_line(c, rest, why, n);
    if (strcmp(key, "reps") == 0)
        return number(key, rest, 1, TB_MAX_REPS, 1, &v, why, n) ? -1 : (c->reps = (long)v, 0);
    if (strcmp(key, "warmup") == 0)
        return number(key, rest, 0, 10000, 1, &v, why, n) ? -1 : (c->warmup = (long)v, 0);
    if (strcmp(key, "threads") == 0)
        return number(key, rest, 1, 1024, 1, &v, why, n) ? -1 : (c->threads = (long)v, 0);
    if (strcmp(key, "min-time") == 0)
        return number(key, rest, 0.001, 60, 0, &c->min_time_s, why, n);
    if (strcmp(key, "cell-timeout") == 0)
        return number(key, rest, 0.01, 1e6, 0, &c->cell_timeout_s, why, n);
    snprintf(why, n, "unknown key '%s'; accepted: workload, model, target, dtype, board, reps, "
             "warmup, min-time, threads, cell-timeout", key);
    return -1;
}

int tb_campaign_load(const char *path, tb_campaign *c, char *err, size_t err_len)
{
    c->n_dtypes = 0;
    c->reps = c->warmup = c->threads = -1;
    c->min_time_s = c->cell_timeout_s = -1;
    c->path = path;
    return tb_datafile_parse(path, c, campaign_line, err, err_len);
}
