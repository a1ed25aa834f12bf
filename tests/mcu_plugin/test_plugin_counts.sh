#!/bin/sh
# Runs hand-written firmware with known instruction counts under qemu-system-arm
# with the counting plugin and checks every region's counts exactly.
# Usage: test_plugin_counts.sh PLUGIN.so SOURCE_DIR (the tests/mcu_plugin folder)
# Exit status: 0 pass, 1 fail, 77 skipped (no cross compiler or no QEMU).
set -u

plugin=${1:?usage: test_plugin_counts.sh PLUGIN.so SOURCE_DIR}
src=${2:?usage: test_plugin_counts.sh PLUGIN.so SOURCE_DIR}

for tool in arm-none-eabi-gcc arm-none-eabi-nm qemu-system-arm timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool not found"
        exit 77
    fi
done
if [ ! -f "$plugin" ]; then
    echo "FAIL: plugin $plugin not found"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tbcount-test.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

. "$src/../plugin_expect.sh"

# Counter names in the plugin's output order.
COUNTERS="insns alu mul mul_long dsp load store ldm stm branch branch_taken
branch_not_taken div fp mve other loop ldm_regs stm_regs"

# build NAME SEQUENCE_FILE GCC_ARGS...: links startup.s + the sequences into NAME.elf.
build() {
    name=$1
    seq=$2
    shift 2
    if ! arm-none-eabi-gcc -nostdlib -mthumb "$@" -T "$src/link.ld" \
        "$src/startup.s" "$src/$seq" -o "$work/$name.elf" 2>"$work/$name.build.log"; then
        fail "building $name: $(cat "$work/$name.build.log")"
        return 1
    fi
}

symbol() {
    arm-none-eabi-nm "$1" | awk -v s="$2" '$3 == s { print $1 }'
}

# run NAME MACHINE OUT: runs NAME.elf on MACHINE, counts into OUT.
run() {
    elf=$work/$1.elf
    begin=$(symbol "$elf" tb_region_begin)
    end=$(symbol "$elf" tb_region_end)
    timeout 60 qemu-system-arm -M "$2" -nographic -monitor none \
        -semihosting-config enable=on,target=native -kernel "$elf" \
        -plugin "$plugin,begin=0x$begin,end=0x$end,out=$3" >"$3.log" 2>&1
    status=$?
    if [ "$status" -ne 0 ]; then
        fail "$1 on $2: qemu exited with $status: $(tail -n 5 "$3.log")"
        return 1
    fi
    if [ ! -s "$3" ]; then
        fail "$1 on $2: no counts written to $3"
        return 1
    fi
}

# Marker overhead: every region holds its closing call (BL tb_region_end + BX LR,
# branch 2); an enclosing region also holds each nested region's opening call
# (branch 2) and the "glue" instructions between the nested regions.

# --- ARMv7E-M sequences (seq_v7em.s): Cortex-M4 on mps2-an386 ----------------
if build m4 seq_v7em.s -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard &&
    run m4 mps2-an386 "$work/m4.jsonl"; then
    f=$work/m4.jsonl
    expect_lines "$f" 6
    expect "$f" "m4 loop" '"seq":0,' 2 \
        "insns=602 alu=300 dsp=100 load=100 branch=2 branch_taken=99 branch_not_taken=1"
    expect "$f" "m4 ldm/stm" '"seq":1,' 2 \
        "insns=17 alu=3 ldm=4 stm=6 branch=4 ldm_regs=18 stm_regs=23"
    expect "$f" "m4 arithmetic" '"seq":2,' 2 \
        "insns=33 alu=6 mul=3 mul_long=2 dsp=4 load=3 store=3 branch=2 div=2 fp=5 other=3"
    expect "$f" "m4 branches" '"seq":3,' 2 \
        "insns=13 alu=4 branch=5 branch_taken=2 branch_not_taken=2"
    # outer = seq 0..3 + glue (alu 7, 4 opening calls: branch 8) + closing (branch 2)
    expect "$f" "m4 outer" '"seq":4,' 1 \
        "insns=682 alu=320 mul=3 mul_long=2 dsp=104 load=103 store=3 ldm=4 stm=6 branch=23
         branch_taken=101 branch_not_taken=3 div=2 fp=5 other=3 ldm_regs=18 stm_regs=23"
    # total = outer + reset (BL) + prologue (PUSH.W 9 regs, 3 LDR, ORR, STR, DSB,
    # ISB, opening call) + epilogue (POP.W with PC) + exit (LDR, B, MOVS, BKPT)
    expect "$f" "m4 total" '"total":true' - \
        "insns=698 alu=322 mul=3 mul_long=2 dsp=104 load=107 store=4 ldm=4 stm=7 branch=28
         branch_taken=101 branch_not_taken=3 div=2 fp=5 other=6 ldm_regs=18 stm_regs=32"

    # Emulated counts are deterministic: a second run is byte-identical.
    if run m4 mps2-an386 "$work/m4.again.jsonl"; then
        cmp -s "$f" "$work/m4.again.jsonl" || fail "m4: two runs gave different counts"
    fi
    # The same instructions on the Cortex-M7 (FPv5) count the same.
    if run m4 mps2-an500 "$work/m4.an500.jsonl"; then
        cmp -s "$f" "$work/m4.an500.jsonl" || fail "m4 on mps2-an500 differs from mps2-an386"
    fi
fi

