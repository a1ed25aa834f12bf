/* counters.h through PAPI: events are added one by one so a machine that
 * lacks some still counts the rest, and every way counting can be
 * unavailable (no PMU, paranoid kernel, init failure) ends in a reason. */
#include "counters.h"

#include <papi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

static const struct {
    const char *name;
    int papi_event;
    const char *papi_name;
} events[TB_CTR_COUNT] = {
    [TB_CTR_INSTRUCTIONS] = {"instructions", PAPI_TOT_INS, "PAPI_TOT_INS"},
    [TB_CTR_CYCLES] = {"cycles", PAPI_TOT_CYC, "PAPI_TOT_CYC"},
    [TB_CTR_L1D_MISSES] = {"l1d_misses", PAPI_L1_DCM, "PAPI_L1_DCM"},
    [TB_CTR_L2_MISSES] = {"l2_misses", PAPI_L2_DCM, "PAPI_L2_DCM"},
};

static once_flag papi_once = ONCE_FLAG_INIT;
static int papi_init_status; /* PAPI_library_init's answer */

static void papi_init(void)
{
    papi_init_status = PAPI_library_init(PAPI_VER_CURRENT);
}

const char *tb_counter_name(tb_counter_id id)
{
    return (unsigned)id < TB_CTR_COUNT ? events[id].name : NULL;
}

