/* Reset and fault handling for every Cortex-M core: copy .data from flash,
 * zero .bss, paint the stack so its high-water mark can be measured, run
 * main, and leave through semihosting. A fault exits with a distinct status
 * and the fault registers printed. */
#include <stdint.h>

#include "semihost.h"

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end;
extern uint32_t __stack_bottom, __stack_top;

int main(void);

enum { STACK_PAINT = 0x5AFEC0DE };

/* Free of the stack it paints: runs before any C frame that could be
 * overwritten, and only touches memory below its own frame. */
__attribute__((noreturn)) void tb_reset_handler(void)
{
    uint32_t *src = &__data_load;
    for (uint32_t *dst = &__data_start; dst < &__data_end;)
        *dst++ = *src++;
    for (uint32_t *dst = &__bss_start; dst < &__bss_end;)
        *dst++ = 0;
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = &__stack_bottom; p < sp - 16;)
        *p++ = STACK_PAINT;
    tb_sh_exit(main());
}

uint32_t tb_stack_high_water_bytes(void)
{
    const uint32_t *p = &__stack_bottom;
    while (p < &__stack_top && *p == STACK_PAINT)
        p++;
    return (uint32_t)((const char *)&__stack_top - (const char *)p);
}

static void hex32(char *out, uint32_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 4)
        out[i] = "0123456789abcdef"[v & 15];
}

/* Any fault: report the configurable fault status and the faulting PC. */
__attribute__((noreturn)) void tb_fault_handler(void)
{
    static char msg[] = "tierbench: fault CFSR=00000000 HFSR=00000000 PC=00000000\n";
    uint32_t *frame;
    __asm__ volatile("mrs %0, msp" : "=r"(frame));
#if !defined(__ARM_ARCH_6M__) /* ARMv6-M has no configurable fault status */
    hex32(msg + 23, *(volatile uint32_t *)0xE000ED28);
    hex32(msg + 37, *(volatile uint32_t *)0xE000ED2C);
#endif
    hex32(msg + 49, frame[6]);
    tb_sh_write0(msg);
    tb_sh_exit(3);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)&__stack_top,
    tb_reset_handler,
    tb_fault_handler, /* NMI */
    tb_fault_handler, /* HardFault */
    tb_fault_handler, /* MemManage */
    tb_fault_handler, /* BusFault */
    tb_fault_handler, /* UsageFault */
    tb_fault_handler, /* SecureFault (v8-M) */
};
