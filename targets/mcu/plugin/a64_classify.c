/* A64 decoding by the top-level encoding groups of the Arm ARM (DDI 0487,
 * C4.1 "A64 instruction set encoding"): op0 = bits 28:25 selects data
 * processing (immediate), branches/system, loads/stores, data processing
 * (register) and SIMD&FP; each group is split only as far as the classes
 * need. Section references are to DDI 0487 C4.1.x. */
#include "a64_classify.h"

const char *const tb_a64_class_names[TB_A64_CLASS_COUNT] = {
    "alu",          "mul",        "div",        "load",      "store",     "load_pair",
    "store_pair",   "branch",     "branch_taken", "branch_not_taken", "fp", "simd_alu",
    "simd_mul",     "simd_load",  "simd_store", "other",
};

static uint32_t bits(uint32_t w, int hi, int lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* C4.1.3 Branches, exception generating and system instructions. */
static tb_a64_class branch_system(uint32_t w, bool *cond)
{
    if (bits(w, 30, 26) == 0x05) /* B, BL */
        return TB_A64_BRANCH;
    if (bits(w, 30, 25) == 0x1A || bits(w, 30, 25) == 0x1B || /* CBZ/CBNZ, TBZ/TBNZ */
        bits(w, 31, 24) == 0x54) {                            /* B.cond, BC.cond */
        *cond = true;
        return TB_A64_BRANCH_TAKEN;
    }
    if (bits(w, 31, 25) == 0x6B) /* unconditional branch (register) */
        return TB_A64_BRANCH;
    return TB_A64_OTHER; /* exception generation, system, unallocated */
}

/* C4.1.4 Loads and stores: bit 26 (V) says SIMD&FP registers, bits 29:28
 * the addressing group. */
static tb_a64_class load_store(uint32_t w)
{
    const bool simd = bits(w, 26, 26), l22 = bits(w, 22, 22);
    const uint32_t group = bits(w, 29, 28), opc = bits(w, 23, 22);
    if (simd) /* every SIMD&FP load/store has its L (or opc<0>) in bit 22 */
        return group == 1 || l22 ? TB_A64_SIMD_LOAD : TB_A64_SIMD_STORE;
    switch (group) {
    case 0: /* exclusive, ordered (L in bit 22), compare-and-swap (bit 21) */
        if (bits(w, 21, 21) && (bits(w, 23, 23) || !bits(w, 31, 31)))
            return TB_A64_LOAD; /* CAS, CASP: they always read */
        if (bits(w, 21, 21))
            return l22 ? TB_A64_LOAD_PAIR : TB_A64_STORE_PAIR; /* LDXP/STXP */
        return l22 ? TB_A64_LOAD : TB_A64_STORE;
    case 1:
        if (!bits(w, 24, 24)) /* literal: LDR, LDRSW; PRFM (opc 11) */
            return bits(w, 31, 30) == 3 ? TB_A64_OTHER : TB_A64_LOAD;
        if (bits(w, 31, 24) == 0xD9 && bits(w, 21, 21)) /* memory tagging */
            return TB_A64_OTHER;
        return opc ? TB_A64_LOAD : TB_A64_STORE; /* LDAPR/STLUR family */
    case 2: /* pairs */
        return l22 ? TB_A64_LOAD_PAIR : TB_A64_STORE_PAIR;
    default: /* register: unscaled, post/pre-index, unsigned offset, register offset */
        if (!bits(w, 24, 24) && bits(w, 21, 21) && bits(w, 11, 10) == 0)
            return TB_A64_LOAD; /* LSE atomic memory operations */
        if (bits(w, 31, 30) == 3 && opc == 2)
            return TB_A64_OTHER; /* PRFM, PRFUM */
        return opc ? TB_A64_LOAD : TB_A64_STORE;
    }
}

/* C4.1.5 Data processing (register). */
static tb_a64_class dp_register(uint32_t w)
{
    if (bits(w, 28, 24) == 0x1B) /* data-processing (3 source) */
        return TB_A64_MUL;
    if (bits(w, 30, 21) == 0x0D6 && bits(w, 15, 11) == 0x01) /* UDIV, SDIV */
        return TB_A64_DIV;
    return TB_A64_ALU;
}

/* Advanced SIMD (vector, bit 28 = 0, or scalar, bits 30,28 = 1,1):
 * which encodings are multiplies (C4.1.6). */
static bool simd_is_mul(uint32_t w)
{
    if (bits(w, 24, 24)) /* by indexed element (bit 10 = 0); shift/modified imm. have 1 */
        return !bits(w, 10, 10);
    if (!bits(w, 21, 21)) /* three same extra: SDOT/UDOT, SQRDMLAH, FCMLA (FCADD too) */
        return bits(w, 15, 15) && bits(w, 10, 10);
    if (bits(w, 10, 10)) { /* three same */
        const uint32_t op = bits(w, 15, 11);
        return op == 0x12 || op == 0x13 || op == 0x16 || op == 0x19 || op == 0x1B;
    }
    if (bits(w, 11, 10) == 0) /* three different: opcode 1000..1110 multiply */
        return bits(w, 15, 15) && bits(w, 15, 12) != 0xF;
    return false; /* two-register misc, across lanes, copy, ... */
}

/* C4.1.6 Data processing (SIMD and floating point). */
static tb_a64_class simd_fp(uint32_t w)
{
    if (bits(w, 28, 28) && !bits(w, 30, 30))
        return TB_A64_FP; /* scalar floating point and FP<->integer conversion */
    if (bits(w, 31, 31))
        return TB_A64_SIMD_ALU; /* crypto three-register: SHA512, SM3, SM4, EOR3, XAR */
    return simd_is_mul(w) ? TB_A64_SIMD_MUL : TB_A64_SIMD_ALU;
}

int tb_a64_classify(const uint8_t *bytes, size_t len, uint64_t addr, tb_a64_insn *out)
{
    if (len < 4)
        return -1;
    const uint32_t w = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 |
                       (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
    tb_a64_insn d = {.cls = TB_A64_OTHER, .cond_branch = false, .fallthrough = addr + 4};
    if (!bits(w, 27, 27)) {
        if (!bits(w, 28, 28))
            d.cls = TB_A64_OTHER; /* reserved, SME, SVE, unallocated */
        else if (!bits(w, 26, 26))
            d.cls = TB_A64_ALU; /* data processing (immediate) */
        else
            d.cls = branch_system(w, &d.cond_branch);
    } else if (!bits(w, 25, 25)) {
        d.cls = load_store(w);
    } else if (!bits(w, 26, 26)) {
        d.cls = dp_register(w);
    } else {
        d.cls = simd_fp(w);
    }
    *out = d;
    return 0;
}
