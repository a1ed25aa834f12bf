/* Building a model's firmware: emit the model as C into the cell's folder
 * and compile it, with the very kernel and runtime sources the host
 * compiles, for one core. */
#include "firmware_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"
#include "proc.h"
#include "store.h"

/* Sources every firmware image is built from, relative to the checkout. */
static const char *const common_sources[] = {
    "harness/graph/graph.c",
    "harness/runtime/exec_s8.c",
    "kernels/ref/tb_conv_s8.c",
    "kernels/ref/tb_dwconv_s8.c",
    "kernels/ref/tb_fc_s8.c",
    "kernels/ref/tb_pool_s8.c",
    "kernels/ref/tb_add_s8.c",
    "kernels/ref/tb_softmax_s8.c",
    "kernels/ref/tb_kernel_set_ref.c",
    "targets/mcu/firmware/startup.c",
    "targets/mcu/firmware/semihost.c",
    "targets/mcu/firmware/markers.c",
    "targets/mcu/firmware/fw_main.c",
};

static const char *const include_dirs[] = {
    "kernels", "kernels/arm_dsp", "harness/graph", "harness/runtime", "targets/mcu/firmware",
};

/* A growable argv. */
typedef struct {
    char *v[64];
    char store[64][TB_PATH_MAX + 16];
    int n;
} argv_buf;

static void arg(argv_buf *a, const char *fmt, const char *s)
{
    if (a->n >= 63)
        return;
    snprintf(a->store[a->n], sizeof a->store[0], fmt, s);
    a->v[a->n] = a->store[a->n];
    a->v[++a->n] = NULL;
}

static void split_args(argv_buf *a, const char *flags)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", flags);
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save))
        arg(a, "%s", t);
}

/* The largest conv scratch this model asks of the core's kernel set; at
 * least 8 so the firmware's buffer is never a zero-length array. */
static size_t scratch_bytes(const tb_mcu_core *core, const tb_model *m)
{
    size_t most = 8;
    for (int32_t i = 0; i < m->graph.n_ops; i++) {
        if (m->graph.ops[i].type != TB_OP_CONV_2D)
            continue;
        tb_window w;
        tb_op_window(&m->graph, &m->graph.ops[i], &w);
        size_t n = core->conv_scratch_bytes(&w);
        most = n > most ? n : most;
    }
    return most;
}

int tb_firmware_build(const tb_mcu_core *core, const tb_model *m, const char *dir,
                      tb_fw_build *out, char *err, size_t err_len)
{
    const char *src = tb_source_dir();
    char path[TB_PATH_MAX], scratch_def[64];
    if (tb_mkdir_p(dir) != 0) {
        snprintf(err, err_len, "cannot create %s: %s", dir, strerror(errno));
        return TB_FW_ERROR;
    }
    snprintf(path, sizeof path, "%s/model.c", dir);
    FILE *f = fopen(path, "w");
    if (!f || tb_emit_model_c(f, m) != 0) {
        snprintf(err, err_len, "cannot write %s", path);
        if (f)
            fclose(f);
        return TB_FW_ERROR;
    }
    fclose(f);

    snprintf(out->elf, sizeof out->elf, "%s/firmware.elf", dir);
    snprintf(out->log, sizeof out->log, "%s/build.log", dir);
    remove(out->log);
    argv_buf a = {.n = 0};
    arg(&a, "%s", "arm-none-eabi-gcc");
    split_args(&a, "-std=c11 -O2 -mthumb -ffunction-sections -fdata-sections -Wall -Wextra "
                   "-nostartfiles -nostdlib -Wl,--gc-sections");
    arg(&a, "-mcpu=%s", core->mcpu);
    split_args(&a, core->extra_flags);
    arg(&a, "-DTB_FW_KERNELS=%s", core->kernels);
    snprintf(scratch_def, sizeof scratch_def, "-DTB_FW_SCRATCH_BYTES=%zu", scratch_bytes(core, m));
    arg(&a, "%s", scratch_def);
    for (size_t i = 0; i < sizeof include_dirs / sizeof include_dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", src, include_dirs[i]);
        arg(&a, "-I%s", path);
    }
    snprintf(path, sizeof path, "%s/targets/mcu/firmware/link", src);
    arg(&a, "-L%s", path);
    arg(&a, "-T%s.ld", core->ldscript);
    for (size_t i = 0; i < sizeof common_sources / sizeof common_sources[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", src, common_sources[i]);
        arg(&a, "%s", path);
    }
    for (int i = 0; core->sources[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", src, core->sources[i]);
        arg(&a, "%s", path);
    }
    snprintf(path, sizeof path, "%s/model.c", dir);
    arg(&a, "%s", path);
    split_args(&a, "-lc -lgcc -o");
    arg(&a, "%s", out->elf);

    tb_proc_result r;
    if (tb_proc_run(a.v, out->log, 300, &r, err, err_len) != 0)
        return TB_FW_ERROR;
    if (r.timed_out || r.exit_code != 0) {
        char last[300];
        tb_last_line(out->log, last, sizeof last);
        /* The linker's region check is how an image too large for the
         * emulated machine shows itself. */
        int overflow = strstr(last, "overflowed") || strstr(last, "will not fit");
        snprintf(err, err_len, "%s: %s (see %s)",
                 overflow ? "image does not fit the emulated machine's memory"
                          : "firmware build failed",
                 last, out->log);
        return overflow ? TB_FW_TOO_BIG : TB_FW_ERROR;
    }
    return TB_FW_OK;
}
