/* The native cell program's build: cell_main.c around the shared runtime,
 * portable C with no -march=native, statically linked. */
#include "cell_program.h"

#include <stdio.h>

#include "tb_kernels_simd.h"

static const char *const simd_sources[] = {
    "kernels/simd/tb_add_s8_simd.c", "kernels/simd/tb_conv_s8_simd.c",
    "kernels/simd/tb_dwconv_s8_simd.c", "kernels/simd/tb_fc_s8_simd.c",
    "kernels/simd/tb_kernel_set_simd.c", NULL};
static const char *const simd_include_dirs[] = {"kernels/simd", NULL};

/* The SIMD sources are written for the compiler's auto-vectoriser at -O3. */
const tb_kernel_choice tb_cell_kernels = {"tb_kernels_s8_simd", simd_sources, simd_include_dirs,
                                          "-O3", tb_conv_s8_simd_scratch_bytes};

static const char *const cell_sources[] = {"targets/native/cell_main.c", NULL};

int tb_cell_program_build(const char *compiler, const char *cpu_flags, const tb_model *m,
                          const char *dir, tb_program_build *out, char *err, size_t err_len)
{
    char flags[256];
    snprintf(flags, sizeof flags,
             "-std=c11 -O2 -Wall -Wextra -static -ffunction-sections -fdata-sections "
             "-Wl,--gc-sections %s",
             cpu_flags ? cpu_flags : "");
    tb_program_spec spec = {
        .compiler = compiler,
        .flags = flags,
        .sources = cell_sources,
        .kernels = &tb_cell_kernels,
        .output = "cell",
    };
    return tb_program_compile(&spec, m, dir, out, err, err_len);
}
