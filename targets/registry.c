/* Every target tierbench knows, in the order `list targets` shows them. */
#include <string.h>

#include "target.h"

extern const tb_target_ops tb_target_host, tb_target_server, tb_target_cortex_m0, tb_target_cortex_m3,
    tb_target_cortex_m4, tb_target_cortex_m7, tb_target_cortex_m33, tb_target_cortex_m55;

const tb_target_ops *const tb_targets[] = {
    &tb_target_host,
    &tb_target_server,
    &tb_target_cortex_m0,
    &tb_target_cortex_m3,
    &tb_target_cortex_m4,
    &tb_target_cortex_m7,
    &tb_target_cortex_m33,
    &tb_target_cortex_m55,
    NULL,
};

const tb_target_ops *tb_target_find(const char *name)
{
    for (int i = 0; tb_targets[i]; i++)
        if (strcmp(tb_targets[i]->name, name) == 0)
            return tb_targets[i];
    return NULL;
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
