/* Thumb/Thumb-2 classifier: walks the encoding tables of the Armv7-M ARM
 * (DDI 0403E, chapter A5) and the Armv8-M ARM (DDI 0553, v8.1-M additions:
 * LOB, MVE, CSEL, CLRM) with mask/value tests, one function per table.
 * hw1 is the first halfword in memory, hw2 the second; bit numbers below
 * are the manual's, hw1[15] being bit 31 of the 32-bit encoding. */
#include "thumb_classify.h"

const char *const tb_thumb_class_names[TB_THUMB_CLASS_COUNT] = {
    "alu",    "mul",          "mul_long",         "dsp", "load", "store", "ldm", "stm",
    "branch", "branch_taken", "branch_not_taken", "div", "fp",   "mve",   "other", "loop",
};

static uint8_t popcount16(uint16_t v)
{
    uint8_t n = 0;
    for (; v; v &= (uint16_t)(v - 1))
        n++;
    return n;
}

/* A5.2: 16-bit encodings. */
static tb_thumb_class classify16(uint16_t h, tb_thumb_insn *o)
{
    switch (h >> 12) {
    case 0x0: case 0x1: case 0x2: case 0x3: /* shift, add, sub, move, compare */
        return TB_THUMB_ALU;
    case 0x4:
        if ((h >> 10) == 0x10) /* data processing: MUL is opcode 1101 */
            return ((h >> 6) & 0xF) == 0xD ? TB_THUMB_MUL : TB_THUMB_ALU;
        if ((h >> 10) == 0x11) { /* special data processing, BX, BLX (and BXNS, BLXNS) */
            unsigned op = (h >> 8) & 3, rd = ((h >> 4) & 8) | (h & 7);
            if (op == 3) /* hw1[1:0] must be 0; hw1[2] selects the NS form */
                return (h & 3) ? TB_THUMB_OTHER : TB_THUMB_BRANCH;
            /* ADD/MOV with Rd = PC write the PC: a branch; CMP (op 1) writes nothing */
            return op != 1 && rd == 15 ? TB_THUMB_BRANCH : TB_THUMB_ALU;
        }
        return TB_THUMB_LOAD; /* LDR (literal) */
    case 0x5: /* register offset: opB 000-010 store, 011-111 load */
        return ((h >> 9) & 7) >= 3 ? TB_THUMB_LOAD : TB_THUMB_STORE;
    case 0x6: case 0x7: case 0x8: case 0x9: /* immediate / SP-relative: bit 11 is L */
        return (h & 0x0800) ? TB_THUMB_LOAD : TB_THUMB_STORE;
    case 0xA: /* ADR, ADD Rd, SP, #imm */
        return TB_THUMB_ALU;
    case 0xB: /* A5.2.5 miscellaneous, keyed by hw1[11:8] */
        switch ((h >> 8) & 0xF) {
        case 0x0: case 0x2: /* ADD/SUB SP; SXTH, SXTB, UXTH, UXTB */
            return TB_THUMB_ALU;
        case 0x1: case 0x3: case 0x9: case 0xB: /* CBZ, CBNZ */
            o->cond_branch = true;
            return TB_THUMB_BRANCH_TAKEN;
        case 0x4: case 0x5: /* PUSH; bit 8 is LR */
            o->regs = (uint8_t)(popcount16(h & 0xFF) + ((h >> 8) & 1));
            return TB_THUMB_STM;
        case 0xA: /* REV, REV16, REVSH; op 10 is HLT, not in M-profile */
            return ((h >> 6) & 3) == 2 ? TB_THUMB_OTHER : TB_THUMB_ALU;
        case 0xC: case 0xD: /* POP; bit 8 is PC, which makes it a return */
            o->regs = (uint8_t)(popcount16(h & 0xFF) + ((h >> 8) & 1));
            return (h & 0x0100) ? TB_THUMB_BRANCH : TB_THUMB_LDM;
        default: /* CPS, BKPT, IT, hints, unallocated */
            return TB_THUMB_OTHER;
        }
    case 0xC: /* STM / LDM (16-bit forms cannot list PC) */
        o->regs = popcount16(h & 0xFF);
        return (h & 0x0800) ? TB_THUMB_LDM : TB_THUMB_STM;
    case 0xD: { /* B<c>, with cond 1110 = UDF and 1111 = SVC */
        unsigned cond = (h >> 8) & 0xF;
        if (cond >= 0xE)
            return TB_THUMB_OTHER;
        o->cond_branch = true;
        return TB_THUMB_BRANCH_TAKEN;
    }
    default: /* 0xE: 11100 is B (T2); 11101 is 32-bit and never gets here */
        return TB_THUMB_BRANCH;
    }
}

