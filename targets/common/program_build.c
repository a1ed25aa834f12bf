/* Emitting a model and compiling it with the shared runtime sources, for
 * whichever compiler a tier needs. */
#include "program_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"
#include "object_cache.h"
#include "proc.h"
#include "store.h"

/* The runtime every program is built from. */
static const char *const runtime_sources[] = {
    "harness/graph/graph.c",
    "harness/runtime/exec_s8.c",
    "kernels/ref/tb_conv_s8.c",
    "kernels/ref/tb_dwconv_s8.c",
    "kernels/ref/tb_fc_s8.c",
    "kernels/ref/tb_pool_s8.c",
    "kernels/ref/tb_add_s8.c",
    "kernels/ref/tb_softmax_s8.c",
    "kernels/ref/tb_kernel_set_ref.c",
    "targets/mcu/firmware/markers.c",
    NULL,
};

static const char *const runtime_include_dirs[] = {
    "kernels", "harness/graph", "harness/runtime", "targets/mcu/firmware", NULL,
};

/* A bounded argv. */
typedef struct {
    char *v[96];
    char store[96][TB_PATH_MAX + 16];
    int n;
    int overflow;
} argv_buf;

static void arg(argv_buf *a, const char *fmt, const char *s)
{
    if (a->n >= 95) {
        a->overflow = 1;
        return;
    }
    snprintf(a->store[a->n], sizeof a->store[0], fmt, s);
    a->v[a->n] = a->store[a->n];
    a->v[++a->n] = NULL;
}

static void split_args(argv_buf *a, const char *flags)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", flags ? flags : "");
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save))
        arg(a, "%s", t);
}

