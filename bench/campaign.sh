#!/usr/bin/env bash
# Benchmark of local campaigns (docs/campaigns.md) on the 100-cell
# bench/campaigns/sweep100.campaign:
#   1. wall time with -j 1 and with -j 2 (and that both runs agree);
#   2. issue 7's done-when: a -j 2 run killed with SIGKILL mid-way, resumed,
#      equals an uninterrupted run (tests/campaign/test_campaign_resume.sh);
# Usage: bench/campaign.sh [BUILD_DIR] [CAMPAIGN]   (run it under nice on a
# shared machine; figures are this machine's).
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
campaign=${2:-$src/bench/campaigns/sweep100.campaign}
bin=$(cd "$build" && pwd)/tierbench
. "$src/tests/campaign/campaign_compare.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
for j in 1 2; do
    t0=$(date +%s%N)
    "$bin" run --campaign "$campaign" -j "$j" --out "$out" --run-id "j$j" >"$out/j$j.log" 2>&1
    echo "-j $j: exit $?, $(ms "$t0") ms wall, $(count_records "$out/j$j") cells"
done
same_run "$out/j1" "$out/j2" && echo "-j 1 and -j 2 records agree (emulated counts identical)"

"$src/tests/campaign/test_campaign_resume.sh" "$bin" "$campaign" 2

