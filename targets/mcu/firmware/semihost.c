/* Semihosting calls: BKPT 0xAB with the operation in r0 and its argument
 * block in r1 (Arm "Semihosting for AArch32 and AArch64", v2). */
#include "semihost.h"

enum { SYS_WRITE0 = 0x04, SYS_EXIT_EXTENDED = 0x20, ADP_STOPPED_APPLICATION_EXIT = 0x20026 };

static int call(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void tb_sh_write0(const char *s)
{
    call(SYS_WRITE0, s);
}

void tb_sh_exit(int status)
{
    /* On AArch32 only SYS_EXIT_EXTENDED carries a status code (plain
     * SYS_EXIT takes just the reason); QEMU exits with that code. */
    static int block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = status;
    call(SYS_EXIT_EXTENDED, block);
    for (;;)
        ;
}
