/* The context block of a run: the machine, the build and the software a
 * measurement came from, so a number can be traced and reproduced. */
#ifndef TB_CONTEXT_H
#define TB_CONTEXT_H

#include <cjson/cJSON.h>

/* A new object describing this machine and build now. */
cJSON *tb_context_collect(void);

#endif
