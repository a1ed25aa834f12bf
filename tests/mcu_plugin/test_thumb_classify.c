/* Unit test of the Thumb classifier (targets/mcu/plugin/thumb_classify.c):
 * a literal table of encodings for every class, taken from arm-none-eabi-as +
 * objdump output, plus exhaustive properties of the 16- and 32-bit spaces. */
#include "tb_test.h"
#include "thumb_classify.h"

typedef struct {
    uint16_t hw1, hw2; /* hw2 only for 32-bit encodings */
    uint8_t size;
    tb_thumb_class cls;
    uint8_t regs;
    bool cond;
    const char *text; /* objdump's disassembly, for failure messages */
} enc_case;

#define T16(h, c, r, b, s) {h, 0, 2, TB_THUMB_##c, r, b, s}
#define T32(h1, h2, c, r, b, s) {h1, h2, 4, TB_THUMB_##c, r, b, s}

/* Expected classes follow the mnemonic, not the decoder. Where objdump prints
 * an A-profile view (D-register lane moves), the row says what the
 * instruction is on M-profile. */
static const enc_case cases[] = {
    /* 16-bit encodings (A5.2) */
    T16(0x0088, ALU, 0, 0, "lsls r0, r1, #2"),
    T16(0x0888, ALU, 0, 0, "lsrs r0, r1, #2"),
    T16(0x1088, ALU, 0, 0, "asrs r0, r1, #2"),
    T16(0x1888, ALU, 0, 0, "adds r0, r1, r2"),
    T16(0x1EC8, ALU, 0, 0, "subs r0, r1, #3"),
    T16(0x20C8, ALU, 0, 0, "movs r0, #200"),
    T16(0x28C8, ALU, 0, 0, "cmp r0, #200"),
    T16(0x30C8, ALU, 0, 0, "adds r0, #200"),
    T16(0x38C8, ALU, 0, 0, "subs r0, #200"),
    T16(0x4008, ALU, 0, 0, "ands r0, r1"),
    T16(0x4048, ALU, 0, 0, "eors r0, r1"),
    T16(0x4148, ALU, 0, 0, "adcs r0, r1"),
    T16(0x4208, ALU, 0, 0, "tst r0, r1"),
    T16(0x4248, ALU, 0, 0, "negs r0, r1"),
    T16(0x42C8, ALU, 0, 0, "cmn r0, r1"),
    T16(0x4308, ALU, 0, 0, "orrs r0, r1"),
    T16(0x4348, MUL, 0, 0, "muls r0, r1"),
    T16(0x4388, ALU, 0, 0, "bics r0, r1"),
    T16(0x43C8, ALU, 0, 0, "mvns r0, r1"),
    T16(0x4488, ALU, 0, 0, "add r8, r1"),
    T16(0x4588, ALU, 0, 0, "cmp r8, r1"),
    T16(0x4688, ALU, 0, 0, "mov r8, r1"),
    T16(0x46F7, BRANCH, 0, 0, "mov pc, lr"),
    T16(0x4487, BRANCH, 0, 0, "add pc, r0"),
    T16(0x4770, BRANCH, 0, 0, "bx lr"),
    T16(0x4798, BRANCH, 0, 0, "blx r3"),
    T16(0x4802, LOAD, 0, 0, "ldr r0, [pc, #8]"),
    T16(0x5088, STORE, 0, 0, "str r0, [r1, r2]"),
    T16(0x5288, STORE, 0, 0, "strh r0, [r1, r2]"),
    T16(0x5488, STORE, 0, 0, "strb r0, [r1, r2]"),
    T16(0x5688, LOAD, 0, 0, "ldrsb r0, [r1, r2]"),
    T16(0x5888, LOAD, 0, 0, "ldr r0, [r1, r2]"),
    T16(0x5A88, LOAD, 0, 0, "ldrh r0, [r1, r2]"),
    T16(0x5C88, LOAD, 0, 0, "ldrb r0, [r1, r2]"),
    T16(0x5E88, LOAD, 0, 0, "ldrsh r0, [r1, r2]"),
    T16(0x6048, STORE, 0, 0, "str r0, [r1, #4]"),
    T16(0x6848, LOAD, 0, 0, "ldr r0, [r1, #4]"),
    T16(0x7108, STORE, 0, 0, "strb r0, [r1, #4]"),
    T16(0x7908, LOAD, 0, 0, "ldrb r0, [r1, #4]"),
    T16(0x8088, STORE, 0, 0, "strh r0, [r1, #4]"),
    T16(0x8888, LOAD, 0, 0, "ldrh r0, [r1, #4]"),
    T16(0x9001, STORE, 0, 0, "str r0, [sp, #4]"),
    T16(0x9801, LOAD, 0, 0, "ldr r0, [sp, #4]"),
    T32(0xF2AF, 0x0058, ALU, 0, 0, "subw r0, pc, #88"),
    T16(0xA804, ALU, 0, 0, "add r0, sp, #16"),
    T16(0xB004, ALU, 0, 0, "add sp, #16"),
    T16(0xB084, ALU, 0, 0, "sub sp, #16"),
    T16(0xB208, ALU, 0, 0, "sxth r0, r1"),
    T16(0xB248, ALU, 0, 0, "sxtb r0, r1"),
    T16(0xB288, ALU, 0, 0, "uxth r0, r1"),
    T16(0xB2C8, ALU, 0, 0, "uxtb r0, r1"),
    T16(0xB100, BRANCH_TAKEN, 0, 1, "cbz r0, label"),
    T16(0xBF00, OTHER, 0, 0, "nop"),
    T16(0xB5F0, STM, 5, 0, "push {r4, r5, r6, r7, lr}"),
    T16(0xB401, STM, 1, 0, "push {r0}"),
    T16(0xBDF0, BRANCH, 5, 0, "pop {r4, r5, r6, r7, pc}"),
    T16(0xBCF0, LDM, 4, 0, "pop {r4, r5, r6, r7}"),
    T16(0xBA08, ALU, 0, 0, "rev r0, r1"),
    T16(0xBA48, ALU, 0, 0, "rev16 r0, r1"),
    T16(0xBAC8, ALU, 0, 0, "revsh r0, r1"),
    T16(0xB672, OTHER, 0, 0, "cpsid i"),
    T16(0xBEAB, OTHER, 0, 0, "bkpt 0x00ab"),
    T16(0xBF08, OTHER, 0, 0, "it eq"),
    T16(0x4608, ALU, 0, 0, "moveq r0, r1"),
    T16(0xBF30, OTHER, 0, 0, "wfi"),
    T16(0xBF40, OTHER, 0, 0, "sev"),
    T16(0xBF10, OTHER, 0, 0, "yield"),
    T16(0xC00E, STM, 3, 0, "stmia r0!, {r1, r2, r3}"),
    T16(0xC80E, LDM, 3, 0, "ldmia r0!, {r1, r2, r3}"),
    T16(0xC803, LDM, 2, 0, "ldmia r0, {r0, r1}"),
    T16(0xD0EC, BRANCH_TAKEN, 0, 1, "beq.n label"),
    T16(0xD1EB, BRANCH_TAKEN, 0, 1, "bne.n label"),
    T16(0xDCEA, BRANCH_TAKEN, 0, 1, "bgt.n label"),
    T16(0xDE01, OTHER, 0, 0, "udf #1"),
    T16(0xDF02, OTHER, 0, 0, "svc 2"),
    T16(0xE7E7, BRANCH, 0, 0, "b.n label"),
    /* 32-bit integer encodings (A5.3) */
    T32(0xE8A0, 0x010E, STM, 4, 0, "stmia.w r0!, {r1, r2, r3, r8}"),
    T32(0xE900, 0x000E, STM, 3, 0, "stmdb r0, {r1, r2, r3}"),
    T32(0xE92D, 0x4FF0, STM, 9, 0, "stmdb sp!, {r4, r5, r6, r7, r8, r9, sl, fp, lr}"),
    T32(0xE890, 0x010E, LDM, 4, 0, "ldmia.w r0, {r1, r2, r3, r8}"),
    T32(0xE930, 0x000E, LDM, 3, 0, "ldmdb r0!, {r1, r2, r3}"),
    T32(0xE8BD, 0x8FF0, BRANCH, 9, 0, "ldmia.w sp!, {r4, r5, r6, r7, r8, r9, sl, fp, pc}"),
    T32(0xE8BD, 0x0FF0, LDM, 8, 0, "ldmia.w sp!, {r4, r5, r6, r7, r8, r9, sl, fp}"),
    T32(0xE8BD, 0x8010, BRANCH, 2, 0, "ldmia.w sp!, {r4, pc}"),
    T32(0xE842, 0x1000, STORE, 0, 0, "strex r0, r1, [r2]"),
    T32(0xE852, 0x0F00, LOAD, 0, 0, "ldrex r0, [r2]"),
    T32(0xE9C2, 0x0102, STORE, 0, 0, "strd r0, r1, [r2, #8]"),
    T32(0xE9D2, 0x0102, LOAD, 0, 0, "ldrd r0, r1, [r2, #8]"),
    T32(0xE8F2, 0x0102, LOAD, 0, 0, "ldrd r0, r1, [r2], #8"),
    T32(0xE962, 0x0102, STORE, 0, 0, "strd r0, r1, [r2, #-8]!"),
    T32(0xE95F, 0x0104, LOAD, 0, 0, "ldrd r0, r1, [pc, #-16]"),
    T32(0xE8C2, 0x1F40, STORE, 0, 0, "strexb r0, r1, [r2]"),
    T32(0xE8C2, 0x1F50, STORE, 0, 0, "strexh r0, r1, [r2]"),
    T32(0xE8D2, 0x0F4F, LOAD, 0, 0, "ldrexb r0, [r2]"),
    T32(0xE8D2, 0x0F5F, LOAD, 0, 0, "ldrexh r0, [r2]"),
    T32(0xE8DF, 0xF000, BRANCH, 0, 0, "tbb [pc, r0]"),
    T32(0xE8DF, 0xF010, BRANCH, 0, 0, "tbh [pc, r0, lsl #1]"),
    T32(0xEA01, 0x00C2, ALU, 0, 0, "and.w r0, r1, r2, lsl #3"),
    T32(0xEA10, 0x0FC1, ALU, 0, 0, "tst.w r0, r1, lsl #3"),
    T32(0xEA21, 0x0002, ALU, 0, 0, "bic.w r0, r1, r2"),
    T32(0xEA41, 0x0002, ALU, 0, 0, "orr.w r0, r1, r2"),
    T32(0xEA4F, 0x1001, ALU, 0, 0, "mov.w r0, r1, lsl #4"),
    T32(0xEA61, 0x0002, ALU, 0, 0, "orn r0, r1, r2"),
    T32(0xEA6F, 0x0001, ALU, 0, 0, "mvn.w r0, r1"),
    T32(0xEA81, 0x0002, ALU, 0, 0, "eor.w r0, r1, r2"),
    T32(0xEA90, 0x0F01, ALU, 0, 0, "teq r0, r1"),
    T32(0xEAC1, 0x2002, DSP, 0, 0, "pkhbt r0, r1, r2, lsl #8"),
    T32(0xEAC1, 0x2022, DSP, 0, 0, "pkhtb r0, r1, r2, asr #8"),
    T32(0xEB01, 0x0002, ALU, 0, 0, "add.w r0, r1, r2"),
    T32(0xEB10, 0x0F01, ALU, 0, 0, "cmn.w r0, r1"),
    T32(0xEB41, 0x0002, ALU, 0, 0, "adc.w r0, r1, r2"),
    T32(0xEB61, 0x0002, ALU, 0, 0, "sbc.w r0, r1, r2"),
    T32(0xEBA1, 0x0042, ALU, 0, 0, "sub.w r0, r1, r2, lsl #1"),
    T32(0xEBB0, 0x0F01, ALU, 0, 0, "cmp.w r0, r1"),
    T32(0xEBC1, 0x0002, ALU, 0, 0, "rsb r0, r1, r2"),
    T32(0xF401, 0x407F, ALU, 0, 0, "and.w r0, r1, #65280"),
    T32(0xF041, 0x1001, ALU, 0, 0, "orr.w r0, r1, #65537"),
    T32(0xF44F, 0x5080, ALU, 0, 0, "mov.w r0, #4096"),
    T32(0xF501, 0x6080, ALU, 0, 0, "add.w r0, r1, #1024"),
    T32(0xF5B0, 0x6F80, ALU, 0, 0, "cmp.w r0, #1024"),
    T32(0xF601, 0x70FF, ALU, 0, 0, "addw r0, r1, #4095"),
    T32(0xF6A1, 0x70FF, ALU, 0, 0, "subw r0, r1, #4095"),
    T32(0xF241, 0x2034, ALU, 0, 0, "movw r0, #4660"),
    T32(0xF2C1, 0x2034, ALU, 0, 0, "movt r0, #4660"),
    T32(0xF2AF, 0x1060, ALU, 0, 0, "subw r0, pc, #352"),
    T32(0xF301, 0x0007, ALU, 0, 0, "ssat r0, #8, r1"),
    T32(0xF301, 0x1007, ALU, 0, 0, "ssat r0, #8, r1, lsl #4"),
    T32(0xF321, 0x0007, DSP, 0, 0, "ssat16 r0, #8, r1"),
    T32(0xF381, 0x0008, ALU, 0, 0, "usat r0, #8, r1"),
    T32(0xF3A1, 0x0008, DSP, 0, 0, "usat16 r0, #8, r1"),
    T32(0xF341, 0x00C4, ALU, 0, 0, "sbfx r0, r1, #3, #5"),
    T32(0xF3C1, 0x00C4, ALU, 0, 0, "ubfx r0, r1, #3, #5"),
    T32(0xF361, 0x00C7, ALU, 0, 0, "bfi r0, r1, #3, #5"),
    T32(0xF36F, 0x00C7, ALU, 0, 0, "bfc r0, #3, #5"),
    T32(0xF43F, 0xAF3C, BRANCH_TAKEN, 0, 1, "beq.w label"),
    T32(0xF040, 0x8126, BRANCH_TAKEN, 0, 1, "bne.w label"),
    T32(0xF7FF, 0xBF38, BRANCH, 0, 0, "b.w label"),
    T32(0xF7FF, 0xFF36, BRANCH, 0, 0, "bl label"),
    T32(0xF380, 0x8800, OTHER, 0, 0, "msr CPSR_f, r0"),
    T32(0xF3EF, 0x8010, OTHER, 0, 0, "mrs r0, PRIMASK"),
    T32(0xF3AF, 0x8000, OTHER, 0, 0, "nop.w"),
    T32(0xF3AF, 0x8003, OTHER, 0, 0, "wfi.w"),
    T32(0xF3BF, 0x8F4F, OTHER, 0, 0, "dsb sy"),
    T32(0xF3BF, 0x8F5F, OTHER, 0, 0, "dmb sy"),
    T32(0xF3BF, 0x8F6F, OTHER, 0, 0, "isb sy"),
    T32(0xF3BF, 0x8F2F, OTHER, 0, 0, "clrex"),
    T32(0xF7F0, 0xA12C, OTHER, 0, 0, "udf.w #300"),
    T32(0xF8C1, 0x0190, STORE, 0, 0, "str.w r0, [r1, #400]"),
    T32(0xF881, 0x0028, STORE, 0, 0, "strb.w r0, [r1, #40]"),
    T32(0xF821, 0x0012, STORE, 0, 0, "strh.w r0, [r1, r2, lsl #1]"),
    T32(0xF841, 0x0D04, STORE, 0, 0, "str.w r0, [r1, #-4]!"),
    T32(0xF841, 0x0E04, STORE, 0, 0, "strt r0, [r1, #4]"),
    T32(0xF8D1, 0x0190, LOAD, 0, 0, "ldr.w r0, [r1, #400]"),
    T32(0xF8DF, 0x0190, LOAD, 0, 0, "ldr.w r0, [pc, #400]"),
    T32(0xF851, 0x0B04, LOAD, 0, 0, "ldr.w r0, [r1], #4"),
    T32(0xF851, 0x0022, LOAD, 0, 0, "ldr.w r0, [r1, r2, lsl #2]"),
    T32(0xF851, 0x0E04, LOAD, 0, 0, "ldrt r0, [r1, #4]"),
    T32(0xF891, 0x0190, LOAD, 0, 0, "ldrb.w r0, [r1, #400]"),
    T32(0xF991, 0x0028, LOAD, 0, 0, "ldrsb.w r0, [r1, #40]"),
    T32(0xF8B1, 0x0190, LOAD, 0, 0, "ldrh.w r0, [r1, #400]"),
    T32(0xF931, 0x0002, LOAD, 0, 0, "ldrsh.w r0, [r1, r2]"),
    T32(0xF83F, 0x0028, LOAD, 0, 0, "ldrh.w r0, [pc, #-40]"),
    T32(0xF890, 0xF040, OTHER, 0, 0, "pld [r0, #64]"),
    T32(0xF990, 0xF040, OTHER, 0, 0, "pli [r0, #64]"),
    T32(0xF85D, 0xFB04, BRANCH, 0, 0, "ldr.w pc, [sp], #4"),
    T32(0xF850, 0xF021, BRANCH, 0, 0, "ldr.w pc, [r0, r1, lsl #2]"),
    T32(0xFA01, 0xF002, ALU, 0, 0, "lsl.w r0, r1, r2"),
    T32(0xFA41, 0xF002, ALU, 0, 0, "asr.w r0, r1, r2"),
    T32(0xFA01, 0xF082, ALU, 0, 0, "sxtah r0, r1, r2"),
    T32(0xFA0F, 0xF081, ALU, 0, 0, "sxth.w r0, r1"),
    T32(0xFA11, 0xF082, ALU, 0, 0, "uxtah r0, r1, r2"),
    T32(0xFA2F, 0xF081, DSP, 0, 0, "sxtb16 r0, r1"),
    T32(0xFA21, 0xF082, DSP, 0, 0, "sxtab16 r0, r1, r2"),
    T32(0xFA3F, 0xF091, DSP, 0, 0, "uxtb16 r0, r1, ror #8"),
    T32(0xFA31, 0xF082, DSP, 0, 0, "uxtab16 r0, r1, r2"),
    T32(0xFA41, 0xF082, ALU, 0, 0, "sxtab r0, r1, r2"),
    T32(0xFA5F, 0xF081, ALU, 0, 0, "uxtb.w r0, r1"),
    T32(0xFA91, 0xF002, DSP, 0, 0, "sadd16 r0, r1, r2"),
    T32(0xFA81, 0xF012, DSP, 0, 0, "qadd8 r0, r1, r2"),
    T32(0xFAD1, 0xF022, DSP, 0, 0, "shsub16 r0, r1, r2"),
    T32(0xFAA1, 0xF002, DSP, 0, 0, "sasx r0, r1, r2"),
    T32(0xFA81, 0xF042, DSP, 0, 0, "uadd8 r0, r1, r2"),
    T32(0xFAD1, 0xF052, DSP, 0, 0, "uqsub16 r0, r1, r2"),
    T32(0xFAE1, 0xF062, DSP, 0, 0, "uhsax r0, r1, r2"),
    T32(0xFAC1, 0xF042, DSP, 0, 0, "usub8 r0, r1, r2"),
    T32(0xFA82, 0xF081, DSP, 0, 0, "qadd r0, r1, r2"),
    T32(0xFA82, 0xF091, DSP, 0, 0, "qdadd r0, r1, r2"),
    T32(0xFA82, 0xF0A1, DSP, 0, 0, "qsub r0, r1, r2"),
    T32(0xFA82, 0xF0B1, DSP, 0, 0, "qdsub r0, r1, r2"),
    T32(0xFA91, 0xF081, ALU, 0, 0, "rev.w r0, r1"),
    T32(0xFA91, 0xF0A1, ALU, 0, 0, "rbit r0, r1"),
    T32(0xFA91, 0xF0B1, ALU, 0, 0, "revsh.w r0, r1"),
    T32(0xFAA1, 0xF082, DSP, 0, 0, "sel r0, r1, r2"),
    T32(0xFAB1, 0xF081, ALU, 0, 0, "clz r0, r1"),
    T32(0xFB01, 0xF002, MUL, 0, 0, "mul.w r0, r1, r2"),
    T32(0xFB01, 0x3002, MUL, 0, 0, "mla r0, r1, r2, r3"),
    T32(0xFB01, 0x3012, MUL, 0, 0, "mls r0, r1, r2, r3"),
    T32(0xFB11, 0x3002, DSP, 0, 0, "smlabb r0, r1, r2, r3"),
    T32(0xFB11, 0xF032, DSP, 0, 0, "smultt r0, r1, r2"),
    T32(0xFB21, 0x3002, DSP, 0, 0, "smlad r0, r1, r2, r3"),
    T32(0xFB21, 0x3012, DSP, 0, 0, "smladx r0, r1, r2, r3"),
    T32(0xFB21, 0xF002, DSP, 0, 0, "smuad r0, r1, r2"),
    T32(0xFB31, 0x3002, DSP, 0, 0, "smlawb r0, r1, r2, r3"),
    T32(0xFB31, 0xF012, DSP, 0, 0, "smulwt r0, r1, r2"),
    T32(0xFB41, 0x3002, DSP, 0, 0, "smlsd r0, r1, r2, r3"),
    T32(0xFB41, 0xF002, DSP, 0, 0, "smusd r0, r1, r2"),
    T32(0xFB51, 0x3002, DSP, 0, 0, "smmla r0, r1, r2, r3"),
    T32(0xFB51, 0xF002, DSP, 0, 0, "smmul r0, r1, r2"),
    T32(0xFB51, 0xF012, DSP, 0, 0, "smmulr r0, r1, r2"),
    T32(0xFB61, 0x3002, DSP, 0, 0, "smmls r0, r1, r2, r3"),
    T32(0xFB71, 0xF002, DSP, 0, 0, "usad8 r0, r1, r2"),
    T32(0xFB71, 0x3002, DSP, 0, 0, "usada8 r0, r1, r2, r3"),
    T32(0xFB82, 0x0103, MUL_LONG, 0, 0, "smull r0, r1, r2, r3"),
    T32(0xFB91, 0xF0F2, DIV, 0, 0, "sdiv r0, r1, r2"),
    T32(0xFBA2, 0x0103, MUL_LONG, 0, 0, "umull r0, r1, r2, r3"),
    T32(0xFBB1, 0xF0F2, DIV, 0, 0, "udiv r0, r1, r2"),
    T32(0xFBC2, 0x0103, MUL_LONG, 0, 0, "smlal r0, r1, r2, r3"),
    T32(0xFBC2, 0x0183, DSP, 0, 0, "smlalbb r0, r1, r2, r3"),
    T32(0xFBC2, 0x01B3, DSP, 0, 0, "smlaltt r0, r1, r2, r3"),
    T32(0xFBC2, 0x01C3, DSP, 0, 0, "smlald r0, r1, r2, r3"),
    T32(0xFBC2, 0x01D3, DSP, 0, 0, "smlaldx r0, r1, r2, r3"),
    T32(0xFBD2, 0x01C3, DSP, 0, 0, "smlsld r0, r1, r2, r3"),
    T32(0xFBE2, 0x0103, MUL_LONG, 0, 0, "umlal r0, r1, r2, r3"),
    T32(0xFBE2, 0x0163, MUL_LONG, 0, 0, "umaal r0, r1, r2, r3"),
    /* FP: FPv4/FPv5 single and double, v8 FP16 and VSEL/VRINT group, v8-M VLLDM */
    T32(0xEE30, 0x0A81, FP, 0, 0, "vadd.f32 s0, s1, s2"),
    T32(0xEE20, 0x0A81, FP, 0, 0, "vmul.f32 s0, s1, s2"),
    T32(0xEEA0, 0x0A81, FP, 0, 0, "vfma.f32 s0, s1, s2"),
    T32(0xEE80, 0x0A81, FP, 0, 0, "vdiv.f32 s0, s1, s2"),
    T32(0xEEB1, 0x0AE0, FP, 0, 0, "vsqrt.f32 s0, s1"),
    T32(0xEEBD, 0x0AE0, FP, 0, 0, "vcvt.s32.f32 s0, s1"),
    T32(0xEEB4, 0x0A60, FP, 0, 0, "vcmp.f32 s0, s1"),
    T32(0xED90, 0x0A02, FP, 0, 0, "vldr s0, [r0, #8]"),
    T32(0xED80, 0x0A02, FP, 0, 0, "vstr s0, [r0, #8]"),
    T32(0xED90, 0x0B00, FP, 0, 0, "vldr d0, [r0]"),
    T32(0xEE00, 0x0A10, FP, 0, 0, "vmov s0, r0"),
    T32(0xEE10, 0x0A10, FP, 0, 0, "vmov r0, s0"),
    T32(0xEC51, 0x0B10, FP, 0, 0, "vmov r0, r1, d0"),
    T32(0xEEB7, 0x0A00, FP, 0, 0, "vmov.f32 s0, #112"),
    T32(0xEE20, 0x0B10, FP, 0, 0, "vmov.32 d0[1], r0"),
    T32(0xED2D, 0x8A04, FP, 0, 0, "vpush {s16-s19}"),
    T32(0xECBD, 0x8A04, FP, 0, 0, "vpop {s16-s19}"),
    T32(0xECB0, 0x0A08, FP, 0, 0, "vldmia r0!, {s0-s7}"),
    T32(0xED2D, 0x8B04, FP, 0, 0, "vpush {d8-d9}"),
    T32(0xEEF1, 0xFA10, FP, 0, 0, "vmrs APSR_nzcv, fpscr"),
    T32(0xEEE1, 0x0A10, FP, 0, 0, "vmsr fpscr, r0"),
    T32(0xEE31, 0x0B02, FP, 0, 0, "vadd.f64 d0, d1, d2"),
    T32(0xFE30, 0x0A81, FP, 0, 0, "vselgt.f32 s0, s1, s2"),
    T32(0xFE80, 0x0A81, FP, 0, 0, "vmaxnm.f32 s0, s1, s2"),
    T32(0xFEB8, 0x0A60, FP, 0, 0, "vrinta.f32 s0, s1"),
    T32(0xFEBC, 0x0AE0, FP, 0, 0, "vcvta.s32.f32 s0, s1"),
    T32(0xEE30, 0x0981, FP, 0, 0, "vadd.f16 s0, s1, s2"),
    T32(0xEE00, 0x0910, FP, 0, 0, "vmov.f16 s0, r0"),
    T32(0xED90, 0x0901, FP, 0, 0, "vldr.16 s0, [r0, #2]"),
    T32(0xFEB0, 0x0A60, FP, 0, 0, "vmovx.f16 s0, s1"),
    T32(0xFEB0, 0x0AE0, FP, 0, 0, "vins.f16 s0, s1"),
    T32(0xEC9F, 0x0A04, FP, 0, 0, "vscclrm {s0-s3, VPR}"),
    T32(0xEC30, 0x0A00, FP, 0, 0, "vlldm r0"),
    T32(0xEC20, 0x0A00, FP, 0, 0, "vlstm r0"),
    /* ARMv8-M: security extension, acquire/release */
    T32(0xE841, 0xF000, OTHER, 0, 0, "tt r0, r1"),
    T32(0xE841, 0xF0C0, OTHER, 0, 0, "ttat r0, r1"),
    T32(0xE97F, 0xE97F, OTHER, 0, 0, "sg"),
    T16(0x4774, BRANCH, 0, 0, "bxns lr"),
    T16(0x479C, BRANCH, 0, 0, "blxns r3"),
    T32(0xE8D1, 0x0FAF, LOAD, 0, 0, "lda r0, [r1]"),
    T32(0xE8C1, 0x0FAF, STORE, 0, 0, "stl r0, [r1]"),
    T32(0xE8D1, 0x0FCF, LOAD, 0, 0, "ldaexb r0, [r1]"),
    T32(0xE8C2, 0x1FD0, STORE, 0, 0, "stlexh r0, r1, [r2]"),
    /* ARMv8.1-M: CSEL family, CLRM, MVE scalar shifts, low-overhead loops,
     * branch future, MVE vector instructions */
    T32(0xEA51, 0x8002, ALU, 0, 0, "csel r0, r1, r2, eq"),
    T32(0xEA51, 0x9012, ALU, 0, 0, "csinc r0, r1, r2, ne"),
    T32(0xEA51, 0xA0B2, ALU, 0, 0, "csinv r0, r1, r2, lt"),
    T32(0xEA51, 0xB0C2, ALU, 0, 0, "csneg r0, r1, r2, gt"),
    T32(0xEA5F, 0x901F, ALU, 0, 0, "cset r0, eq"),
    T32(0xE89F, 0x8003, ALU, 0, 0, "clrm {r0, r1, APSR}"),
    T32(0xEA50, 0x01CF, MVE, 0, 0, "lsll r0, r1, #3"),
    T32(0xEA50, 0x01DF, MVE, 0, 0, "lsrl r0, r1, #3"),
    T32(0xEA50, 0x212D, MVE, 0, 0, "asrl r0, r1, r2"),
    T32(0xEA50, 0x812D, MVE, 0, 0, "asrl r0, r1, r8"),
    T32(0xEA51, 0x01CF, MVE, 0, 0, "uqshll r0, r1, #3"),
    T32(0xEA51, 0x212D, MVE, 0, 0, "sqrshrl r0, r1, #64, r2"),
    T32(0xEA50, 0x0F8F, MVE, 0, 0, "uqshl r0, #2"),
    T32(0xEA50, 0x0FAF, MVE, 0, 0, "srshr r0, #2"),
    T32(0xEA50, 0x2F0D, MVE, 0, 0, "uqrshl r0, r2"),
    T32(0xEA50, 0x9F2D, MVE, 0, 0, "sqrshr r0, r9"),
    T32(0xF040, 0xE001, LOOP, 0, 0, "dls lr, r0"),
    T32(0xF040, 0xC00D, LOOP, 0, 0, "wls lr, r0, label"),
    T32(0xF00F, 0xC005, LOOP, 0, 0, "le lr, label"),
    T32(0xF02F, 0xC007, LOOP, 0, 0, "le label"),
    T32(0xF020, 0xE001, LOOP, 0, 0, "dlstp.32 lr, r0"),
    T32(0xF000, 0xC005, LOOP, 0, 0, "wlstp.8 lr, r0, label"),
    T32(0xF01F, 0xC00D, LOOP, 0, 0, "letp lr, label"),
    T32(0xF00F, 0xE001, LOOP, 0, 0, "lctp"),
    T32(0xF2DF, 0xEE03, OTHER, 0, 0, "bf label, label"),
    T32(0xF1FF, 0xCFFB, OTHER, 0, 0, "bfl label, label"),
    T32(0xF0E0, 0xE001, OTHER, 0, 0, "bfx (branch future, run as NOP)"),
    T32(0xF022, 0xE801, MVE, 0, 0, "vctp.32 r2"),
    T32(0xEF22, 0x0844, MVE, 0, 0, "vadd.i32 q0, q1, q2"),
    T32(0xFF02, 0x0D54, MVE, 0, 0, "vmul.f32 q0, q1, q2"),
    T32(0xED90, 0x1F00, MVE, 0, 0, "vldrw.u32 q0, [r0, #0]"),
    T32(0xECB0, 0x1F04, MVE, 0, 0, "vldrw.u32 q0, [r0], #16"),
    T32(0xEDA1, 0x3F08, MVE, 0, 0, "vstrw.32 q1, [r1, #32]!"),
    T32(0xED90, 0x0E80, MVE, 0, 0, "vldrb.s16 q0, [r0, #0]"),
    T32(0xED80, 0x1E00, MVE, 0, 0, "vstrb.8 q0, [r0, #0]"),
    T32(0xED88, 0x0F00, MVE, 0, 0, "vstrh.32 q0, [r0, #0]"),
    T32(0xFC90, 0x1F00, MVE, 0, 0, "vld20.32 {q0, q1}, [r0]"),
    T32(0xFC80, 0x1F01, MVE, 0, 0, "vst40.32 {q0, q1, q2, q3}, [r0]"),
    T32(0xFC90, 0x0F42, MVE, 0, 0, "vldrw.u32 q0, [r0, q1]"),
    T32(0xFD82, 0x1E02, MVE, 0, 0, "vstrw.32 q0, [q1, #8]"),
    T32(0xFE71, 0x0F4D, MVE, 0, 0, "vpst"),
    T32(0xFE61, 0x0F02, MVE, 0, 0, "vpt.i32 eq, q0, q1"),
    T32(0xFE21, 0x0F02, MVE, 0, 0, "vcmp.i32 eq, q0, q1"),
    T32(0xEF22, 0x0152, MVE, 0, 0, "vmov q0, q1"),
    T32(0xEE00, 0x0B70, MVE, 0, 0, "vmov.16 q0[1], r0 (16-bit lane: MVE only)"),
    T32(0xEED2, 0x0B70, MVE, 0, 0, "vmov.u8 r0, q1[3] (8-bit lane: MVE only)"),
    T32(0xEC01, 0x0F00, MVE, 0, 0, "vmov r0, r1, q0[2], q0[0]"),
    T32(0xEEA0, 0x1B10, MVE, 0, 0, "vdup.32 q0, r1"),
    T32(0xEEE0, 0x2B10, MVE, 0, 0, "vdup.8 q0, r2"),
    T32(0xEEFC, 0x0A10, MVE, 0, 0, "vmrs r0, vpr"),
    T32(0xEEED, 0x1A10, MVE, 0, 0, "vmsr p0, r1"),
    T32(0xEEF0, 0x0F22, MVE, 0, 0, "vmlava.s8 r0, q0, q1"),
    T32(0xFEF9, 0x0F00, MVE, 0, 0, "vaddv.u32 r0, q0"),
    T32(0xEEF0, 0x2E02, MVE, 0, 0, "vmlav.s16 r2, q0, q1"),
    T32(0xEF22, 0x0B44, MVE, 0, 0, "vqdmulh.s32 q0, q1, q2"),
    T32(0xEFA3, 0x0552, MVE, 0, 0, "vshl.i32 q0, q1, #3"),
    T32(0xEEA8, 0x0F42, MVE, 0, 0, "vmovlb.s8 q0, q1"),
    T32(0xEEEA, 0x0F82, MVE, 0, 0, "vminv.s32 r0, q1"),
    T32(0xFE33, 0x0F05, MVE, 0, 0, "vpsel q0, q1, q2"),
    T32(0xEE33, 0x0E40, MVE, 0, 0, "vfma.f32 q0, q1, r0"),
    T32(0xEE23, 0x0E42, MVE, 0, 0, "vmla.s32 q0, q1, r2"),
    T32(0xFE32, 0x0E05, MVE, 0, 0, "vcmul.f32 q0, q1, q2, #90"),
    T32(0xEE21, 0x0F6E, MVE, 0, 0, "vidup.u32 q0, r0, #1"),
    T32(0xFF87, 0x005F, MVE, 0, 0, "vmov.i32 q0, #255"),
    T32(0xEE80, 0x0F02, MVE, 0, 0, "vrmlalvh.s32 r0, r1, q0, q1"),
};