# --- the same sequences on Cortex-M33 (ARMv8-M Mainline + DSP + FPU), mps2-an505
if build m33 seq_v7em.s -mcpu=cortex-m33 -mfloat-abi=hard \
    -Wl,--defsym=CODE_BASE=0x10000000,--defsym=RAM_BASE=0x38000000 &&
    run m33 mps2-an505 "$work/m33.jsonl" && [ -s "$work/m4.jsonl" ]; then
    cmp -s "$work/m4.jsonl" "$work/m33.jsonl" || fail "m33 on mps2-an505 differs from m4"
fi

# --- ARMv6-M sequences (seq_v6m.s): Cortex-M0 on microbit -------------------
if build m0 seq_v6m.s -mcpu=cortex-m0 && run m0 microbit "$work/m0.jsonl"; then
    f=$work/m0.jsonl
    expect_lines "$f" 5
    expect "$f" "m0 loop" '"seq":0,' 2 \
        "insns=602 alu=400 load=100 branch=2 branch_taken=99 branch_not_taken=1"
    expect "$f" "m0 ldm/stm" '"seq":1,' 2 \
        "insns=14 alu=4 mul=1 ldm=2 stm=3 branch=4 ldm_regs=7 stm_regs=10"
    expect "$f" "m0 branches" '"seq":2,' 2 \
        "insns=9 alu=3 branch=4 branch_taken=1 branch_not_taken=1"
    # outer = seq 0..2 + glue (alu 4, 3 opening calls: branch 6) + closing (branch 2)
    expect "$f" "m0 outer" '"seq":3,' 1 \
        "insns=637 alu=411 mul=1 load=100 ldm=2 stm=3 branch=18 branch_taken=100
         branch_not_taken=2 ldm_regs=7 stm_regs=10"
    # total = outer + reset (BL) + prologue (PUSH 5 regs, LDR, opening call)
    # + epilogue (POP with PC) + exit (LDR, B, MOVS, BKPT)
    expect "$f" "m0 total" '"total":true' - \
        "insns=647 alu=412 mul=1 load=102 ldm=2 stm=4 branch=23 branch_taken=100
         branch_not_taken=2 other=1 ldm_regs=7 stm_regs=15"
    # ARMv6-M code runs unchanged on the Cortex-M3 (ARMv7-M).
    if run m0 mps2-an385 "$work/m0.an385.jsonl"; then
        cmp -s "$f" "$work/m0.an385.jsonl" || fail "m0 on mps2-an385 differs from microbit"
    fi
fi

# --- ARMv8.1-M sequences (seq_v81m.s): Cortex-M55 with MVE on mps3-an547 ----
if build m55 seq_v81m.s -mcpu=cortex-m55 -mfloat-abi=hard && run m55 mps3-an547 "$work/m55.jsonl"; then
    f=$work/m55.jsonl
    expect_lines "$f" 4
    expect "$f" "m55 mve/lob" '"seq":0,' 2 "insns=30 alu=1 branch=2 loop=5 mve=22"
    expect "$f" "m55 loop" '"seq":1,' 2 \
        "insns=32 alu=10 fp=10 branch=2 branch_taken=9 branch_not_taken=1"
    # outer = seq 0..1 + glue (alu 2, 2 opening calls: branch 4) + closing (branch 2)
    expect "$f" "m55 outer" '"seq":2,' 1 \
        "insns=70 alu=13 branch=10 loop=5 branch_taken=9 branch_not_taken=1 fp=10 mve=22"
    # total = outer + reset (BL) + prologue (PUSH 5 regs, 3 LDR, ORR, STR, DSB, ISB,
    # opening call) + epilogue (POP with PC) + exit (LDR, B, MOVS, BKPT)
    expect "$f" "m55 total" '"total":true' - \
        "insns=86 alu=15 load=4 store=1 stm=1 branch=15 loop=5 branch_taken=9 branch_not_taken=1
         fp=10 mve=22 other=3 stm_regs=5"
fi

# --- arguments --------------------------------------------------------------
# An unknown argument fails plugin installation, so QEMU does not start.
if [ -f "$work/m0.elf" ]; then
    if timeout 60 qemu-system-arm -M microbit -nographic -monitor none \
        -semihosting-config enable=on,target=native -kernel "$work/m0.elf" \
        -plugin "$plugin,bogus=1" >"$work/bogus.log" 2>&1; then
        fail "an unknown plugin argument was accepted"
    fi
    grep -q "unknown argument 'bogus=1'" "$work/bogus.log" ||
        fail "no clear error for an unknown argument: $(cat "$work/bogus.log")"

    # Without out= the counts go to stderr; without markers there is only the total.
    timeout 60 qemu-system-arm -M microbit -nographic -monitor none \
        -semihosting-config enable=on,target=native -kernel "$work/m0.elf" \
        -plugin "$plugin" >/dev/null 2>"$work/stderr.jsonl" ||
        fail "run without arguments failed: $(cat "$work/stderr.jsonl")"
    grep '^{' "$work/stderr.jsonl" >"$work/stderr.only.jsonl"
    expect_lines "$work/stderr.only.jsonl" 1
    expect "$work/stderr.only.jsonl" "m0 total on stderr" '"total":true' - \
        "insns=647 alu=412 mul=1 load=102 ldm=2 stm=4 branch=23 branch_taken=100
         branch_not_taken=2 other=1 ldm_regs=7 stm_regs=15"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all plugin count checks passed"
exit 0
