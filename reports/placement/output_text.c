/* The placement table for a terminal: per workload, one row per link with
 * the best option, its breakdown and the runner-up; then what was excluded
 * and where the decision flips with the uplink bandwidth. */
#include <string.h>

#include "output.h"

void tb_format_bps(char *out, size_t n, double bps)
{
    static const char *const units[] = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    int u = 0;
    while (bps >= 1000 && u < 4) {
        bps /= 1000;
        u++;
    }
    snprintf(out, n, "%.3g %s", bps, units[u]);
}

static const char *input_size(const tb_place_workload *w, char *buf, size_t n)
{
    if (w->input_bytes < 0)
        return "unknown";
    snprintf(buf, n, "%lld B", (long long)w->input_bytes);
    return buf;
}

static void print_workload(FILE *f, const tb_placement_study *s, int w)
{
    const tb_place_workload *wl = &s->workloads[w];
    char in[32];
    fprintf(f, "\n== %s   (input %s, result %lld B, %d layers)\n", wl->workload,
            input_size(wl, in, sizeof in),
            wl->out_bytes ? (long long)wl->out_bytes[wl->n_layers - 1] : -1LL, wl->n_layers);
    fprintf(f, "%-9s %-30s %14s %12s %26s   %s\n", "link", "best", "latency ms", "device uJ",
            "compute+transfer+rtt ms", "runner-up");
    for (int l = 0; l < s->n_links; l++) {
        const tb_decision *d = &s->decisions[w * s->n_links + l];
        fprintf(f, "%-9s ", s->links[l].name);
        if (d->best < 0) {
            fprintf(f, "%-30s\n", "-");
        } else {
            const tb_option *o = &d->options[d->best];
            char parts[64];
            snprintf(parts, sizeof parts, "%.3g+%.3g+%.3g", o->compute_ms, o->transfer_ms,
                     o->rtt_ms);
            fprintf(f, "%-30s %12.4g %c %12.4g %26s   %s\n", o->name, o->latency_ms,
                    o->estimated ? 'e' : 'm', o->device_uJ, parts,
                    d->runner_up >= 0 ? d->options[d->runner_up].name : "-");
        }
        if (*d->note)
            fprintf(f, "          note: %s\n", d->note);
    }
    const tb_decision *first = &s->decisions[w * s->n_links];
    for (int i = 0; i < first->n_excluded; i++)
        if (!first->excluded[i].constraint)
            fprintf(f, "  excluded %s: %s\n", first->excluded[i].option,
                    first->excluded[i].reason);
    char low[32], high[32];
    tb_format_bps(low, sizeof low, s->sensitivity[w * s->n_links].low_bps);
    tb_format_bps(high, sizeof high, s->sensitivity[w * s->n_links].high_bps);
    fprintf(f, "  uplink sensitivity (%s to %s; the link's other figures held):\n", low, high);
    for (int l = 0; l < s->n_links; l++) {
        const tb_sensitivity *x = &s->sensitivity[w * s->n_links + l];
        fprintf(f, "    %-9s %s", s->links[l].name, *x->at_low ? x->at_low : "none");
        for (int i = 0; i < x->n_flips; i++) {
            char bps[32];
            tb_format_bps(bps, sizeof bps, x->flips[i].uplink_bps);
            fprintf(f, ", from %s %s", bps, x->flips[i].to);
        }
        fprintf(f, "%s\n", x->n_flips ? "" : " throughout");
    }
}

void tb_placement_print(FILE *f, const tb_placement_study *s)
{
    char deadline[32] = "none", budget[32] = "none";
    if (s->constraints.deadline_ms >= 0)
        snprintf(deadline, sizeof deadline, "%g ms", s->constraints.deadline_ms);
    if (s->constraints.budget_uJ >= 0)
        snprintf(budget, sizeof budget, "%g uJ", s->constraints.budget_uJ);
    fprintf(f, "placement of run %s: objective %s, deadline %s, device energy budget %s\n",
            s->run_id, s->constraints.objective == TB_OBJECTIVE_ENERGY ? "energy" : "latency",
            deadline, budget);
    for (int w = 0; w < s->n_workloads; w++)
        print_workload(f, s, w);
    fprintf(f, "\nlatency: m = every segment measured, e = a segment from the cycle model; "
               "transfer and radio energy come from the link profiles (docs/placement.md)\n");
}
