/* Building the native cell program (cell_main.c and its line protocol):
 * one statically linked Linux executable that runs one model, for this
 * machine (cc) or another architecture (aarch64-linux-gnu-gcc). */
#ifndef TB_CELL_PROGRAM_H
#define TB_CELL_PROGRAM_H

#include <stddef.h>

#include "model.h"
#include "program_build.h"

/* The int8 kernel set every cell program runs: the one place to switch it. */
extern const tb_kernel_choice tb_cell_kernels;

/* Emits the model and compiles dir/cell with `compiler` (e.g. "cc",
 * "aarch64-linux-gnu-gcc") plus cpu_flags (e.g. "-mcpu=cortex-a72", may be
 * NULL or ""). tb_program_compile's return codes; out->exe is the program. */
int tb_cell_program_build(const char *compiler, const char *cpu_flags, const tb_model *m,
                          const char *dir, tb_program_build *out, char *err, size_t err_len);

#endif
