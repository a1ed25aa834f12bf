/* The edge tier's data files: board profiles (boards/NAME.board: clock,
 * memory, active power) and per-core issue models (cores/CORE.cycles:
 * dispatch width, execution pipes, what each instruction class occupies).
 * Same line format and parser as the MCU files (harness/util/datafile.h);
 * docs/edge.md states the model. */
#ifndef TB_EDGE_PROFILE_H
#define TB_EDGE_PROFILE_H

#include <stddef.h>

enum { TB_EDGE_MAX_PIPES = 8, TB_EDGE_MAX_CLASSES = 32 };

typedef struct {
    char name[32], core[32];
    double clock_mhz;
    double ram_bytes;
    double active_power_w; /* whole board, CPU under load */
    char source[256];
    char path[1024];       /* the file it was read from */
} tb_edge_board;

typedef struct {
    char core[32];
    double dispatch_width;  /* instructions decoded/dispatched per cycle */
    double efficiency;      /* achieved fraction of the throughput bound, 0..1 */
    double mispredict_rate; /* mispredicted fraction of conditional branches */
    double branch_refill;   /* cycles lost per misprediction */
    int n_pipes;
    char pipe[TB_EDGE_MAX_PIPES][16];
    double pipe_units[TB_EDGE_MAX_PIPES]; /* identical pipes of the kind */
    int n_classes;
    char cls[TB_EDGE_MAX_CLASSES][24];
    int cls_pipe[TB_EDGE_MAX_CLASSES];    /* index into pipe */
    double occupancy[TB_EDGE_MAX_CLASSES]; /* cycles one instruction holds one pipe */
    char source[256];
} tb_edge_core;

/* Load from a path; 0, or -1 with "path:line: what is wrong" in err. */
int tb_edge_board_load(const char *path, tb_edge_board *b, char *err, size_t err_len);
int tb_edge_core_load(const char *path, tb_edge_core *c, char *err, size_t err_len);

/* A board by name (targets/edge/boards/NAME.board) or path; 0 or -1. */
int tb_edge_board_find(const char *name_or_path, tb_edge_board *b, char *err, size_t err_len);

/* The first of `wanted` (NULL-terminated, may be NULL) that is an edge
 * board of this core, else default_board. 0 or -1. */
int tb_edge_board_for_core(const char *core, const char *default_board,
                           const char *const *wanted, tb_edge_board *b, char *err,
                           size_t err_len);

/* The class's index in c, or -1. */
int tb_edge_class_index(const tb_edge_core *c, const char *cls);

#endif
