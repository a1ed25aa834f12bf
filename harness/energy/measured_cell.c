/* Energy of a measured cell: RAPL counts the whole package (every core,
 * uncore, other processes), so it is read around back-to-back inferences
 * and divided by their number; the op model is the fallback. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "energy.h"
#include "proc.h"

static int measure_rapl(tb_rapl *r, tb_record *rec, void (*fn)(void *), void *arg, double min_s)
{
    long calls = 0;
    double uj, t0 = tb_now_s(), t;
    if (tb_rapl_begin(r))
        return -1;
    do {
        fn(arg);
        calls++;
    } while ((t = tb_now_s() - t0) < min_s);
    if (tb_rapl_end(r, &uj) || uj <= 0)
        return -1;
    rec->have_energy = 1;
    rec->energy_uJ = uj / (double)calls;
    snprintf(rec->energy_model, sizeof rec->energy_model, "rapl");
    snprintf(rec->energy_method, sizeof rec->energy_method,
             "measured: package energy counters (RAPL via %s) over back-to-back inferences, "
             "divided by their count; includes the whole package (idle cores, uncore, other "
             "processes)",
             r->via);
    rec->n_energy_params = 0;
    tb_record_energy_param(rec, "package_domains", r->n);
    tb_record_energy_param(rec, "inferences", (double)calls);
    tb_record_energy_param(rec, "interval_s", t);
    tb_record_energy_param(rec, "package_uJ", uj);
    tb_record_energy_param(rec, "average_W", uj * 1e-6 / t);
    return 0;
}

void tb_energy_for_measured_cell(tb_record *rec, const tb_model *m, tb_dtype d, int cores,
                                 void (*fn)(void *arg), void *arg, double min_s)
{
    tb_rapl r;
    char why[400], err[400];
    if (tb_rapl_open(&r, why, sizeof why) == 0) {
        int ok = measure_rapl(&r, rec, fn, arg, min_s) == 0;
        tb_rapl_close(&r);
        if (ok)
            return;
        snprintf(why, sizeof why, "RAPL (%s) gave no reading", r.via);
    }
    tb_op_energy_table t;
    if (tb_op_energy_default(&t, err, sizeof err)) {
        rec->have_energy = 0;
        snprintf(rec->energy_method, sizeof rec->energy_method, "none: %.200s; %.200s", why, err);
        return;
    }
    tb_op_energy_input in;
    tb_op_energy_input_for(m, d, rec->latency_ns.median * 1e-9, cores, &in);
    tb_op_energy_estimate(&t, &in, rec);
    size_t used = strlen(rec->energy_method);
    snprintf(rec->energy_method + used, sizeof rec->energy_method - used, "; %.200s", why);
}
