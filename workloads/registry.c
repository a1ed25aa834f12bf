/* The list of built-in workloads. Adding one is one file and one line here
 * (docs/adding-a-workload.md). */
#include <string.h>

#include "workload.h"

extern const tb_workload tb_workload_kws, tb_workload_vww, tb_workload_ic, tb_workload_ad,
    tb_workload_bert, tb_workload_llm_decode, tb_workload_gemm;

const tb_workload *const tb_workloads[] = {
    &tb_workload_kws,
    &tb_workload_vww,
    &tb_workload_ic,
    &tb_workload_ad,
    &tb_workload_bert,
    &tb_workload_llm_decode,
    &tb_workload_gemm,
    NULL,
};

const tb_workload *tb_workload_find(const char *name)
{
    for (int i = 0; tb_workloads[i]; i++)
        if (strcmp(tb_workloads[i]->name, name) == 0)
            return tb_workloads[i];
    return NULL;
}

int tb_workload_runs_dtype(const tb_workload *w, tb_dtype d)
{
    return w->dtypes == 0 || (w->dtypes & (1u << d)) != 0;
}
