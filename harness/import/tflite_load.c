/* Loading a .tflite file: its bytes, its name and hash for the record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prepare.h"
#include "record.h"
#include "tflite_import.h"

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
