/* Figure: the server roofline (Williams, Waterman and Patterson, CACM 2009):
 * each server cell's achieved GFLOP/s against its arithmetic intensity
 * (flops per byte moved, from the record's efficiency object), under the
 * ceilings measured on that machine: the triad bandwidth slope, the large
 * SGEMM and, where the CPU table knows it, the fp32 peak. */
#include "figure.h"

#include <string.h>

#include "record_get.h"

enum { MAX_TARGETS = 8 };

typedef struct {
    const char *target;
    double sgemm, triad, peak; /* GFLOP/s, GB/s, GFLOP/s (0: unknown) */
} ceilings;

static int point(const cJSON *r, double *ai, double *gflops)
{
    double flops, bytes;
    if (!tb_rec_ok(r) || !tb_rec_num(r, "efficiency.flops", &flops) ||
        !tb_rec_num(r, "efficiency.bytes", &bytes) || !tb_rec_num(r, "efficiency.gflop_s", gflops) ||
        bytes <= 0 || flops <= 0 || *gflops <= 0)
        return 0;
    *ai = flops / bytes;
    return 1;
}

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    ceilings c[MAX_TARGETS];
    int nc = 0, points = 0;
    const cJSON *r;
    tb_csv_comment(csv, in, "server roofline points: arithmetic intensity [flop/byte] and "
                            "achieved rate [GFLOP/s] (efficiency object)", "records.jsonl");
    fprintf(csv, "target,workload,dtype,intensity [flop/byte],rate [GFLOP/s]\n");
    cJSON_ArrayForEach(r, in->records) {
        double ai, g;
        const char *t = tb_rec_str(r, "target");
        if (!t || !point(r, &ai, &g))
            continue;
        int i = 0;
        while (i < nc && strcmp(c[i].target, t) != 0)
            i++;
        if (i == nc && nc < MAX_TARGETS) {
            c[nc] = (ceilings){t, 0, 0, 0};
            tb_rec_num(r, "efficiency.sgemm_ceiling_gflop_s", &c[nc].sgemm);
            tb_rec_num(r, "efficiency.stream_triad_gb_s", &c[nc].triad);
            tb_rec_num(r, "efficiency.peak_gflop_s", &c[nc].peak);
            nc++;
        }
        tb_csv_string(csv, t);
        fputc(',', csv);
        tb_csv_string(csv, tb_rec_str(r, "workload"));
        fprintf(csv, ",%s,%.6g,%.6g\n", tb_rec_str(r, "dtype") ? tb_rec_str(r, "dtype") : "-", ai,
                g);
        points++;
    }
    if (points == 0) {
        snprintf(why, why_len, "no ok record has an efficiency object (server tier records "
                               "carry one: flops, bytes, gflop_s and the measured ceilings)");
        return 1;
    }
    fprintf(plot, "set datafile columnheaders\nset logscale xy\nset xlabel \"arithmetic intensity [flop/byte]\"\n"
                  "set ylabel \"achieved rate [GFLOP/s]\"\nset grid\nset xtics enhanced\n"
                  "set key outside top center horizontal\n"
                  "set xrange [0.01:1000]\nset samples 400\n");
    for (int i = 0; i < nc; i++) {
        fprintf(plot, "# measured on %s: triad bandwidth [GB/s], large SGEMM [GFLOP/s], "
                      "fp32 peak [GFLOP/s] (0: unknown)\n",
                c[i].target);
        fprintf(plot, "triad%d = %.6g; sgemm%d = %.6g; peak%d = %.6g\n", i, c[i].triad, i,
                c[i].sgemm, i, c[i].peak);
        fprintf(plot, "roof%d(x) = (x * triad%d < sgemm%d) ? x * triad%d : sgemm%d\n", i, i, i,
                i, i);
    }
    *rows = 10 + 3 * nc;
    fprintf(plot, "plot \\\n");
    for (int i = 0; i < nc; i++) {
        fprintf(plot, "  roof%d(x) with lines lt %d lw 2 title ", i, i + 1);
        char t[160];
        snprintf(t, sizeof t, "%s: triad and SGEMM ceilings", c[i].target);
        tb_gp_quote(plot, t);
        fprintf(plot, ", \\\n");
        if (c[i].peak > 0) {
            fprintf(plot, "  peak%d with lines lt %d dt 2 title ", i, i + 1);
            snprintf(t, sizeof t, "%s: fp32 peak", c[i].target);
            tb_gp_quote(plot, t);
            fprintf(plot, ", \\\n");
        }
        fprintf(plot, "  data using (strcol(1) eq ");
        tb_gp_quote(plot, c[i].target);
        fprintf(plot, " ? $4 : NaN):5 with points lt %d pt 7 ps 1.2 title ", i + 1);
        snprintf(t, sizeof t, "%s cells (measured)", c[i].target);
        tb_gp_quote(plot, t);
        fprintf(plot, ", \\\n");
    }
    fprintf(plot, "  data using 4:5:2 with labels noenhanced offset char 0.6,0.6 left font \",6\" notitle\n");
    return 0;
}

const tb_figure tb_figure_roofline = {
    "roofline",
    "Server roofline: achieved GFLOP/s of each server cell against its arithmetic intensity "
    "(flop per byte of weights and activations), log-log, under the ceilings measured on the "
    "same machine (STREAM-triad bandwidth slope up to the large-SGEMM rate; dashed: the fp32 "
    "peak where the CPU is known). All points are measured.",
    build,
};
