/* gnuplot scripts, terminal probing and atomic rendering of figures. */
#include "gnuplot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"
#include "store.h"

static const struct {
    unsigned bit;
    const char *ext, *terminal;
} formats_known[] = {
    {TB_FMT_PNG, "png", "pngcairo"},
    {TB_FMT_PDF, "pdf", "pdfcairo"},
    {TB_FMT_SVG, "svg", "svg"},
};
enum { NFORMATS = sizeof formats_known / sizeof formats_known[0] };

const char *tb_format_ext(unsigned fmt)
{
    for (int i = 0; i < NFORMATS; i++)
        if (formats_known[i].bit == fmt)
            return formats_known[i].ext;
    return "?";
}

int tb_format_parse(const char *list, unsigned *formats)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", list);
    *formats = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int i = 0;
        while (i < NFORMATS && strcmp(tok, formats_known[i].ext) != 0)
            i++;
        if (i == NFORMATS)
            return -1;
        *formats |= formats_known[i].bit;
    }
    return *formats ? 0 : -1;
}

/* A terminal name as `set terminal` lists it: indented, then spaces. */
static int lists_terminal(const char *log, const char *terminal)
{
    FILE *f = fopen(log, "r");
    char line[512], name[64];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = sscanf(line, " %63s", name) == 1 && strcmp(name, terminal) == 0;
    if (f)
        fclose(f);
    return found;
}

static void append(char *why, size_t n, const char *msg)
{
    size_t used = strlen(why);
    snprintf(why + used, n - used, "%s%s", used ? "; " : "", msg);
}

unsigned tb_gnuplot_probe(unsigned wanted, const char *log, char *gnuplot, size_t gnuplot_len,
                          char *why, size_t why_len)
{
    why[0] = 0;
    if (tb_which("gnuplot", gnuplot, gnuplot_len) != 0) {
        snprintf(why, why_len, "gnuplot is not on PATH (Debian: apt-get install gnuplot-nox), "
                               "so no figure was drawn; the scripts and data are written");
        return 0;
    }
    char *argv[] = {gnuplot, "-e", "set terminal", NULL}, err[256] = "";
    tb_proc_result res;
    if (tb_proc_run(argv, log, 30, &res, err, sizeof err) != 0 || res.timed_out || res.exit_code) {
        snprintf(why, why_len, "gnuplot could not list its terminals (%s); no figure was drawn",
                 res.timed_out ? "timed out" : err[0] ? err : "failed");
        return 0;
    }
    unsigned ok = 0;
    for (int i = 0; i < NFORMATS; i++) {
        if (!(wanted & formats_known[i].bit))
            continue;
        if (lists_terminal(log, formats_known[i].terminal)) {
            ok |= formats_known[i].bit;
        } else {
            char msg[160];
            snprintf(msg, sizeof msg, "%s skipped: this gnuplot has no %s terminal",
                     formats_known[i].ext, formats_known[i].terminal);
            append(why, why_len, msg);
        }
    }
    unlink(log);
    return ok;
}

