#!/bin/sh
# Runs a hand-written static A64 program with known instruction counts under
# qemu-aarch64 with the counting plugin and checks every region's counts
# exactly, that counts repeat across runs and CPU models, and that marker
# addresses are taken as 64-bit addresses.
# Usage: test_plugin_counts_a64.sh PLUGIN.so SOURCE_DIR (the tests/edge_plugin folder)
# Exit status: 0 pass, 1 fail, 77 skipped (no cross toolchain or no qemu-aarch64).
set -u

plugin=${1:?usage: test_plugin_counts_a64.sh PLUGIN.so SOURCE_DIR}
src=${2:?usage: test_plugin_counts_a64.sh PLUGIN.so SOURCE_DIR}

for tool in aarch64-linux-gnu-as aarch64-linux-gnu-ld aarch64-linux-gnu-nm qemu-aarch64 timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool not found (scripts/setup.sh installs it)"
        exit 77
    fi
done
if [ ! -f "$plugin" ]; then
    echo "FAIL: plugin $plugin not found"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tbcount-a64.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

. "$src/../plugin_expect.sh"

# Counter names in the plugin's output order for A64.
COUNTERS="insns alu mul div load store load_pair store_pair branch branch_taken
branch_not_taken fp simd_alu simd_mul simd_load simd_store other"

elf=$work/seq.elf
if ! aarch64-linux-gnu-as "$src/seq_a64.s" -o "$work/seq.o" 2>"$work/build.log" ||
    ! aarch64-linux-gnu-ld -static "$work/seq.o" -o "$elf" 2>>"$work/build.log"; then
    echo "FAIL: building seq_a64.s: $(cat "$work/build.log")"
    exit 1
fi
symbol() {
    aarch64-linux-gnu-nm "$elf" | awk -v s="$1" '$3 == s { print $1 }'
}
begin=$(symbol tb_region_begin)
end=$(symbol tb_region_end)

# run CPU OUT [PLUGIN_ARGS]: runs the program, counts into OUT.
run() {
    timeout 60 qemu-aarch64 -cpu "$1" -plugin "$plugin,${3:-begin=0x$begin,end=0x$end,out=$2}" \
        "$elf" >"$2.log" 2>&1
    status=$?
    [ "$status" -eq 0 ] || { fail "on $1: qemu-aarch64 exited with $status: $(tail -n 5 "$2.log")"; return 1; }
    [ -s "$2" ] || { fail "on $1: no counts written to $2"; return 1; }
}

f=$work/a76.jsonl
if run cortex-a76 "$f"; then
    expect_lines "$f" 4
    expect "$f" "loop" '"seq":0,' 2 \
        "insns=602 alu=300 mul=100 load=100 branch=2 branch_taken=99 branch_not_taken=1"
    expect "$f" "classes" '"seq":1,' 2 \
        "insns=30 div=2 mul=1 load_pair=1 store_pair=1 load=1 store=2 simd_load=2 simd_store=2
         fp=3 simd_alu=3 simd_mul=3 other=3 branch_taken=2 branch_not_taken=1 branch=3"
    # outer = seq 0..1 + glue (alu 3, 2 opening calls: branch 4) + closing (branch 2)
    expect "$f" "outer" '"seq":2,' 1 \
        "insns=641 alu=303 mul=101 div=2 load=101 store=2 load_pair=1 store_pair=1 branch=11
         branch_taken=101 branch_not_taken=2 fp=3 simd_alu=3 simd_mul=3 simd_load=2
         simd_store=2 other=3"
    # total = outer + 2 ALU and the opening call before it + 2 ALU and SVC after
    expect "$f" "total" '"total":true' - \
        "insns=648 alu=307 mul=101 div=2 load=101 store=2 load_pair=1 store_pair=1 branch=13
         branch_taken=101 branch_not_taken=2 fp=3 simd_alu=3 simd_mul=3 simd_load=2
         simd_store=2 other=4"
    # Deterministic, and the class of an instruction does not depend on the CPU model.
    if run cortex-a76 "$work/again.jsonl"; then
        cmp -s "$f" "$work/again.jsonl" || fail "two runs gave different counts"
    fi
    if run max "$work/max.jsonl"; then
        cmp -s "$f" "$work/max.jsonl" || fail "-cpu max gave different counts from cortex-a76"
    fi
fi

# A 64-bit marker address is accepted as it is (no Thumb bit is cleared).
if run cortex-a76 "$work/hi.jsonl" "begin=0xffff000000000001,end=0xffff000000000002,out=$work/hi.jsonl"; then
    expect_lines "$work/hi.jsonl" 1
fi
# An unknown argument fails plugin installation, so QEMU does not start.
if timeout 60 qemu-aarch64 -cpu cortex-a76 -plugin "$plugin,bogus=1" "$elf" >"$work/bogus.log" 2>&1; then
    fail "an unknown plugin argument was accepted"
fi
grep -q "unknown argument 'bogus=1'" "$work/bogus.log" ||
    fail "no clear error for an unknown argument: $(cat "$work/bogus.log")"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all A64 plugin count checks passed"
exit 0
