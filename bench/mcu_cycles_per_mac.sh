#!/usr/bin/env bash
# Benchmark: estimated whole-network cycles per MAC of the MCU tier's
# kernels, per core, against the target of 2.0 on Cortex-M4 for kws, vww
# and ic. Usage: bench/mcu_cycles_per_mac.sh [BUILD_DIR] [CORES]
# Exits 1 when a cortex-m4 network is above the target.
set -euo pipefail
build=${1:-build}
cores=${2:-cortex-m4,cortex-m7,cortex-m33,cortex-m55}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/tierbench" run -w kws,vww,ic,ad -t "$cores" --out "$out" --run-id bench >/dev/null
# records.csv: no field of these cells is quoted (no workload parameters, and
# the estimated-latency method holds no comma), so a plain comma split works.
awk -F, '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i
            printf "%-6s %-11s %10s %14s %12s\n", "workload", "core", "cyc/MAC", "instructions", "latency ms"
            next }
  { w = $col["workload"]; t = $col["target"]; c = $col["cycles_per_mac"]
    printf "%-6s %-11s %10.3f %14.0f %12.3f\n", w, t, c, $col["emu_instructions"], $col["median_ns"] / 1e6
    if (t == "cortex-m4" && w != "ad" && c > 2.0) over = 1 }
  END { print "cortex-m4 target (<= 2.0 cycles/MAC for kws, vww, ic): " (over ? "MISSED" : "met")
        exit over }' "$out/bench/records.csv"
