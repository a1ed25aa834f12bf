/* Parsers for board profiles and cycle tables. Unknown keys and missing
 * required keys are errors, so a typo in a data file cannot silently turn
 * into a default. */
#include "profile.h"

#include "datafile.h"
#include "source_dir.h"

#include <dirent.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tb_datafile_field board_fields[] = {
    TB_DF_FIELD(tb_board, name, TB_DF_TEXT),
    TB_DF_FIELD(tb_board, core, TB_DF_TEXT),
    TB_DF_FIELD(tb_board, source, TB_DF_FIRST_TEXT),
    TB_DF_FIELD(tb_board, clock_mhz, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, flash_bytes, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, ram_bytes, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, flash_wait_states, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, fetch_hit_rate, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, run_current_ua_per_mhz, TB_DF_NUMBER),
    TB_DF_FIELD(tb_board, supply_v, TB_DF_NUMBER),
    {NULL, TB_DF_NUMBER, 0, 0},
};

static int board_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    return tb_datafile_field_line(obj, board_fields, key, rest, why, n);
}

int tb_board_load(const char *path, tb_board *b, char *err, size_t err_len)
{
    memset(b, 0, sizeof *b);
    b->fetch_hit_rate = -1;
    if (tb_datafile_parse(path, b, board_line, err, err_len))
        return -1;
    snprintf(b->path, sizeof b->path, "%s", path);
    const char *missing = !b->name[0] ? "name" : !b->core[0] ? "core" : !b->source[0] ? "source"
                        : b->clock_mhz <= 0 ? "clock_mhz" : b->flash_bytes <= 0 ? "flash_bytes"
                        : b->ram_bytes <= 0 ? "ram_bytes" : b->fetch_hit_rate < 0 ? "fetch_hit_rate"
                        : b->run_current_ua_per_mhz <= 0 ? "run_current_ua_per_mhz"
                        : b->supply_v <= 0 ? "supply_v" : NULL;
    if (missing) {
        snprintf(err, err_len, "%s: missing or zero '%s'", path, missing);
        return -1;
    }
    if (b->fetch_hit_rate > 1) {
        snprintf(err, err_len, "%s: fetch_hit_rate must be within 0..1", path);
        return -1;
    }
    return 0;
}

static int cycles_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    tb_cycle_table *t = obj;
    if (strcmp(key, "core") == 0)
        tb_datafile_text(t->core, sizeof t->core, rest);
    else if (strcmp(key, "source") == 0) {
        if (!t->source[0])
            tb_datafile_text(t->source, sizeof t->source, rest);
    } else if (strcmp(key, "cost") == 0) {
        char *cls = strtok(rest, " \t"), *val = strtok(NULL, "");
        if (!cls || !val) {
            snprintf(why, n, "'cost' needs a class and a number");
            return -1;
        }
        if (t->n_costs == TB_MAX_CLASSES || tb_cycle_cost(t, cls) >= 0) {
            snprintf(why, n, "class '%s' repeated or too many classes", cls);
            return -1;
        }
        snprintf(t->cls[t->n_costs], sizeof t->cls[0], "%s", cls);
        return tb_datafile_number(val, &t->cost[t->n_costs++], why, n);
    } else if (strcmp(key, "cost_ldm_reg") == 0)
        return tb_datafile_number(rest, &t->cost_ldm_reg, why, n);
    else if (strcmp(key, "cost_stm_reg") == 0)
        return tb_datafile_number(rest, &t->cost_stm_reg, why, n);
    else if (strcmp(key, "branch_refill") == 0)
        return tb_datafile_number(rest, &t->branch_refill, why, n);
    else if (strcmp(key, "issue_factor") == 0)
        return tb_datafile_number(rest, &t->issue_factor, why, n);
    else {
        snprintf(why, n, "unknown key '%s'", key);
        return -1;
    }
    return 0;
}

int tb_cycle_table_load(const char *path, tb_cycle_table *t, char *err, size_t err_len)
{
    memset(t, 0, sizeof *t);
    if (tb_datafile_parse(path, t, cycles_line, err, err_len))
        return -1;
    if (!t->core[0] || !t->source[0] || t->n_costs == 0 || t->issue_factor <= 0) {
        snprintf(err, err_len, "%s: needs core, source, cost lines and issue_factor", path);
        return -1;
    }
    return 0;
}

double tb_cycle_cost(const tb_cycle_table *t, const char *cls)
{
    for (int i = 0; i < t->n_costs; i++)
        if (strcmp(t->cls[i], cls) == 0)
            return t->cost[i];
    return -1;
}

void tb_profile_names(const char *dir, const char *ext, char *out, size_t n)
{
    char folder[1024];
    snprintf(folder, sizeof folder, "%s/%s", tb_source_dir(), dir);
    out[0] = 0;
    DIR *d = opendir(folder);
    if (!d)
        return;
    const size_t elen = strlen(ext);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > elen && strcmp(e->d_name + len - elen, ext) == 0) {
            size_t used = strlen(out);
            snprintf(out + used, n - used, "%s%.*s", used ? ", " : "", (int)(len - elen),
                     e->d_name);
        }
    }
    closedir(d);
}

int tb_profile_resolve(const char *dir, const char *ext, const char *name_or_path, char *path,
                       size_t n, char *err, size_t err_len)
{
    if (strchr(name_or_path, '/'))
        snprintf(path, n, "%s", name_or_path);
    else
        snprintf(path, n, "%s/%s/%s%s", tb_source_dir(), dir, name_or_path, ext);
    FILE *f = fopen(path, "r");
    if (f) {
        fclose(f);
        return 0;
    }
    char names[1024];
    tb_profile_names(dir, ext, names, sizeof names);
    snprintf(err, err_len, "unknown %s profile '%s'; accepted: %s, or a path to a %s file",
             ext + 1, name_or_path, names, ext);
    return -1;
}