static const char style_gp[] =
    "# Style shared by every tierbench figure; each <name>.gp loads it, so a change\n"
    "# here (colours, fonts, sizes) applies to all figures on the next render.\n"
    "#\n"
    "# Colours: the Okabe-Ito palette, told apart under the common colour-vision\n"
    "# deficiencies: M. Okabe and K. Ito, \"Color Universal Design (CUD): how to make\n"
    "# figures and presentations that are friendly to colorblind people\" (2008),\n"
    "# https://jfly.uni-koeln.de/color/ . Yellow comes late: it is faint on white.\n"
    "# Sizes: one column 3.5 in x 2.5 in, two columns 7 in x 3 in (PDF and SVG at\n"
    "# those sizes; PNG at 150 pixels per inch). One font, DejaVu Sans, 7 pt in one\n"
    "# column and 8 pt in two.\n"
    "set encoding utf8\n"
    "set datafile separator comma\n"
    "set linetype 1 lc rgb \"#0072B2\" lw 1.5 pt 7 ps 0.8  # blue\n"
    "set linetype 2 lc rgb \"#E69F00\" lw 1.5 pt 5 ps 0.8  # orange\n"
    "set linetype 3 lc rgb \"#009E73\" lw 1.5 pt 9 ps 0.8  # bluish green\n"
    "set linetype 4 lc rgb \"#D55E00\" lw 1.5 pt 11 ps 0.8 # vermillion\n"
    "set linetype 5 lc rgb \"#56B4E9\" lw 1.5 pt 13 ps 0.8 # sky blue\n"
    "set linetype 6 lc rgb \"#CC79A7\" lw 1.5 pt 7 ps 0.8  # reddish purple\n"
    "set linetype 7 lc rgb \"#F0E442\" lw 1.5 pt 5 ps 0.8  # yellow\n"
    "set linetype 8 lc rgb \"#000000\" lw 1.5 pt 9 ps 0.8  # black\n"
    "set linetype cycle 8\n"
    "set key noenhanced box opaque samplen 2 spacing 1.1\n"
    "set xtics noenhanced\n"
    "set border 3\n"
    "set tics nomirror\n"
    "font = \"DejaVu Sans\"\n"
    "fontsize(size) = size eq \"1col\" ? 7 : 8\n"
    "ppi = 150.0\n"
    "fig_width(size) = size eq \"1col\" ? 3.5 : 7.0\n"
    "# Figures with many horizontal bars grow by 0.16 in per bar (rows, set in <name>.gp).\n"
    "fig_base_height(size) = size eq \"1col\" ? 2.5 : 3.0\n"
    "fig_height(size) = (0.9 + 0.16 * rows > fig_base_height(size)) ? 0.9 + 0.16 * rows : \\\n"
    "  fig_base_height(size)\n"
    "tb_terminal(fmt, size) = \\\n"
    "  fmt eq \"png\" ? sprintf(\"set terminal pngcairo enhanced size %d,%d fontscale %g \" . \\\n"
    "    \"linewidth %g font '%s,%d'\", int(fig_width(size) * ppi), int(fig_height(size) * ppi), \\\n"
    "    ppi / 72, ppi / 72, font, fontsize(size)) : \\\n"
    "  fmt eq \"pdf\" ? sprintf(\"set terminal pdfcairo enhanced size %gin,%gin font '%s,%d'\", \\\n"
    "    fig_width(size), fig_height(size), font, fontsize(size)) : \\\n"
    "  sprintf(\"set terminal svg enhanced size %d,%d font '%s,%d' background '#ffffff'\", \\\n"
    "    int(fig_width(size) * 72), int(fig_height(size) * 72), font, fontsize(size))\n";

static int write_text(const char *path, const char *text, char *err, size_t err_len)
{
    if (tb_write_file_atomic(path, text, strlen(text)) == 0)
        return 0;
    snprintf(err, err_len, "cannot write '%s': %s", path, strerror(errno));
    return -1;
}

int tb_gnuplot_write_style(const char *fig_dir, char *err, size_t err_len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/style.gp", fig_dir);
    return write_text(path, style_gp, err, err_len);
}

