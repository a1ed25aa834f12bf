/* Reads /proc/cpuinfo and cpu_peak.table. The table's numbers and sources
 * stay in the data file; this file only looks them up and multiplies. */
#include "cpu_peak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo.h"
#include "datafile.h"

typedef struct {
    char name[96], why[160];
    double fma_units, clock_mhz; /* fma_units 0: unknown; clock_mhz 0: cpuinfo */
    int found;
} table_entry;

typedef struct {
    const char *vendor;
    int family, model;
    int in_block;
    table_entry *e;
} table_reader;

/* A number, or `word` (unknown, cpuinfo) meaning 0. */
static int number_or(const char *rest, const char *word, double *out, char *why, size_t n)
{
    char text[64];
    tb_datafile_text(text, sizeof text, rest);
    if (strcmp(text, word) == 0) {
        *out = 0;
        return 0;
    }
    return tb_datafile_number(text, out, why, n);
}

static int table_line(void *obj, const char *key, char *rest, char *why, size_t n)
{
    table_reader *t = obj;
    if (strcmp(key, "cpu") == 0) {
        char v[64];
        int fam, mod;
        if (sscanf(rest, "%63s %d %d", v, &fam, &mod) != 3) {
            snprintf(why, n, "'cpu' needs a vendor, a family and a model");
            return -1;
        }
        t->in_block = strcmp(v, t->vendor) == 0 && fam == t->family && mod == t->model;
        t->e->found |= t->in_block;
        return 0;
    }
    if (strcmp(key, "source") == 0)
        return 0; /* for the reader of the file */
    if (strcmp(key, "name") == 0 || strcmp(key, "why") == 0) {
        if (t->in_block && key[0] == 'n')
            tb_datafile_text(t->e->name, sizeof t->e->name, rest);
        else if (t->in_block)
            tb_datafile_text(t->e->why, sizeof t->e->why, rest);
        return 0;
    }
    double v;
    if (strcmp(key, "fma_units") == 0 || strcmp(key, "clock") == 0) {
        const int fma = key[0] == 'f';
        if (number_or(rest, fma ? "unknown" : "cpuinfo", &v, why, n))
            return -1;
        if (t->in_block)
            *(fma ? &t->e->fma_units : &t->e->clock_mhz) = v;
        return 0;
    }
    snprintf(why, n, "unknown key '%s'", key);
    return -1;
}

/* Finds the block of (vendor, family, model); 0, or -1 with err (a file
 * that cannot be read, or a line that is wrong anywhere in it). */
static int lookup(const char *path, const char *vendor, int family, int model, table_entry *e,
                  char *err, size_t n)
{
    memset(e, 0, sizeof *e);
    table_reader t = {vendor, family, model, 0, e};
    return tb_datafile_parse(path, &t, table_line, err, n);
}

static int has_flag(const char *flags, const char *flag)
{
    const size_t n = strlen(flag);
    for (const char *p = flags; (p = strstr(p, flag)) != NULL; p += n)
        if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0 || p[n] == '\n'))
            return 1;
    return 0;
}

int tb_cpu_fp32_lanes(const char *flags)
{
    return has_flag(flags, "avx512f") ? 16 : has_flag(flags, "avx2") && has_flag(flags, "fma") ? 8 : 0;
}

void tb_cpu_peak_for(const char *table_path, const char *vendor, int family, int model,
                     const char *flags, double cpuinfo_mhz, int cores, tb_cpu_peak *out)
{
    table_entry e;
    out->gflop_s = 0;
    const int lanes = tb_cpu_fp32_lanes(flags);
    if (lookup(table_path, vendor, family, model, &e, out->source, sizeof out->source))
        return;
    if (!e.found) {
        snprintf(out->source, sizeof out->source,
                 "unknown: %s family %d model %d is not in %s", vendor, family, model,
                 table_path);
        return;
    }
    if (e.fma_units <= 0) {
        snprintf(out->source, sizeof out->source, "unknown: %s: %s", e.name,
                 e.why[0] ? e.why : "FMA units not in the table");
        return;
    }
    if (!lanes) {
        snprintf(out->source, sizeof out->source, "unknown: no avx512f or avx2+fma in the flags");
        return;
    }
    const double mhz = e.clock_mhz > 0 ? e.clock_mhz : cpuinfo_mhz;
    if (mhz <= 0) {
        snprintf(out->source, sizeof out->source, "unknown: no clock (table says cpuinfo, "
                                                  "/proc/cpuinfo gives none)");
        return;
    }
    out->gflop_s = lanes * e.fma_units * 2.0 * cores * mhz * 1e-3;
    snprintf(out->source, sizeof out->source,
             "%d lanes (%s) x %g FMA units x 2 x %d cores x %.0f MHz (%s); %s (%s)", lanes,
             lanes == 16 ? "avx512f" : "avx2+fma", e.fma_units, cores, mhz,
             e.clock_mhz > 0 ? "table" : "nominal, /proc/cpuinfo", e.name, table_path);
}

int tb_cpu_fp32_lanes_here(void)
{
    char flags[4096];
    tb_cpuinfo_field("flags", flags, sizeof flags);
    return tb_cpu_fp32_lanes(flags);
}

void tb_cpu_peak_compute(const char *table_path, int cores, tb_cpu_peak *out)
{
    char vendor[64], family[16], model[16], mhz[32], flags[4096];
    tb_cpuinfo_field("vendor_id", vendor, sizeof vendor);
    tb_cpuinfo_field("cpu family", family, sizeof family);
    tb_cpuinfo_field("model", model, sizeof model);
    tb_cpuinfo_field("cpu MHz", mhz, sizeof mhz);
    tb_cpuinfo_field("flags", flags, sizeof flags);
    if (!vendor[0] || !family[0] || !model[0]) {
        out->gflop_s = 0;
        snprintf(out->source, sizeof out->source,
                 "unknown: /proc/cpuinfo names no vendor, family and model");
        return;
    }
    tb_cpu_peak_for(table_path, vendor, atoi(family), atoi(model), flags, atof(mhz), cores, out);
}
