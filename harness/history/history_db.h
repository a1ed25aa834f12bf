/* What the history's source files share: the open database handle. */
#ifndef TB_HISTORY_DB_H
#define TB_HISTORY_DB_H

#include <sqlite3.h>

#include "history.h"

struct tb_history {
    sqlite3 *db;
    char path[4096];
};

#endif
