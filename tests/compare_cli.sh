#!/usr/bin/env bash
# tierbench compare as CI drives it: exit 0 with no regression, 1 with one,
# 2 for input that cannot be compared (one clear line); --json written; runs
# named by their id in the results history (a private one in the test's
# folder) as well as by folder.
set -u
bin=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TB_HISTORY=$work/history.sqlite
. "$(dirname "$0")/cli_check.sh"

a=$data/run_a b=$data/run_b
check regression 1 "1 regression" -- "$bin" compare "$a" "$b"
check same-run 0 "geomean B/A latency: 1.0000" -- "$bin" compare "$a" "$a"
check threshold 0 "no regression beyond 30%" -- "$bin" compare --threshold 30 "$a" "$b"
check alpha 0 "inconclusive" -- "$bin" compare --alpha 0.005 "$a" "$b"
check only-significant 1 "3 of 6 paired cells shown" -- "$bin" compare --only-significant "$a" "$b"
check json 1 "" -- "$bin" compare --json "$work/cmp.json" "$a" "$b"
if grep -q '"regressions":[[:space:]]*1' "$work/cmp.json" 2>/dev/null &&
   grep -q '"only_in_a":[[:space:]]*\["ad/host/fp32"\]' "$work/cmp.json"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAILED json-content: $(cat "$work/cmp.json" 2>&1 | head -5)"
fi
check missing 2 "neither a run folder nor a run id" -- "$bin" compare "$a" "$data/none"
check no-records 2 "cannot read" -- "$bin" compare "$a" "$work"
check empty 2 "no records" -- "$bin" compare "$data/empty" "$b"
check schema 2 "different record schemas" -- "$bin" compare "$data/schema1" "$b"
check one-arg 2 "give two runs" -- "$bin" compare "$a"

# the same comparison with runs named by id once they are in the history
for run in run_a run_b; do
    mkdir -p "$work/runs/$run"
    cp "$data/$run/records.jsonl" "$work/runs/$run/"
    echo '{"date":"2026-11-26T00:00:00Z","git_revision":"test","hostname":"test"}' \
        >"$work/runs/$run/context.json"
    check record-$run 0 "recorded" -- "$bin" history --record "$work/runs/$run"
done
check by-id 1 "1 regression" -- "$bin" compare run_a run_b
check id-and-folder 1 "1 regression" -- "$bin" compare run_a "$b"
check unknown-id 2 "no run 'run_c' in the history" -- "$bin" compare run_a run_c
check history-option 2 "no history at" -- "$bin" compare --history "$work/none.sqlite" run_a run_b
check history-off 2 "the history is off" -- env TB_HISTORY=off "$bin" compare run_a run_b
check bad-alpha 2 "--alpha '1.5'" -- "$bin" compare --alpha 1.5 "$a" "$b"
check bad-threshold 2 "--threshold '-1'" -- "$bin" compare --threshold -1 "$a" "$b"
check json-unwritable 2 "cannot write" -- "$bin" compare --json /proc/tb-no/x.json "$a" "$b"
check help 0 "--only-significant" -- "$bin" compare --help

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
