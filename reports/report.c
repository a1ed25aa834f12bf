/* tierbench report: loads a run, draws its figures and writes report.md,
 * report.html and the LaTeX tables, each file replaced atomically. */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "figures/figure.h"
#include "gnuplot.h"
#include "record_get.h"
#include "report_tables.h"
#include "store.h"
#include "summary.h"

typedef void (*doc_writer)(const tb_report *r, const void *arg, FILE *f);

/* Renders a document into memory, then replaces path with it at once. */
static int write_doc(const char *path, doc_writer fn, const tb_report *r, const void *arg,
                     char *err, size_t err_len)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    fn(r, arg, f);
    fclose(f);
    int rc = tb_write_file_atomic(path, buf, len);
    if (rc != 0)
        snprintf(err, err_len, "cannot write '%s': %s", path, strerror(errno));
    free(buf);
    return rc;
}

static void md(const tb_report *r, const void *arg, FILE *f)
{
    (void)arg;
    tb_render_markdown(r, f);
}

static void html(const tb_report *r, const void *arg, FILE *f)
{
    (void)arg;
    tb_render_html(r, f);
}

static void latex(const tb_report *r, const void *arg, FILE *f)
{
    (void)r;
    tb_render_latex_table(arg, f);
}

static cJSON *load_placement(const char *run_dir, char *note, size_t n, FILE *warn)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/placement/placement.json", run_dir);
    cJSON *pl = tb_json_file_read(path);
    if (!pl && errno == ENOENT) {
        snprintf(note, n, "%.400s does not exist (tierbench place RUN_DIR computes it)", path);
        return NULL;
    }
    double version = 0;
    if (!cJSON_IsObject(pl) || !tb_rec_num(pl, "schema_version", &version) || version != 1) {
        snprintf(note, n, "%.400s is not a placement file this report reads (a JSON object with "
                          "schema_version 1)", path);
        fprintf(warn, "tierbench: report: warning: %s\n", note);
        cJSON_Delete(pl);
        return NULL;
    }
    return pl;
}

static void note_append(char *buf, size_t n, const char *msg)
{
    size_t used = strlen(buf);
    snprintf(buf + used, n - used, "%s%s", used ? "; " : "", msg);
}

/* Builds and (when gnuplot can) draws every figure; -1 when a render failed. */
static int draw_figures(tb_report *r, const char *gnuplot, FILE *warn)
{
    char fig_dir[4200], err[1024];
    int failed = 0;
    snprintf(fig_dir, sizeof fig_dir, "%s/figures", r->out_dir);
    if (tb_gnuplot_write_style(fig_dir, err, sizeof err) != 0) {
        fprintf(warn, "tierbench: report: %s\n", err);
        return -1;
    }
    tb_figure_input in = {r->records, r->placement, r->run_id};
    for (const tb_figure *const *fig = tb_figures; *fig && r->nfigures < TB_REPORT_MAX_FIGURES;
         fig++) {
        tb_figure_result *res = &r->figures[r->nfigures++];
        *res = (tb_figure_result){.name = (*fig)->name, .caption = (*fig)->caption};
        char *csv = NULL, *plot = NULL;
        size_t csv_len = 0, plot_len = 0;
        FILE *c = open_memstream(&csv, &csv_len), *p = open_memstream(&plot, &plot_len);
        if (!c || !p)
            abort();
        int rows = 0;
        int skip = (*fig)->build(&in, c, p, &rows, res->note, sizeof res->note);
        fclose(c);
        fclose(p);
        if (!skip) {
            res->scripted = tb_gnuplot_write_figure(fig_dir, res->name, res->caption, csv, plot,
                                                    rows, r->formats ? r->formats : TB_FMT_ALL, err,
                                                    sizeof err) == 0;
            if (!res->scripted) {
                snprintf(res->note, sizeof res->note, "%.590s", err);
                failed = 1;
            } else if (!r->formats) {
                snprintf(res->note, sizeof res->note, "no image format could be drawn");
            } else if (tb_gnuplot_render(gnuplot, fig_dir, res->name, r->formats, err,
                                         sizeof err) != 0) {
                snprintf(res->note, sizeof res->note, "%.590s", err);
                fprintf(warn, "tierbench: report: figure %s: %s\n", res->name, err);
                failed = 1;
            } else {
                res->drawn = 1;
            }
        }
        free(csv);
        free(plot);
    }
    return failed ? -1 : 0;
}

