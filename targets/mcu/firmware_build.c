/* Building a model's firmware for one Cortex-M core: our start-up code,
 * semihosting and main around the shared runtime (program_build.c). */
#include "firmware_build.h"

#include <stdio.h>

static const char *const firmware_sources[] = {
    "targets/mcu/firmware/startup.c",
    "targets/mcu/firmware/semihost.c",
    "targets/mcu/firmware/fw_main.c",
    NULL,
};

int tb_firmware_build(const tb_mcu_core *core, const tb_model *m, const char *dir,
                      tb_program_build *out, char *err, size_t err_len)
{
    char mcpu[64], link_dir[TB_PATH_MAX + 8], ldscript[96];
    snprintf(mcpu, sizeof mcpu, "-mcpu=%s", core->mcpu);
    snprintf(link_dir, sizeof link_dir, "-L%s/targets/mcu/firmware/link", tb_source_dir());
    snprintf(ldscript, sizeof ldscript, "-T%s.ld", core->ldscript);
    const char *const args[] = {mcpu, link_dir, ldscript, NULL};
    char flags[256];
    snprintf(flags, sizeof flags,
             "-std=c11 -O2 -mthumb -ffunction-sections -fdata-sections -Wall -Wextra "
             "-nostartfiles -nostdlib -Wl,--gc-sections %s",
             core->extra_flags);
    tb_program_spec spec = {
        .compiler = "arm-none-eabi-gcc",
        .flags = flags,
        .args = args,
        .sources = firmware_sources,
        .libs = "-lc -lgcc",
        .kernels = &core->kernels,
        .output = "firmware.elf",
    };
    return tb_program_compile(&spec, m, dir, out, err, err_len);
}
