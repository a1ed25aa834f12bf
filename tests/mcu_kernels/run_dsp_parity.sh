#!/bin/sh
# Builds the DSP-kernel parity firmware (test_dsp_parity.c beside this
# script) for every Cortex-M core with the DSP extension and runs each on
# its QEMU board: the kernels in kernels/arm_dsp must give the reference
# kernels' bytes on all of them, and compile warning-free for each.
# Usage: run_dsp_parity.sh SOURCE_DIR (the repository root)
# Exit status: 0 all passed, 1 any mismatch, build error, fault or timeout,
# 77 skipped (no cross compiler or no QEMU).
set -u

src=${1:?usage: run_dsp_parity.sh SOURCE_DIR}

for tool in arm-none-eabi-gcc qemu-system-arm timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool not found"
        exit 77
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tb-dsp-parity.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

fw=$src/targets/mcu/firmware
failures=0

# core, QEMU machine, linker script (targets/mcu/firmware/link/*.ld)
for target in "cortex-m4 mps2-an386 mps2" "cortex-m7 mps2-an500 mps2" \
    "cortex-m33 mps2-an505 mps2-an505" "cortex-m55 mps3-an547 mps3-an547"; do
    set -- $target
    core=$1 machine=$2 ldscript=$3
    elf=$work/$core.elf
    if ! arm-none-eabi-gcc -std=c11 -O2 -mthumb -mcpu="$core" -mfloat-abi=soft \
        -ffunction-sections -fdata-sections -Wall -Wextra -Werror \
        -nostartfiles -nostdlib -Wl,--gc-sections \
        -I"$src/kernels" -I"$fw" -L"$fw/link" -T"$ldscript.ld" \
        "$fw/startup.c" "$fw/semihost.c" "$src/tests/mcu_kernels/test_dsp_parity.c" \
        "$src"/kernels/arm_dsp/*.c "$src"/kernels/ref/*_s8.c -lc -lgcc \
        -o "$elf" >"$work/$core.build.log" 2>&1; then
        echo "FAIL $core: build"
        cat "$work/$core.build.log"
        failures=$((failures + 1))
        continue
    fi
    timeout 60 qemu-system-arm -M "$machine" -nographic -monitor none \
        -semihosting-config enable=on,target=native -kernel "$elf" >"$work/$core.log" 2>&1
    status=$?
    sed "s/^/$core ($machine): /" "$work/$core.log"
    if [ "$status" -ne 0 ]; then
        echo "FAIL $core: exit status $status"
        failures=$((failures + 1))
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "dsp parity: $failures of 4 cores failed"
    exit 1
fi
echo "dsp parity: all 4 cores passed"
