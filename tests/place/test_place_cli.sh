#!/usr/bin/env bash
# tierbench place as a user runs it on the small recorded run: the table, the
# five files (JSON parsed back), a deadline nothing meets (exit 0, a clear
# message), and bad input (exit 2, what is accepted, nothing written).
set -u
bin=$1 run=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../cli_check.sh"
command -v jq >/dev/null || { echo "skipped: jq not installed (scripts/setup.sh)"; exit 77; }

check help 0 "--device-energy-budget" -- "$bin" place --help
check table 0 "excluded device:cortex-m4: does-not-fit" -- "$bin" place "$run" --out "$work/p"
for f in placement.json decisions.csv split_curves.csv sensitivity.csv pareto.csv; do
    if [ -s "$work/p/$f" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED missing $f"; fi
done
check json 0 "true" -- jq -e '.schema_version == 1 and (.links | length) >= 8
    and all(.decisions[]; .best)' "$work/p/placement.json"
check one-link 0 "ble " -- "$bin" place "$run" --link ble --out "$work/q"
"$bin" place "$run" --link ble --deadline 0.0001 --out "$work/d" >"$work/d.out" 2>&1
check nothing-meets 0 "NO option meets the constraints" -- sh -c 'cat "$1"; exit "$2"' _ \
    "$work/d.out" "$?"
check note 0 "NO OPTION MEETS the 0.0001 ms deadline" -- cat "$work/d.out"
check energy 0 "objective energy" -- "$bin" place "$run" --objective energy --link lora,6g \
    --device-energy-budget 500 --out "$work/e"
check bad-objective 2 "accepted: latency, energy" -- "$bin" place "$run" --objective speed --out "$work/x"
check bad-link 2 "unknown link 'nosuch'; accepted: 5g-embb" -- "$bin" place "$run" --link nosuch --out "$work/x"
check bad-deadline 2 "--deadline 'soon'" -- "$bin" place "$run" --deadline soon --out "$work/x"
check bad-budget 2 "--device-energy-budget '-1'" -- "$bin" place "$run" --device-energy-budget -1 --out "$work/x"
check bad-device 2 "no device record for target 'cortex-m9'; the run has: cortex-m4" -- \
    "$bin" place "$run" --device cortex-m9 --out "$work/x"
check bad-run 2 "records.jsonl" -- "$bin" place "$work/nosuch" --out "$work/x"
check no-run 2 "give one result folder" -- "$bin" place
check bad-option 2 "accepted: --link" -- "$bin" place "$run" --frob
if [ -e "$work/x" ]; then
    fail=$((fail + 1)); echo "FAILED nothing-written: bad input created $work/x"
else
    pass=$((pass + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
