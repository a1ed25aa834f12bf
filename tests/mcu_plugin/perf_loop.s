@ Timing fixture for the plugin's overhead (not run by CTest; see
@ targets/mcu/plugin/README.md): 3.54e9 instructions, mostly a 6-instruction
@ loop that is one TB per iteration, the worst case for per-TB work.
        .syntax unified
        .thumb

        .bss
data:   .space  64

        .text
        .thumb_func
        .global run_sequences
run_sequences:
        push    {r4-r7, lr}
        ldr     r2, =data
        ldr     r0, =500000000
1:      adds    r1, r1, #1
        eors    r3, r3, r1
        smlad   r5, r1, r3, r5
        ldr     r6, [r2]
        subs    r0, r0, #1
        bne     1b
        ldr     r0, =20000000           @ then 27 instructions per TB
2:      .rept   5
        adds    r1, r1, #1
        eors    r3, r3, r1
        smlad   r5, r1, r3, r5
        ldr     r6, [r2]
        str     r6, [r2, #4]
        .endr
        subs    r0, r0, #1
        bne     2b
        pop     {r4-r7, pc}

        .ltorg
