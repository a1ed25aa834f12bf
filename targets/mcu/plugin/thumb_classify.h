/* Thumb/Thumb-2 instruction classifier for Cortex-M (ARMv6-M to ARMv8.1-M):
 * maps one instruction's bytes to the cost class the MCU cycle model uses.
 * Pure and QEMU-free, so it is unit-tested on the host. */
#ifndef TB_THUMB_CLASSIFY_H
#define TB_THUMB_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The order is the plugin's output order; names are in tb_thumb_class_names. */
typedef enum {
    TB_THUMB_ALU,
    TB_THUMB_MUL,              /* MUL, MLA, MLS (32x32->32) */
    TB_THUMB_MUL_LONG,         /* UMULL, SMULL, UMLAL, SMLAL, UMAAL */
    TB_THUMB_DSP,              /* DSP extension: SMLAD, QADD, SXTB16, PKHBT, SEL, ... */
    TB_THUMB_LOAD,             /* single LDR* (incl. literal), LDRD, LDREX, LDA */
    TB_THUMB_STORE,            /* STR*, STRD, STREX, STL */
    TB_THUMB_LDM,              /* LDM, LDMDB, POP without PC */
    TB_THUMB_STM,              /* STM, STMDB, PUSH */
    TB_THUMB_BRANCH,           /* B, BL, BX, BLX, POP/LDM with PC, TBB, TBH, MOV/ADD/LDR
                                * to PC */
    TB_THUMB_BRANCH_TAKEN,     /* Bcc, CBZ, CBNZ that branched */
    TB_THUMB_BRANCH_NOT_TAKEN, /* Bcc, CBZ, CBNZ that fell through */
    TB_THUMB_DIV,              /* SDIV, UDIV */
    TB_THUMB_FP,               /* FPv4/FPv5/FP16: VLDR/VSTR/VMOV/VPUSH/VPOP, arithmetic */
    TB_THUMB_MVE,              /* M-profile vector extension (Helium), incl. VCTP */
    TB_THUMB_OTHER,            /* NOP, IT, hints, MRS/MSR, CPS, BKPT, SVC, barriers, UDF */
    TB_THUMB_LOOP,             /* v8.1-M low-overhead loops: DLS, WLS, LE, DLSTP, WLSTP,
                                * LETP, LCTP. Their own class: a core with a loop cache
                                * runs LE without the refill a taken branch costs */
    TB_THUMB_CLASS_COUNT
} tb_thumb_class;

extern const char *const tb_thumb_class_names[TB_THUMB_CLASS_COUNT];

typedef struct {
    tb_thumb_class cls; /* a conditional branch reports TB_THUMB_BRANCH_TAKEN: its
                         * direction is only known at run time, and whoever sees it
                         * fall through counts it as TB_THUMB_BRANCH_NOT_TAKEN */
    uint8_t size;       /* 2 or 4 bytes */
    uint8_t regs;       /* registers listed by LDM/STM/PUSH/POP (PC and LR
                         * included), 0 for every other instruction */
    bool cond_branch;   /* Bcc (T1/T3), CBZ, CBNZ */
    uint32_t fallthrough; /* address of the next instruction in memory: the
                           * not-taken successor of a conditional branch */
} tb_thumb_insn;

/* Classifies the instruction at guest address addr whose first len bytes are
 * bytes (halfwords little-endian, as in memory). Returns 0, or -1 when len is
 * too short for the encoding (len < 2, or a 32-bit encoding with len < 4).
 * Every bit pattern gets a class. Unallocated encodings are TB_THUMB_OTHER
 * (executing one raises UsageFault, like UDF); variants of an instruction with
 * wrong should-be bits, which assemblers never emit, may get that
 * instruction's class. out is written only on success. */
int tb_thumb_classify(const uint8_t *bytes, size_t len, uint32_t addr, tb_thumb_insn *out);

#endif
