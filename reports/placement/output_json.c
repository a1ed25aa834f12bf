/* placement.json: the study as one JSON document for scripts and the report. */
#include <string.h>

#include "output.h"

static cJSON *option_json(const tb_option *o)
{
    cJSON *j = cJSON_CreateObject(), *b = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "name", o->name);
    cJSON_AddNumberToObject(j, "latency_ms", o->latency_ms);
    cJSON_AddNumberToObject(j, "device_energy_uJ", o->device_uJ);
    cJSON_AddNumberToObject(b, "compute_ms", o->compute_ms);
    cJSON_AddNumberToObject(b, "transfer_ms", o->transfer_ms);
    cJSON_AddNumberToObject(b, "rtt_ms", o->rtt_ms);
    cJSON_AddNumberToObject(b, "device_compute_uJ", o->device_compute_uJ);
    cJSON_AddNumberToObject(b, "radio_uJ", o->radio_uJ);
    cJSON_AddItemToObject(j, "breakdown", b);
    if (o->cut_bytes >= 0)
        cJSON_AddNumberToObject(j, "cut_bytes", (double)o->cut_bytes);
    cJSON_AddBoolToObject(j, "estimated", o->estimated);
    return j;
}

static cJSON *option_or_null(const tb_decision *d, int i)
{
    return i >= 0 ? option_json(&d->options[i]) : cJSON_CreateNull();
}

static cJSON *number_or_null(double v)
{
    return v >= 0 ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

static cJSON *link_json(const tb_link *l)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "name", l->name);
    cJSON_AddStringToObject(j, "description", l->description);
    cJSON_AddNumberToObject(j, "uplink_bps", l->uplink_bps);
    cJSON_AddNumberToObject(j, "downlink_bps", l->downlink_bps);
    cJSON_AddNumberToObject(j, "rtt_ms", l->rtt_ms);
    cJSON_AddNumberToObject(j, "radio_tx_nJ_per_bit", l->tx_nJ_per_bit);
    cJSON_AddNumberToObject(j, "radio_rx_nJ_per_bit", l->rx_nJ_per_bit);
    cJSON_AddNumberToObject(j, "tail_energy_uJ", l->tail_uJ);
    cJSON_AddStringToObject(j, "source", l->source);
    return j;
}

static cJSON *decision_json(const char *workload, const char *link, const tb_decision *d)
{
    cJSON *j = cJSON_CreateObject(), *ex = cJSON_CreateArray();
    cJSON_AddStringToObject(j, "workload", workload);
    cJSON_AddStringToObject(j, "link", link);
    cJSON_AddItemToObject(j, "best", option_or_null(d, d->best));
    cJSON_AddItemToObject(j, "runner_up", option_or_null(d, d->runner_up));
    cJSON_AddBoolToObject(j, "meets_constraints", d->best >= 0 && d->meets);
    for (int i = 0; i < d->n_excluded; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "option", d->excluded[i].option);
        cJSON_AddStringToObject(e, "reason", d->excluded[i].reason);
        cJSON_AddItemToArray(ex, e);
    }
    cJSON_AddItemToObject(j, "excluded", ex);
    cJSON_AddItemToObject(j, "note", *d->note ? cJSON_CreateString(d->note) : cJSON_CreateNull());
    return j;
}

static void tier_name(char *out, size_t n, const tb_tier_profile *p)
{
    snprintf(out, n, "%s:%s", tb_tier_label(p->tier), p->target);
}

/* One curve per (first, second) pair: the split options are stored in k
 * order, pair after pair. */
