/* Firmware main: one inference of the linked-in model between region
 * markers (each layer marked too), then the output bytes, the stack
 * high-water mark and the kernel status printed over semihosting for the
 * host to parse. Input loading happens inside tb_exec_s8, as on the host. */
#include <stdint.h>

#include "exec.h"
#include "markers.h"
#include "semihost.h"

extern const tb_model tb_fw_model;
extern unsigned char tb_fw_arena[];
extern const tb_kernels_s8 TB_FW_KERNELS;
uint32_t tb_stack_high_water_bytes(void);

static void layer_mark(void *user, int32_t op_index, int begin)
{
    (void)user;
    (void)op_index;
    if (begin)
        tb_region_begin();
    else
        tb_region_end();
}

static void put_hex(char *out, uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--, v >>= 4)
        out[i] = "0123456789abcdef"[v & 15];
}

static void print_u32(const char *label, uint32_t v)
{
    char line[40] = "tierbench: ";
    int n = 11;
    while (*label)
        line[n++] = *label++;
    line[n++] = ' ';
    put_hex(line + n, v, 8);
    line[n + 8] = '\n';
    line[n + 9] = 0;
    tb_sh_write0(line);
}

static void print_output(const int8_t *out, int32_t n)
{
    char line[80];
    tb_sh_write0("tierbench: output ");
    for (int32_t i = 0; i < n;) {
        int k = 0;
        for (; k < 32 && i < n; k++, i++)
            put_hex(line + 2 * k, (uint8_t)out[i], 2);
        line[2 * k] = 0;
        tb_sh_write0(line);
    }
    tb_sh_write0("\n");
}

/* No scratch is needed by the reference kernels; optimised ones ask for at
 * most this much, checked against tb_exec_s8_scratch_bytes() below. */
static unsigned char scratch_buf[TB_FW_SCRATCH_BYTES] __attribute__((aligned(8)));

int main(void)
{
    const tb_model *m = &tb_fw_model;
    tb_ctx scratch = {scratch_buf, sizeof scratch_buf};
    if (tb_exec_s8_scratch_bytes(m, &TB_FW_KERNELS) > sizeof scratch_buf) {
        print_u32("scratch-too-small", (uint32_t)tb_exec_s8_scratch_bytes(m, &TB_FW_KERNELS));
        return 4;
    }
    tb_exec_hooks hooks = {layer_mark, 0};
    tb_region_begin();
    tb_status s = tb_exec_s8(m, &TB_FW_KERNELS, tb_fw_arena, &scratch, &hooks);
    tb_region_end();
    const tb_graph *g = &m->graph;
    print_output(tb_exec_s8_tensor(m, tb_fw_arena, g->output),
                 (int32_t)tb_dims_count(&g->tensors[g->output].shape));
    print_u32("stack", tb_stack_high_water_bytes());
    print_u32("status", (uint32_t)s);
    return s == TB_OK ? 0 : 5;
}
