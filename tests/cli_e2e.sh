#!/usr/bin/env bash
# The tierbench CLI as a user drives it: help, bad input (exit 2, one clear
# line, nothing written), a real quick run, and reading its results back.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/cli_check.sh"

check help 0 "usage: tierbench" -- "$bin" --help
check run-help 0 "--workload" -- "$bin" run --help
check no-verb 2 "usage" -- "$bin"
check bad-verb 2 "accepted: run, list, info, show" -- "$bin" frobnicate
check bad-workload 2 "accepted: kws, vww, ic, ad" -- "$bin" run -w nosuch --out "$work/r"
check bad-param 2 "unknown parameter 'beta'" -- "$bin" run -w vww:beta=2 --out "$work/r"
check bad-range 2 "res=100 is out of range" -- "$bin" run -w vww:res=100 --out "$work/r"
check bad-target 2 "accepted: host" -- "$bin" run -w kws -t nosuch --out "$work/r"
check bad-dtype 2 "accepted: int8, fp32" -- "$bin" run -w kws --dtype int4 --out "$work/r"
check bad-reps 2 "--reps '0'" -- "$bin" run -w kws --reps 0 --out "$work/r"
check bad-extra 2 "unexpected argument" -- "$bin" run -w kws stray --out "$work/r"
check no-workload 2 "no workload given" -- "$bin" run --out "$work/r"
check unwritable 2 "cannot write results" -- "$bin" run -w kws --out /proc/tierbench-no
if [ -e "$work/r" ]; then
    fail=$((fail + 1)); echo "FAILED nothing-written: bad input created $work/r"
else
    pass=$((pass + 1))
fi
check list-workloads 0 "vww" -- "$bin" list workloads
check list-targets 0 "host" -- "$bin" list targets
check list-bad 2 "accepted: workloads, targets" -- "$bin" list gadgets
check info 0 "counters" -- "$bin" info

check run-quick 0 "2 cells: 2 ok" -- "$bin" run -w kws:width=8 --quick --out "$work/res" --run-id e2e
jsonl="$work/res/e2e/records.jsonl"
if [ "$(grep -c '"status":"ok"' "$jsonl" 2>/dev/null)" = 2 ] &&
   [ "$(grep -c '"match":true' "$jsonl")" = 2 ] &&
   [ "$(wc -l <"$work/res/e2e/records.csv")" = 3 ] &&
   [ -s "$work/res/e2e/context.json" ] && ! ls "$work/res/e2e" | grep -q tmp; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAILED run-files: records or context missing or wrong"
fi
check show 0 "matches reference" -- "$bin" show "$work/res/e2e"
check show-missing 2 "cannot read" -- "$bin" show "$work/none"
check compare-self 0 "no regression" -- "$bin" compare "$work/res/e2e" "$work/res/e2e"
check run-threads-bad 2 "--threads '0'" -- "$bin" run -w kws -t server --threads 0 --out "$work/res"
# An OpenBLAS older than the CPU needs the core type `info` names, as run_all.sh sets it.
core=$("$bin" info | sed -n 's/.*OPENBLAS_CORETYPE=\([A-Za-z]*\).*/\1/p')
check run-server 0 "1 cells: 1 ok" -- env ${core:+OPENBLAS_CORETYPE=$core} TB_PROBE_SGEMM_N=64 \
    TB_PROBE_TRIAD_MIB=1 "$bin" run -w ad:hidden=16 -t server --threads 1 --quick \
    --out "$work/res" --run-id srv
check run-id-taken 2 "--run-id" -- "$bin" run -w kws --run-id ../x --out "$work/res"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
