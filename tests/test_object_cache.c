/* The object cache: an entry is compiled once and reused; editing a source
 * or a header in an include folder gives a new entry; a compile error is
 * reported with its log and leaves no entry behind. Uses the host's cc in a
 * throw-away source tree and cache root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "object_cache.h"
#include "tb_test.h"

static char root[64], src[128], inc[128], header[160], cache[128];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static int get(tb_object_set *o, char *err, size_t n)
{
    char incflag[160];
    snprintf(incflag, sizeof incflag, "-I%s", inc);
    const char *compile[] = {"cc", "-O1", incflag, NULL};
    const char *includes[] = {inc, NULL};
    const char *sources[] = {src, NULL};
    return tb_object_cache_get(compile, includes, sources, o, err, n);
}

static int test_reuse_and_invalidate(void)
{
    tb_object_set a, b, c, d;
    char err[512];
    TB_CHECK_EQ_INT(get(&a, err, sizeof err), 0);
    TB_CHECK_EQ_INT(a.n, 1);
    struct stat s1, s2;
    TB_CHECK_EQ_INT(stat(a.path[0], &s1), 0);
    TB_CHECK(strncmp(a.path[0], cache, strlen(cache)) == 0);
    TB_CHECK_EQ_INT(get(&b, err, sizeof err), 0);
    TB_CHECK(strcmp(a.path[0], b.path[0]) == 0);
    TB_CHECK_EQ_INT(stat(b.path[0], &s2), 0);
    TB_CHECK(s1.st_mtim.tv_sec == s2.st_mtim.tv_sec && s1.st_mtim.tv_nsec == s2.st_mtim.tv_nsec);
    write_file(header, "#define VALUE 2\n");
    TB_CHECK_EQ_INT(get(&c, err, sizeof err), 0);
    TB_CHECK(strcmp(a.path[0], c.path[0]) != 0);
    write_file(src, "#include \"x.h\"\nint value(void) { return VALUE + 1; }\n");
    TB_CHECK_EQ_INT(get(&d, err, sizeof err), 0);
    TB_CHECK(strcmp(c.path[0], d.path[0]) != 0);
    return 0;
}

static int test_compile_error(void)
{
    tb_object_set o;
    char err[512];
    write_file(src, "int value(void) { return }\n");
    TB_CHECK_EQ_INT(get(&o, err, sizeof err), -1);
    TB_CHECK(strstr(err, "compiling") != NULL && strstr(err, "compile.log") != NULL);
    return 0;
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/tb_objcache_XXXXXX");
    if (!mkdtemp(root))
        return 2;
    snprintf(src, sizeof src, "%s/a.c", root);
    snprintf(inc, sizeof inc, "%s/inc", root);
    snprintf(header, sizeof header, "%s/x.h", inc);
    snprintf(cache, sizeof cache, "%s/cache", root);
    mkdir(inc, 0700);
    write_file(header, "#define VALUE 1\n");
    write_file(src, "#include \"x.h\"\nint value(void) { return VALUE; }\n");
    setenv("TB_CACHE_DIR", cache, 1);
    TB_RUN(test_reuse_and_invalidate);
    TB_RUN(test_compile_error);
    int rc = tb_test_summary();
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    return system(cmd) == 0 ? rc : 1;
}
