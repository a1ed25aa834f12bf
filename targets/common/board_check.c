/* One check for both kinds of board, so `--board` takes either. */
#include "board_check.h"

#include <stdio.h>
#include <string.h>

#include "edge_profile.h"
#include "mcu_boards.h"

int tb_board_check(const char *name_or_path, char *err, size_t err_len)
{
    tb_board mcu;
    tb_edge_board edge;
    char mcu_err[1024], edge_err[1024];
    if (tb_board_find(name_or_path, &mcu, mcu_err, sizeof mcu_err) == 0 ||
        tb_edge_board_find(name_or_path, &edge, edge_err, sizeof edge_err) == 0)
        return 0;
    if (strchr(name_or_path, '/')) {
        snprintf(err, err_len, "%s is neither an MCU board (%s) nor an edge board (%s)",
                 name_or_path, mcu_err, edge_err);
        return -1;
    }
    char mcu_names[512], edge_names[512];
    tb_profile_names("targets/mcu/boards", ".board", mcu_names, sizeof mcu_names);
    tb_profile_names("targets/edge/boards", ".board", edge_names, sizeof edge_names);
    snprintf(err, err_len,
             "unknown board '%s'; accepted: MCU boards %s; edge boards %s; or a path to a "
             ".board file",
             name_or_path, mcu_names, edge_names);
    return -1;
}
