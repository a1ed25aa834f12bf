/* The tables of a report, built from the run's records and, when present,
 * placement/placement.json (the schema in docs/placement.md). */
#ifndef TB_REPORT_TABLES_H
#define TB_REPORT_TABLES_H

#include <cjson/cJSON.h>

#include "table.h"

tb_table *tb_results_table(const cJSON *records, const char *run_id);
/* Best option and runner-up per workload and link. */
tb_table *tb_placement_decisions_table(const cJSON *placement);
/* Where each decision flips as the uplink bandwidth is swept. */
tb_table *tb_placement_sensitivity_table(const cJSON *placement);

#endif
