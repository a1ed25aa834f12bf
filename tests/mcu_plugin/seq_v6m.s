@ Known-count sequences for Cortex-M0 (ARMv6-M) on microbit; the same image
@ also runs on the v7-M boards. Conventions as in seq_v7em.s.
        .syntax unified
        .thumb

        .bss
        .balign 8
data:   .space  64

        .text
        .thumb_func
        .global run_sequences
run_sequences:
        push    {r4-r7, lr}
        ldr     r2, =data
        bl      tb_region_begin         @ outer region: seq 3, depth 1

@ seq 0: 100 iterations of 4 ALU + LDR + BNE (taken 99 times).
@ alu 400, load 100, branch_taken 99, branch_not_taken 1 (+ marker)
        movs    r0, #100                @ glue: alu
        movs    r1, #0                  @ glue: alu
        movs    r3, #0                  @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
1:      adds    r1, r1, #1
        eors    r3, r3, r1
        lsls    r4, r1, #2
        ldr     r6, [r2]
        subs    r0, r0, #1
        bne     1b
        bl      tb_region_end

@ seq 1: PUSH/POP, LDM/STM, MULS and a call.
@ stm 3 (regs 5+3+2 = 10), ldm 2 (regs 4+3 = 7), alu 4, mul 1, branch 2 (+ marker)
        bl      tb_region_begin         @ glue: branch x2
        push    {r4-r7, lr}             @ stm 5
        pop     {r4-r7}                 @ ldm 4
        add     sp, #4                  @ alu: drop the pushed lr
        movs    r7, r2                  @ alu
        stmia   r7!, {r0, r1, r3}       @ stm 3
        subs    r7, #12                 @ alu
        ldmia   r7!, {r0, r1, r3}       @ ldm 3
        muls    r3, r1, r3              @ mul
        bl      leaf                    @ branch; leaf: stm 2, alu 1, branch 1
        bl      tb_region_end

@ seq 2: 16-bit B<c> both ways, BX, B.
@ alu 3, branch_taken 1, branch_not_taken 1, branch 2 (+ marker)
        movs    r0, #0                  @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
        cmp     r0, #0                  @ alu
        beq     1f                      @ taken
        nop                             @ skipped
1:      bgt     2f                      @ not taken
        adr     r3, 3f                  @ alu
        adds    r3, #1                  @ alu: Thumb bit for BX
        bx      r3                      @ branch
        .balign 4
3:      b       2f                      @ branch
        nop                             @ skipped
2:      bl      tb_region_end

        bl      tb_region_end           @ closes the outer region
        pop     {r4-r7, pc}

        .thumb_func
leaf:
        push    {r4, lr}                @ stm 2
        adds    r4, #1                  @ alu
        pop     {r4, pc}                @ branch (POP with PC)

        .ltorg
