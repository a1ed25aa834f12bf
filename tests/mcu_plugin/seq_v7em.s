@ Known-count sequences for Cortex-M4 (ARMv7E-M, DSP, FPv4-SP) on mps2-an386; the
@ same code also runs on mps2-an500 (M7) and, relinked, mps2-an505 (M33).
@ Each region's expected counts are in the comment above it and in
@ test_plugin_counts.sh; every region also holds its closing marker call
@ (BL tb_region_end + BX LR: branch 2, insns 2). Lines marked "glue" run
@ inside the outer region only.
        .syntax unified
        .thumb

        .bss
        .balign 8
data:   .space  64

        .text
        .thumb_func
        .global run_sequences
run_sequences:
        push    {r4-r11, lr}
        ldr     r0, =0xE000ED88         @ CPACR: full access to CP10/CP11 (FPU)
        ldr     r1, [r0]
        orr     r1, r1, #0x00F00000
        str     r1, [r0]
        dsb
        isb
        ldr     r2, =data
        bl      tb_region_begin         @ outer region: seq 4, depth 1

@ seq 0: 100 iterations of 3 ALU + SMLAD + LDR + BNE (taken 99 times).
@ alu 300, dsp 100, load 100, branch_taken 99, branch_not_taken 1 (+ marker)
        movs    r0, #100                @ glue: alu
        movs    r1, #0                  @ glue: alu
        movs    r3, #0                  @ glue: alu
        bl      tb_region_begin         @ glue: branch (and its bx lr)
1:      adds    r1, r1, #1
        eors    r3, r3, r1
        subs    r0, r0, #1
        smlad   r5, r1, r3, r5
        ldr     r6, [r2]
        bne     1b
        bl      tb_region_end

@ seq 1: multiple transfers, 16- and 32-bit, and a call.
@ stm 6 (regs 5+4+8+2+2+2 = 23), ldm 4 (regs 4+4+8+2 = 18), alu 3, branch 2 (+ marker)
        bl      tb_region_begin         @ glue: branch x2
        push    {r4-r7, lr}             @ stm 5 (16-bit)
        pop     {r4-r7}                 @ ldm 4 (16-bit)
        add     sp, #4                  @ alu: drop the pushed lr
        stm     r2, {r3-r5, r8}         @ stm 4 (STM.W)
        ldm     r2, {r3-r5, r8}         @ ldm 4 (LDM.W)
        push    {r4-r11}                @ stm 8 (STMDB.W sp!)
        pop     {r4-r11}                @ ldm 8 (LDMIA.W sp!)
        add     r7, r2, #16             @ alu
        stmdb   r7, {r0, r1}            @ stm 2
        ldmdb   r7, {r0, r1}            @ ldm 2
        stmia   r7!, {r0, r1}           @ stm 2 (16-bit)
        bl      leaf                    @ branch; leaf: stm 2, alu 1, branch 1
        bl      tb_region_end

@ seq 2: one or more of each arithmetic, memory, FP and other class.
@ div 2, mul 3, mul_long 2, dsp 4, alu 6, other 3, fp 5, load 3, store 3 (+ marker)
        movs    r0, #100                @ glue: alu
        movs    r1, #7                  @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
        sdiv    r3, r0, r1              @ div
        udiv    r3, r0, r1              @ div
        muls    r3, r1, r3              @ mul (16-bit)
        mla     r3, r0, r1, r3          @ mul
        mls     r3, r0, r1, r3          @ mul
        umull   r4, r5, r0, r1          @ mul_long
        smlal   r4, r5, r0, r1          @ mul_long
        qadd8   r3, r0, r1              @ dsp
        pkhbt   r3, r0, r1, lsl #16     @ dsp
        sxtb16  r3, r0                  @ dsp
        smulbb  r3, r0, r1              @ dsp
        ssat    r3, #8, r0              @ alu
        ubfx    r3, r0, #2, #3          @ alu
        clz     r3, r0                  @ alu
        rev     r3, r0                  @ alu
        cmp     r0, r1                  @ alu
        it      gt                      @ other
        movgt   r3, r0                  @ alu
        vmov    s0, r0                  @ fp
        vcvt.f32.s32 s0, s0             @ fp
        vadd.f32 s1, s0, s0             @ fp
        vstr    s1, [r2, #8]            @ fp
        vldr    s2, [r2, #8]            @ fp
        ldrd    r4, r5, [r2]            @ load
        strd    r4, r5, [r2, #8]        @ store
        strb    r0, [r2, #1]            @ store
        ldrsh   r3, [r2, #2]            @ load
        ldr     r3, =0x12345678         @ load (literal)
        str     r3, [r2, #4]            @ store
        nop                             @ other
        dmb                             @ other
        bl      tb_region_end

@ seq 3: conditional branches both ways, 16- and 32-bit, TBB, BX, B.
@ branch_taken 2, branch_not_taken 2, alu 4, branch 3 (+ marker)
        movs    r0, #0                  @ glue: alu
        movs    r1, #1                  @ glue: alu
        bl      tb_region_begin         @ glue: branch x2
        cbz     r0, 1f                  @ taken
        nop                             @ skipped
1:      cbnz    r0, 2f                  @ not taken
        movs    r3, #1                  @ alu
2:      cmp     r1, #1                  @ alu
        beq.w   3f                      @ taken
        nop                             @ skipped
3:      bne.w   4f                      @ not taken
        tbb     [pc, r0]                @ branch, via entry 0
5:      .byte   (6f - 5b) / 2
        .byte   0
6:      adr     r3, 7f                  @ alu
        adds    r3, #1                  @ alu: Thumb bit for BX
        bx      r3                      @ branch
        .balign 4
7:      b       4f                      @ branch
        nop                             @ skipped
4:      bl      tb_region_end

        bl      tb_region_end           @ closes the outer region
        pop     {r4-r11, pc}

        .thumb_func
leaf:
        push    {r4, lr}                @ stm 2
        adds    r4, #1                  @ alu
        pop     {r4, pc}                @ branch (POP with PC)

        .ltorg