static int classify(const enc_case *c, uint32_t addr, tb_thumb_insn *out)
{
    uint8_t b[4] = {(uint8_t)c->hw1, (uint8_t)(c->hw1 >> 8), (uint8_t)c->hw2,
                    (uint8_t)(c->hw2 >> 8)};
    return tb_thumb_classify(b, c->size, addr, out);
}

static int test_class_names(void)
{
    static const char *const want[TB_THUMB_CLASS_COUNT] = {
        "alu",    "mul",          "mul_long",         "dsp", "load", "store", "ldm", "stm",
        "branch", "branch_taken", "branch_not_taken", "div", "fp",   "mve",   "other", "loop",
    };
    for (int k = 0; k < TB_THUMB_CLASS_COUNT; k++)
        TB_CHECK(strcmp(tb_thumb_class_names[k], want[k]) == 0);
    return 0;
}

static int test_encoding_table(void)
{
    int seen[TB_THUMB_CLASS_COUNT] = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const enc_case *c = &cases[i];
        tb_thumb_insn d = {0};
        int rc = classify(c, 0x1000, &d);
        if (rc != 0 || d.cls != c->cls || d.regs != c->regs || d.cond_branch != c->cond ||
            d.size != c->size || d.fallthrough != 0x1000u + c->size)
            printf("  %04x %04x \"%s\": got %s regs %u cond %d size %u, want %s regs %u cond %d\n",
                   c->hw1, c->hw2, c->text, rc ? "error" : tb_thumb_class_names[d.cls], d.regs,
                   d.cond_branch, d.size, tb_thumb_class_names[c->cls], c->regs, c->cond);
        TB_CHECK_EQ_INT(rc, 0);
        TB_CHECK_EQ_INT(d.cls, c->cls);
        TB_CHECK_EQ_INT(d.regs, c->regs);
        TB_CHECK_EQ_INT(d.cond_branch, c->cond);
        TB_CHECK_EQ_INT(d.size, c->size);
        TB_CHECK_EQ_INT(d.fallthrough, 0x1000u + c->size);
        seen[c->cls]++;
    }
    /* Every class except branch_not_taken (a run-time outcome) has rows. */
    for (int k = 0; k < TB_THUMB_CLASS_COUNT; k++)
        if (k != TB_THUMB_BRANCH_NOT_TAKEN && !seen[k]) {
            printf("  no table row for class %s\n", tb_thumb_class_names[k]);
            TB_CHECK(seen[k] > 0);
        }
    return 0;
}