/* A5.3.5 load/store multiple: hw1 = 1110 100 op:2 0 W L Rn. */
static tb_thumb_class ldst_multiple(uint16_t hw1, uint16_t hw2, tb_thumb_insn *o)
{
    unsigned op = (hw1 >> 7) & 3, load = (hw1 >> 4) & 1;
    if (op == 0 || op == 3) /* SRS/RFE: A/R-profile only */
        return TB_THUMB_OTHER;
    if (hw1 == 0xE89F) /* v8.1-M CLRM (LDMIA PC without writeback) zeroes registers */
        return TB_THUMB_ALU;
    o->regs = popcount16(hw2);
    if (!load)
        return TB_THUMB_STM;
    return (hw2 & 0x8000) ? TB_THUMB_BRANCH : TB_THUMB_LDM;
}

/* A5.3.6 load/store dual or exclusive, table branch:
 * hw1 = 1110 100 P U 1 W L Rn; op3 = hw2[7:4]. */
static tb_thumb_class ldst_dual_excl(uint16_t hw1, uint16_t hw2)
{
    unsigned p = (hw1 >> 8) & 1, u = (hw1 >> 7) & 1, w = (hw1 >> 5) & 1, load = (hw1 >> 4) & 1;
    if (hw1 == 0xE97F && hw2 == 0xE97F) /* v8-M SG, inside the LDRD literal space */
        return TB_THUMB_OTHER;
    if (p || w) /* LDRD/STRD (immediate, literal) */
        return load ? TB_THUMB_LOAD : TB_THUMB_STORE;
    if (!u) {
        /* STREX with Rt = PC is UNPREDICTABLE; v8-M reuses it for TT/TTT/TTA/TTAT */
        if (!load && (hw2 & 0xF03F) == 0xF000)
            return TB_THUMB_OTHER;
        return load ? TB_THUMB_LOAD : TB_THUMB_STORE; /* LDREX, STREX */
    }
    if (load && (hw2 & 0x00E0) == 0) /* op3 000x: TBB, TBH */
        return TB_THUMB_BRANCH;
    /* LDREXB/H, STREXB/H and the v8-M LDA/STL acquire-release family */
    return load ? TB_THUMB_LOAD : TB_THUMB_STORE;
}

/* A5.3.11 data processing (shifted register): hw1 = 1110 101 op:4 S Rn. */
static tb_thumb_class dp_shifted(uint16_t hw1, uint16_t hw2)
{
    unsigned op = (hw1 >> 5) & 0xF, s = (hw1 >> 4) & 1, rn = hw1 & 0xF;
    if (op == 6) /* PKHBT, PKHTB */
        return TB_THUMB_DSP;
    /* v8.1-M puts the MVE scalar shifts in ORRS with Rm = PC (immediate
     * forms: UQSHL, LSLL, ASRL, SQSHLL, ...) or Rm = SP (register forms:
     * UQRSHL, LSLL, ASRL, SQRSHRL, ...), UNPREDICTABLE encodings before;
     * all have hw2[8] = 1. MOVS (Rn = PC) and CSEL/CSINC/CSINV/CSNEG stay ALU. */
    if (op == 2 && s && rn != 15 && (hw2 & 0x0100) &&
        ((hw2 & 0x800F) == 0x000F || ((hw2 & 0x000F) == 0x000D && (hw2 & 0x0050) == 0)))
        return TB_THUMB_MVE;
    return TB_THUMB_ALU;
}

