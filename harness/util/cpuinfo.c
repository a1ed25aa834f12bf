/* /proc/cpuinfo lines are "key<tabs>: value"; the flags line runs to a few
 * thousand characters, so lines are read whole. */
#include "cpuinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tb_cpuinfo_field(const char *key, char *out, size_t n)
{
    out[0] = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    const size_t k = strlen(key);
    while (getline(&line, &cap, f) > 0) {
        char *colon = strchr(line, ':');
        if (!colon || strncmp(line, key, k) != 0 || line + k + strspn(line + k, " \t") != colon)
            continue;
        char *v = colon + 1 + strspn(colon + 1, " \t");
        size_t len = strcspn(v, "\n");
        while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
            len--;
        snprintf(out, n, "%.*s", (int)len, v);
        break;
    }
    free(line);
    fclose(f);
}
