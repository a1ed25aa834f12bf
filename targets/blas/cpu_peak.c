/* Reads /proc/cpuinfo and cpu_peak.table. The table's numbers and sources
 * stay in the data file; this file only looks them up and multiplies. */
#include "cpu_peak.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo.h"

typedef struct {
    char name[96], why[160];
    double fma_units, clock_mhz; /* fma_units 0: unknown; clock_mhz 0: cpuinfo */
    int found;
} table_entry;

static char *trimmed(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, "#\n");
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = 0;
    return s;
}

/* Finds the block of (vendor, family, model); 0, or -1 with err. */
static int lookup(const char *path, const char *vendor, int family, int model, table_entry *e,
                  char *err, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, n, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char line[512], v[64];
    int in_block = 0, fam, mod;
    memset(e, 0, sizeof *e);
    while (fgets(line, sizeof line, f)) {
        char *s = trimmed(line);
        if (strncmp(s, "cpu ", 4) == 0) {
            in_block = sscanf(s + 4, "%63s %d %d", v, &fam, &mod) == 3 && strcmp(v, vendor) == 0 &&
                       fam == family && mod == model;
            e->found |= in_block;
        } else if (!in_block) {
            continue;
        } else if (strncmp(s, "name ", 5) == 0) {
            snprintf(e->name, sizeof e->name, "%s", trimmed(s + 5));
        } else if (strncmp(s, "why ", 4) == 0) {
            snprintf(e->why, sizeof e->why, "%s", trimmed(s + 4));
        } else if (strncmp(s, "fma_units ", 10) == 0) {
            e->fma_units = atof(s + 10);
        } else if (strncmp(s, "clock ", 6) == 0) {
            e->clock_mhz = strcmp(trimmed(s + 6), "cpuinfo") == 0 ? 0 : atof(s + 6);
        }
    }
    fclose(f);
    return 0;
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
