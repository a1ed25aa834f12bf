/* cycles = issue_factor x (sum over classes of count x cost
 *                          + ldm_regs x cost_ldm_reg + stm_regs x cost_stm_reg)
 *        + taken branches x branch_refill
 *        + taken branches x flash_wait_states x (1 - fetch_hit_rate)
 * where taken branches = unconditional branches + taken conditional ones. */
#include "cycle_model.h"

#include <stdio.h>
#include <string.h>

static double count_of(const cJSON *counts, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(counts, name);
    return cJSON_IsNumber(v) ? v->valuedouble : 0.0;
}

int tb_cycles_estimate(const tb_cycle_table *t, const tb_board *b, const cJSON *counts,
                       tb_cycle_estimate *out, char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    const cJSON *c;
    double sum = 0.0;
    cJSON_ArrayForEach(c, counts) {
        const char *name = c->string;
        if (strcmp(name, "insns") == 0 || strcmp(name, "ldm_regs") == 0 ||
            strcmp(name, "stm_regs") == 0 || !cJSON_IsNumber(c) || c->valuedouble == 0)
            continue;
        double cost = tb_cycle_cost(t, name);
        if (cost < 0) {
            snprintf(err, err_len, "the %s cycle table has no cost for class '%s' (%.0f executed)",
                     t->core, name, c->valuedouble);
            return -1;
        }
        sum += c->valuedouble * cost;
    }
    sum += count_of(counts, "ldm_regs") * t->cost_ldm_reg +
           count_of(counts, "stm_regs") * t->cost_stm_reg;
    const double taken = count_of(counts, "branch") + count_of(counts, "branch_taken");
    out->compute = t->issue_factor * sum;
    out->refill = taken * t->branch_refill;
    out->wait = taken * b->flash_wait_states * (1.0 - b->fetch_hit_rate);
    out->cycles = out->compute + out->refill + out->wait;
    return 0;
}

double tb_energy_uj(const tb_board *b, double cycles)
{
    return b->run_current_ua_per_mhz * b->supply_v * cycles * 1e-6;
}
