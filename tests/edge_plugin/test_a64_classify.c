/* Unit test of the A64 classifier (targets/mcu/plugin/a64_classify.c): a
 * literal table of encodings for every class, assembled by
 * aarch64-linux-gnu-as (-march armv8.2-a+crypto+dotprod+rdma+lse+crc) and
 * read back with objdump, plus properties over the whole 32-bit space. */
#include "a64_classify.h"
#include "tb_test.h"

typedef struct {
    uint32_t word;
    tb_a64_class cls;
    bool cond;
    const char *text; /* the assembler source, for failure messages */
} enc_case;

/* Expected classes follow the mnemonic, not the decoder. */
static const enc_case cases[] = {
    {0x91001020, TB_A64_ALU, 0, "add x0, x1, #4"},
    {0x313FFC20, TB_A64_ALU, 0, "adds w0, w1, #4095"},
    {0xCB020C20, TB_A64_ALU, 0, "sub x0, x1, x2, lsl #3"},
    {0x92401C20, TB_A64_ALU, 0, "and x0, x1, #0xff"},
    {0x2A020020, TB_A64_ALU, 0, "orr w0, w1, w2"},
    {0xCAC21420, TB_A64_ALU, 0, "eor x0, x1, x2, ror #5"},
    {0xD2824680, TB_A64_ALU, 0, "mov x0, #0x1234"},
    {0xF2A24680, TB_A64_ALU, 0, "movk x0, #0x1234, lsl #16"},
    {0x10000000, TB_A64_ALU, 0, "adr x0, ."},
    {0x90000000, TB_A64_ALU, 0, "adrp x0, ."},
    {0xD3442C20, TB_A64_ALU, 0, "ubfx x0, x1, #4, #8"},
    {0x13001C20, TB_A64_ALU, 0, "sxtb w0, w1"},
    {0x93407C20, TB_A64_ALU, 0, "sxtw x0, w1"},
    {0x8B22C820, TB_A64_ALU, 0, "add x0, x1, w2, sxtw #2"},
    {0x9A820020, TB_A64_ALU, 0, "csel x0, x1, x2, eq"},
    {0x1A821420, TB_A64_ALU, 0, "csinc w0, w1, w2, ne"},
    {0xFA43A800, TB_A64_ALU, 0, "ccmp x0, #3, #0, ge"},
    {0x6B01001F, TB_A64_ALU, 0, "cmp w0, w1"},
    {0x9A020020, TB_A64_ALU, 0, "adc x0, x1, x2"},
    {0x9AC22020, TB_A64_ALU, 0, "lsl x0, x1, x2"},
    {0x13037C20, TB_A64_ALU, 0, "asr w0, w1, #3"},
    {0xDAC01020, TB_A64_ALU, 0, "clz x0, x1"},
    {0x5AC00820, TB_A64_ALU, 0, "rev w0, w1"},
    {0xDAC00020, TB_A64_ALU, 0, "rbit x0, x1"},
    {0x93C21C20, TB_A64_ALU, 0, "extr x0, x1, x2, #7"},
    {0x1AC24020, TB_A64_ALU, 0, "crc32b w0, w1, w2"},
    {0x9B027C20, TB_A64_MUL, 0, "mul x0, x1, x2"},
    {0x1B020C20, TB_A64_MUL, 0, "madd w0, w1, w2, w3"},
    {0x9B028C20, TB_A64_MUL, 0, "msub x0, x1, x2, x3"},
    {0x9B227C20, TB_A64_MUL, 0, "smull x0, w1, w2"},
    {0x9BA20C20, TB_A64_MUL, 0, "umaddl x0, w1, w2, x3"},
    {0x9B427C20, TB_A64_MUL, 0, "smulh x0, x1, x2"},
    {0x9BC27C20, TB_A64_MUL, 0, "umulh x0, x1, x2"},
    {0x9AC20C20, TB_A64_DIV, 0, "sdiv x0, x1, x2"},
    {0x1AC20820, TB_A64_DIV, 0, "udiv w0, w1, w2"},
    {0xF9400020, TB_A64_LOAD, 0, "ldr x0, [x1]"},
    {0xB94FFC20, TB_A64_LOAD, 0, "ldr w0, [x1, #4092]"},
    {0x38626820, TB_A64_LOAD, 0, "ldrb w0, [x1, x2]"},
    {0x38801C20, TB_A64_LOAD, 0, "ldrsb x0, [x1, #1]!"},
    {0x78402420, TB_A64_LOAD, 0, "ldrh w0, [x1], #2"},
    {0x78E2D820, TB_A64_LOAD, 0, "ldrsh w0, [x1, w2, sxtw #1]"},
    {0xB9800820, TB_A64_LOAD, 0, "ldrsw x0, [x1, #8]"},
    {0xF85F8020, TB_A64_LOAD, 0, "ldur x0, [x1, #-8]"},
    {0x58000000, TB_A64_LOAD, 0, "ldr x0, ."},
    {0x98000000, TB_A64_LOAD, 0, "ldrsw x0, ."},
    {0xC8DFFC20, TB_A64_LOAD, 0, "ldar x0, [x1]"},
    {0x885FFC20, TB_A64_LOAD, 0, "ldaxr w0, [x1]"},
    {0xC85F7C20, TB_A64_LOAD, 0, "ldxr x0, [x1]"},
    {0xB8200041, TB_A64_LOAD, 0, "ldadd w0, w1, [x2]"},
    {0xF8208041, TB_A64_LOAD, 0, "swp x0, x1, [x2]"},
    {0x88A07C41, TB_A64_LOAD, 0, "cas w0, w1, [x2]"},
    {0xF9000020, TB_A64_STORE, 0, "str x0, [x1]"},
    {0x39000420, TB_A64_STORE, 0, "strb w0, [x1, #1]"},
    {0x78227820, TB_A64_STORE, 0, "strh w0, [x1, x2, lsl #1]"},
    {0xB81FCC20, TB_A64_STORE, 0, "str w0, [x1, #-4]!"},
    {0xF81FD020, TB_A64_STORE, 0, "stur x0, [x1, #-3]"},
    {0xC89FFC20, TB_A64_STORE, 0, "stlr x0, [x1]"},
    {0xC8037C20, TB_A64_STORE, 0, "stxr w3, x0, [x1]"},
    {0x8803FC20, TB_A64_STORE, 0, "stlxr w3, w0, [x1]"},
    {0xA9400440, TB_A64_LOAD_PAIR, 0, "ldp x0, x1, [x2]"},
    {0x29C10440, TB_A64_LOAD_PAIR, 0, "ldp w0, w1, [x2, #8]!"},
    {0xA8C17BFD, TB_A64_LOAD_PAIR, 0, "ldp x29, x30, [sp], #16"},
    {0x69400440, TB_A64_LOAD_PAIR, 0, "ldpsw x0, x1, [x2]"},
    {0xA8400440, TB_A64_LOAD_PAIR, 0, "ldnp x0, x1, [x2]"},
    {0xC87F0440, TB_A64_LOAD_PAIR, 0, "ldxp x0, x1, [x2]"},
    {0x887F8440, TB_A64_LOAD_PAIR, 0, "ldaxp w0, w1, [x2]"},
    {0xA9BF7BFD, TB_A64_STORE_PAIR, 0, "stp x29, x30, [sp, #-16]!"},
    {0x29000440, TB_A64_STORE_PAIR, 0, "stp w0, w1, [x2]"},
    {0xA8000440, TB_A64_STORE_PAIR, 0, "stnp x0, x1, [x2]"},
    {0xC8240440, TB_A64_STORE_PAIR, 0, "stxp w4, x0, x1, [x2]"},
    {0x14000002, TB_A64_BRANCH, 0, "b .+8"},
    {0x94000002, TB_A64_BRANCH, 0, "bl .+8"},
    {0xD61F0020, TB_A64_BRANCH, 0, "br x1"},
    {0xD63F0040, TB_A64_BRANCH, 0, "blr x2"},
    {0xD65F03C0, TB_A64_BRANCH, 0, "ret"},
    {0x54000040, TB_A64_BRANCH_TAKEN, 1, "b.eq .+8"},
    {0x54FFFFC1, TB_A64_BRANCH_TAKEN, 1, "b.ne .-8"},
    {0x5400200B, TB_A64_BRANCH_TAKEN, 1, "b.lt .+1024"},
    {0xB4000040, TB_A64_BRANCH_TAKEN, 1, "cbz x0, .+8"},
    {0x35FFFFE0, TB_A64_BRANCH_TAKEN, 1, "cbnz w0, .-4"},
    {0x36180040, TB_A64_BRANCH_TAKEN, 1, "tbz x0, #3, .+8"},
    {0x37F80040, TB_A64_BRANCH_TAKEN, 1, "tbnz w0, #31, .+8"},
    {0x1E222820, TB_A64_FP, 0, "fadd s0, s1, s2"},
    {0x1E620820, TB_A64_FP, 0, "fmul d0, d1, d2"},
    {0x1F020C20, TB_A64_FP, 0, "fmadd s0, s1, s2, s3"},
    {0x1E621820, TB_A64_FP, 0, "fdiv d0, d1, d2"},
    {0x1E21C020, TB_A64_FP, 0, "fsqrt s0, s1"},
    {0x1E212000, TB_A64_FP, 0, "fcmp s0, s1"},
    {0x1E620C20, TB_A64_FP, 0, "fcsel d0, d1, d2, eq"},
    {0x1E270020, TB_A64_FP, 0, "fmov s0, w1"},
    {0x9E660020, TB_A64_FP, 0, "fmov x0, d1"},
    {0x1E6E1000, TB_A64_FP, 0, "fmov d0, #1.0"},
    {0x1E22C020, TB_A64_FP, 0, "fcvt d0, s1"},
    {0x1E380020, TB_A64_FP, 0, "fcvtzs w0, s1"},
    {0x9E58F020, TB_A64_FP, 0, "fcvtzs x0, d1, #4"},
    {0x1E220020, TB_A64_FP, 0, "scvtf s0, w1"},
    {0x9E630020, TB_A64_FP, 0, "ucvtf d0, x1"},
    {0x1E20C020, TB_A64_FP, 0, "fabs s0, s1"},
    {0x1E644020, TB_A64_FP, 0, "frintn d0, d1"},
    {0x4E228420, TB_A64_SIMD_ALU, 0, "add v0.16b, v1.16b, v2.16b"},
    {0x6EA28420, TB_A64_SIMD_ALU, 0, "sub v0.4s, v1.4s, v2.4s"},
    {0x4E221C20, TB_A64_SIMD_ALU, 0, "and v0.16b, v1.16b, v2.16b"},
    {0x4EA21C20, TB_A64_SIMD_ALU, 0, "orr v0.16b, v1.16b, v2.16b"},
    {0x4E623420, TB_A64_SIMD_ALU, 0, "cmgt v0.8h, v1.8h, v2.8h"},
    {0x4EA26420, TB_A64_SIMD_ALU, 0, "smax v0.4s, v1.4s, v2.4s"},
    {0x4E620C20, TB_A64_SIMD_ALU, 0, "sqadd v0.8h, v1.8h, v2.8h"},
    {0x4EA25420, TB_A64_SIMD_ALU, 0, "srshl v0.4s, v1.4s, v2.4s"},
    {0x0E220020, TB_A64_SIMD_ALU, 0, "saddl v0.8h, v1.8b, v2.8b"},
    {0x0E621020, TB_A64_SIMD_ALU, 0, "saddw v0.4s, v1.4s, v2.4h"},
    {0x0E227020, TB_A64_SIMD_ALU, 0, "sabdl v0.8h, v1.8b, v2.8b"},
    {0x4EA2BC20, TB_A64_SIMD_ALU, 0, "addp v0.4s, v1.4s, v2.4s"},
    {0x4EB1B820, TB_A64_SIMD_ALU, 0, "addv s0, v1.4s"},
    {0x4E303820, TB_A64_SIMD_ALU, 0, "saddlv h0, v1.16b"},
    {0x0F08A420, TB_A64_SIMD_ALU, 0, "sxtl v0.8h, v1.8b"},
    {0x4F12A420, TB_A64_SIMD_ALU, 0, "sshll2 v0.4s, v1.8h, #2"},
    {0x0E214820, TB_A64_SIMD_ALU, 0, "sqxtn v0.8b, v1.8h"},
    {0x0F199C20, TB_A64_SIMD_ALU, 0, "sqrshrn v0.4h, v1.4s, #7"},
    {0x6F3D0420, TB_A64_SIMD_ALU, 0, "ushr v0.4s, v1.4s, #3"},
    {0x4F00E4E0, TB_A64_SIMD_ALU, 0, "movi v0.16b, #7"},
    {0x6F00E400, TB_A64_SIMD_ALU, 0, "movi v0.2d, #0"},
    {0x4E040C20, TB_A64_SIMD_ALU, 0, "dup v0.4s, w1"},
    {0x4E140420, TB_A64_SIMD_ALU, 0, "dup v0.4s, v1.s[2]"},
    {0x4E0C1C20, TB_A64_SIMD_ALU, 0, "ins v0.s[1], w1"},
    {0x0E0C3C20, TB_A64_SIMD_ALU, 0, "umov w0, v1.s[1]"},
    {0x4E0E2C20, TB_A64_SIMD_ALU, 0, "smov x0, v1.h[3]"},
    {0x4EA11C20, TB_A64_SIMD_ALU, 0, "mov v0.16b, v1.16b"},
    {0x6E021820, TB_A64_SIMD_ALU, 0, "ext v0.16b, v1.16b, v2.16b, #3"},
    {0x4E423820, TB_A64_SIMD_ALU, 0, "zip1 v0.8h, v1.8h, v2.8h"},
    {0x4E020020, TB_A64_SIMD_ALU, 0, "tbl v0.16b, {v1.16b}, v2.16b"},
    {0x4EA0B820, TB_A64_SIMD_ALU, 0, "abs v0.4s, v1.4s"},
    {0x6E60B820, TB_A64_SIMD_ALU, 0, "neg v0.8h, v1.8h"},
    {0x0E205820, TB_A64_SIMD_ALU, 0, "cnt v0.8b, v1.8b"},
    {0x4E22D420, TB_A64_SIMD_ALU, 0, "fadd v0.4s, v1.4s, v2.4s"},
    {0x4E62C420, TB_A64_SIMD_ALU, 0, "fmaxnm v0.2d, v1.2d, v2.2d"},
    {0x4E21D820, TB_A64_SIMD_ALU, 0, "scvtf v0.4s, v1.4s"},
    {0x4EA1B820, TB_A64_SIMD_ALU, 0, "fcvtzs v0.4s, v1.4s"},
    {0x5EF1B820, TB_A64_SIMD_ALU, 0, "addp d0, v1.2d"},
    {0x5EA20C20, TB_A64_SIMD_ALU, 0, "sqadd s0, s1, s2"},
    {0x5EE09820, TB_A64_SIMD_ALU, 0, "cmeq d0, d1, #0"},
    {0x5F7D0420, TB_A64_SIMD_ALU, 0, "sshr d0, d1, #3"},
    {0x5E140420, TB_A64_SIMD_ALU, 0, "mov s0, v1.s[2]"},
    {0x5E614820, TB_A64_SIMD_ALU, 0, "sqxtn h0, s1"},
    {0x4E284820, TB_A64_SIMD_ALU, 0, "aese v0.16b, v1.16b"},
    {0x5E024020, TB_A64_SIMD_ALU, 0, "sha256h q0, q1, v2.4s"},
    {0x5E281820, TB_A64_SIMD_ALU, 0, "sha1su1 v0.4s, v1.4s"},
    {0x4EA29C20, TB_A64_SIMD_MUL, 0, "mul v0.4s, v1.4s, v2.4s"},
    {0x4E629420, TB_A64_SIMD_MUL, 0, "mla v0.8h, v1.8h, v2.8h"},
    {0x6E229420, TB_A64_SIMD_MUL, 0, "mls v0.16b, v1.16b, v2.16b"},
    {0x6E229C20, TB_A64_SIMD_MUL, 0, "pmul v0.16b, v1.16b, v2.16b"},
    {0x4EA2B420, TB_A64_SIMD_MUL, 0, "sqdmulh v0.4s, v1.4s, v2.4s"},
    {0x6E62B420, TB_A64_SIMD_MUL, 0, "sqrdmulh v0.8h, v1.8h, v2.8h"},
    {0x0E22C020, TB_A64_SIMD_MUL, 0, "smull v0.8h, v1.8b, v2.8b"},
    {0x4E62C020, TB_A64_SIMD_MUL, 0, "smull2 v0.4s, v1.8h, v2.8h"},
    {0x2E228020, TB_A64_SIMD_MUL, 0, "umlal v0.8h, v1.8b, v2.8b"},
    {0x0E62A020, TB_A64_SIMD_MUL, 0, "smlsl v0.4s, v1.4h, v2.4h"},
    {0x0E62D020, TB_A64_SIMD_MUL, 0, "sqdmull v0.4s, v1.4h, v2.4h"},
    {0x0E22E020, TB_A64_SIMD_MUL, 0, "pmull v0.8h, v1.8b, v2.8b"},
    {0x6E22DC20, TB_A64_SIMD_MUL, 0, "fmul v0.4s, v1.4s, v2.4s"},
    {0x4E62CC20, TB_A64_SIMD_MUL, 0, "fmla v0.2d, v1.2d, v2.2d"},
    {0x4EA2CC20, TB_A64_SIMD_MUL, 0, "fmls v0.4s, v1.4s, v2.4s"},
    {0x4E22DC20, TB_A64_SIMD_MUL, 0, "fmulx v0.4s, v1.4s, v2.4s"},
    {0x4FA28020, TB_A64_SIMD_MUL, 0, "mul v0.4s, v1.4s, v2.s[1]"},
    {0x6F720020, TB_A64_SIMD_MUL, 0, "mla v0.8h, v1.8h, v2.h[3]"},
    {0x0F52A020, TB_A64_SIMD_MUL, 0, "smull v0.4s, v1.4h, v2.h[1]"},
    {0x4F82D020, TB_A64_SIMD_MUL, 0, "sqrdmulh v0.4s, v1.4s, v2.s[0]"},
    {0x4FA21820, TB_A64_SIMD_MUL, 0, "fmla v0.4s, v1.4s, v2.s[3]"},
    {0x4E829420, TB_A64_SIMD_MUL, 0, "sdot v0.4s, v1.16b, v2.16b"},
    {0x2E829420, TB_A64_SIMD_MUL, 0, "udot v0.2s, v1.8b, v2.8b"},
    {0x4FA2E020, TB_A64_SIMD_MUL, 0, "sdot v0.4s, v1.16b, v2.4b[1]"},
    {0x6E828420, TB_A64_SIMD_MUL, 0, "sqrdmlah v0.4s, v1.4s, v2.4s"},
    {0x5EA2B420, TB_A64_SIMD_MUL, 0, "sqdmulh s0, s1, s2"},
    {0x7E62B420, TB_A64_SIMD_MUL, 0, "sqrdmulh h0, h1, h2"},
    {0x5E22DC20, TB_A64_SIMD_MUL, 0, "fmulx s0, s1, s2"},
    {0x5E629020, TB_A64_SIMD_MUL, 0, "sqdmlal s0, h1, h2"},
    {0x5FA29020, TB_A64_SIMD_MUL, 0, "fmul s0, s1, v2.s[1]"},
    {0x5FA2C020, TB_A64_SIMD_MUL, 0, "sqdmulh s0, s1, v2.s[1]"},
    {0x3DC00020, TB_A64_SIMD_LOAD, 0, "ldr q0, [x1]"},
    {0xFD400420, TB_A64_SIMD_LOAD, 0, "ldr d0, [x1, #8]"},
    {0xBC627820, TB_A64_SIMD_LOAD, 0, "ldr s0, [x1, x2, lsl #2]"},
    {0x3C401420, TB_A64_SIMD_LOAD, 0, "ldr b0, [x1], #1"},
    {0x3CDF0020, TB_A64_SIMD_LOAD, 0, "ldur q0, [x1, #-16]"},
    {0x9C000000, TB_A64_SIMD_LOAD, 0, "ldr q0, ."},
    {0xAD400440, TB_A64_SIMD_LOAD, 0, "ldp q0, q1, [x2]"},
    {0x6DC10440, TB_A64_SIMD_LOAD, 0, "ldp d0, d1, [x2, #16]!"},
    {0x4C407020, TB_A64_SIMD_LOAD, 0, "ld1 {v0.16b}, [x1]"},
    {0x4CDF2020, TB_A64_SIMD_LOAD, 0, "ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], #64"},
    {0x4C408420, TB_A64_SIMD_LOAD, 0, "ld2 {v0.8h, v1.8h}, [x1]"},
    {0x4CC20820, TB_A64_SIMD_LOAD, 0, "ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [x1], x2"},
    {0x0D409020, TB_A64_SIMD_LOAD, 0, "ld1 {v0.s}[1], [x1]"},
    {0x4D40C820, TB_A64_SIMD_LOAD, 0, "ld1r {v0.4s}, [x1]"},
    {0x3D800020, TB_A64_SIMD_STORE, 0, "str q0, [x1]"},
    {0xFC1F8C20, TB_A64_SIMD_STORE, 0, "str d0, [x1, #-8]!"},
    {0xBC003020, TB_A64_SIMD_STORE, 0, "stur s0, [x1, #3]"},
    {0x7C226820, TB_A64_SIMD_STORE, 0, "str h0, [x1, x2]"},
    {0xAD010440, TB_A64_SIMD_STORE, 0, "stp q0, q1, [x2, #32]"},
    {0x6C000440, TB_A64_SIMD_STORE, 0, "stnp d0, d1, [x2]"},
    {0x4C9F7020, TB_A64_SIMD_STORE, 0, "st1 {v0.16b}, [x1], #16"},
    {0x4C00A820, TB_A64_SIMD_STORE, 0, "st1 {v0.4s, v1.4s}, [x1]"},
    {0x0C004020, TB_A64_SIMD_STORE, 0, "st3 {v0.8b, v1.8b, v2.8b}, [x1]"},
    {0x0D000C20, TB_A64_SIMD_STORE, 0, "st1 {v0.b}[3], [x1]"},
    {0xD503201F, TB_A64_OTHER, 0, "nop"},
    {0xD503203F, TB_A64_OTHER, 0, "yield"},
    {0xD5033BBF, TB_A64_OTHER, 0, "dmb ish"},
    {0xD5033F9F, TB_A64_OTHER, 0, "dsb sy"},
    {0xD5033FDF, TB_A64_OTHER, 0, "isb"},
    {0xD53BD040, TB_A64_OTHER, 0, "mrs x0, tpidr_el0"},
    {0xD51BD040, TB_A64_OTHER, 0, "msr tpidr_el0, x0"},
    {0xD53BE040, TB_A64_OTHER, 0, "mrs x0, cntvct_el0"},
    {0xD4000001, TB_A64_OTHER, 0, "svc #0"},
    {0xD4200020, TB_A64_OTHER, 0, "brk #1"},
    {0xD503245F, TB_A64_OTHER, 0, "hint #34"},
    {0xF9800020, TB_A64_OTHER, 0, "prfm pldl1keep, [x1]"},
    {0xF8A26820, TB_A64_OTHER, 0, "prfm pldl1keep, [x1, x2]"},
    {0xF89FF020, TB_A64_OTHER, 0, "prfum pldl1keep, [x1, #-1]"},
    {0xD8000000, TB_A64_OTHER, 0, "prfm pldl1keep, ."},
    {0x00000000, TB_A64_OTHER, 0, "udf #0"},
};

