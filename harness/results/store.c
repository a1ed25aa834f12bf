/* Run folders and atomic result files. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record_json.h"

struct tb_store {
    char dir[4096];
    cJSON *context;
};

int tb_mkdir_p(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int tb_write_file_atomic(const char *path, const char *data, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        fd = -1;
        goto fail;
    }
    /* Make the rename itself durable. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = 0;
        int dfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return 0;
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
    return -1;
}

static int write_json_file(const char *dir, const char *name, const cJSON *v)
{
    char path[4400];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *text = cJSON_Print(v);
    int rc = text ? tb_write_file_atomic(path, text, strlen(text)) : -1;
    cJSON_free(text);
    return rc;
}

void tb_new_run_id(char *out, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned suffix = (unsigned)((ts.tv_nsec ^ (getpid() << 16)) & 0xffff);
    snprintf(out, n, "%s-%04x", stamp, suffix);
}

tb_store *tb_store_open(const char *root, const char *run_id, const cJSON *context, char *err,
                        size_t err_len)
{
    tb_store *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    if (snprintf(s->dir, sizeof s->dir, "%s/%s", root, run_id) >= (int)sizeof s->dir ||
        tb_mkdir_p(s->dir) != 0 || write_json_file(s->dir, "context.json", context) != 0) {
        snprintf(err, err_len, "cannot write results to '%s': %s", s->dir, strerror(errno));
        free(s);
        return NULL;
    }
    s->context = cJSON_Duplicate(context, 1);
    return s;
}

tb_store *tb_store_reopen(const char *dir, const cJSON *context, char *err, size_t err_len)
{
    tb_store *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    if (snprintf(s->dir, sizeof s->dir, "%s", dir) >= (int)sizeof s->dir ||
        access(dir, W_OK | X_OK) != 0) {
        snprintf(err, err_len, "cannot write results to '%s': %s", dir, strerror(errno));
        free(s);
        return NULL;
    }
    s->context = context ? cJSON_Duplicate(context, 1) : NULL;
    return s;
}

const char *tb_store_dir(const tb_store *s)
{
    return s->dir;
}

void tb_store_cell_dir(const tb_store *s, const char *cell_id, char *out, size_t n)
{
    int len = snprintf(out, n, "%s/cells/", s->dir);
    for (const char *c = cell_id; *c && len + 1 < (int)n; c++)
        out[len++] = strchr("/:,= ", *c) ? '_' : *c;
    out[len] = 0;
}

int tb_store_write_cell(const tb_store *s, const tb_record *r, char *err, size_t err_len)
{
    char dir[4200];
    tb_store_cell_dir(s, r->cell_id, dir, sizeof dir);
    cJSON *o = tb_record_to_json(r, s->context);
    int rc = tb_mkdir_p(dir) == 0 ? write_json_file(dir, "record.json", o) : -1;
    cJSON_Delete(o);
    if (rc != 0)
        snprintf(err, err_len, "cannot write the record of %s in '%s': %s", r->cell_id, dir,
                 strerror(errno));
    return rc;
}

cJSON *tb_json_file_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&text, &cap);
    if (!m)
        abort();
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, got, m);
    fclose(f);
    fclose(m);
    cJSON *o = cJSON_Parse(text);
    free(text);
    if (!o)
        errno = EINVAL;
    return o;
}

cJSON *tb_store_read_cell(const tb_store *s, const char *cell_id)
{
    char path[4300];
    tb_store_cell_dir(s, cell_id, path, sizeof path);
    strncat(path, "/record.json", sizeof path - strlen(path) - 1);
    cJSON *o = tb_json_file_read(path);
    if (o && !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

/* Both files are regenerated whole from the records: a run has tens to
 * hundreds of cells, so rewriting is cheap and keeps each file whole. */
int tb_store_write_records(const tb_store *s, const cJSON *records, char *err, size_t err_len)
{
    char path[4200];
    char *jsonl = NULL, *csv = NULL;
    size_t jsonl_len = 0, csv_len = 0;
    FILE *fj = open_memstream(&jsonl, &jsonl_len);
    FILE *fc = open_memstream(&csv, &csv_len);
    if (!fj || !fc)
        abort();
    tb_csv_header(fc);
    const cJSON *r;
    cJSON_ArrayForEach(r, records) {
        char *line = cJSON_PrintUnformatted(r);
        fprintf(fj, "%s\n", line);
        cJSON_free(line);
        tb_csv_row(fc, r);
    }
    fclose(fj);
    fclose(fc);
    snprintf(path, sizeof path, "%s/records.jsonl", s->dir);
    int rc = tb_write_file_atomic(path, jsonl, jsonl_len);
    snprintf(path, sizeof path, "%s/records.csv", s->dir);
    if (rc == 0)
        rc = tb_write_file_atomic(path, csv, csv_len);
    free(jsonl);
    free(csv);
    if (rc != 0)
        snprintf(err, err_len, "cannot write records in '%s': %s", s->dir, strerror(errno));
    return rc;
}

void tb_store_close(tb_store *s)
{
    if (!s)
        return;
    cJSON_Delete(s->context);
    free(s);
}
