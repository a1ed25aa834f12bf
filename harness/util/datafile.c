/* The data-file reader shared by every profile and model table. Unknown
 * keys are the caller's to reject, so a typo cannot become a default. */
#include "datafile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tb_datafile_parse(const char *path, void *obj, tb_datafile_line_fn fn, char *err,
                      size_t err_len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[512], why[200];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "#\n")] = 0;
        char *save = NULL, *key = strtok_r(line, " \t", &save), *rest = strtok_r(NULL, "", &save);
        if (!key)
            continue;
        while (rest && (*rest == ' ' || *rest == '\t'))
            rest++;
        if (!rest || !*rest) {
            snprintf(err, err_len, "%s:%d: '%s' has no value", path, lineno, key);
            rc = -1;
        } else if (fn(obj, key, rest, why, sizeof why)) {
            snprintf(err, err_len, "%s:%d: %s", path, lineno, why);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

int tb_datafile_number(const char *s, double *out, char *why, size_t why_len)
{
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end || !isfinite(v) || v < 0) {
        snprintf(why, why_len, "'%s' is not a non-negative number", s);
        return -1;
    }
    *out = v;
    return 0;
}

void tb_datafile_text(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s);
    size_t len = strlen(dst);
    while (len && (dst[len - 1] == ' ' || dst[len - 1] == '\t'))
        dst[--len] = 0;
}

int tb_datafile_field_line(void *obj, const tb_datafile_field *fields, const char *key,
                           char *rest, char *why, size_t why_len)
{
    for (const tb_datafile_field *f = fields; f->key; f++) {
        if (strcmp(f->key, key) != 0)
            continue;
        char *at = (char *)obj + f->offset;
        if (f->kind == TB_DF_NUMBER)
            return tb_datafile_number(rest, (double *)(void *)at, why, why_len);
        size_t used = strlen(at);
        if (f->kind == TB_DF_TEXT || used == 0)
            tb_datafile_text(at, f->size, rest);
        else if (f->kind == TB_DF_ALL_TEXT && used + 3 < f->size) {
            memcpy(at + used, "; ", 2);
            tb_datafile_text(at + used + 2, f->size - used - 2, rest);
        }
        return 0;
    }
    snprintf(why, why_len, "unknown key '%s'", key);
    return -1;
}
