/* Finding board profiles: by name in targets/mcu/boards/, or by path, and
 * choosing the one a Cortex-M target uses. */
#ifndef TB_MCU_BOARDS_H
#define TB_MCU_BOARDS_H

#include <stddef.h>

#include "profile.h"

/* Loads a board by name or path; on failure the error lists the boards
 * that exist. 0 or -1. */
int tb_board_find(const char *name_or_path, tb_board *b, char *err, size_t err_len);

/* The first of `wanted` (NULL-terminated, may be NULL) that is an MCU
 * board whose core is this core or a variant of it (a cortex-m0plus board
 * serves cortex-m0), else default_board. 0 or -1. */
int tb_board_for_core(const char *core, const char *default_board, const char *const *wanted,
                      tb_board *b, char *err, size_t err_len);

#endif
