/* Link profiles: the network between the device and the tier it sends work
 * to, read from data files (reports/placement/links/NAME.link) in which every
 * figure is followed by a `source` line saying where it comes from. */
#ifndef TB_PLACE_LINKS_H
#define TB_PLACE_LINKS_H

#include <stddef.h>

enum { TB_LINK_NAME_LEN = 40, TB_LINK_SOURCE_LEN = 4096, TB_MAX_LINKS = 32 };

typedef struct {
    char name[TB_LINK_NAME_LEN]; /* the file name without .link */
    char description[200];
    double uplink_bps, downlink_bps;        /* bit/s, both > 0 */
    double rtt_ms;                          /* one round trip per hop */
    double tx_nJ_per_bit, rx_nJ_per_bit;    /* device radio energy */
    double tail_uJ;                         /* device radio, once per inference that uses it */
    char source[TB_LINK_SOURCE_LEN];        /* "figure: source | figure: source ..." */
} tb_link;

/* Reads one profile; 0, or -1 with "path[:line]: what is wrong" in err. */
int tb_link_load(const char *path, tb_link *l, char *err, size_t err_len);

/* The folder holding the shipped profiles (under the source tree). */
void tb_links_dir(char *dir, size_t n);

/* Loads profiles by name (NAME from the links folder, or a path ending in
 * .link), in that order; NULL or an empty list loads every profile in the
 * folder, by rising uplink bandwidth. Returns how many, or -1 with err. */
int tb_links_load(const char *dir, char **names, int n_names, tb_link *out, int max, char *err,
                  size_t err_len);

#endif
