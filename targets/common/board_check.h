/* Checking a --board item: an MCU board (targets/mcu/boards) or an edge
 * board (targets/edge/boards), by name or path. */
#ifndef TB_BOARD_CHECK_H
#define TB_BOARD_CHECK_H

#include <stddef.h>

/* 0 when it loads as either kind; else -1 with the names that exist. */
int tb_board_check(const char *name_or_path, char *err, size_t err_len);

#endif
