/* Layer timing and peak-RSS probes for native runs. */
#include "host_probe.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void tb_layer_timer_hook(void *user, int32_t op_index, int begin)
{
    tb_layer_timer *t = user;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (begin) {
        t->begin[op_index] = now;
        return;
    }
    const struct timespec *b = &t->begin[op_index];
    t->ns[(size_t)t->run * (size_t)t->n_ops + (size_t)op_index] =
        (double)(now.tv_sec - b->tv_sec) * 1e9 + (double)(now.tv_nsec - b->tv_nsec);
}

int tb_rss_reset_peak(char *reason, size_t len)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    int ok = f && fputs("5", f) != EOF;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok) {
        snprintf(reason, len, "cannot reset the peak RSS (/proc/self/clear_refs: %s)",
                 strerror(errno));
        return -1;
    }
    return 0;
}

int64_t tb_rss_peak_bytes(char *reason, size_t len)
{
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) {
        snprintf(reason, len, "cannot read /proc/self/status: %s", strerror(errno));
        return -1;
    }
    long long kib = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lld kB", &kib) == 1)
            break;
    fclose(f);
    if (kib < 0) {
        snprintf(reason, len, "no VmHWM line in /proc/self/status");
        return -1;
    }
    return kib * 1024;
}
