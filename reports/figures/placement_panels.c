/* The placement figures' shared shape: one panel per workload (two
 * columns), one curve per placement.json block inside it, coloured by link
 * so a link looks the same in every panel; the key is drawn once, in a
 * panel of its own. A single plot of every workload x link curve (32 and more)
 * buries the data under its key. */
#include "placement_panels.h"

#include <string.h>

#include "record_get.h"

int tb_name_index(tb_name_list *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->name[i], name) == 0)
            return i;
    if (l->n == TB_MAX_PANEL_NAMES)
        return -1;
    snprintf(l->name[l->n], sizeof l->name[0], "%s", name);
    return l->n++;
}

int tb_placement_panels(const tb_figure_input *in, const char *array, const tb_panel_spec *spec,
                        FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    const cJSON *items = tb_rec_get(in->placement, array);
    if (!in->placement || cJSON_GetArraySize(items) == 0) {
        snprintf(why, why_len, in->placement ? "placement.json has no %s"
                                             : "no placement computed (tierbench place RUN_DIR)",
                 array);
        return 1;
    }
    tb_csv_comment(csv, in, spec->csv_what, "placement/placement.json");
    fprintf(csv, "# one block per workload and link (gnuplot: index i)\n");
    tb_name_list workloads = {.n = 0}, links = {.n = 0}, variants = {.n = 0};
    struct {
        int workload, link, variant;
    } block[256];
    int blocks = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, items) {
        const char *w = tb_rec_str(item, "workload"), *l = tb_rec_str(item, "link");
        char v[160] = "";
        if (spec->variant && spec->variant(item, v, sizeof v) != 0)
            continue;
        if (!w || !l || cJSON_GetArraySize(tb_rec_get(item, "points")) == 0 ||
            blocks == (int)(sizeof block / sizeof block[0]))
            continue;
        int wi = tb_name_index(&workloads, w), li = tb_name_index(&links, l);
        int vi = tb_name_index(&variants, v);
        if (wi < 0 || li < 0 || vi < 0)
            continue;
        fprintf(csv, "%s# %s over %s%s%s\n%s\n", blocks ? "\n\n" : "", w, l, *v ? ", " : "", v,
                spec->csv_columns);
        const cJSON *p;
        cJSON_ArrayForEach(p, tb_rec_get(item, "points"))
            spec->point(p, csv);
        block[blocks].workload = wi;
        block[blocks].link = li;
        block[blocks++].variant = vi;
    }
    if (blocks == 0) {
        snprintf(why, why_len, "placement.json's %s have no points", array);
        return 1;
    }
    /* One panel per workload and a last one holding only the key. */
    const int panels = workloads.n + 1, cols = 2, panel_rows = (panels + cols - 1) / cols;
    /* About 2.2 in per row of panels (gnuplot.c: height 0.9 + 0.16 x rows). */
    *rows = 14 * panel_rows - 5;
    fprintf(plot, "%s\nset grid\nunset key\nset multiplot layout %d,%d\n", spec->axes,
            panel_rows, cols);
    for (int wi = 0; wi < workloads.n; wi++) {
        fprintf(plot, "set title noenhanced ");
        tb_gp_quote(plot, workloads.name[wi]);
        fprintf(plot, "\nplot \\\n");
        int first = 1;
        for (int b = 0; b < blocks; b++) {
            if (block[b].workload != wi)
                continue;
            fprintf(plot, "%s  data index %d using %s with linespoints lt %d dt %d pt %d notitle",
                    first ? "" : ", \\\n", b, spec->using_cols, block[b].link + 1,
                    block[b].variant % 5 + 1, 4 + 2 * (block[b].link % 4));
            first = 0;
        }
        fputc('\n', plot);
    }
    /* The key: colour names the link, dash type the variant (tier pair). */
    fprintf(plot, "unset title\nunset border\nunset tics\nunset grid\nunset xlabel\n"
                  "unset ylabel\nunset logscale\nset yrange [0:1]\n"
                  "set key center center noenhanced font \",7\" spacing 0.9 maxrows %d\nplot \\\n",
            (links.n + variants.n + 1) / 2);
    for (int l = 0; l < links.n; l++) {
        fprintf(plot, "  NaN with linespoints lt %d dt 1 pt %d title ", l + 1, 4 + 2 * (l % 4));
        tb_gp_quote(plot, links.name[l]);
        fprintf(plot, "%s", l + 1 < links.n || variants.n > 1 ? ", \\\n" : "\n");
    }
    for (int v = 0; variants.n > 1 && v < variants.n; v++) {
        fprintf(plot, "  NaN with lines lc rgb \"#000000\" dt %d title ", v % 5 + 1);
        tb_gp_quote(plot, variants.name[v]);
        fprintf(plot, "%s", v + 1 < variants.n ? ", \\\n" : "\n");
    }
    /* The next format or size renders from this state: undo the key panel's
     * settings (the shared style, ranges, tics). */
    fprintf(plot, "unset multiplot\nset autoscale\nset xtics\nset ytics\nset border\n"
                  "load 'style.gp'\n");
    return 0;
}
