@ Known-count sequences for Cortex-M55 (ARMv8.1-M, MVE, low-overhead loops)
@ on mps3-an547. Conventions as in seq_v7em.s.
        .syntax unified
        .thumb

        .bss
        .balign 16
data:   .space  64

        .text
        .thumb_func
        .global run_sequences
run_sequences:
        push    {r4-r7, lr}
        ldr     r0, =0xE000ED88         @ CPACR: full access to CP10/CP11 (FPU and MVE)
        ldr     r1, [r0]
        orr     r1, r1, #0x00F00000
        str     r1, [r0]
        dsb
        isb
        ldr     r2, =data
        bl      tb_region_begin         @ outer region: seq 2, depth 1

@ seq 0: a DLS/LE loop of 4 iterations over 5 MVE instructions, then VCTP,
@ CSEL and an MVE scalar shift.
@ mve 22, loop 5 (DLS + 4 LE), alu 1 (+ marker)
        movs    r0, #4                  @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
        dls     lr, r0                  @ loop
1:      vldrw.u32 q0, [r2]              @ mve
        vadd.i32 q1, q0, q0             @ mve
        vstrw.32 q1, [r2, #16]          @ mve
        vaddv.u32 r4, q1                @ mve
        vdup.32 q2, r4                  @ mve
        le      lr, 1b                  @ loop
        vctp.32 r0                      @ mve
        csel    r3, r0, r1, eq          @ alu
        lsll    r0, r1, #3              @ mve
        bl      tb_region_end

@ seq 1: a BNE loop of 10 iterations with an FP move.
@ alu 10, fp 10, branch_taken 9, branch_not_taken 1 (+ marker)
        movs    r0, #10                 @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
1:      subs    r0, #1                  @ alu
        vmov    s0, r0                  @ fp
        bne     1b
        bl      tb_region_end

        bl      tb_region_end           @ closes the outer region
        pop     {r4-r7, pc}

        .ltorg
