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

size_t tb_last_level_cache_bytes(void)
{
    size_t best = 0;
    int best_level = 0;
    for (int i = 0; i < 16; i++) {
        char path[128], buf[64];
        int level = 0;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", i);
        FILE *f = fopen(path, "r");
        if (!f)
            break;
        if (fscanf(f, "%d", &level) != 1)
            level = 0;
        fclose(f);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", i);
        if (!(f = fopen(path, "r")))
            continue;
        char *end;
        size_t bytes = fgets(buf, sizeof buf, f) ? strtoul(buf, &end, 10) : 0;
        fclose(f);
        if (bytes && (*end == 'K' || *end == 'M' || *end == 'G'))
            bytes <<= *end == 'K' ? 10 : *end == 'M' ? 20 : 30;
        if (level > best_level || (level == best_level && bytes > best)) {
            best = bytes;
            best_level = level;
        }
    }
    return best;
}
