/* Placement decision and sensitivity tables from placement.json. Every
 * option carries `estimated` (it is a model's prediction built on measured
 * or estimated per-layer profiles); estimated values get the usual mark. */
#include "report_tables.h"

#include <stdio.h>
#include <string.h>

#include "record_get.h"

static void option_num(tb_table *t, const cJSON *opt, const char *path)
{
    double v;
    int have = tb_rec_num(opt, path, &v);
    tb_table_num(t, have, v, cJSON_IsTrue(tb_rec_get(opt, "estimated")));
}

static void excluded(const cJSON *d, char *buf, size_t n)
{
    const cJSON *e;
    size_t used = 0;
    buf[0] = 0;
    cJSON_ArrayForEach(e, tb_rec_get(d, "excluded")) {
        const char *o = tb_rec_str(e, "option"), *why = tb_rec_str(e, "reason");
        int w = snprintf(buf + used, n - used, "%s%s: %s", used ? "; " : "", o ? o : "?",
                         why ? why : "?");
        if (w < 0 || (size_t)w >= n - used)
            break;
        used += (size_t)w;
    }
}

tb_table *tb_placement_decisions_table(const cJSON *pl)
{
    char source[512];
    const char *objective = tb_rec_str(pl, "objective");
    double v;
    int used = snprintf(source, sizeof source,
                        "run %s, placement/placement.json: best option per workload and link "
                        "by %s",
                        tb_rec_str(pl, "run_id") ? tb_rec_str(pl, "run_id") : "?",
                        objective ? objective : "?");
    if (tb_rec_num(pl, "deadline_ms", &v))
        used += snprintf(source + used, sizeof source - (size_t)used, ", deadline %g ms", v);
    if (tb_rec_num(pl, "device_energy_budget_uJ", &v))
        snprintf(source + used, sizeof source - (size_t)used, ", device energy budget %g µJ", v);
    tb_table *t = tb_table_new("placement", "Placement decisions", source);
    tb_table_col(t, "workload", "", 0);
    tb_table_col(t, "link", "", 0);
    tb_table_col(t, "best", "", 0);
    tb_table_col(t, "latency", "ms", 1);
    tb_table_col(t, "device energy", "µJ", 1);
    tb_table_col(t, "compute", "ms", 1);
    tb_table_col(t, "transfer", "ms", 1);
    tb_table_col(t, "RTT", "ms", 1);
    tb_table_col(t, "radio", "µJ", 1);
    tb_table_col(t, "runner-up", "", 0);
    tb_table_col(t, "runner-up latency", "ms", 1);
    tb_table_col(t, "runner-up energy", "µJ", 1);
    tb_table_col(t, "excluded / note", "", 0);
    const cJSON *d;
    cJSON_ArrayForEach(d, tb_rec_get(pl, "decisions")) {
        const cJSON *best = tb_rec_get(d, "best"), *second = tb_rec_get(d, "runner_up");
        char ex[600];
        tb_table_row(t);
        tb_table_text(t, tb_rec_str(d, "workload"));
        tb_table_text(t, tb_rec_str(d, "link"));
        char best_name[160];
        /* placement.json keeps the closest option as best when none meets
         * the deadline or budget; that must not read as a success. */
        snprintf(best_name, sizeof best_name, "%s%s",
                 cJSON_IsObject(best) ? tb_rec_str(best, "name") : "no option can run",
                 cJSON_IsObject(best) && cJSON_IsFalse(tb_rec_get(d, "meets_constraints"))
                     ? " (MISSES the constraints)"
                     : "");
        tb_table_text(t, best_name);
        option_num(t, best, "latency_ms");
        option_num(t, best, "device_energy_uJ");
        option_num(t, best, "breakdown.compute_ms");
        option_num(t, best, "breakdown.transfer_ms");
        option_num(t, best, "breakdown.rtt_ms");
        option_num(t, best, "breakdown.radio_uJ");
        tb_table_text(t, cJSON_IsObject(second) ? tb_rec_str(second, "name") : NULL);
        option_num(t, second, "latency_ms");
        option_num(t, second, "device_energy_uJ");
        excluded(d, ex, sizeof ex);
        const char *n = tb_rec_str(d, "note");
        if (n) {
            size_t used = strlen(ex);
            snprintf(ex + used, sizeof ex - used, "%s%s", used ? "; " : "", n);
        }
        tb_table_text(t, ex);
    }
    return t;
}

tb_table *tb_placement_sensitivity_table(const cJSON *pl)
{
    char source[256];
    snprintf(source, sizeof source,
             "run %s, placement/placement.json: decisions as the uplink bandwidth is swept",
             tb_rec_str(pl, "run_id") ? tb_rec_str(pl, "run_id") : "?");
    tb_table *t = tb_table_new("sensitivity", "Where placement decisions flip", source);
    tb_table_col(t, "workload", "", 0);
    tb_table_col(t, "link", "", 0);
    tb_table_col(t, "uplink from", "bit/s", 1);
    tb_table_col(t, "uplink to", "bit/s", 1);
    tb_table_col(t, "at low bandwidth", "", 0);
    tb_table_col(t, "at high bandwidth", "", 0);
    tb_table_col(t, "flips", "", 0);
    const cJSON *s, *f;
    cJSON_ArrayForEach(s, tb_rec_get(pl, "sensitivity")) {
        char flips[600], bps[32];
        size_t used = 0;
        flips[0] = 0;
        cJSON_ArrayForEach(f, tb_rec_get(s, "flips")) {
            double b;
            const char *from = tb_rec_str(f, "from"), *to = tb_rec_str(f, "to");
            if (!tb_rec_num(f, "uplink_bps", &b))
                continue;
            tb_format_number(b, bps, sizeof bps);
            int w = snprintf(flips + used, sizeof flips - used, "%sat %s bit/s: %s -> %s",
                             used ? "; " : "", bps, from ? from : "?", to ? to : "?");
            if (w < 0 || (size_t)w >= sizeof flips - used)
                break;
            used += (size_t)w;
        }
        double low, high;
        int have_low = tb_rec_num(s, "low_bps", &low), have_high = tb_rec_num(s, "high_bps", &high);
        tb_table_row(t);
        tb_table_text(t, tb_rec_str(s, "workload"));
        tb_table_text(t, tb_rec_str(s, "link"));
        tb_table_num(t, have_low, low, 0);
        tb_table_num(t, have_high, high, 0);
        tb_table_text(t, tb_rec_str(s, "decision_at_low"));
        tb_table_text(t, tb_rec_str(s, "decision_at_high"));
        tb_table_text(t, used ? flips : "no flip in the swept range");
    }
    return t;
}
