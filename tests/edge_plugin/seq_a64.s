// Known-count A64 sequences for the counting plugin under qemu-aarch64 (a
// static Linux program without libc). Each region's expected counts are in
// the comment above it and in test_plugin_counts_a64.sh; every region also
// holds its closing marker call (BL tb_region_end + RET: branch 2, insns 2).
// Lines marked "glue" run inside the outer region only. Needs dotprod
// (-cpu cortex-a76 or max).
        .arch   armv8.2-a+dotprod

        .bss
        .balign 16
data:   .space  64

        .text
        .global _start
_start:
        adr     x9, data                // alu (total only)
        mov     x7, #3                  // alu (total only)
        bl      tb_region_begin         // outer region: seq 2, depth 1

// seq 0: 100 iterations of 3 ALU + MUL + LDR + B.NE (taken 99 times).
// alu 300, mul 100, load 100, branch_taken 99, branch_not_taken 1 (+ marker)
        mov     x0, #100                // glue: alu
        mov     x1, #0                  // glue: alu
        mov     x3, #0                  // glue: alu
        bl      tb_region_begin         // glue: branch (and its ret)
1:      add     x1, x1, #1
        eor     x3, x3, x1
        subs    x0, x0, #1
        mul     x5, x1, x3
        ldr     x6, [x9]
        b.ne    1b
        bl      tb_region_end

// seq 1: one or more of every other class.
// div 2, mul 1, load_pair 1, store_pair 1, load 1, store 2, simd_load 2,
// simd_store 2, fp 3, simd_alu 3, simd_mul 3, other 3, branch_taken 2,
// branch_not_taken 1, branch 1 (+ marker)
        bl      tb_region_begin         // glue: branch x2
        sdiv    x0, x1, x7
        udiv    w0, w1, w7
        umulh   x0, x1, x7
        ldp     x3, x4, [x9]
        stp     x3, x4, [x9, #16]
        ldrb    w3, [x9, #1]
        strh    w3, [x9, #2]
        str     x3, [x9, #8]
        ldr     q0, [x9]
        ld1     {v1.16b, v2.16b}, [x9]
        str     q0, [x9, #32]
        st1     {v1.4s}, [x9]
        fmov    s3, #1.0
        fadd    s4, s3, s3
        fcvtzs  w5, s4
        add     v3.16b, v1.16b, v2.16b
        movi    v4.2d, #0
        addv    s5, v3.4s
        mul     v5.4s, v1.4s, v2.4s
        sdot    v4.4s, v1.16b, v2.16b
        smull   v6.8h, v1.8b, v2.8b
        nop
        dmb     ish
        prfm    pldl1keep, [x9]
        cbz     xzr, 2f                 // taken
        nop                             // skipped
2:      tbnz    xzr, #0, 3f             // not taken
        cbnz    x9, 3f                  // taken
        nop                             // skipped
3:      b       4f
        nop                             // skipped
4:      bl      tb_region_end

        bl      tb_region_end           // closes the outer region
        mov     x0, #0                  // alu (total only)
        mov     x8, #93                 // alu (total only): exit
        svc     #0                      // other (total only)

        .global tb_region_begin
tb_region_begin:
        ret
        .global tb_region_end
tb_region_end:
        ret
