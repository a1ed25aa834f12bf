/* Compiled runtime objects, kept between cells: every program of one
 * compiler, flags and kernel set shares the same graph, runtime and kernel
 * objects, so only the cell's model and main are compiled per cell. The key
 * covers the compile command, every source's bytes and every header in the
 * include folders, so an edit to any of them compiles afresh.
 * Cache root: $TB_CACHE_DIR, else $XDG_CACHE_HOME/tierbench, else
 * ~/.cache/tierbench; entries are complete or absent (built in a temporary
 * folder, then renamed), so concurrent runs can share it. */
#ifndef TB_OBJECT_CACHE_H
#define TB_OBJECT_CACHE_H

#include <stddef.h>

enum { TB_OBJECT_MAX = 32, TB_OBJECT_PATH = 1024 };

typedef struct {
    int n;
    char path[TB_OBJECT_MAX][TB_OBJECT_PATH];
} tb_object_set;

/* compile: the compiler and its flags (argv order, NULL-terminated, -c and -o
 * are added here); include_dirs: the folders named by -I in compile;
 * sources: absolute paths. 0 with out filled, or -1 with a reason (a
 * compiler error names its log). */
int tb_object_cache_get(const char *const *compile, const char *const *include_dirs,
                        const char *const *sources, tb_object_set *out, char *err,
                        size_t err_len);

#endif