static void source_args(argv_buf *a, const char *fmt, const char *const *list)
{
    char path[TB_PATH_MAX];
    for (int i = 0; list && list[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", tb_source_dir(), list[i]);
        arg(a, fmt, path);
    }
}

/* The largest conv scratch this model asks of the kernel set; at least 8
 * so the program's buffer is never a zero-length array. */
static size_t scratch_bytes(const tb_kernel_choice *k, const tb_model *m)
{
    size_t n = tb_graph_conv_scratch_bytes(&m->graph, k->conv_scratch_bytes);
    return n > 8 ? n : 8;
}

/* Absolute paths of a NULL-terminated list of checkout paths, appended to
 * out (NULL-terminated); returns the new count. */
static int absolute(const char *const *list, char (*store)[TB_PATH_MAX], const char **out, int n,
                    int cap)
{
    for (int i = 0; list && list[i] && n < cap - 1; i++) {
        snprintf(store[n], TB_PATH_MAX, "%s/%s", tb_source_dir(), list[i]);
        out[n] = store[n];
        out[++n] = NULL;
    }
    return n;
}

/* Appends the runtime and kernel-set objects, compiled once per compile
 * command (object_cache.h), to a, which holds that command so far. */
static int runtime_objects(argv_buf *a, const tb_program_spec *spec, char *err, size_t err_len)
{
    enum { CAP = 48 };
    char(*store)[TB_PATH_MAX] = malloc(2 * CAP * sizeof *store);
    const char *includes[CAP] = {NULL}, *sources[CAP] = {NULL};
    tb_object_set *objs = malloc(sizeof *objs);
    if (!store || !objs) {
        free(store);
        free(objs);
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    int n = absolute(runtime_include_dirs, store, includes, 0, CAP);
    n = absolute(spec->include_dirs, store, includes, n, CAP);
    absolute(spec->kernels->include_dirs, store, includes, n, CAP);
    n = absolute(runtime_sources, store + CAP, sources, 0, CAP);
    absolute(spec->kernels->sources, store + CAP, sources, n, CAP);
    int rc = tb_object_cache_get((const char *const *)a->v, includes, sources, objs, err, err_len);
    for (int i = 0; rc == 0 && i < objs->n; i++)
        arg(a, "%s", objs->path[i]);
    free(objs);
    free(store);
    return rc;
}

/* The first line of a log containing needle, without the tool's path
 * prefix; 0, or -1 when none does. */
static int log_line_with(const char *path, const char *needle, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[1024];
    int found = -1;
    while (found && fgets(line, sizeof line, f))
        if (strstr(line, needle)) {
            line[strcspn(line, "\n")] = 0;
            const char *ld = strstr(line, "ld: ");
            snprintf(out, n, "%.250s", ld ? ld + 4 : line);
            found = 0;
        }
    fclose(f);
    return found;
}

static int emit_model(const tb_model *m, const char *dir, char *err, size_t err_len)
{
    char path[TB_PATH_MAX];
    if (tb_mkdir_p(dir) != 0) {
        snprintf(err, err_len, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/model.c", dir);
    FILE *f = fopen(path, "w");
    int bad = !f || tb_emit_model_c(f, m) != 0;
    if (f && fclose(f) != 0)
        bad = 1;
    if (bad)
        snprintf(err, err_len, "cannot write %s", path);
    return bad ? -1 : 0;
}

int tb_program_compile(const tb_program_spec *spec, const tb_model *m, const char *dir,
                       tb_program_build *out, char *err, size_t err_len)
{
    if (emit_model(m, dir, err, err_len))
        return TB_BUILD_ERROR;
    snprintf(out->exe, sizeof out->exe, "%s/%s", dir, spec->output);
    snprintf(out->log, sizeof out->log, "%s/build.log", dir);
    remove(out->log);

    char def[96], path[TB_PATH_MAX];
    argv_buf *a = calloc(1, sizeof *a); /* ~100 KiB: too big for a thread's stack */
    if (!a) {
        snprintf(err, err_len, "out of memory");
        return TB_BUILD_ERROR;
    }
    /* The compile command every object shares: no model-specific defines. */
    arg(a, "%s", spec->compiler);
    split_args(a, spec->flags);
    split_args(a, spec->kernels->flags);
    for (int i = 0; spec->args && spec->args[i]; i++)
        arg(a, "%s", spec->args[i]);
    source_args(a, "-I%s", runtime_include_dirs);
    source_args(a, "-I%s", spec->include_dirs);
    source_args(a, "-I%s", spec->kernels->include_dirs);
    if (runtime_objects(a, spec, err, err_len) != 0) {
        free(a);
        return TB_BUILD_ERROR;
    }
    arg(a, "-DTB_FW_KERNELS=%s", spec->kernels->symbol);
    snprintf(def, sizeof def, "-DTB_FW_SCRATCH_BYTES=%zu", scratch_bytes(spec->kernels, m));
    arg(a, "%s", def);
    source_args(a, "%s", spec->sources);
    snprintf(path, sizeof path, "%s/model.c", dir);
    arg(a, "%s", path);
    split_args(a, spec->libs);
    arg(a, "%s", "-o");
    arg(a, "%s", out->exe);

    int rc = TB_BUILD_OK;
    tb_proc_result r;
    if (a->overflow) {
        snprintf(err, err_len, "too many compiler arguments for %s", spec->output);
        rc = TB_BUILD_ERROR;
    } else if (tb_proc_run(a->v, out->log, 300, &r, err, err_len) != 0) {
        rc = TB_BUILD_ERROR;
    } else if (r.timed_out || r.exit_code != 0) {
        char line[300];
        /* The linker's region check is how an image too large for the
         * emulated machine shows itself; its lines come before collect2's
         * closing one. */
        int overflow = log_line_with(out->log, "overflowed", line, sizeof line) == 0 ||
                       log_line_with(out->log, "will not fit", line, sizeof line) == 0;
        if (!overflow)
            tb_last_line(out->log, line, sizeof line);
        snprintf(err, err_len, "%s: %s (see %s)",
                 overflow ? "image does not fit the emulated machine's memory"
                          : "build failed",
                 line, out->log);
        rc = overflow ? TB_BUILD_TOO_BIG : TB_BUILD_ERROR;
    }
    free(a);
    return rc;
}

const char *tb_kernel_choice_name(const tb_kernel_choice *k)
{
    static const char prefix[] = "tb_kernels_s8_";
    return strncmp(k->symbol, prefix, sizeof prefix - 1) == 0 ? k->symbol + sizeof prefix - 1
                                                               : k->symbol;
}