__attribute__((format(printf, 3, 4)))
static void appendf(char *buf, size_t len, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

static int disabled_by_env(void)
{
    const char *v = getenv("TB_PAPI_DISABLE");
    return v && v[0] && strcmp(v, "0") != 0;
}

static void version_string(char *out, size_t len, int initialised)
{
    int v = initialised ? PAPI_get_opt(PAPI_LIB_VERSION, NULL) : PAPI_VERSION;
    if (v < 0)
        v = PAPI_VERSION;
    snprintf(out, len, "PAPI %d.%d.%d.%d", PAPI_VERSION_MAJOR(v), PAPI_VERSION_MINOR(v),
             PAPI_VERSION_REVISION(v), PAPI_VERSION_INCREMENT(v));
}

/* -1 when the file is unreadable (not Linux, or /proc not mounted). */
static int perf_event_paranoid(void)
{
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    int level = -1;
    if (f) {
        if (fscanf(f, "%d", &level) != 1)
            level = -1;
        fclose(f);
    }
    return level;
}

/* Level 3 is a Debian/Android patch that forbids unprivileged perf_event_open
 * altogether; 2 still allows counting user space, which is all we ask for. */
static void append_paranoid_note(char *why, size_t len)
{
    int level = perf_event_paranoid();
    if (level > 2)
        appendf(why, len, "; kernel.perf_event_paranoid=%d forbids it (needs <= 2, or CAP_PERFMON)",
                level);
}

/* 1 when PAPI can count on this machine; otherwise 0 and the reason in why.
 * *cidx receives the perf_event component index. */
static int papi_usable(char *why, size_t len, int *cidx)
{
    char ver[48];
    why[0] = '\0';
    if (disabled_by_env()) {
        snprintf(why, len, "PAPI disabled by TB_PAPI_DISABLE=%s", getenv("TB_PAPI_DISABLE"));
        return 0;
    }
    call_once(&papi_once, papi_init);
    if (papi_init_status != PAPI_VER_CURRENT) {
        version_string(ver, sizeof ver, 0);
        if (papi_init_status > 0)
            snprintf(why, len, "%s headers, but the PAPI library is version %d.%d",
                     ver, PAPI_VERSION_MAJOR(papi_init_status),
                     PAPI_VERSION_MINOR(papi_init_status));
        else
            snprintf(why, len, "%s: PAPI_library_init failed: %s", ver,
                     PAPI_strerror(papi_init_status));
        return 0;
    }
    version_string(ver, sizeof ver, 1);
    *cidx = PAPI_get_component_index("perf_event");
    if (*cidx < 0) {
        snprintf(why, len, "%s: built without the perf_event component", ver);
        return 0;
    }
    const PAPI_component_info_t *ci = PAPI_get_component_info(*cidx);
    const int nctr = PAPI_num_cmp_hwctrs(*cidx);
    if (nctr > 0 && ci && !ci->disabled)
        return 1;

    const PAPI_hw_info_t *hw = PAPI_get_hardware_info();
    snprintf(why, len, "%s: %d hardware counters (", ver, nctr > 0 ? nctr : 0);
    if (hw && hw->virtualized)
        appendf(why, len, "no PMU in this %s virtual machine; ",
                hw->virtual_vendor_string[0] ? hw->virtual_vendor_string : "unknown");
    appendf(why, len, "perf_event: %s",
            ci && ci->disabled && ci->disabled_reason[0] ? ci->disabled_reason : "disabled");
    append_paranoid_note(why, len);
    appendf(why, len, ")");
    return 0;
}

/* Creates and starts an event set with every event PAPI accepts; returns 1
 * when counting has started. order[k] is the counter held in slot k. */
static int start_counting(tb_counters *out, int *es, int order[TB_CTR_COUNT], int *n)
{
    int cidx;
    char missing[160] = "";
    *n = 0;
    if (!papi_usable(out->reason, sizeof out->reason, &cidx))
        return 0;
    *es = PAPI_NULL;
    int rc = PAPI_create_eventset(es);
    if (rc != PAPI_OK) {
        snprintf(out->reason, sizeof out->reason, "PAPI_create_eventset failed: %s",
                 PAPI_strerror(rc));
        return 0;
    }
    for (int id = 0; id < TB_CTR_COUNT; id++) {
        rc = PAPI_query_event(events[id].papi_event);
        if (rc == PAPI_OK)
            rc = PAPI_add_event(*es, events[id].papi_event);
        if (rc == PAPI_OK) {
            order[(*n)++] = id;
            continue;
        }
        appendf(missing, sizeof missing, "%s%s (%s: %s)", missing[0] ? ", " : "",
                events[id].name, events[id].papi_name, PAPI_strerror(rc));
    }
    if (*n == 0) {
        snprintf(out->reason, sizeof out->reason, "no counter could be added: %s", missing);
    } else if ((rc = PAPI_start(*es)) != PAPI_OK) {
        snprintf(out->reason, sizeof out->reason, "PAPI_start failed: %s", PAPI_strerror(rc));
        append_paranoid_note(out->reason, sizeof out->reason);
    } else {
        if (missing[0])
            snprintf(out->reason, sizeof out->reason, "not countable here: %s", missing);
        return 1;
    }
    PAPI_cleanup_eventset(*es);
    PAPI_destroy_eventset(es);
    return 0;
}

void tb_counters_measure(void (*fn)(void *arg), void *arg, int calls, tb_counters *out)
{
    memset(out, 0, sizeof *out);
    if (calls < 1) {
        snprintf(out->reason, sizeof out->reason, "nothing to count: calls=%d", calls);
        return;
    }
    int es = PAPI_NULL, order[TB_CTR_COUNT], n;
    const int counting = start_counting(out, &es, order, &n);
    for (int i = 0; i < calls; i++)
        fn(arg);
    if (!counting)
        return;

    long long values[TB_CTR_COUNT];
    int rc = PAPI_stop(es, values);
    if (rc == PAPI_OK) {
        for (int k = 0; k < n; k++) {
            out->have[order[k]] = 1;
            out->per_call[order[k]] = (double)values[k] / calls;
        }
        out->available = 1;
    } else {
        snprintf(out->reason, sizeof out->reason, "PAPI_stop failed: %s", PAPI_strerror(rc));
    }
    PAPI_cleanup_eventset(es);
    PAPI_destroy_eventset(&es);
}

void tb_counters_describe(char *out, size_t len)
{
    char why[200], ver[48];
    int cidx;
    if (len == 0)
        return;
    if (!papi_usable(why, sizeof why, &cidx)) {
        snprintf(out, len, "unavailable: %s", why);
        return;
    }
    version_string(ver, sizeof ver, 1);
    snprintf(out, len, "%s, perf_event with %d hardware counters;", ver,
             PAPI_num_cmp_hwctrs(cidx));
    for (int id = 0; id < TB_CTR_COUNT; id++)
        appendf(out, len, " %s %s", events[id].name,
                PAPI_query_event(events[id].papi_event) == PAPI_OK ? "yes" : "no");
}
