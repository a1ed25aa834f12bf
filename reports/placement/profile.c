/* From records to per-layer tier profiles. Per-layer times are scaled to the
 * record's median latency, so "all on one tier" costs exactly what was
 * measured and a split shares the framework overhead in proportion. */
#include "profile.h"

#include "record_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tb_tier_label(tb_tier t)
{
    static const char *const labels[TB_TIER_COUNT] = {"device", "edge", "server"};
    return labels[t];
}

static int tier_of(const char *tier)
{
    static const char *const record_tiers[TB_TIER_COUNT] = {"mcu", "edge", "server"};
    for (int t = 0; tier && t < TB_TIER_COUNT; t++)
        if (strcmp(tier, record_tiers[t]) == 0)
            return t;
    return -1;
}

int64_t tb_place_shape_count(const char *shape)
{
    int64_t n = 1;
    for (const char *p = shape;;) {
        char *end;
        long long d = strtoll(p, &end, 10);
        if (end == p || d < 0)
            return -1;
        n *= d;
        if (*end != 'x')
            return *end ? -1 : n;
        p = end + 1;
    }
}

/* Which record wins a (tier, target): lower is better. */
static int rank_of(const cJSON *r)
{
    const char *status = tb_rec_str(r, "status"), *dtype = tb_rec_str(r, "dtype");
    if (status && strcmp(status, "ok") == 0)
        return dtype && strcmp(dtype, "int8") == 0 ? 0 : 1;
    return status && strcmp(status, "does-not-fit") == 0 ? 2 : 3;
}

typedef struct {
    int workload;
    tb_tier tier;
    const char *target;
    const cJSON *record;
} pick;

static int find_workload(tb_place_workload *w, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(w[i].workload, name) == 0)
            return i;
    return -1;
}

/* Per-layer times in ms, unscaled; 0 layers when any is missing. */
static int layer_times(const cJSON *r, double *ms, int max)
{
    const cJSON *layers = tb_rec_get(r, "layers"), *l;
    double clock_hz = 0;
    int emulated = tb_rec_num(r, "emulation.clock_hz", &clock_hz) && clock_hz > 0;
    int n = 0;
    cJSON_ArrayForEach(l, layers) {
        double v;
        if (n == max)
            return 0;
        if (emulated && tb_rec_num(l, "cycles", &v))
            ms[n++] = v / clock_hz * 1e3;
        else if (tb_rec_num(l, "median_ns", &v))
            ms[n++] = v * 1e-6;
        else
            return 0;
    }
    return n;
}

static void fill_profile(tb_tier_profile *p, const cJSON *r, int n_layers)
{
    const char *status = tb_rec_str(r, "status"), *why = tb_rec_str(r, "reason");
    snprintf(p->dtype, sizeof p->dtype, "%s", tb_rec_str(r, "dtype") ? tb_rec_str(r, "dtype") : "?");
    if (rank_of(r) > 1) {
        snprintf(p->reason, sizeof p->reason, "%s: %s", status ? status : "no status",
                 why ? why : "no reason recorded");
        return;
    }
    double ns;
    if (!tb_rec_num(r, "latency.ns.median", &ns)) {
        snprintf(p->reason, sizeof p->reason, "the record has no median latency");
        return;
    }
    p->total_ms = ns * 1e-6;
    p->estimated = tb_rec_latency_estimated(r);
    if (p->tier == TB_TIER_DEVICE && !tb_rec_num(r, "energy_uJ", &p->total_uJ)) {
        snprintf(p->reason, sizeof p->reason, "the record has no energy estimate (energy_uJ)");
        return;
    }
    p->usable = 1;
    if (n_layers <= 0)
        return;
    double *ms = calloc((size_t)n_layers + 1, sizeof *ms), sum = 0;
    int n = layer_times(r, ms, n_layers + 1);
    for (int i = 0; i < n; i++)
        sum += ms[i];
    if (n != n_layers || sum <= 0) {
        free(ms);
        return;
    }
    p->n_layers = n;
    p->layer_ms = ms;
    for (int i = 0; i < n; i++)
        ms[i] *= p->total_ms / sum;
    if (p->tier == TB_TIER_DEVICE) {
        p->layer_uJ = calloc((size_t)n, sizeof *p->layer_uJ);
        for (int i = 0; i < n; i++)
            p->layer_uJ[i] = p->total_uJ * ms[i] / p->total_ms;
    }
}

