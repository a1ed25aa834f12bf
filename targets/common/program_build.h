/* Building a program that runs one model: emit the model as C into the
 * cell's folder and compile it, with the very kernel and runtime sources
 * the host compiles, by any compiler (firmware for a Cortex-M, the native
 * cell program for aarch64 or this machine). */
#ifndef TB_PROGRAM_BUILD_H
#define TB_PROGRAM_BUILD_H

#include <stddef.h>

#include "model.h"
#include "source_dir.h"

enum { TB_PATH_MAX = 1024 };

/* The int8 kernel set a program runs. */
typedef struct {
    const char *symbol;         /* the tb_kernels_s8 table, e.g. "tb_kernels_s8_ref" */
    const char *const *sources; /* its sources beyond the reference set, NULL-terminated */
    const char *const *include_dirs; /* its header folders, NULL-terminated, or NULL */
    const char *flags;          /* compiler flags it needs (whole program), or NULL */
    /* The set's conv scratch query, compiled for the host too, so the
     * program's static scratch buffer is sized for this model. */
    size_t (*conv_scratch_bytes)(const tb_window *w);
} tb_kernel_choice;

/* The set's short name as records give it ("ref", "simd", "dsp"): the
 * symbol without its tb_kernels_s8_ prefix, like tb_kernels_s8.name. */
const char *tb_kernel_choice_name(const tb_kernel_choice *k);

/* How to compile. Every path is relative to the checkout. The runtime
 * (graph, int8 executor, reference kernels, region markers) is always
 * compiled in; the program adds its main and start-up code. */
typedef struct {
    const char *compiler;            /* argv[0], searched on PATH */
    const char *flags;               /* space-separated, before the sources */
    const char *const *args;         /* more arguments, each passed whole (paths), or NULL */
    const char *const *include_dirs; /* beyond the runtime's, NULL-terminated, or NULL */
    const char *const *sources;      /* the program's own, NULL-terminated */
    const char *libs;                /* space-separated, after the sources */
    const tb_kernel_choice *kernels;
    const char *output;              /* file name of the program in the cell folder */
} tb_program_spec;

typedef struct {
    char exe[TB_PATH_MAX], log[TB_PATH_MAX];
} tb_program_build;

enum { TB_BUILD_OK = 0, TB_BUILD_ERROR = -1, TB_BUILD_TOO_BIG = -2 };

/* Emits dir/model.c and compiles dir/<output>, defining TB_FW_KERNELS (the
 * kernel set symbol) and TB_FW_SCRATCH_BYTES (the largest conv scratch this
 * model asks of it). TB_BUILD_OK, or an error with a reason (TB_BUILD_TOO_BIG
 * when the linker says it does not fit its memory regions). */
int tb_program_compile(const tb_program_spec *spec, const tb_model *m, const char *dir,
                       tb_program_build *out, char *err, size_t err_len);

#endif
