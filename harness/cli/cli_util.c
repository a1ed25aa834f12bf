/* Shared CLI helpers: usage errors (parsing is in harness/util/parse.c). */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int tb_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("tierbench: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return TB_EXIT_USAGE;
}
