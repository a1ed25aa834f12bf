#include "source_dir.h"

#include <stdlib.h>

const char *tb_source_dir(void)
{
    const char *env = getenv("TB_SOURCE_DIR");
    return env && *env ? env : TB_DEFAULT_SOURCE_DIR;
}
