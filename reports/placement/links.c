/* Parsing and finding link profiles. A figure without its `source` line is
 * an error, so a number cannot enter the model without saying where it is from. */
#include "links.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datafile.h"
#include "source_dir.h"

enum { FIG_UP, FIG_DOWN, FIG_RTT, FIG_TX, FIG_RX, FIG_TAIL, FIG_COUNT };

static const char *const figure_keys[FIG_COUNT] = {
    "uplink_bps", "downlink_bps", "rtt_ms", "radio_tx_nJ_per_bit", "radio_rx_nJ_per_bit",
    "tail_energy_uJ"};

typedef struct {
    tb_link *l;
    int seen[FIG_COUNT];
    int awaiting; /* figure read whose source line has not come yet, or -1 */
} parse_state;

static double *figure_slot(tb_link *l, int f)
{
    double *slots[FIG_COUNT] = {&l->uplink_bps,    &l->downlink_bps,  &l->rtt_ms,
                                &l->tx_nJ_per_bit, &l->rx_nJ_per_bit, &l->tail_uJ};
    return slots[f];
}

static void append_source(tb_link *l, const char *key, const char *text)
{
    size_t used = strlen(l->source);
    snprintf(l->source + used, sizeof l->source - used, "%s%s: %s", used ? " | " : "", key,
             text);
}

static int on_line(void *obj, const char *key, char *rest, char *why, size_t why_len)
{
    parse_state *s = obj;
    if (strcmp(key, "source") == 0) {
        if (s->awaiting < 0) {
            snprintf(why, why_len, "'source' must follow the figure it is the source of");
            return -1;
        }
        char text[1024];
        tb_datafile_text(text, sizeof text, rest);
        append_source(s->l, figure_keys[s->awaiting], text);
        s->awaiting = -1;
        return 0;
    }
    if (s->awaiting >= 0) {
        snprintf(why, why_len, "'%s' has no source line (each figure is followed by 'source ...')",
                 figure_keys[s->awaiting]);
        return -1;
    }
    if (strcmp(key, "description") == 0) {
        tb_datafile_text(s->l->description, sizeof s->l->description, rest);
        return 0;
    }
    for (int f = 0; f < FIG_COUNT; f++) {
        if (strcmp(key, figure_keys[f]) != 0)
            continue;
        if (s->seen[f]) {
            snprintf(why, why_len, "'%s' is given twice", key);
            return -1;
        }
        if (tb_datafile_number(rest, figure_slot(s->l, f), why, why_len))
            return -1;
        if ((f == FIG_UP || f == FIG_DOWN) && *figure_slot(s->l, f) <= 0) {
            snprintf(why, why_len, "'%s' must be above 0 bit/s", key);
            return -1;
        }
        s->seen[f] = 1;
        s->awaiting = f;
        return 0;
    }
    snprintf(why, why_len,
             "unknown key '%s'; accepted: description, uplink_bps, downlink_bps, rtt_ms, "
             "radio_tx_nJ_per_bit, radio_rx_nJ_per_bit, tail_energy_uJ, source",
             key);
    return -1;
}

static void name_from_path(const char *path, char *name, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".link") == 0)
        len -= 5;
    snprintf(name, n, "%.*s", (int)len, base);
}

int tb_link_load(const char *path, tb_link *l, char *err, size_t err_len)
{
    memset(l, 0, sizeof *l);
    name_from_path(path, l->name, sizeof l->name);
    parse_state s = {.l = l, .awaiting = -1};
    if (tb_datafile_parse(path, &s, on_line, err, err_len))
        return -1;
    if (s.awaiting >= 0) {
        snprintf(err, err_len, "%s: '%s' has no source line (each figure is followed by "
                 "'source ...')", path, figure_keys[s.awaiting]);
        return -1;
    }
    for (int f = 0; f < FIG_COUNT; f++)
        if (!s.seen[f]) {
            snprintf(err, err_len, "%s: '%s' is missing (a profile gives uplink_bps, "
                     "downlink_bps, rtt_ms, radio_tx_nJ_per_bit, radio_rx_nJ_per_bit, "
                     "tail_energy_uJ)", path, figure_keys[f]);
            return -1;
        }
    return 0;
}

void tb_links_dir(char *dir, size_t n)
{
    snprintf(dir, n, "%s/reports/placement/links", tb_source_dir());
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.link in dir, sorted; the caller frees each name and the list. */
static int list_dir(const char *dir, char ***names, char *err, size_t err_len)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_len, "cannot read link profiles in '%s': %s", dir, strerror(errno));
        return -1;
    }
    int n = 0, cap = 0;
    *names = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || strcmp(e->d_name + len - 5, ".link") != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            *names = realloc(*names, (size_t)cap * sizeof **names);
        }
        (*names)[n++] = strndup(e->d_name, len - 5);
    }
    closedir(d);
    qsort(*names, (size_t)n, sizeof **names, by_name);
    return n;
}

static int by_uplink(const void *a, const void *b)
{
    const tb_link *x = a, *y = b;
    if (x->uplink_bps != y->uplink_bps)
        return x->uplink_bps < y->uplink_bps ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int unknown_name(const char *dir, const char *name, char *err, size_t err_len)
{
    char **all = NULL, list[1024] = "";
    int n = list_dir(dir, &all, err, err_len);
    for (int i = 0; i < n; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", all[i]);
        free(all[i]);
    }
    free(all);
    if (n >= 0)
        snprintf(err, err_len, "unknown link '%s'; accepted: %s (or a path to a .link file)",
                 name, list);
    return -1;
}

int tb_links_load(const char *dir, char **names, int n_names, tb_link *out, int max, char *err,
                  size_t err_len)
{
    char **all = NULL;
    int n_all = 0;
    if (n_names == 0) {
        n_all = list_dir(dir, &all, err, err_len);
        if (n_all < 0)
            return -1;
        names = all;
        n_names = n_all;
    }
    int rc = 0;
    if (n_names > max) {
        snprintf(err, err_len, "%d link profiles given; at most %d", n_names, max);
        rc = -1;
    }
    for (int i = 0; rc == 0 && i < n_names; i++) {
        char path[4200];
        size_t len = strlen(names[i]);
        int is_path = len > 5 && strcmp(names[i] + len - 5, ".link") == 0;
        if (is_path)
            snprintf(path, sizeof path, "%s", names[i]);
        else
            snprintf(path, sizeof path, "%s/%s.link", dir, names[i]);
        if (!is_path && access(path, R_OK) != 0)
            rc = unknown_name(dir, names[i], err, err_len);
        else
            rc = tb_link_load(path, &out[i], err, err_len);
    }
    /* The whole set reads best slowest first: LoRa ... 6G. */
    if (rc == 0 && all)
        qsort(out, (size_t)n_names, sizeof *out, by_uplink);
    for (int i = 0; i < n_all; i++)
        free(all[i]);
    free(all);
    return rc ? -1 : n_names;
}
