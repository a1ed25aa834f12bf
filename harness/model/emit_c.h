/* Emits a model as C source: const arrays for every constant and prepared
 * parameter and one `const tb_model tb_fw_model`, plus the activation arena
 * `tb_fw_arena`. Firmware compiles this file with the shared kernels and
 * runtime, so the MCU runs the very bytes the host built. */
#ifndef TB_EMIT_C_H
#define TB_EMIT_C_H

#include <stdio.h>

#include "model.h"

/* int8 only (the MCU tier runs int8). 0, or -1 on a write error. */
int tb_emit_model_c(FILE *f, const tb_model *m);

#endif
