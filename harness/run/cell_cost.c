/* The cell cost model: data file lines to per-target parameters. */
#include "cell_cost.h"

#include <stdio.h>
#include <string.h>

#include "datafile.h"
#include "source_dir.h"

/* "target <name> <overhead_s> <ns_per_mac>" or "tier <tier> ..." */
static int cost_line(void *obj, const char *key, char *rest, char *why, size_t why_len)
{
    tb_cell_cost_model *m = obj;
    if (strcmp(key, "source") == 0)
        return 0;
    if (strcmp(key, "target") != 0 && strcmp(key, "tier") != 0) {
        snprintf(why, why_len, "unknown key '%s'; accepted: source, target, tier", key);
        return -1;
    }
    char name[64], a[32], b[32], extra[2];
    if (sscanf(rest, "%63s %31s %31s %1s", name, a, b, extra) != 3) {
        snprintf(why, why_len, "expected: %s NAME OVERHEAD_S NS_PER_MAC", key);
        return -1;
    }
    if (m->n == TB_CELL_COST_MAX_LINES) {
        snprintf(why, why_len, "more than %d lines", TB_CELL_COST_MAX_LINES);
        return -1;
    }
    snprintf(m->line[m->n].key, sizeof m->line[0].key, "%s%s", strcmp(key, "tier") == 0 ? "tier:" : "",
             name);
    if (tb_datafile_number(a, &m->line[m->n].overhead_s, why, why_len) ||
        tb_datafile_number(b, &m->line[m->n].ns_per_mac, why, why_len))
        return -1;
    m->n++;
    return 0;
}

int tb_cell_cost_load(tb_cell_cost_model *m, char *err, size_t err_len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/harness/run/data/cell_cost.txt", tb_source_dir());
    m->n = 0;
    return tb_datafile_parse(path, m, cost_line, err, err_len);
}

double tb_cell_cost_estimate(const tb_cell_cost_model *m, const tb_target_ops *t, int64_t macs,
                             int reps, int warmup, double min_time_s)
{
    char tier[64];
    snprintf(tier, sizeof tier, "tier:%s", t->tier);
    int found = -1;
    for (int i = 0; i < m->n && found < 0; i++)
        if (strcmp(m->line[i].key, t->name) == 0)
            found = i;
    for (int i = 0; i < m->n && found < 0; i++)
        if (strcmp(m->line[i].key, tier) == 0)
            found = i;
    if (found < 0)
        return 0;
    const double cost = macs * m->line[found].ns_per_mac * 1e-9;
    if (!t->measured)
        return m->line[found].overhead_s + cost;
    return m->line[found].overhead_s + reps * (cost > min_time_s ? cost : min_time_s) +
           warmup * cost;
}
