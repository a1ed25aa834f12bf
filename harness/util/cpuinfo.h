/* Reading /proc/cpuinfo, for the run's context and the server's peak. */
#ifndef TB_CPUINFO_H
#define TB_CPUINFO_H

#include <stddef.h>

/* Value of the first "key<blanks>: value" line of /proc/cpuinfo whose key
 * is exactly `key` ("model" does not match "model name"), trimmed; "" when
 * there is none. */
void tb_cpuinfo_field(const char *key, char *out, size_t n);

#endif
