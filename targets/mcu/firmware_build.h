/* The Cortex-M cores tierbench targets and how their firmware is built. */
#ifndef TB_FIRMWARE_BUILD_H
#define TB_FIRMWARE_BUILD_H

#include <stddef.h>

#include "model.h"
#include "source_dir.h"

enum { TB_PATH_MAX = 1024 };

typedef struct {
    const char *core;        /* "cortex-m4": names the target and its cycle table */
    const char *mcpu;        /* gcc -mcpu */
    const char *extra_flags; /* more gcc flags (float ABI ...) */
    const char *machine;     /* qemu-system-arm -M */
    const char *ldscript;    /* targets/mcu/firmware/link/<name>.ld */
    const char *board;       /* default board profile, targets/mcu/boards/<name>.board */
    const char *kernels;     /* the kernel set symbol the firmware runs */
    const char *const *sources; /* kernel sources beyond the reference set, NULL-terminated */
    /* The kernel set's conv scratch query, compiled for the host too, so
     * the firmware's static scratch buffer is sized for this model. */
    size_t (*conv_scratch_bytes)(const tb_window *w);
} tb_mcu_core;

typedef struct {
    char elf[1024], log[1024];
} tb_fw_build;

enum { TB_FW_OK = 0, TB_FW_ERROR = -1, TB_FW_TOO_BIG = -2 };


/* Emits the model and compiles firmware.elf in dir. TB_FW_OK, or an error
 * with a reason (TB_FW_TOO_BIG when the linker says it does not fit). */
int tb_firmware_build(const tb_mcu_core *core, const tb_model *m, const char *dir,
                      tb_fw_build *out, char *err, size_t err_len);

#endif
