/* Host-side probes the host target uses around a cell: per-layer wall
 * time, and the process's peak resident set during the cell. */
#ifndef TB_HOST_PROBE_H
#define TB_HOST_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "exec.h"

/* Per-layer wall-clock times of `runs` inferences: hooks record into
 * ns[run * n_ops + op]. */
typedef struct {
    int32_t n_ops, run;
    double *ns;
    struct timespec *begin; /* n_ops entries */
} tb_layer_timer;

void tb_layer_timer_hook(void *user, int32_t op_index, int begin);

/* Resets the kernel's high-water mark of this process's RSS (Linux
 * /proc/self/clear_refs "5"). 0, or -1 with the reason. */
int tb_rss_reset_peak(char *reason, size_t len);
/* VmHWM of this process in bytes, or -1 with the reason. */
int64_t tb_rss_peak_bytes(char *reason, size_t len);

#endif