static int test_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const enc_case *c = &cases[i];
        const uint8_t b[4] = {(uint8_t)c->word, (uint8_t)(c->word >> 8),
                              (uint8_t)(c->word >> 16), (uint8_t)(c->word >> 24)};
        tb_a64_insn d;
        TB_CHECK_EQ_INT(tb_a64_classify(b, 4, 0x400000 + 4 * i, &d), 0);
        if (d.cls != c->cls || d.cond_branch != c->cond)
            fprintf(stderr, "  %08x %-40s got %s%s, expected %s%s\n", (unsigned)c->word,
                    c->text, tb_a64_class_names[d.cls], d.cond_branch ? " (cond)" : "",
                    tb_a64_class_names[c->cls], c->cond ? " (cond)" : "");
        TB_CHECK_EQ_INT(d.cls, c->cls);
        TB_CHECK_EQ_INT(d.cond_branch, c->cond);
        TB_CHECK(d.fallthrough == 0x400000 + 4 * i + 4);
    }
    return 0;
}

/* Every class is exercised by the table. */
static int test_table_covers_every_class(void)
{
    for (int k = 0; k < TB_A64_CLASS_COUNT; k++) {
        int seen = 0;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            seen |= cases[i].cls == (tb_a64_class)k;
        if (!seen && k != TB_A64_BRANCH_NOT_TAKEN)
            fprintf(stderr, "  no case for %s\n", tb_a64_class_names[k]);
        TB_CHECK(seen || k == TB_A64_BRANCH_NOT_TAKEN);
    }
    return 0;
}

