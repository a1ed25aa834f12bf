/* Every target tierbench knows, in the order `list targets` shows them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"

extern const tb_target_ops tb_target_host, tb_target_server, tb_target_cortex_m0, tb_target_cortex_m3,
    tb_target_cortex_m4, tb_target_cortex_m7, tb_target_cortex_m33, tb_target_cortex_m55;
extern const tb_target_ops tb_target_cortex_a53, tb_target_cortex_a72, tb_target_cortex_a76;

const tb_target_ops *const tb_targets[] = {
    &tb_target_host,
    &tb_target_server,
    &tb_target_cortex_m0,
    &tb_target_cortex_m3,
    &tb_target_cortex_m4,
    &tb_target_cortex_m7,
    &tb_target_cortex_m33,
    &tb_target_cortex_m55,
    &tb_target_cortex_a53,
    &tb_target_cortex_a72,
    &tb_target_cortex_a76,
    NULL,
};

extern const tb_target_family tb_target_family_ssh;

const tb_target_family *const tb_target_families[] = {
    &tb_target_family_ssh,
    NULL,
};

const tb_target_ops *tb_target_find(const char *name)
{
    for (int i = 0; tb_targets[i]; i++)
        if (strcmp(tb_targets[i]->name, name) == 0)
            return tb_targets[i];
    return NULL;
}

static void accepted_names(char *out, size_t n)
{
    size_t used = (size_t)snprintf(out, n, "accepted: ");
    for (int i = 0; tb_targets[i] && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s, ", tb_targets[i]->name);
    for (int i = 0; tb_target_families[i] && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s, ", tb_target_families[i]->proto->name);
    if (used >= 2 && used < n)
        out[used - 2] = 0;
}

const tb_target_ops *tb_target_resolve(const char *name, char *err, size_t len)
{
    const tb_target_ops *t = tb_target_find(name);
    if (t)
        return t;
    const char *colon = strchr(name, ':');
    for (int i = 0; colon && tb_target_families[i]; i++) {
        const tb_target_family *f = tb_target_families[i];
        if (strlen(f->prefix) == (size_t)(colon - name) &&
            strncmp(f->prefix, name, (size_t)(colon - name)) == 0) {
            char why[256];
            tb_target_ops *made = f->make(f, colon + 1, why, sizeof why);
            if (!made)
                snprintf(err, len, "target '%s': %s; accepted form: %s", name, why,
                         f->proto->name);
            return made;
        }
    }
    char names[512];
    accepted_names(names, sizeof names);
    snprintf(err, len, "unknown target '%s'; %s", name, names);
    return NULL;
}

void tb_target_release(const tb_target_ops *t)
{
    for (int i = 0; tb_targets[i]; i++)
        if (tb_targets[i] == t)
            return;
    free((void *)t);
}

int tb_target_usable(const tb_target_ops *t, char *why, size_t len)
{
    why[0] = 0;
    return !t->available || t->available(t, why, len) == 0;
}

int tb_target_runs_dtype(const tb_target_ops *t, tb_dtype d)
{
    return t->dtypes == 0 || (t->dtypes & (1u << d)) != 0;
}
