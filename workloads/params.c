/* Parsing and validating "name:key=value,..." workload specs, and building
 * the model a spec describes. Every workload also takes seed=N, the seed of
 * the generator its weights and input are drawn from. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload.h"

enum { DEFAULT_SEED = 1 };

static void list_names(char *out, size_t n)
{
    out[0] = 0;
    for (int i = 0; tb_workloads[i]; i++) {
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s", i ? ", " : "", tb_workloads[i]->name);
    }
}

static void list_params(const tb_workload *w, char *out, size_t n)
{
    out[0] = 0;
    for (const tb_param_spec *s = w->params; s->name; s++) {
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s=%.15g..%.15g", s->name, s->min, s->max);
        used = strlen(out);
        if (s->step > 1)
            snprintf(out + used, n - used, " (multiple of %d)", (int)s->step);
        used = strlen(out);
        snprintf(out + used, n - used, ", ");
    }
    size_t used = strlen(out);
    snprintf(out + used, n - used, "seed=0..2^64-1");
}

static int set_param(const tb_workload *w, tb_param_values *p, const char *key, const char *val,
                     char *err, size_t err_len)
{
    char accepted[512];
    char *end;
    errno = 0;
    if (strcmp(key, "seed") == 0) {
        unsigned long long s = strtoull(val, &end, 10);
        if (errno || end == val || *end || val[0] == '-') {
            snprintf(err, err_len, "%s: seed=%s is not a whole number >= 0", w->name, val);
            return -1;
        }
        p->seed = s;
        return 0;
    }
    int i = 0;
    for (const tb_param_spec *s = w->params; s->name; s++, i++) {
        if (strcmp(s->name, key) != 0)
            continue;
        double v = strtod(val, &end);
        int bad = errno || end == val || *end || !isfinite(v) || v < s->min || v > s->max;
        if (!bad && s->step > 0)
            bad = v != floor(v) || (long long)v % s->step != 0;
        if (bad) {
            list_params(w, accepted, sizeof accepted);
            snprintf(err, err_len, "%s: %s=%s is out of range; accepted: %s", w->name, key,
                     val, accepted);
            return -1;
        }
        p->v[i] = v;
        return 0;
    }
    list_params(w, accepted, sizeof accepted);
    snprintf(err, err_len, "%s: unknown parameter '%s'; accepted: %s", w->name, key, accepted);
    return -1;
}

static void canonical(const tb_workload *w, const tb_param_values *p, char *out, size_t n)
{
    snprintf(out, n, "%s", w->name);
    int i = 0;
    char sep = ':';
    for (const tb_param_spec *s = w->params; s->name; s++, i++) {
        if (p->v[i] == s->def)
            continue;
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%c%s=%.15g", sep, s->name, p->v[i]);
        sep = ',';
    }
    if (p->seed != DEFAULT_SEED) {
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%cseed=%llu", sep, (unsigned long long)p->seed);
    }
}

int tb_workload_parse(const char *spec, const tb_workload **w, tb_param_values *p,
                      char *canon, size_t canon_len, char *err, size_t err_len)
{
    char buf[256], names[256];
    if (strlen(spec) >= sizeof buf) {
        snprintf(err, err_len, "workload spec too long (%zu characters)", strlen(spec));
        return -1;
    }
    strcpy(buf, spec);
    char *colon = strchr(buf, ':');
    if (colon)
        *colon = 0;
    *w = tb_workload_find(buf);
    if (!*w) {
        list_names(names, sizeof names);
        snprintf(err, err_len, "unknown workload '%s'; accepted: %s", buf, names);
        return -1;
    }
    int i = 0;
    for (const tb_param_spec *s = (*w)->params; s->name; s++)
        p->v[i++] = s->def;
    p->seed = DEFAULT_SEED;
    for (char *kv = colon ? strtok(colon + 1, ",") : NULL; kv; kv = strtok(NULL, ",")) {
        char *eq = strchr(kv, '=');
        if (!eq) {
            snprintf(err, err_len, "%s: parameter '%s' needs a value (key=value)", (*w)->name,
                     kv);
            return -1;
        }
        *eq = 0;
        if (set_param(*w, p, kv, eq + 1, err, err_len))
            return -1;
    }
    canonical(*w, p, canon, canon_len);
    return 0;
}

tb_model *tb_workload_build(const tb_workload *w, const tb_param_values *p, char *err,
                            size_t err_len)
{
    tb_builder *b = tb_builder_new(w->name, p->seed);
    int32_t out = w->build(b, p);
    return tb_builder_finish(b, out, err, err_len);
}

int tb_workload_macs(const tb_workload *w, const tb_param_values *p, int64_t *macs, char *err,
                     size_t err_len)
{
    tb_builder *b = tb_builder_new(w->name, p->seed);
    int32_t out = w->build(b, p);
    return tb_builder_macs(b, out, macs, err, err_len);
}
