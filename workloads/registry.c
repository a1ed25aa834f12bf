/* The list of built-in workloads. Adding one is one file and one line here
 * (docs/adding-a-workload.md). */
#include <string.h>

#include "workload.h"

extern const tb_workload tb_workload_kws, tb_workload_vww, tb_workload_ic, tb_workload_ad;

const tb_workload *const tb_workloads[] = {
    &tb_workload_kws,
    &tb_workload_vww,
    &tb_workload_ic,
    &tb_workload_ad,
    NULL,
};

const tb_workload *tb_workload_find(const char *name)
{
    for (int i = 0; tb_workloads[i]; i++)
        if (strcmp(tb_workloads[i]->name, name) == 0)
            return tb_workloads[i];
    return NULL;
}
