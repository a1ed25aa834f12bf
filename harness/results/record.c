/* Record lifetime and small helpers shared by every target. */
#include "record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tb_status_name(tb_cell_status s)
{
    switch (s) {
    case TB_STATUS_OK: return "ok";
    case TB_STATUS_SKIPPED: return "skipped";
    case TB_STATUS_FAILED: return "failed";
    case TB_STATUS_DOES_NOT_FIT: return "does-not-fit";
    case TB_STATUS_TIMEOUT: return "timeout";
    }
    return "failed";
}

tb_cell_status tb_status_parse(const char *name)
{
    for (int k = TB_STATUS_OK; name && k <= TB_STATUS_TIMEOUT; k++)
        if (strcmp(name, tb_status_name((tb_cell_status)k)) == 0)
            return (tb_cell_status)k;
    return TB_STATUS_FAILED;
}

void tb_record_init(tb_record *r)
{
    memset(r, 0, sizeof *r);
    r->peak_rss_bytes = -1;
}

void tb_record_free(tb_record *r)
{
    free(r->layers);
    r->layers = NULL;
    r->n_layers = 0;
}

void tb_record_status(tb_record *r, tb_cell_status s, const char *fmt, ...)
{
    va_list ap;
    r->status = s;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    va_end(ap);
}

void tb_record_latency(tb_record *r, int reps, int warmup)
{
    r->have_latency = 1;
    r->repetitions = reps;
    r->warmup = warmup;
    tb_stats_compute(r->samples_ns, reps, &r->latency_ns);
    r->macs_per_s = r->latency_ns.median > 0 ? (double)r->macs / (r->latency_ns.median * 1e-9) : 0;
}

void tb_record_energy_param(tb_record *r, const char *name, double value)
{
    if (r->n_energy_params >= TB_MAX_ENERGY_PARAMS)
        return;
    snprintf(r->energy_params[r->n_energy_params].name, sizeof r->energy_params[0].name, "%s",
             name);
    r->energy_params[r->n_energy_params++].value = value;
}

uint64_t tb_fnv1a64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