/* The cut sizes: the first record whose every layer has an output shape. */
static void fill_cut_sizes(tb_place_workload *w, const cJSON *r)
{
    if (w->out_bytes)
        return;
    const cJSON *layers = tb_rec_get(r, "layers"), *l;
    int n = cJSON_GetArraySize(layers);
    if (n <= 0)
        return;
    int64_t *bytes = calloc((size_t)n, sizeof *bytes);
    int i = 0;
    cJSON_ArrayForEach(l, layers) {
        const char *shape = tb_rec_str(l, "output_shape");
        if (!shape || (bytes[i++] = tb_place_shape_count(shape)) < 0) {
            free(bytes);
            return;
        }
    }
    w->out_bytes = bytes;
    w->n_layers = n;
}

static int check_choice(const pick *picks, int n_picks, const cJSON *records,
                        const tb_tier_choice *choice, char *err, size_t err_len)
{
    for (int t = 0; t < TB_TIER_COUNT; t++) {
        if (!choice->target[t])
            continue;
        int found = 0;
        for (int i = 0; i < n_picks && !found; i++)
            found = picks[i].tier == (tb_tier)t;
        if (found)
            continue;
        char list[512] = "";
        const cJSON *r;
        cJSON_ArrayForEach(r, records) {
            const char *target = tb_rec_str(r, "target");
            if (tier_of(tb_rec_str(r, "tier")) != t || !target || strstr(list, target))
                continue;
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", target);
        }
        snprintf(err, err_len, "no %s record for target '%s'; the run has: %s", tb_tier_label(t),
                 choice->target[t], *list ? list : "none");
        return -1;
    }
    return 0;
}

static int by_tier(const void *a, const void *b)
{
    const tb_tier_profile *x = a, *y = b;
    return x->tier != y->tier ? (int)x->tier - (int)y->tier : strcmp(x->target, y->target);
}

int tb_place_profiles(const cJSON *records, const tb_tier_choice *choice,
                      tb_place_workload **out, char *err, size_t err_len)
{
    tb_place_workload *w = NULL;
    pick *picks = NULL;
    int n_w = 0, n_picks = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        const char *name = tb_rec_str(r, "workload"), *target = tb_rec_str(r, "target");
        int t = tier_of(tb_rec_str(r, "tier"));
        if (!name || !target || t < 0 || (choice->target[t] && strcmp(choice->target[t], target)))
            continue;
        int wi = find_workload(w, n_w, name);
        if (wi < 0) {
            w = realloc(w, (size_t)(n_w + 1) * sizeof *w);
            memset(&w[n_w], 0, sizeof *w);
            snprintf(w[n_w].workload, sizeof w[n_w].workload, "%s", name);
            wi = n_w++;
        }
        fill_cut_sizes(&w[wi], r);
        int pi = 0;
        while (pi < n_picks && !(picks[pi].workload == wi && picks[pi].tier == (tb_tier)t &&
                                 strcmp(picks[pi].target, target) == 0))
            pi++;
        if (pi == n_picks) {
            picks = realloc(picks, (size_t)(n_picks + 1) * sizeof *picks);
            picks[n_picks++] = (pick){wi, (tb_tier)t, target, r};
        } else if (rank_of(r) < rank_of(picks[pi].record)) {
            picks[pi].record = r;
        }
    }
    int rc = check_choice(picks, n_picks, records, choice, err, err_len);
    for (int i = 0; rc == 0 && i < n_picks; i++) {
        tb_place_workload *wl = &w[picks[i].workload];
        wl->tiers = realloc(wl->tiers, (size_t)(wl->n_tiers + 1) * sizeof *wl->tiers);
        tb_tier_profile *p = &wl->tiers[wl->n_tiers++];
        memset(p, 0, sizeof *p);
        p->tier = picks[i].tier;
        snprintf(p->target, sizeof p->target, "%s", picks[i].target);
        fill_profile(p, picks[i].record, wl->n_layers);
    }
    for (int i = 0; rc == 0 && i < n_w; i++)
        qsort(w[i].tiers, (size_t)w[i].n_tiers, sizeof *w[i].tiers, by_tier);
    for (int i = 0; rc == 0 && i < n_w; i++)
        w[i].input_bytes = tb_place_input_bytes(w[i].workload, w[i].input_reason,
                                                sizeof w[i].input_reason);
    free(picks);
    if (rc) {
        tb_place_workloads_free(w, n_w);
        return -1;
    }
    *out = w;
    return n_w;
}

void tb_place_workloads_free(tb_place_workload *w, int n)
{
    for (int i = 0; i < n; i++) {
        for (int t = 0; t < w[i].n_tiers; t++) {
            free(w[i].tiers[t].layer_ms);
            free(w[i].tiers[t].layer_uJ);
        }
        free(w[i].tiers);
        free(w[i].out_bytes);
    }
    free(w);
}