static int prepare(tb_report *r, const char *run_dir, const char *out_dir, char *err,
                   size_t err_len)
{
    struct stat st;
    if (stat(run_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, err_len, "report: '%s' is not a folder; give a result folder that "
                               "tierbench run wrote (it holds records.jsonl)", run_dir);
        return TB_REPORT_BAD_INPUT;
    }
    char why[600];
    r->records = tb_summary_load(run_dir, why, sizeof why);
    if (!r->records) {
        snprintf(err, err_len, "report: %s", why);
        return TB_REPORT_BAD_INPUT;
    }
    if (cJSON_GetArraySize(r->records) == 0) {
        snprintf(err, err_len, "report: '%s/records.jsonl' has no records (did the run finish "
                               "a cell?)", run_dir);
        return TB_REPORT_BAD_INPUT;
    }
    const char *id = tb_rec_str(cJSON_GetArrayItem(r->records, 0), "run_id");
    snprintf(r->run_id, sizeof r->run_id, "%s", id ? id : "unknown");
    snprintf(r->run_dir, sizeof r->run_dir, "%s", run_dir);
    if (out_dir)
        snprintf(r->out_dir, sizeof r->out_dir, "%s", out_dir);
    else
        snprintf(r->out_dir, sizeof r->out_dir, "%s/report", run_dir);
    static const char *const sub[] = {"figures", "tables"};
    for (int i = 0; i < 2; i++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/%s", r->out_dir, sub[i]);
        if (tb_mkdir_p(dir) != 0) {
            snprintf(err, err_len, "report: cannot create '%s': %s (choose another folder "
                                   "with --out)", dir, strerror(errno));
            return TB_REPORT_BAD_INPUT;
        }
    }
    return TB_REPORT_OK;
}

static int write_documents(tb_report *r, char *err, size_t err_len)
{
    char path[4400];
    r->tables[r->ntables++] = tb_results_table(r->records, r->run_id);
    if (r->placement) {
        r->tables[r->ntables++] = tb_placement_decisions_table(r->placement);
        r->tables[r->ntables++] = tb_placement_sensitivity_table(r->placement);
    }
    for (int i = 0; i < r->ntables; i++) {
        snprintf(path, sizeof path, "%s/tables/%s.tex", r->out_dir, r->tables[i]->id);
        if (write_doc(path, latex, r, r->tables[i], err, err_len) != 0)
            return -1;
    }
    snprintf(path, sizeof path, "%s/report.md", r->out_dir);
    if (write_doc(path, md, r, NULL, err, err_len) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/report.html", r->out_dir);
    return write_doc(path, html, r, NULL, err, err_len);
}

int tb_report_write(const char *run_dir, const char *out_dir, unsigned formats, FILE *warn,
                    char *err, size_t err_len)
{
    tb_report *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    int rc = prepare(r, run_dir, out_dir, err, err_len);
    if (rc == TB_REPORT_OK) {
        r->placement = load_placement(run_dir, r->placement_note, sizeof r->placement_note, warn);
        char gnuplot[4096], probe_log[4400];
        snprintf(probe_log, sizeof probe_log, "%s/figures/.gnuplot-terminals.log", r->out_dir);
        r->formats = tb_gnuplot_probe(formats, probe_log, gnuplot, sizeof gnuplot,
                                      r->figures_note, sizeof r->figures_note);
        if (r->figures_note[0])
            fprintf(warn, "tierbench: report: warning: %s\n", r->figures_note);
        int figures_failed = draw_figures(r, gnuplot, warn) != 0;
        if (figures_failed)
            note_append(r->figures_note, sizeof r->figures_note,
                        "some figures failed to render, see each figure's note");
        if (write_documents(r, err, err_len) != 0)
            rc = TB_REPORT_FAILED;
        else if (figures_failed) {
            snprintf(err, err_len, "report: some figures failed to render (the documents are "
                                   "written; see the warnings above)");
            rc = TB_REPORT_FAILED;
        }
    }
    for (int i = 0; i < r->ntables; i++)
        tb_table_free(r->tables[i]);
    cJSON_Delete(r->records);
    cJSON_Delete(r->placement);
    free(r);
    return rc;
}