/* Every word decodes to a class in range; only taken-branch reports are
 * conditional; short input is refused and leaves out untouched; 64-bit
 * addresses carry through. A stride of 65521 (prime) walks all top bits. */
static int test_properties(void)
{
    uint8_t b[4];
    tb_a64_insn d, untouched = {TB_A64_MUL, true, 7};
    for (uint64_t w = 0; w <= 0xFFFFFFFFu; w += 65521) {
        for (int k = 0; k < 4; k++)
            b[k] = (uint8_t)(w >> (8 * k));
        TB_CHECK_EQ_INT(tb_a64_classify(b, 4, 0xFFFF000012345678ull, &d), 0);
        TB_CHECK(d.cls >= 0 && d.cls < TB_A64_CLASS_COUNT && d.cls != TB_A64_BRANCH_NOT_TAKEN);
        TB_CHECK(!d.cond_branch || d.cls == TB_A64_BRANCH_TAKEN);
        TB_CHECK(d.fallthrough == 0xFFFF00001234567Cull);
    }
    d = untouched;
    TB_CHECK_EQ_INT(tb_a64_classify(b, 3, 0, &d), -1);
    TB_CHECK(d.cls == TB_A64_MUL && d.cond_branch && d.fallthrough == 7);
    TB_CHECK_EQ_INT(tb_a64_classify(b, 0, 0, &d), -1);
    return 0;
}

int main(void)
{
    TB_RUN(test_table);
    TB_RUN(test_table_covers_every_class);
    TB_RUN(test_properties);
    return tb_test_summary();
}
