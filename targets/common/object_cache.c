/* The object cache (object_cache.h). */
#include "object_cache.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"
#include "store.h"

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
    return mix(h, s, strlen(s) + 1); /* the terminator separates fields */
}

static int mix_file(uint64_t *h, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char buf[8192];
    size_t n;
    *h = mix_str(*h, path);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        *h = mix(*h, buf, n);
    fclose(f);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .h of a folder, in name order so the key does not depend on
 * readdir's order. */
static int mix_headers(uint64_t *h, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char *names[256];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 256;) {
        size_t len = strlen(e->d_name);
        if (len > 2 && strcmp(e->d_name + len - 2, ".h") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char path[TB_OBJECT_PATH];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc |= names[i] ? mix_file(h, path) : -1;
        free(names[i]);
    }
    return rc;
}

/* A temporary entry holds files only. */
static void remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char path[TB_OBJECT_PATH + 256];
    for (struct dirent *e; (e = readdir(d));) {
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void cache_root(char *out, size_t n)
{
    const char *dir = getenv("TB_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (dir && *dir)
        snprintf(out, n, "%s", dir);
    else if (xdg && *xdg)
        snprintf(out, n, "%s/tierbench", xdg);
    else
        snprintf(out, n, "%s/.cache/tierbench", home && *home ? home : "/tmp");
}

static void object_name(const char *entry, int i, const char *source, char *out, size_t n)
{
    const char *base = strrchr(source, '/');
    snprintf(out, n, "%.700s/%02d-%.200s.o", entry, i % 100, base ? base + 1 : source);
}

static int compile_all(const char *const *compile, const char *const *sources, const char *tmp,
                       char *err, size_t err_len)
{
    char log[TB_OBJECT_PATH + 16];
    snprintf(log, sizeof log, "%s/compile.log", tmp);
    for (int i = 0; sources[i]; i++) {
        const char *argv[96];
        char obj[TB_OBJECT_PATH];
        int k = 0;
        for (; compile[k] && k < 90; k++)
            argv[k] = compile[k];
        object_name(tmp, i, sources[i], obj, sizeof obj);
        argv[k++] = "-c";
        argv[k++] = sources[i];
        argv[k++] = "-o";
        argv[k++] = obj;
        argv[k] = NULL;
        tb_proc_result r;
        if (tb_proc_run((char *const *)argv, log, 300, &r, err, err_len) != 0)
            return -1;
        if (r.timed_out || r.exit_code != 0) {
            char last[300];
            tb_last_line(log, last, sizeof last);
            snprintf(err, err_len, "compiling %s failed: %s (see %s)", sources[i], last, log);
            return -1;
        }
    }
    return 0;
}

int tb_object_cache_get(const char *const *compile, const char *const *include_dirs,
                        const char *const *sources, tb_object_set *out, char *err,
                        size_t err_len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    int n_sources = 0;
    for (int i = 0; compile[i]; i++)
        h = mix_str(h, compile[i]);
    for (; sources[n_sources]; n_sources++)
        if (mix_file(&h, sources[n_sources])) {
            snprintf(err, err_len, "cannot read %s: %s", sources[n_sources], strerror(errno));
            return -1;
        }
    for (int i = 0; include_dirs && include_dirs[i]; i++)
        mix_headers(&h, include_dirs[i]); /* a missing folder has no headers to change */
    if (n_sources > TB_OBJECT_MAX) {
        snprintf(err, err_len, "more than %d runtime sources", TB_OBJECT_MAX);
        return -1;
    }

    char root[TB_OBJECT_PATH / 2], entry[TB_OBJECT_PATH], tmp[TB_OBJECT_PATH];
    cache_root(root, sizeof root);
    snprintf(entry, sizeof entry, "%s/objects/%016" PRIx64, root, h);
    struct stat st;
    if (stat(entry, &st) != 0) {
        snprintf(tmp, sizeof tmp, "%s/objects/.tmp-%016" PRIx64 "-%ld", root, h, (long)getpid());
        if (tb_mkdir_p(tmp) != 0) {
            snprintf(err, err_len, "cannot create the object cache %s: %s (set TB_CACHE_DIR)",
                     tmp, strerror(errno));
            return -1;
        }
        if (compile_all(compile, sources, tmp, err, err_len) != 0)
            return -1; /* the folder and its log stay for the user to read */
        /* Another run may have finished the same entry first: theirs is as
         * good as ours. */
        if (rename(tmp, entry) != 0)
            remove_flat_dir(tmp);
    }
    out->n = n_sources;
    for (int i = 0; i < n_sources; i++)
        object_name(entry, i, sources[i], out->path[i], sizeof out->path[i]);
    return 0;
}
