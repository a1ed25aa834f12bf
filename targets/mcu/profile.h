/* Board profiles (boards/NAME.board) and per-core cycle tables
 * (cores/CORE.cycles): line-oriented data files, `key value...`, `#` comments,
 * at least one `source` line each. Numbers live there, with their sources,
 * never in C. */
#ifndef TB_MCU_PROFILE_H
#define TB_MCU_PROFILE_H

#include <stddef.h>

enum { TB_MAX_CLASSES = 32 };

typedef struct {
    char name[32], core[32];
    double clock_mhz;
    double flash_bytes, ram_bytes;
    double flash_wait_states, fetch_hit_rate;
    double run_current_ua_per_mhz, supply_v;
    char source[256];
    char path[1024];  /* the file it was read from */
} tb_board;

typedef struct {
    char core[32];
    int n_costs;
    char cls[TB_MAX_CLASSES][24];
    double cost[TB_MAX_CLASSES];
    double cost_ldm_reg, cost_stm_reg, branch_refill, issue_factor;
    char source[256];
} tb_cycle_table;

/* Load from a file path; 0, or -1 with "path:line: what is wrong" in err. */
int tb_board_load(const char *path, tb_board *b, char *err, size_t err_len);
int tb_cycle_table_load(const char *path, tb_cycle_table *t, char *err, size_t err_len);

/* Cost of a class, or -1 when the table has none. */
double tb_cycle_cost(const tb_cycle_table *t, const char *cls);

/* The profile names in <checkout>/<dir> (files ending in ext), comma-separated. */
void tb_profile_names(const char *dir, const char *ext, char *out, size_t n);
/* The file of a profile given by name (<checkout>/<dir>/NAME<ext>) or by
 * path (anything with a '/'); 0, or -1 with the names that exist. */
int tb_profile_resolve(const char *dir, const char *ext, const char *name_or_path, char *path,
                       size_t n, char *err, size_t err_len);

#endif
