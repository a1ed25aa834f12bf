/* This CPU as Linux describes it: /proc/cpuinfo (the run's context, the
 * server's peak) and sysfs cache sizes (the STREAM probe, the energy model). */
#ifndef TB_CPUINFO_H
#define TB_CPUINFO_H

#include <stddef.h>

/* Value of the first "key<blanks>: value" line of /proc/cpuinfo whose key
 * is exactly `key` ("model" does not match "model name"), trimmed; "" when
 * there is none. */
void tb_cpuinfo_field(const char *key, char *out, size_t n);

/* Bytes of cpu0's highest cache level (sysfs), 0 when unknown. */
size_t tb_last_level_cache_bytes(void);

#endif