/* A5.3.18 coprocessor space, hw1 = 111T 11xx: FP, MVE and generic
 * coprocessor (CDE) instructions, told apart by coproc = hw2[11:8]. */
static tb_thumb_class coprocessor(uint16_t hw1, uint16_t hw2)
{
    unsigned cp = (hw2 >> 8) & 0xF;
    /* 111T 1111 is Advanced SIMD data processing in A-profile, MVE in M-profile */
    if ((hw1 & 0x0300) == 0x0300)
        return TB_THUMB_MVE;
    /* v8.1-M VLDR/VSTR of FP system registers (FPSCR, VPR, P0, FPCXT):
     * hw1 = 1110 110P xxWx with P or W set, hw2[12:7] = 0 111 11 */
    if ((hw1 & 0xFE00) == 0xEC00 && (hw1 & 0x0120) && (hw2 & 0x1F80) == 0x0F80)
        return TB_THUMB_FP;
    if (cp == 9 || cp == 10 || cp == 11) { /* FP16, single, double precision */
        /* FP lives in 1110 11xx and, for the v8 VSEL/VMAXNM/VRINT/VCVTx/VINS
         * group, 1111 1110; 1111 110x with these coprocessors is unallocated */
        if ((hw1 & 0xFE00) == 0xFC00)
            return TB_THUMB_OTHER;
        if ((hw1 & 0xFF00) == 0xEE00 && (hw2 & 0x0F10) == 0x0A10) {
            /* VMRS/VMSR of VPR (reg 1100) or P0 (1101) exist only with MVE */
            unsigned reg = hw1 & 0xF;
            if ((hw1 & 0x00E0) == 0x00E0 && (reg == 0xC || reg == 0xD))
                return TB_THUMB_MVE;
        }
        if ((hw1 & 0xFF00) == 0xEE00 && (hw2 & 0x0F10) == 0x0B10) {
            /* core <-> vector lane transfers: VDUP (hw1[7] = 1, L = 0) and
             * 8/16-bit lane moves only exist with MVE; the 32-bit lane move
             * is also FPv5's VMOV Dd[x], Rt, so it stays fp */
            if ((hw1 & 0x0090) == 0x0080)
                return TB_THUMB_MVE;
            return ((hw1 & 0x00C0) == 0 && !(hw2 & 0x0020)) ? TB_THUMB_FP : TB_THUMB_MVE;
        }
        return TB_THUMB_FP;
    }
    if (cp >= 14) /* v8.1-M gives coprocessors 14 and 15 to MVE */
        return TB_THUMB_MVE;
    return TB_THUMB_OTHER; /* MCR/MRC/LDC/STC/CDP to cp 0-7 (CDE), reserved 8, 12, 13 */
}

/* A5.3.3 data processing (plain binary immediate): hw1 = 1111 0 i 1 op:5 Rn. */
static tb_thumb_class dp_plain_imm(uint16_t hw1, uint16_t hw2)
{
    unsigned op = (hw1 >> 4) & 0x1F;
    /* SSAT16/USAT16 are SSAT/USAT with shift imm3:imm2 == 0 */
    if ((op == 0x12 || op == 0x1A) && (hw2 & 0x70C0) == 0)
        return TB_THUMB_DSP;
    return TB_THUMB_ALU; /* ADDW, SUBW, ADR, MOVW, MOVT, SSAT, USAT, BFI, BFC, SBFX, UBFX */
}

/* A5.3.4 branches and miscellaneous control: hw1 = 1111 0 op:7 ..., hw2[15] = 1,
 * op1 = hw2[14:12]. */
