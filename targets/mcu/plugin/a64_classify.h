/* A64 instruction classifier for Cortex-A cores (ARMv8.0-A to ARMv8.2-A):
 * maps one instruction's bytes to the cost class the edge cycle model uses.
 * Pure and QEMU-free, so it is unit-tested on the host. */
#ifndef TB_A64_CLASSIFY_H
#define TB_A64_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The order is the plugin's output order; names are in tb_a64_class_names. */
typedef enum {
    TB_A64_ALU,              /* integer data processing: immediate, shifted/extended
                              * register, conditional select/compare, bitfield, CLZ, REV */
    TB_A64_MUL,              /* MADD, MSUB, SMADDL, UMADDL, SMULH, UMULH (and MUL aliases) */
    TB_A64_DIV,              /* SDIV, UDIV */
    TB_A64_LOAD,             /* single general-register loads: LDR*, LDUR*, LDAR, LDXR,
                              * literal loads, LSE atomics and CAS */
    TB_A64_STORE,            /* single general-register stores: STR*, STUR*, STLR, STXR */
    TB_A64_LOAD_PAIR,        /* LDP, LDPSW, LDNP, LDXP/LDAXP of general registers */
    TB_A64_STORE_PAIR,       /* STP, STNP, STXP/STLXP of general registers */
    TB_A64_BRANCH,           /* B, BL, BR, BLR, RET (and the pointer-authenticated forms) */
    TB_A64_BRANCH_TAKEN,     /* B.cond, CBZ, CBNZ, TBZ, TBNZ that branched */
    TB_A64_BRANCH_NOT_TAKEN, /* the same, fell through */
    TB_A64_FP,               /* scalar floating point: arithmetic, FMADD, FCMP, FCSEL,
                              * FMOV, conversions to and from integers */
    TB_A64_SIMD_ALU,         /* Advanced SIMD (vector and scalar) that is not a multiply:
                              * add, logic, shifts, compare, min/max, across-lanes, DUP,
                              * INS, UMOV, MOVI, TBL, ZIP, EXT, narrow/widen, crypto */
    TB_A64_SIMD_MUL,         /* Advanced SIMD multiplies: MUL, MLA, MLS, SMULL, UMLAL,
                              * SQDMULH, SQRDMULH, PMULL, FMUL, FMLA, SDOT, UDOT (vector,
                              * scalar and by element) */
    TB_A64_SIMD_LOAD,        /* loads into SIMD&FP registers: LDR/LDUR/LDP of B/H/S/D/Q,
                              * LD1-LD4 (multiple and single structures), LD1R */
    TB_A64_SIMD_STORE,       /* stores from SIMD&FP registers: STR/STP of B-Q, ST1-ST4 */
    TB_A64_OTHER,            /* system (hints, barriers, MRS/MSR, SYS), exception
                              * generation (SVC, BRK), PRFM, SVE, memory tagging,
                              * unallocated */
    TB_A64_CLASS_COUNT
} tb_a64_class;

extern const char *const tb_a64_class_names[TB_A64_CLASS_COUNT];

typedef struct {
    tb_a64_class cls;     /* a conditional branch reports TB_A64_BRANCH_TAKEN: whoever
                           * sees it fall through counts it TB_A64_BRANCH_NOT_TAKEN */
    bool cond_branch;     /* B.cond, BC.cond, CBZ, CBNZ, TBZ, TBNZ */
    uint64_t fallthrough; /* addr + 4: the not-taken successor */
} tb_a64_insn;

/* Classifies the little-endian instruction word at guest address addr.
 * Returns 0, or -1 when len < 4. Every bit pattern gets a class; variants
 * with wrong should-be bits, which assemblers never emit, may get their
 * neighbour's class. out is written only on success. */
int tb_a64_classify(const uint8_t *bytes, size_t len, uint64_t addr, tb_a64_insn *out);

#endif