int tb_gnuplot_write_figure(const char *fig_dir, const char *name, const char *caption,
                            const char *csv, const char *plot_body, int rows, unsigned formats,
                            char *err, size_t err_len)
{
    char path[4200], *gp = NULL;
    size_t gp_len = 0;
    FILE *f = open_memstream(&gp, &gp_len);
    if (!f)
        abort();
    fprintf(f, "# %s\n#\n", name);
    /* The caption as comment lines of at most ~80 characters. */
    for (const char *p = caption; *p;) {
        size_t n = strlen(p);
        if (n > 76) {
            n = 76;
            while (n > 20 && p[n] != ' ')
                n--;
        }
        fprintf(f, "# %.*s\n", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
    fprintf(f, "#\n# Re-render after editing this file or %s.csv: gnuplot %s.gp\n"
               "# (formats and sizes below; colours, fonts and sizes in style.gp)\n\n"
               "data = '%s.csv'\nrows = %d\nload 'style.gp'\nif (!exists(\"outdir\")) outdir = ''\n"
               "do for [fmt in \"",
            name, name, name, rows);
    for (unsigned bit = 1, first = 1; bit <= TB_FMT_SVG; bit <<= 1)
        if (formats & bit) {
            fprintf(f, "%s%s", first ? "" : " ", tb_format_ext(bit));
            first = 0;
        }
    fprintf(f, "\"] {\ndo for [size in \"" TB_FIG_SIZES "\"] {\n"
               "eval tb_terminal(fmt, size)\n"
               "set output outdir . sprintf(\"%s-%%s.%%s\", size, fmt)\n\n%s\nset output\n}\n}\n",
            name, plot_body);
    fclose(f);
    snprintf(path, sizeof path, "%s/%s.gp", fig_dir, name);
    int rc = write_text(path, gp, err, err_len);
    free(gp);
    snprintf(path, sizeof path, "%s/%s.csv", fig_dir, name);
    return rc ? rc : write_text(path, csv, err, err_len);
}

int tb_gnuplot_render(const char *gnuplot, const char *fig_dir, const char *name,
                      unsigned formats, char *err, size_t err_len)
{
    char stage[4200], log[4300], keep[4300], cmd[8600], script[4300];
    snprintf(stage, sizeof stage, "%s/.staging-%ld", fig_dir, (long)getpid());
    snprintf(log, sizeof log, "%s/%s.log", stage, name);
    snprintf(keep, sizeof keep, "%s/%s.log", fig_dir, name);
    snprintf(script, sizeof script, "%s.gp", name);
    if (strchr(fig_dir, '\'')) {
        snprintf(err, err_len, "the output folder's path has a quote (') gnuplot cannot take");
        return -1;
    }
    if (tb_mkdir_p(stage) != 0) {
        snprintf(err, err_len, "cannot create '%s': %s", stage, strerror(errno));
        return -1;
    }
    /* gnuplot resolves style.gp and the data file from its working folder. */
    snprintf(cmd, sizeof cmd, "cd '%s'; outdir = '.staging-%ld/'", fig_dir, (long)getpid());
    char *argv[] = {(char *)gnuplot, "-e", cmd, script, NULL};
    tb_proc_result res;
    int rc = tb_proc_run(argv, log, 120, &res, err, err_len);
    if (rc == 0 && (res.timed_out || res.signaled || res.exit_code)) {
        char last[512];
        tb_last_line(log, last, sizeof last);
        snprintf(err, err_len, "gnuplot %s: %s (full output: %s)",
                 res.timed_out ? "timed out" : "failed", last[0] ? last : "no message", keep);
        rename(log, keep);
        rc = -1;
    }
    for (unsigned bit = 1; bit <= TB_FMT_SVG; bit <<= 1) {
        if (!(formats & bit))
            continue;
        char sizes[] = TB_FIG_SIZES, *save = NULL;
        for (char *s = strtok_r(sizes, " ", &save); s; s = strtok_r(NULL, " ", &save)) {
            char from[4400], to[4400];
            snprintf(from, sizeof from, "%s/%s-%s.%s", stage, name, s, tb_format_ext(bit));
            snprintf(to, sizeof to, "%s/%s-%s.%s", fig_dir, name, s, tb_format_ext(bit));
            if (rc == 0 && rename(from, to) != 0) {
                snprintf(err, err_len, "gnuplot drew no %s (%s)", to, strerror(errno));
                rc = -1;
            }
            unlink(from);
        }
    }
    if (rc == 0)
        unlink(keep);
    unlink(log);
    rmdir(stage);
    return rc;
}