static tb_thumb_class branch_misc(uint16_t hw1, uint16_t hw2, tb_thumb_insn *o)
{
    if (hw2 & 0x1000) /* op1 x x 1: B (T4) and BL */
        return TB_THUMB_BRANCH;
    if (hw2 & 0x4000) {
        /* op1 1x0 is BLX (immediate) in A-profile; v8.1-M puts the branch
         * future hints here (boff = hw1[10:7] != 0, which QEMU runs as NOPs)
         * and the low-overhead-loop group (boff == 0), all with hw2[0] = 1 */
        if (!(hw2 & 1))
            return TB_THUMB_OTHER;
        if ((hw1 >> 7) & 0xF) /* BF, BFX, BFL, BFLX, BFCSEL */
            return TB_THUMB_OTHER;
        if (hw2 == 0xE801) /* VCTP */
            return TB_THUMB_MVE;
        /* DLS, DLSTP, LCTP (hw2 = E001); WLS, WLSTP, LE, LETP (hw2 = 1100
         * imm 1); hw1[6:4] is 100 (DLS, WLS) or 0 size (the rest) */
        if ((hw1 & 0x0070) <= 0x0040 && (hw2 == 0xE001 || (hw2 & 0xF000) == 0xC000))
            return TB_THUMB_LOOP;
        return TB_THUMB_OTHER;
    }
    if (((hw1 >> 7) & 7) != 7) { /* B<c> (T3) unless cond[3:1] = 111 */
        o->cond_branch = true;
        return TB_THUMB_BRANCH_TAKEN;
    }
    return TB_THUMB_OTHER; /* MSR, MRS, hints, barriers, CLREX, UDF.W */
}

/* A5.3.7-A5.3.10 load/store single: hw1 = 1111 100 S U size:2 L Rn. */
static tb_thumb_class ldst_single(uint16_t hw1, uint16_t hw2)
{
    unsigned size = (hw1 >> 5) & 3;
    if (!(hw1 & 0x0010)) /* stores are op2 000xxx0; 001xxx0 is UNDEFINED */
        return (hw1 & 0x0100) ? TB_THUMB_OTHER : TB_THUMB_STORE;
    if (size == 3)
        return TB_THUMB_OTHER;
    if ((hw2 >> 12) == 0xF) /* Rt = PC: LDR PC is a jump; byte/half forms are PLD/PLI/hints */
        return size == 2 ? TB_THUMB_BRANCH : TB_THUMB_OTHER;
    return TB_THUMB_LOAD;
}

/* A5.3.12-A5.3.15 data processing (register), parallel add/sub, misc:
 * hw1 = 1111 1010 op1:4 Rn, op2 = hw2[7:4]. */
static tb_thumb_class dp_register(uint16_t hw1, uint16_t hw2)
{
    unsigned op1 = (hw1 >> 4) & 0xF, op2 = (hw2 >> 4) & 0xF;
    if (!(op1 & 8)) {
        if (op2 == 0) /* LSL, LSR, ASR, ROR (register) */
            return TB_THUMB_ALU;
        if (!(op2 & 8) || op1 >= 6)
            return TB_THUMB_OTHER;
        /* extends: SXTAB16/SXTB16 (0010), UXTAB16/UXTB16 (0011) are DSP */
        return (op1 == 2 || op1 == 3) ? TB_THUMB_DSP : TB_THUMB_ALU;
    }
    if (!(op2 & 8)) /* parallel add/subtract, signed and unsigned */
        return TB_THUMB_DSP;
    if ((op1 & 0xC) != 8 || (op2 & 0xC) != 8)
        return TB_THUMB_OTHER;
    switch (op1 & 3) { /* A5.3.15 miscellaneous operations */
    case 0: return TB_THUMB_DSP; /* QADD, QDADD, QSUB, QDSUB */
    case 1: return TB_THUMB_ALU; /* REV, REV16, RBIT, REVSH */
    case 2: return (op2 & 3) ? TB_THUMB_OTHER : TB_THUMB_DSP; /* SEL */
    default: return (op2 & 3) ? TB_THUMB_OTHER : TB_THUMB_ALU; /* CLZ */
    }
}

/* A5.3.16 multiply, multiply accumulate, absolute difference:
 * hw1 = 1111 1011 0 op1:3 Rn, op2 = hw2[5:4]. */
