/* Collects the context block from /proc, /sys, uname and build-time facts
 * (compiler, flags, git revision, library versions passed in by CMake). */
#include "context.h"

#include <papi.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cpuinfo.h"
#include "gbench_shim.h"

#ifndef TB_GIT_REVISION
#define TB_GIT_REVISION "unknown"
#endif
#ifndef TB_BUILD_FLAGS
#define TB_BUILD_FLAGS "unknown"
#endif
#ifndef TB_VERSION
#define TB_VERSION "unknown"
#endif

/* First line of a file, trimmed; "" when it cannot be read. */
static void read_line(const char *path, char *out, size_t n)
{
    out[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(out, (int)n, f))
        out[strcspn(out, "\n")] = 0;
    fclose(f);
}

static void add_or_null(cJSON *o, const char *key, const char *value)
{
    cJSON_AddItemToObject(o, key, value[0] ? cJSON_CreateString(value) : cJSON_CreateNull());
}

cJSON *tb_context_collect(void)
{
    char buf[512];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "tierbench_version", TB_VERSION);
    cJSON_AddStringToObject(o, "git_revision", TB_GIT_REVISION);

    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cJSON_AddStringToObject(o, "date", buf);

    if (gethostname(buf, sizeof buf) != 0)
        buf[0] = 0;
    buf[sizeof buf - 1] = 0;
    add_or_null(o, "hostname", buf);

    struct utsname u;
    if (uname(&u) == 0) {
        snprintf(buf, sizeof buf, "%s %s", u.sysname, u.release);
        cJSON_AddStringToObject(o, "os", buf);
        cJSON_AddStringToObject(o, "arch", u.machine);
    }

    cJSON *cpu = cJSON_AddObjectToObject(o, "cpu");
    tb_cpuinfo_field("model name", buf, sizeof buf);
    add_or_null(cpu, "model", buf);
    cJSON_AddNumberToObject(cpu, "online_cores", (double)sysconf(_SC_NPROCESSORS_ONLN));
    read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", buf, sizeof buf);
    add_or_null(cpu, "governor", buf);
    tb_cpuinfo_field("cpu MHz", buf, sizeof buf);
    add_or_null(cpu, "mhz", buf);

    cJSON *build = cJSON_AddObjectToObject(o, "build");
    cJSON_AddStringToObject(build, "compiler", "gcc " __VERSION__);
    cJSON_AddStringToObject(build, "flags", TB_BUILD_FLAGS);

    cJSON *libs = cJSON_AddObjectToObject(o, "libraries");
    cJSON_AddStringToObject(libs, "google_benchmark", tb_gb_version());
    snprintf(buf, sizeof buf, "%d.%d.%d.%d", PAPI_VERSION_MAJOR(PAPI_VERSION),
             PAPI_VERSION_MINOR(PAPI_VERSION), PAPI_VERSION_REVISION(PAPI_VERSION),
             PAPI_VERSION_INCREMENT(PAPI_VERSION));
    cJSON_AddStringToObject(libs, "papi", buf);
    cJSON_AddStringToObject(libs, "cjson", cJSON_Version());
    return o;
}
