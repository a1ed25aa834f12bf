/* Reading result records (cJSON, docs/results.md) by dotted path, e.g.
 * "latency.ns.median". Absent, null and mistyped fields all read as "no
 * value", so renderers tolerate older records and fields other tiers add. */
#ifndef TB_RECORD_GET_H
#define TB_RECORD_GET_H

#include <cjson/cJSON.h>

const cJSON *tb_rec_get(const cJSON *r, const char *dotted);
/* 1 and *out set when the field is a number, else 0. */
int tb_rec_num(const cJSON *r, const char *dotted, double *out);
/* The string, or NULL. */
const char *tb_rec_str(const cJSON *r, const char *dotted);
int tb_rec_ok(const cJSON *r);
/* A value is measured only when its method says so ("measured ..."); every
 * other method is a model's estimate and is marked as such in reports. */
int tb_rec_latency_estimated(const cJSON *r);
int tb_rec_energy_estimated(const cJSON *r);
/* Median latency in ms / energy per inference in uJ of an ok record; 0/1. */
int tb_rec_latency_ms(const cJSON *r, double *ms);
int tb_rec_energy_uJ(const cJSON *r, double *uJ);

#endif
