/* Parsers for edge board profiles and core issue models. As for the MCU
 * files, unknown keys and missing required keys are errors. */
#include "edge_profile.h"

#include <stdio.h>
#include <string.h>

#include "datafile.h"
#include "profile.h"
#include "program_build.h"

static const tb_datafile_field board_fields[] = {
    TB_DF_FIELD(tb_edge_board, name, TB_DF_TEXT),
    TB_DF_FIELD(tb_edge_board, core, TB_DF_TEXT),
    TB_DF_FIELD(tb_edge_board, source, TB_DF_FIRST_TEXT),
    TB_DF_FIELD(tb_edge_board, clock_mhz, TB_DF_NUMBER),
    TB_DF_FIELD(tb_edge_board, ram_bytes, TB_DF_NUMBER),
    TB_DF_FIELD(tb_edge_board, active_power_w, TB_DF_NUMBER),
    {NULL, TB_DF_NUMBER, 0, 0},
};

static int board_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    return tb_datafile_field_line(obj, board_fields, key, rest, why, n);
}

int tb_edge_board_load(const char *path, tb_edge_board *b, char *err, size_t err_len)
{
    memset(b, 0, sizeof *b);
    if (tb_datafile_parse(path, b, board_line, err, err_len))
        return -1;
    snprintf(b->path, sizeof b->path, "%s", path);
    const char *missing = !b->name[0] ? "name" : !b->core[0] ? "core" : !b->source[0] ? "source"
                        : b->clock_mhz <= 0 ? "clock_mhz" : b->ram_bytes <= 0 ? "ram_bytes"
                        : b->active_power_w <= 0 ? "active_power_w" : NULL;
    if (missing) {
        snprintf(err, err_len, "%s: missing or zero '%s'", path, missing);
        return -1;
    }
    return 0;
}

static int pipe_index(const tb_edge_core *c, const char *name)
{
    for (int i = 0; i < c->n_pipes; i++)
        if (strcmp(c->pipe[i], name) == 0)
            return i;
    return -1;
}

int tb_edge_class_index(const tb_edge_core *c, const char *cls)
{
    for (int i = 0; i < c->n_classes; i++)
        if (strcmp(c->cls[i], cls) == 0)
            return i;
    return -1;
}

/* `pipe NAME UNITS` */
static int pipe_line(tb_edge_core *c, char *rest, char *why, size_t n)
{
    char *save = NULL, *name = strtok_r(rest, " \t", &save), *val = strtok_r(NULL, "", &save);
    if (!name || !val) {
        snprintf(why, n, "'pipe' needs a name and a number of units");
        return -1;
    }
    if (c->n_pipes == TB_EDGE_MAX_PIPES || pipe_index(c, name) >= 0 ||
        strlen(name) >= sizeof c->pipe[0]) {
        snprintf(why, n, "pipe '%s' repeated, too long or too many pipes", name);
        return -1;
    }
    snprintf(c->pipe[c->n_pipes], sizeof c->pipe[0], "%s", name);
    if (tb_datafile_number(val, &c->pipe_units[c->n_pipes], why, n))
        return -1;
    if (c->pipe_units[c->n_pipes] <= 0) {
        snprintf(why, n, "pipe '%s' needs at least one unit", name);
        return -1;
    }
    c->n_pipes++;
    return 0;
}

/* `class NAME PIPE OCCUPANCY`, after the pipe's own line. */
static int class_line(tb_edge_core *c, char *rest, char *why, size_t n)
{
    char *save = NULL, *cls = strtok_r(rest, " \t", &save), *pipe = strtok_r(NULL, " \t", &save),
         *val = strtok_r(NULL, "", &save);
    if (!cls || !pipe || !val) {
        snprintf(why, n, "'class' needs a class, a pipe and an occupancy in cycles");
        return -1;
    }
    if (c->n_classes == TB_EDGE_MAX_CLASSES || tb_edge_class_index(c, cls) >= 0 ||
        strlen(cls) >= sizeof c->cls[0]) {
        snprintf(why, n, "class '%s' repeated, too long or too many classes", cls);
        return -1;
    }
    int p = pipe_index(c, pipe);
    if (p < 0) {
        snprintf(why, n, "class '%s' uses pipe '%s', which no earlier 'pipe' line defines", cls,
                 pipe);
        return -1;
    }
    snprintf(c->cls[c->n_classes], sizeof c->cls[0], "%s", cls);
    c->cls_pipe[c->n_classes] = p;
    return tb_datafile_number(val, &c->occupancy[c->n_classes++], why, n);
}

static int core_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    tb_edge_core *c = obj;
    static const struct {
        const char *key;
        size_t offset;
    } nums[] = {
        {"dispatch_width", offsetof(tb_edge_core, dispatch_width)},
        {"efficiency", offsetof(tb_edge_core, efficiency)},
        {"mispredict_rate", offsetof(tb_edge_core, mispredict_rate)},
        {"branch_refill", offsetof(tb_edge_core, branch_refill)},
    };
    if (strcmp(key, "core") == 0)
        tb_datafile_text(c->core, sizeof c->core, rest);
    else if (strcmp(key, "source") == 0) {
        if (!c->source[0])
            tb_datafile_text(c->source, sizeof c->source, rest);
    } else if (strcmp(key, "pipe") == 0)
        return pipe_line(c, rest, why, n);
    else if (strcmp(key, "class") == 0)
        return class_line(c, rest, why, n);
    else {
        for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
            if (strcmp(key, nums[i].key) == 0)
                return tb_datafile_number(rest, (double *)((char *)c + nums[i].offset), why, n);
        snprintf(why, n, "unknown key '%s'", key);
        return -1;
    }
    return 0;
}

int tb_edge_core_load(const char *path, tb_edge_core *c, char *err, size_t err_len)
{
    memset(c, 0, sizeof *c);
    c->mispredict_rate = c->branch_refill = -1;
    if (tb_datafile_parse(path, c, core_line, err, err_len))
        return -1;
    const char *missing = !c->core[0] ? "core" : !c->source[0] ? "source"
                        : c->dispatch_width <= 0 ? "dispatch_width"
                        : c->efficiency <= 0 ? "efficiency"
                        : c->mispredict_rate < 0 ? "mispredict_rate"
                        : c->branch_refill < 0 ? "branch_refill"
                        : c->n_classes == 0 ? "class" : NULL;
    if (missing) {
        snprintf(err, err_len, "%s: missing or zero '%s'", path, missing);
        return -1;
    }
    if (c->efficiency > 1 || c->mispredict_rate > 1) {
        snprintf(err, err_len, "%s: efficiency and mispredict_rate must be within 0..1", path);
        return -1;
    }
    return 0;
}

int tb_edge_board_find(const char *name_or_path, tb_edge_board *b, char *err, size_t err_len)
{
    char path[TB_PATH_MAX];
    if (tb_profile_resolve("targets/edge/boards", ".board", name_or_path, path, sizeof path,
                           err, err_len))
        return -1;
    return tb_edge_board_load(path, b, err, err_len);
}

int tb_edge_board_for_core(const char *core, const char *default_board,
                           const char *const *wanted, tb_edge_board *b, char *err,
                           size_t err_len)
{
    char ignored[2 * TB_PATH_MAX];
    for (int i = 0; wanted && wanted[i]; i++)
        /* --board lists MCU boards too: those are simply not ours */
        if (tb_edge_board_find(wanted[i], b, ignored, sizeof ignored) == 0 &&
            strcmp(b->core, core) == 0)
            return 0;
    return tb_edge_board_find(default_board, b, err, err_len);
}