static int test_short_input(void)
{
    const uint8_t nop16[2] = {0x00, 0xBF}, bl_first_half[2] = {0xFF, 0xF7};
    tb_thumb_insn d = {0};
    TB_CHECK_EQ_INT(tb_thumb_classify(nop16, 0, 0, &d), -1);
    TB_CHECK_EQ_INT(tb_thumb_classify(nop16, 1, 0, &d), -1);
    TB_CHECK_EQ_INT(tb_thumb_classify(bl_first_half, 2, 0, &d), -1);
    TB_CHECK_EQ_INT(tb_thumb_classify(nop16, 2, 0xFFFFFFFEu, &d), 0);
    TB_CHECK_EQ_INT(d.cls, TB_THUMB_OTHER);
    TB_CHECK_EQ_INT(d.fallthrough, 0); /* 32-bit address arithmetic wraps */
    return 0;
}

/* Every 16-bit encoding decodes as 2 bytes; exactly B<c> (cond 0-13) and
 * CBZ/CBNZ are conditional branches; register lists only on PUSH/POP/LDM/STM. */
static int test_all_16bit(void)
{
    int cond = 0, bad = 0;
    for (uint32_t h = 0; h < 0x10000; h++) {
        if ((h >> 11) >= 0x1D)
            continue;
        const uint8_t b[2] = {(uint8_t)h, (uint8_t)(h >> 8)};
        tb_thumb_insn d = {0};
        if (tb_thumb_classify(b, 2, 0x100, &d) != 0 || d.size != 2 || d.fallthrough != 0x102 ||
            d.cls >= TB_THUMB_CLASS_COUNT)
            bad++;
        bool is_bcc = (h >> 12) == 0xD && ((h >> 8) & 0xF) < 0xE;
        bool is_cbz = (h & 0xF500) == 0xB100;
        if (d.cond_branch != (is_bcc || is_cbz) ||
            (d.cond_branch && d.cls != TB_THUMB_BRANCH_TAKEN))
            bad++;
        bool has_list = (h & 0xF600) == 0xB400 || (h >> 12) == 0xC;
        if (!has_list && d.regs)
            bad++;
        cond += d.cond_branch;
    }
    TB_CHECK_EQ_INT(bad, 0);
    TB_CHECK_EQ_INT(cond, 14 * 256 + 4 * 256);
    return 0;
}

