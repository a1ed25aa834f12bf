/* Dotted-path access to result records. */
#include "record_get.h"

#include <string.h>

const cJSON *tb_rec_get(const cJSON *r, const char *dotted)
{
    char key[64];
    while (r && *dotted) {
        size_t n = strcspn(dotted, ".");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, dotted, n);
        key[n] = 0;
        r = cJSON_IsObject(r) ? cJSON_GetObjectItemCaseSensitive(r, key) : NULL;
        dotted += n + (dotted[n] == '.');
    }
    return r;
}

int tb_rec_num(const cJSON *r, const char *dotted, double *out)
{
    const cJSON *v = tb_rec_get(r, dotted);
    if (!cJSON_IsNumber(v))
        return 0;
    *out = v->valuedouble;
    return 1;
}

const char *tb_rec_str(const cJSON *r, const char *dotted)
{
    const cJSON *v = tb_rec_get(r, dotted);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int tb_rec_ok(const cJSON *r)
{
    const char *s = tb_rec_str(r, "status");
    return s && strcmp(s, "ok") == 0;
}

static int measured(const char *method)
{
    return method && strncmp(method, "measured", 8) == 0;
}

int tb_rec_latency_estimated(const cJSON *r)
{
    return !measured(tb_rec_str(r, "latency.method"));
}

int tb_rec_energy_estimated(const cJSON *r)
{
    return !measured(tb_rec_str(r, "energy_method"));
}

int tb_rec_latency_ms(const cJSON *r, double *ms)
{
    double ns;
    if (!tb_rec_ok(r) || !tb_rec_num(r, "latency.ns.median", &ns))
        return 0;
    *ms = ns * 1e-6;
    return 1;
}

int tb_rec_energy_uJ(const cJSON *r, double *uJ)
{
    return tb_rec_ok(r) && tb_rec_num(r, "energy_uJ", uJ);
}
