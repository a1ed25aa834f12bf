/* Board lookup. */
#include "mcu_boards.h"

#include <stdio.h>
#include <string.h>

#include "firmware_build.h"

int tb_board_find(const char *name_or_path, tb_board *b, char *err, size_t err_len)
{
    char path[TB_PATH_MAX];
    if (tb_profile_resolve("targets/mcu/boards", ".board", name_or_path, path, sizeof path, err,
                           err_len))
        return -1;
    return tb_board_load(path, b, err, err_len);
}

static int serves(const char *board_core, const char *core)
{
    size_t n = strlen(core);
    return strncmp(board_core, core, n) == 0 &&
           (board_core[n] == 0 || strcmp(board_core + n, "plus") == 0);
}

int tb_board_for_core(const char *core, const char *default_board, const char *const *wanted,
                      tb_board *b, char *err, size_t err_len)
{
    char ignored[2 * TB_PATH_MAX];
    /* --board lists edge boards too (checked by tb_board_check): not ours */
    for (int i = 0; wanted && wanted[i]; i++)
        if (tb_board_find(wanted[i], b, ignored, sizeof ignored) == 0 && serves(b->core, core))
            return 0;
    return tb_board_find(default_board, b, err, err_len);
}
