/* Loading a .tflite file and preparing it to run: the file's bytes, its
 * name and hash for the record, the reference input and outputs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prepare.h"
#include "record.h"
#include "tflite_import.h"

int tb_tflite_prepare(tb_model *m, uint64_t seed, char *err, size_t err_len)
{
    const tb_graph *g = &m->graph;
    tb_rng rng = {seed};
    if (m->has_s8) {
        tb_prepare_input_s8(m, &rng);
        for (int32_t i = 0; i < g->n_ops; i++)
            if (tb_prepare_s8_op(m, i)) {
                snprintf(err, err_len, "%s: op %d (%s): its scales cannot be expressed as int8 "
                                       "fixed-point parameters", g->name, (int)i,
                         tb_op_name(g->ops[i].type));
                return -1;
            }
    } else {
        tb_prepare_input_f32(m, &rng, TB_TFLITE_F32_INPUT_LO, TB_TFLITE_F32_INPUT_HI);
    }
    tb_status s = tb_prepare_expected(m);
    if (s != TB_OK) {
        snprintf(err, err_len, "%s: the reference kernels refused the model (status %d)",
                 g->name, (int)s);
        return -1;
    }
    return 0;
}

static void file_stem(const char *path, char *out, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 7 && strcmp(base + len - 7, ".tflite") == 0)
        len -= 7;
    snprintf(out, n, "%.*s", (int)len, base);
}

/* The whole file, at most TB_TFLITE_MAX_FILE_BYTES; NULL with the reason. */
static uint8_t *read_file(const char *path, size_t *len, char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc((size_t)TB_TFLITE_MAX_FILE_BYTES + 1);
    if (!buf)
        abort();
    *len = fread(buf, 1, (size_t)TB_TFLITE_MAX_FILE_BYTES + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || *len > (size_t)TB_TFLITE_MAX_FILE_BYTES) {
        snprintf(err, err_len, bad ? "%s: read error" : "%s: larger than %d bytes", path,
                 TB_TFLITE_MAX_FILE_BYTES);
        free(buf);
        return NULL;
    }
    return buf;
}

tb_model *tb_tflite_load(const char *path, int prepare, uint64_t seed, tb_tflite_file *file,
                         char *err, size_t err_len)
{
    size_t len;
    uint8_t *buf = read_file(path, &len, err, err_len);
    if (!buf)
        return NULL;
    memset(file, 0, sizeof *file);
    file_stem(path, file->stem, sizeof file->stem);
    file->fnv1a64 = tb_fnv1a64(buf, len);
    file->bytes = (int64_t)len;
    char why[768];
    tb_model *m = tb_tflite_read(buf, len, file->stem, why, sizeof why);
    free(buf);
    if (m && prepare && tb_tflite_prepare(m, seed, why, sizeof why)) {
        tb_model_free(m);
        m = NULL;
    }
    /* Reasons start with the model's name; the path says more. */
    const size_t stem = strlen(file->stem);
    const char *reason = strncmp(why, file->stem, stem) == 0 && why[stem] == ':' ? why + stem + 2
                                                                                  : why;
    if (!m)
        snprintf(err, err_len, "%s: %s", path, reason);
    return m;
}
