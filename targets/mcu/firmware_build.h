/* The Cortex-M cores tierbench targets and how their firmware is built. */
#ifndef TB_FIRMWARE_BUILD_H
#define TB_FIRMWARE_BUILD_H

#include <stddef.h>

#include "model.h"
#include "program_build.h"

typedef struct {
    const char *core;        /* "cortex-m4": names the target and its cycle table */
    const char *mcpu;        /* gcc -mcpu */
    const char *extra_flags; /* more gcc flags (float ABI ...) */
    const char *machine;     /* qemu-system-arm -M */
    const char *ldscript;    /* targets/mcu/firmware/link/<name>.ld */
    const char *board;       /* default board profile, targets/mcu/boards/<name>.board */
    tb_kernel_choice kernels;
} tb_mcu_core;

/* Emits the model and compiles firmware.elf in dir (tb_program_compile's
 * return codes and out). */
int tb_firmware_build(const tb_mcu_core *core, const tb_model *m, const char *dir,
                      tb_program_build *out, char *err, size_t err_len);

#endif