/* Every 32-bit first halfword, with second halfwords that walk every bit,
 * decodes as 4 bytes into a valid class; conditional branches are exactly
 * B<c> T3: 11110 cond!=111x ... with hw2 = 10x0. */
static int test_all_32bit(void)
{
    int bad = 0;
    for (uint32_t h1 = 0xE800; h1 < 0x10000; h1++) {
        for (int bit = -1; bit < 16; bit++) {
            const uint16_t h2s[2] = {(uint16_t)(bit < 0 ? 0x0000 : 1u << bit),
                                     (uint16_t)(bit < 0 ? 0xFFFF : ~(1u << bit))};
            for (int j = 0; j < 2; j++) {
                uint16_t h2 = h2s[j];
                const uint8_t b[4] = {(uint8_t)h1, (uint8_t)(h1 >> 8), (uint8_t)h2,
                                      (uint8_t)(h2 >> 8)};
                tb_thumb_insn d = {0};
                if (tb_thumb_classify(b, 4, 0x100, &d) != 0 || d.size != 4 ||
                    d.fallthrough != 0x104 || d.cls >= TB_THUMB_CLASS_COUNT)
                    bad++;
                bool is_bcc = (h1 >> 11) == 0x1E && (h2 & 0xD000) == 0x8000 &&
                              ((h1 >> 7) & 7) != 7;
                if (d.cond_branch != is_bcc)
                    bad++;
            }
        }
    }
    TB_CHECK_EQ_INT(bad, 0);
    return 0;
}

int main(void)
{
    TB_RUN(test_class_names);
    TB_RUN(test_encoding_table);
    TB_RUN(test_short_input);
    TB_RUN(test_all_16bit);
    TB_RUN(test_all_32bit);
    return tb_test_summary();
}
