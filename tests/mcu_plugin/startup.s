@ Minimal bare-metal startup for the plugin-count test firmware (test fixture):
@ vector table, reset handler that runs the sequences in run_sequences, and
@ semihosting exit. ARMv6-M instructions only, so one file serves every core.
        .syntax unified
        .thumb

        .section .vectors, "a"
        .word   __stack_top
        .word   reset_handler
        .rept   14                      @ NMI .. SysTick: any exception is a failure
        .word   fault_handler
        .endr

        .text
        .thumb_func
        .global reset_handler
reset_handler:
        bl      run_sequences
        ldr     r1, =0x20026            @ ADP_Stopped_ApplicationExit: QEMU exits 0
        b       semihost_exit

        .thumb_func
fault_handler:
        ldr     r1, =0x20023            @ ADP_Stopped_RunTimeErrorUnknown: QEMU exits 1
semihost_exit:
        movs    r0, #0x18               @ SYS_EXIT; on 32-bit targets r1 is the reason itself
        bkpt    0xab
        b       .

@ The region markers the plugin is told about: each is a bare return, so a
@ marker call costs exactly one BL and one BX LR (both class branch).
        .thumb_func
        .global tb_region_begin
tb_region_begin:
        bx      lr

        .thumb_func
        .global tb_region_end
tb_region_end:
        bx      lr

        .ltorg