static tb_thumb_class multiply(uint16_t hw1, uint16_t hw2)
{
    unsigned op1 = (hw1 >> 4) & 7, op2 = (hw2 >> 4) & 3;
    if (hw2 & 0x00C0) /* hw2[7:6] is 00 throughout this table */
        return TB_THUMB_OTHER;
    if (op1 == 0) /* MUL, MLA, MLS */
        return op2 <= 1 ? TB_THUMB_MUL : TB_THUMB_OTHER;
    /* SMLA<x><y>, SMUL<x><y>, SMLAD, SMUAD, SMLAW, SMULW, SMLSD, SMUSD,
     * SMMLA, SMMUL, SMMLS, USAD8, USADA8 */
    return TB_THUMB_DSP;
}

/* A5.3.17 long multiply, long multiply accumulate, divide:
 * hw1 = 1111 1011 1 op1:3 Rn, op2 = hw2[7:4]. */
static tb_thumb_class long_multiply(uint16_t hw1, uint16_t hw2)
{
    unsigned op1 = (hw1 >> 4) & 7, op2 = (hw2 >> 4) & 0xF;
    if (op1 == 1 || op1 == 3) /* SDIV, UDIV */
        return op2 == 0xF ? TB_THUMB_DIV : TB_THUMB_OTHER;
    if (op2 == 0 && !(op1 & 1)) /* SMULL, UMULL, SMLAL, UMLAL */
        return TB_THUMB_MUL_LONG;
    if (op1 == 6 && op2 == 6) /* UMAAL */
        return TB_THUMB_MUL_LONG;
    if ((op1 == 4 && ((op2 & 0xC) == 8 || (op2 & 0xE) == 0xC)) || /* SMLAL<x><y>, SMLALD */
        (op1 == 5 && (op2 & 0xE) == 0xC))                          /* SMLSLD */
        return TB_THUMB_DSP;
    return TB_THUMB_OTHER;
}

/* A5.3: 32-bit encodings, op1 = hw1[12:11], op2 = hw1[10:4], op = hw2[15]. */
static tb_thumb_class classify32(uint16_t hw1, uint16_t hw2, tb_thumb_insn *o)
{
    switch ((hw1 >> 11) & 3) {
    case 1: /* 11101 */
        if (hw1 & 0x0400)
            return coprocessor(hw1, hw2);
        if (hw1 & 0x0200)
            return dp_shifted(hw1, hw2);
        return (hw1 & 0x0040) ? ldst_dual_excl(hw1, hw2) : ldst_multiple(hw1, hw2, o);
    case 2: /* 11110 */
        if (hw2 & 0x8000)
            return branch_misc(hw1, hw2, o);
        /* modified immediate (hw1[9] = 0) is all ALU: AND, ORR, MOV, ADD, CMP, ... */
        return (hw1 & 0x0200) ? dp_plain_imm(hw1, hw2) : TB_THUMB_ALU;
    default: /* 11111 */
        if (hw1 & 0x0400)
            return coprocessor(hw1, hw2);
        switch ((hw1 >> 8) & 3) {
        case 0: case 1: return ldst_single(hw1, hw2);
        case 2: return dp_register(hw1, hw2);
        default: return (hw1 & 0x0080) ? long_multiply(hw1, hw2) : multiply(hw1, hw2);
        }
    }
}

int tb_thumb_classify(const uint8_t *bytes, size_t len, uint32_t addr, tb_thumb_insn *out)
{
    if (len < 2)
        return -1;
    uint16_t hw1 = (uint16_t)(bytes[0] | bytes[1] << 8);
    /* hw1[15:11] in {11101, 11110, 11111} starts a 32-bit encoding */
    bool wide = (hw1 >> 11) >= 0x1D;
    if (wide && len < 4)
        return -1;
    *out = (tb_thumb_insn){0};
    if (wide) {
        uint16_t hw2 = (uint16_t)(bytes[2] | bytes[3] << 8);
        out->size = 4;
        out->cls = classify32(hw1, hw2, out);
    } else {
        out->size = 2;
        out->cls = classify16(hw1, out);
    }
    out->fallthrough = addr + out->size;
    return 0;
}
