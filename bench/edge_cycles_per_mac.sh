#!/usr/bin/env bash
# Benchmark: the edge tier's emulated cores on the MLPerf Tiny workloads:
# executed instructions, estimated cycles per MAC, latency at each core's
# default board (Pi 3 B, Pi 4 B, Pi 5) and energy per inference.
# Usage: bench/edge_cycles_per_mac.sh [BUILD_DIR] [CORES]
set -euo pipefail
build=${1:-build}
cores=${2:-cortex-a53,cortex-a72,cortex-a76}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/tierbench" run -w kws,vww,ic,ad -t "$cores" --dtype int8 --out "$out" --run-id bench \
    >/dev/null
# records.csv: no field of these cells is quoted (no workload parameters, and
# the estimated-latency method holds no comma), so a plain comma split works.
awk -F, '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i
            printf "%-8s %-11s %-7s %14s %9s %12s %11s\n", "workload", "core", "status",
                   "instructions", "cyc/MAC", "latency ms", "energy uJ"
            next }
  { printf "%-8s %-11s %-7s %14.0f %9.3f %12.3f %11.1f\n", $col["workload"], $col["target"],
           $col["status"], $col["emu_instructions"], $col["cycles_per_mac"],
           $col["median_ns"] / 1e6, $col["energy_uJ"] }' "$out/bench/records.csv"
