/* Figure: where the time of an inference goes, by operator type, for every
 * cell with a per-layer profile: stacked shares of the summed layer times
 * (median_ns per layer; estimated from cycles on emulated targets). Shares,
 * not absolute times, so MCU and server bars compare on one axis. */
#include "figure.h"

#include <string.h>

#include "record_get.h"

enum { MAX_OPS = 32, SHOWN_OPS = 7 };

typedef struct {
    const char *op;
    double share_sum; /* summed over cells, to order the stack */
} op_total;

static int layer_ns(const cJSON *layer, double *ns)
{
    return tb_rec_num(layer, "median_ns", ns) && *ns >= 0;
}

/* Sum of layer times of a record, 0 when it has no usable profile. */
static double total_ns(const cJSON *r)
{
    double sum = 0, ns;
    const cJSON *l;
    if (!tb_rec_ok(r))
        return 0;
    cJSON_ArrayForEach(l, tb_rec_get(r, "layers")) {
        if (!layer_ns(l, &ns))
            return 0;
        sum += ns;
    }
    return sum;
}

static int op_index(op_total *ops, int *n, const char *op)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(ops[i].op, op) == 0)
            return i;
    if (*n == MAX_OPS)
        return -1;
    ops[*n] = (op_total){op, 0};
    return (*n)++;
}

static double op_share(const cJSON *r, const char *op, double total)
{
    double sum = 0, ns;
    const cJSON *l;
    cJSON_ArrayForEach(l, tb_rec_get(r, "layers")) {
        const char *o = tb_rec_str(l, "op");
        if (o && strcmp(o, op) == 0 && layer_ns(l, &ns))
            sum += ns;
    }
    return 100 * sum / total;
}

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    op_total ops[MAX_OPS];
    int nops = 0, cells = 0;
    const cJSON *r, *l;
    cJSON_ArrayForEach(r, in->records) {
        double total = total_ns(r);
        if (total <= 0)
            continue;
        cells++;
        cJSON_ArrayForEach(l, tb_rec_get(r, "layers")) {
            const char *op = tb_rec_str(l, "op");
            double ns;
            int i = op ? op_index(ops, &nops, op) : -1;
            if (i >= 0 && layer_ns(l, &ns))
                ops[i].share_sum += ns / total;
        }
    }
    if (cells == 0) {
        snprintf(why, why_len, "no ok record has a per-layer time (layers[].median_ns)");
        return 1;
    }
    for (int i = 1; i < nops; i++)
        for (int j = i; j > 0 && ops[j].share_sum > ops[j - 1].share_sum; j--) {
            op_total t = ops[j];
            ops[j] = ops[j - 1];
            ops[j - 1] = t;
        }
    int shown = nops > SHOWN_OPS + 1 ? SHOWN_OPS : nops;

    tb_csv_comment(csv, in, "share of the summed per-layer time by operator [%]; "
                            "a dagger marks cells whose layer times are estimated", "records.jsonl");
    fprintf(csv, "cell");
    for (int i = 0; i < shown; i++)
        fprintf(csv, ",%s", ops[i].op);
    if (shown < nops)
        fprintf(csv, ",other");
    fprintf(csv, ",total_ms\n");
    cJSON_ArrayForEach(r, in->records) {
        double total = total_ns(r);
        if (total <= 0)
            continue;
        char label[200];
        snprintf(label, sizeof label, "%s %s %s%s", tb_rec_str(r, "workload"),
                 tb_rec_str(r, "target"), tb_rec_str(r, "dtype"),
                 tb_rec_latency_estimated(r) ? " †" : "");
        tb_csv_string(csv, label);
        double rest = 100;
        for (int i = 0; i < shown; i++) {
            double s = op_share(r, ops[i].op, total);
            rest -= s;
            fprintf(csv, ",%.6g", s);
        }
        if (shown < nops)
            fprintf(csv, ",%.6g", rest < 0 ? 0 : rest);
        fprintf(csv, ",%.6g\n", total * 1e-6);
    }

    int parts = shown + (shown < nops);
    *rows = cells + parts / 2 + 1; /* the bars and the key above them */
    /* Horizontal stacked bars: names stay readable however many cells. */
    fprintf(plot, "set xrange [0:100]\nset xlabel \"share of inference time [%%]\"\n"

                  "set yrange [%d-0.5:-0.5]\nset ytics noenhanced\nset grid xtics\n"
                  "set key outside top center horizontal\nset style fill solid 0.85 border\n"
                  "plot for [i=2:%d] data using ((sum [j=2:i-1] column(j)) + column(i) / 2):0:"
                  "(column(i) / 2):(0.35):ytic(1) with boxxyerror lt (i-1) title columnhead(i)\n",
            cells, parts + 1);
    return 0;
}

const tb_figure tb_figure_layers = {
    "layers",
    "Per-layer breakdown: share of each operator type in the summed per-layer time of an "
    "inference, one stacked bar per workload, target and dtype (the most expensive operator "
    "types by name, the rest as other). Cells marked † have layer times estimated from the "
    "cycle model; the others are measured profiles.",
    build,
};
