/* Package energy counters. PAPI first, because its rapl/powercap
 * components are how a PAPI-equipped site exposes RAPL; then Linux powercap
 * directly, which is what those components read and which needs no PAPI
 * component built in (Debian's PAPI 7.0 ships neither). */
#include <dirent.h>
#include <papi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "energy.h"

static int disabled_by_env(void)
{
    const char *v = getenv("TB_RAPL_DISABLE");
    return v && v[0] && strcmp(v, "0") != 0;
}

/* A package-level energy event: rapl's PACKAGE_ENERGY:PACKAGEn (nJ) or
 * powercap's ENERGY_UJ:ZONEn (µJ), not their sub-zones or raw counts. */
static int package_event(const char *name)
{
    return (strstr(name, "PACKAGE_ENERGY:PACKAGE") && !strstr(name, "_CNT")) ||
           (strstr(name, "ENERGY_UJ:ZONE") && !strstr(name, "SUBZONE"));
}

static int open_papi(tb_rapl *r, char *why, size_t n)
{
    if (!PAPI_is_initialized() && PAPI_library_init(PAPI_VER_CURRENT) != PAPI_VER_CURRENT) {
        snprintf(why, n, "PAPI did not initialise");
        return -1;
    }
    int cid = -1;
    for (int i = 0; i < PAPI_num_components(); i++) {
        const PAPI_component_info_t *ci = PAPI_get_component_info(i);
        if (!ci || (strcmp(ci->name, "rapl") && strcmp(ci->name, "powercap")))
            continue;
        if (ci->disabled) {
            snprintf(why, n, "PAPI %s component disabled: %.100s", ci->name, ci->disabled_reason);
            continue;
        }
        cid = i;
        snprintf(r->via, sizeof r->via, "papi");
        r->uj_per_unit = strcmp(ci->name, "rapl") == 0 ? 1e-3 : 1.0;
        break;
    }
    if (cid < 0) {
        if (!why[0])
            snprintf(why, n, "PAPI has no rapl or powercap component");
        return -1;
    }
    r->papi_set = PAPI_NULL;
    if (PAPI_create_eventset(&r->papi_set) != PAPI_OK) {
        snprintf(why, n, "PAPI could not create an event set");
        return -1;
    }
    int code = PAPI_NATIVE_MASK;
    int more = PAPI_enum_cmp_event(&code, PAPI_ENUM_FIRST, cid) == PAPI_OK;
    while (more && r->n < TB_RAPL_MAX_DOMAINS) {
        char name[PAPI_MAX_STR_LEN];
        if (PAPI_event_code_to_name(code, name) == PAPI_OK && package_event(name) &&
            PAPI_add_event(r->papi_set, code) == PAPI_OK)
            snprintf(r->name[r->n++], sizeof r->name[0], "%s", name);
        more = PAPI_enum_cmp_event(&code, PAPI_ENUM_EVENTS, cid) == PAPI_OK;
    }
    if (r->n == 0 || PAPI_start(r->papi_set) != PAPI_OK) {
        snprintf(why, n, "PAPI %s component has no readable package energy event",
                 r->uj_per_unit < 1 ? "rapl" : "powercap");
        PAPI_cleanup_eventset(r->papi_set);
        PAPI_destroy_eventset(&r->papi_set);
        r->n = 0;
        return -1;
    }
    return 0;
}

static int read_number(const char *dir, const char *file, double *v)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int ok = fscanf(f, "%lf", v) == 1;
    fclose(f);
    return ok ? 0 : -1;
}

/* Package zones are intel-rapl:N (sub-zones are intel-rapl:N:M); AMD
 * processors appear under the same name. */
static int open_powercap(tb_rapl *r, char *why, size_t n)
{
    const char *env = getenv("TB_POWERCAP_ROOT");
    const char *root = env && *env ? env : "/sys/class/powercap";
    DIR *d = opendir(root);
    if (!d) {
        snprintf(why, n, "%s not present", root);
        return -1;
    }
    int unreadable = 0;
    for (struct dirent *e; (e = readdir(d)) && r->n < TB_RAPL_MAX_DOMAINS;) {
        const char *colon = strchr(e->d_name, ':');
        if (strncmp(e->d_name, "intel-rapl:", 11) || !colon || strchr(colon + 1, ':'))
            continue;
        char dir[300];
        double v;
        snprintf(dir, sizeof dir, "%s/%s", root, e->d_name);
        if (read_number(dir, "energy_uj", &v)) {
            unreadable++;
            continue;
        }
        snprintf(r->name[r->n], sizeof r->name[0], "%s", dir);
        if (read_number(dir, "max_energy_range_uj", &r->range_uj[r->n]))
            r->range_uj[r->n] = 0;
        r->n++;
    }
    closedir(d);
    if (r->n == 0) {
        snprintf(why, n, unreadable ? "%s: energy_uj not readable (needs root since Linux 5.10)"
                                    : "%s has no intel-rapl package zone", root);
        return -1;
    }
    snprintf(r->via, sizeof r->via, "powercap");
    r->uj_per_unit = 1.0;
    return 0;
}

int tb_rapl_open(tb_rapl *r, char *why, size_t why_len)
{
    memset(r, 0, sizeof *r);
    why[0] = 0;
    if (disabled_by_env()) {
        snprintf(why, why_len, "disabled by TB_RAPL_DISABLE");
        return -1;
    }
    char papi_why[300] = "";
    if (!getenv("TB_POWERCAP_ROOT") && open_papi(r, papi_why, sizeof papi_why) == 0)
        return 0;
    char cap_why[300] = "";
    if (open_powercap(r, cap_why, sizeof cap_why) == 0)
        return 0;
    snprintf(why, why_len, "RAPL not readable: %s%s%s", papi_why, papi_why[0] ? "; " : "",
             cap_why);
    return -1;
}

static int read_all(tb_rapl *r, double *uj)
{
    if (strcmp(r->via, "papi") == 0) {
        long long v[TB_RAPL_MAX_DOMAINS];
        if (PAPI_read(r->papi_set, v) != PAPI_OK)
            return -1;
        for (int i = 0; i < r->n; i++)
            uj[i] = (double)v[i] * r->uj_per_unit;
        return 0;
    }
    for (int i = 0; i < r->n; i++)
        if (read_number(r->name[i], "energy_uj", &uj[i]))
            return -1;
    return 0;
}

int tb_rapl_begin(tb_rapl *r)
{
    return read_all(r, r->begin_uj);
}

int tb_rapl_end(tb_rapl *r, double *uj)
{
    double now[TB_RAPL_MAX_DOMAINS];
    if (read_all(r, now))
        return -1;
    *uj = 0;
    for (int i = 0; i < r->n; i++) {
        double d = now[i] - r->begin_uj[i];
        if (d < 0 && r->range_uj[i] > 0)
            d += r->range_uj[i]; /* the counter wrapped once */
        *uj += d;
    }
    return 0;
}

void tb_rapl_close(tb_rapl *r)
{
    if (strcmp(r->via, "papi") == 0 && r->n) {
        long long v[TB_RAPL_MAX_DOMAINS];
        PAPI_stop(r->papi_set, v);
        PAPI_cleanup_eventset(r->papi_set);
        PAPI_destroy_eventset(&r->papi_set);
    }
    r->n = 0;
}
