#!/bin/sh
# Instruction counts and modelled cycles per multiply-accumulate of the DSP
# and reference kernel sets on every MLPerf Tiny layer shape, and per
# network. Builds count_dsp_layers.c for one core, runs it on QEMU with the
# counting plugin, and prices the counts with the core's cycle table
# (targets/mcu/cores/<core>.cycles, zero flash wait states) by the formula
# of targets/mcu/cycle_model.c.
# Usage: count_dsp_layers.sh PLUGIN.so SOURCE_DIR [CORE MACHINE LDSCRIPT]
#   (default cortex-m4 mps2-an386 mps2)
# Exit status: 0 done, 1 error, 77 skipped (no cross compiler or no QEMU).
set -u

plugin=${1:?usage: count_dsp_layers.sh PLUGIN.so SOURCE_DIR [CORE MACHINE LDSCRIPT]}
src=${2:?usage: count_dsp_layers.sh PLUGIN.so SOURCE_DIR [CORE MACHINE LDSCRIPT]}
core=${3:-cortex-m4}
machine=${4:-mps2-an386}
ldscript=${5:-mps2}

for tool in arm-none-eabi-gcc arm-none-eabi-nm qemu-system-arm timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool not found"
        exit 77
    fi
done
table=$src/targets/mcu/cores/$core.cycles
for f in "$plugin" "$table"; do
    if [ ! -f "$f" ]; then
        echo "error: $f not found"
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tb-dsp-counts.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

fw=$src/targets/mcu/firmware
elf=$work/counts.elf
if ! arm-none-eabi-gcc -std=c11 -O2 -mthumb -mcpu="$core" -mfloat-abi=soft \
    -ffunction-sections -fdata-sections -Wall -Wextra -Werror \
    -nostartfiles -nostdlib -Wl,--gc-sections \
    -I"$src/kernels" -I"$fw" -L"$fw/link" -T"$ldscript.ld" \
    "$fw/startup.c" "$fw/semihost.c" "$fw/markers.c" "$src/tests/mcu_kernels/count_dsp_layers.c" \
    "$src"/kernels/arm_dsp/*.c "$src"/kernels/ref/*.c -lc -lgcc -lm -o "$elf"; then
    echo "error: build failed"
    exit 1
fi
symbol() {
    arm-none-eabi-nm "$elf" | awk -v s="$1" '$3 == s { print $1 }'
}
if ! timeout 300 qemu-system-arm -M "$machine" -nographic -monitor none \
    -semihosting-config enable=on,target=native -kernel "$elf" \
    -plugin "$plugin,begin=0x$(symbol tb_region_begin),end=0x$(symbol tb_region_end),out=$work/counts.jsonl" \
    >"$work/layers.log" 2>&1; then
    echo "error: firmware failed"
    cat "$work/layers.log"
    exit 1
fi

# Pass 1: the cycle table; pass 2: the layer lines; pass 3: region counts.
awk -v core="$core" '
BEGIN { n = 0; r = 0; nets = 0 }
FILENAME == ARGV[1] {
    sub(/#.*/, "")
    if ($1 == "cost") cost[$2] = $3
    else if ($1 == "cost_ldm_reg") ldm_reg = $2
    else if ($1 == "cost_stm_reg") stm_reg = $2
    else if ($1 == "branch_refill") refill = $2
    else if ($1 == "issue_factor") issue = $2
    next
}
FILENAME == ARGV[2] {
    if ($1 == "layer") { name[n] = $2 " " $3; count[n] = $4; macs[n] = $5; n++ }
    next
}
/"seq"/ {
    line = $0
    sub(/.*"counts":\{/, "", line); sub(/\}\}.*/, "", line)
    m = split(line, kv, ",")
    sum = 0
    for (i = 1; i <= m; i++) {
        split(kv[i], p, ":"); gsub(/"/, "", p[1]); c[p[1]] = p[2]
        if (p[1] in cost) sum += p[2] * cost[p[1]]
    }
    cycles = issue * (sum + c["ldm_regs"] * ldm_reg + c["stm_regs"] * stm_reg) + (c["branch"] + c["branch_taken"]) * refill
    layer = int(r / 2); set = r % 2; r++
    insns[layer, set] = c["insns"]; cyc[layer, set] = cycles
}
END {
    printf "%s, cycles from %s.cycles (zero wait states); per MAC, per occurrence\n", core, core
    printf "%-26s %5s %8s  %9s %9s  %9s %9s\n", "layer", "count", "MACs", "dsp ins", "dsp cyc", "ref ins", "ref cyc"
    for (i = 0; i < n; i++) {
        split(name[i], nw, " ")
        if (!(nw[1] in tm)) order[nets++] = nw[1]
        if (macs[i] > 0)
            printf "%-26s %5d %8d  %9.2f %9.2f  %9.2f %9.2f\n", name[i], count[i], macs[i],
                insns[i, 0] / macs[i], cyc[i, 0] / macs[i], insns[i, 1] / macs[i], cyc[i, 1] / macs[i]
        else
            printf "%-26s %5d %8s  %9d %9d  %9d %9d   (totals: no MACs)\n", name[i], count[i], "-",
                insns[i, 0], cyc[i, 0], insns[i, 1], cyc[i, 1]
        tm[nw[1]] += count[i] * macs[i]
        for (s = 0; s < 2; s++) {
            ti[nw[1], s] += count[i] * insns[i, s]; tc[nw[1], s] += count[i] * cyc[i, s]
            if (macs[i] == 0) xc[nw[1], s] += count[i] * cyc[i, s]
        }
    }
    printf "\nwhole network: per MAC (all layers; in brackets without ADD/pool layers)\n"
    for (j = 0; j < nets; j++) {
        k = order[j]
        printf "%-4s %9d MACs  dsp %5.2f ins %5.2f cyc (%5.2f)  ref %5.2f ins %5.2f cyc (%5.2f)\n", k, tm[k],
            ti[k, 0] / tm[k], tc[k, 0] / tm[k], (tc[k, 0] - xc[k, 0]) / tm[k],
            ti[k, 1] / tm[k], tc[k, 1] / tm[k], (tc[k, 1] - xc[k, 1]) / tm[k]
    }
}' "$table" "$work/layers.log" "$work/counts.jsonl"