static void add_split_curves(cJSON *curves, const char *workload, const char *link,
                             const tb_decision *d)
{
    cJSON *points = NULL;
    const tb_option *prev = NULL;
    for (int i = 0; i < d->n_options; i++) {
        const tb_option *o = &d->options[i];
        if (!o->where.second)
            continue;
        if (!prev || prev->where.first != o->where.first ||
            prev->where.second != o->where.second) {
            char from[80], to[80];
            tier_name(from, sizeof from, o->where.first);
            tier_name(to, sizeof to, o->where.second);
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "workload", workload);
            cJSON_AddStringToObject(c, "link", link);
            cJSON_AddStringToObject(c, "from_tier", from);
            cJSON_AddStringToObject(c, "to_tier", to);
            points = cJSON_AddArrayToObject(c, "points");
            cJSON_AddItemToArray(curves, c);
        }
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "k", o->where.k);
        cJSON_AddNumberToObject(p, "cut_bytes", (double)o->cut_bytes);
        cJSON_AddNumberToObject(p, "latency_ms", o->latency_ms);
        cJSON_AddNumberToObject(p, "device_energy_uJ", o->device_uJ);
        cJSON_AddItemToArray(points, p);
        prev = o;
    }
}

static cJSON *sensitivity_json(const char *workload, const char *link, const tb_sensitivity *s)
{
    cJSON *j = cJSON_CreateObject(), *flips = cJSON_CreateArray();
    cJSON_AddStringToObject(j, "workload", workload);
    cJSON_AddStringToObject(j, "link", link);
    cJSON_AddNumberToObject(j, "low_bps", s->low_bps);
    cJSON_AddNumberToObject(j, "high_bps", s->high_bps);
    cJSON_AddStringToObject(j, "decision_at_low", s->at_low);
    cJSON_AddStringToObject(j, "decision_at_high", s->at_high);
    for (int i = 0; i < s->n_flips; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddNumberToObject(f, "uplink_bps", s->flips[i].uplink_bps);
        cJSON_AddStringToObject(f, "from", s->flips[i].from);
        cJSON_AddStringToObject(f, "to", s->flips[i].to);
        cJSON_AddItemToArray(flips, f);
    }
    cJSON_AddItemToObject(j, "flips", flips);
    return j;
}

cJSON *tb_placement_json(const tb_placement_study *s)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddNumberToObject(j, "schema_version", 1);
    cJSON_AddStringToObject(j, "run_id", s->run_id);
    cJSON_AddStringToObject(j, "objective", s->constraints.objective == TB_OBJECTIVE_ENERGY
                                                ? "energy" : "latency");
    cJSON_AddItemToObject(j, "deadline_ms", number_or_null(s->constraints.deadline_ms));
    cJSON_AddItemToObject(j, "device_energy_budget_uJ", number_or_null(s->constraints.budget_uJ));
    cJSON_AddItemToObject(j, "backhaul", s->backhaul ? link_json(s->backhaul) : cJSON_CreateNull());
    cJSON *links = cJSON_AddArrayToObject(j, "links");
    for (int l = 0; l < s->n_links; l++)
        cJSON_AddItemToArray(links, link_json(&s->links[l]));
    cJSON *decisions = cJSON_AddArrayToObject(j, "decisions"),
          *curves = cJSON_AddArrayToObject(j, "split_curves"),
          *sens = cJSON_AddArrayToObject(j, "sensitivity"),
          *pareto = cJSON_AddArrayToObject(j, "pareto");
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const char *wn = s->workloads[w].workload, *ln = s->links[l].name;
            const tb_decision *d = &s->decisions[w * s->n_links + l];
            cJSON_AddItemToArray(decisions, decision_json(wn, ln, d));
            add_split_curves(curves, wn, ln, d);
            cJSON_AddItemToArray(sens, sensitivity_json(wn, ln, &s->sensitivity[w * s->n_links + l]));
            cJSON *p = cJSON_CreateObject(), *points = cJSON_CreateArray();
            cJSON_AddStringToObject(p, "workload", wn);
            cJSON_AddStringToObject(p, "link", ln);
            for (int i = 0; i < d->n_pareto; i++)
                cJSON_AddItemToArray(points, option_json(&d->options[d->pareto[i]]));
            cJSON_AddItemToObject(p, "points", points);
            cJSON_AddItemToArray(pareto, p);
        }
    return j;
}
