/* Board lookup. */
#include "mcu_boards.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "firmware_build.h"

static void board_names(char *out, size_t n)
{
    char dir[TB_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/targets/mcu/boards", tb_source_dir());
    out[0] = 0;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 6 && strcmp(e->d_name + len - 6, ".board") == 0) {
            size_t used = strlen(out);
            snprintf(out + used, n - used, "%s%.*s", used ? ", " : "", (int)(len - 6), e->d_name);
        }
    }
    closedir(d);
}

int tb_board_find(const char *name_or_path, tb_board *b, char *err, size_t err_len)
{
    char path[TB_PATH_MAX];
    if (strchr(name_or_path, '/'))
        snprintf(path, sizeof path, "%s", name_or_path);
    else
        snprintf(path, sizeof path, "%s/targets/mcu/boards/%s.board", tb_source_dir(),
                 name_or_path);
    FILE *f = fopen(path, "r");
    if (!f) {
        char names[1024];
        board_names(names, sizeof names);
        snprintf(err, err_len, "unknown board '%s'; accepted: %s, or a path to a .board file",
                 name_or_path, names);
        return -1;
    }
    fclose(f);
    return tb_board_load(path, b, err, err_len);
}

int tb_board_check(const char *name_or_path, char *err, size_t err_len)
{
    tb_board b;
    return tb_board_find(name_or_path, &b, err, err_len);
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
    for (int i = 0; wanted && wanted[i]; i++) {
        if (tb_board_find(wanted[i], b, err, err_len))
            return -1;
        if (serves(b->core, core))
            return 0;
    }
    return tb_board_find(default_board, b, err, err_len);
}
