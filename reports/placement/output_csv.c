/* The study as CSV files beside placement.json, for spreadsheets and
 * gnuplot, and the writer that puts all five files in place atomically. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "record_json.h"
#include "store.h"

/* "workload,link," — workload specs can hold commas (vww:alpha=0.5,res=128). */
static void row_start(FILE *f, const char *workload, const char *link)
{
    tb_csv_string(f, workload);
    fprintf(f, ",%s,", link);
}

static void option_row(FILE *f, const char *workload, const char *link, const char *rank,
                       const tb_option *o, const tb_decision *d)
{
    row_start(f, workload, link);
    fprintf(f, "%s,", rank);
    tb_csv_string(f, o->name);
    fprintf(f, ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%d,%d,", o->latency_ms, o->device_uJ,
            o->compute_ms, o->transfer_ms, o->rtt_ms, o->device_compute_uJ, o->radio_uJ,
            o->estimated, d->meets);
    tb_csv_string(f, d->note);
    fputc('\n', f);
}

static void decisions_csv(FILE *f, const tb_placement_study *s)
{
    fprintf(f, "workload,link,rank,option,latency_ms,device_energy_uJ,compute_ms,transfer_ms,"
               "rtt_ms,device_compute_uJ,radio_uJ,estimated,meets_constraints,note\n");
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const tb_decision *d = &s->decisions[w * s->n_links + l];
            const char *wn = s->workloads[w].workload, *ln = s->links[l].name;
            if (d->best >= 0)
                option_row(f, wn, ln, "best", &d->options[d->best], d);
            if (d->runner_up >= 0)
                option_row(f, wn, ln, "runner_up", &d->options[d->runner_up], d);
            if (d->best < 0) {
                row_start(f, wn, ln);
                fprintf(f, "none,,,,,,,,,,0,");
                tb_csv_string(f, d->note);
                fputc('\n', f);
            }
        }
}

static void split_curves_csv(FILE *f, const tb_placement_study *s)
{
    fprintf(f, "workload,link,from_tier,to_tier,k,cut_bytes,latency_ms,device_energy_uJ\n");
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const tb_decision *d = &s->decisions[w * s->n_links + l];
            for (int i = 0; i < d->n_options; i++) {
                const tb_option *o = &d->options[i];
                if (!o->where.second)
                    continue;
                row_start(f, s->workloads[w].workload, s->links[l].name);
                fprintf(f, "%s:%s,%s:%s,%d,%lld,%.9g,%.9g\n", tb_tier_label(o->where.first->tier),
                        o->where.first->target, tb_tier_label(o->where.second->tier),
                        o->where.second->target, o->where.k, (long long)o->cut_bytes,
                        o->latency_ms, o->device_uJ);
            }
        }
}

static void sensitivity_csv(FILE *f, const tb_placement_study *s)
{
    fprintf(f, "workload,link,event,uplink_bps,from,to\n");
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const tb_sensitivity *x = &s->sensitivity[w * s->n_links + l];
            const char *wn = s->workloads[w].workload, *ln = s->links[l].name;
            row_start(f, wn, ln);
            fprintf(f, "low,%.9g,,%s\n", x->low_bps, x->at_low);
            for (int i = 0; i < x->n_flips; i++) {
                row_start(f, wn, ln);
                fprintf(f, "flip,%.9g,%s,%s\n", x->flips[i].uplink_bps, x->flips[i].from,
                        x->flips[i].to);
            }
            row_start(f, wn, ln);
            fprintf(f, "high,%.9g,%s,\n", x->high_bps, x->at_high);
        }
}

static void pareto_csv(FILE *f, const tb_placement_study *s)
{
    fprintf(f, "workload,link,option,latency_ms,device_energy_uJ\n");
    for (int w = 0; w < s->n_workloads; w++)
        for (int l = 0; l < s->n_links; l++) {
            const tb_decision *d = &s->decisions[w * s->n_links + l];
            for (int i = 0; i < d->n_pareto; i++) {
                const tb_option *o = &d->options[d->pareto[i]];
                row_start(f, s->workloads[w].workload, s->links[l].name);
                fprintf(f, "%s,%.9g,%.9g\n", o->name, o->latency_ms, o->device_uJ);
            }
        }
}

static int write_one(const char *dir, const char *name, const char *data, size_t len, char *err,
                     size_t err_len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (tb_write_file_atomic(path, data, len) == 0)
        return 0;
    snprintf(err, err_len, "cannot write '%s': %s", path, strerror(errno));
    return -1;
}

int tb_placement_write(const tb_placement_study *s, const char *dir, char *err, size_t err_len)
{
    if (tb_mkdir_p(dir) != 0) {
        snprintf(err, err_len, "cannot create '%s': %s", dir, strerror(errno));
        return -1;
    }
    cJSON *j = tb_placement_json(s);
    char *json = cJSON_Print(j);
    cJSON_Delete(j);
    int rc = write_one(dir, "placement.json", json, strlen(json), err, err_len);
    free(json);
    static void (*const renderers[])(FILE *, const tb_placement_study *) = {
        decisions_csv, split_curves_csv, sensitivity_csv, pareto_csv};
    static const char *const names[] = {"decisions.csv", "split_curves.csv", "sensitivity.csv",
                                        "pareto.csv"};
    for (size_t i = 0; rc == 0 && i < sizeof names / sizeof names[0]; i++) {
        char *data = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&data, &len);
        renderers[i](f, s);
        fclose(f);
        rc = write_one(dir, names[i], data, len, err, err_len);
        free(data);
    }
    return rc;
}
