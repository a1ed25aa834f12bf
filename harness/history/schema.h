/* The history's schema, one function per version step: creating version 1
 * and migrating each version to the next. Exposed so the migration test can
 * build a database exactly as an older tierbench left it. */
#ifndef TB_HISTORY_SCHEMA_H
#define TB_HISTORY_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

/* Creates the version-1 tables in an empty database and sets user_version
 * to 1. Runs inside the caller's transaction. 0 or -1 with a reason. */
int tb_history_schema_create_v1(sqlite3 *db, char *err, size_t err_len);

/* Brings a database from its user_version (0: empty) to
 * TB_HISTORY_SCHEMA_VERSION, one step per version, in one IMMEDIATE
 * transaction so concurrent openers migrate once. A version newer than this
 * build is refused. 0 or -1 with a reason. */
int tb_history_schema_migrate(sqlite3 *db, const char *path, char *err, size_t err_len);

/* Runs sql (one or more statements); 0 or -1 with sqlite's message. */
int tb_history_exec(sqlite3 *db, const char *sql, char *err, size_t err_len);

#endif
