#!/usr/bin/env bash
# Issue 7's done-when, CI-sized: a campaign run with -j 2 is killed with
# SIGKILL mid-way, resumed, and its records equal an uninterrupted run's
# (same cells, identical emulated counts, no duplicates); its workers and
# emulators die with it; measured cells ran alone; tierbench merge is
# idempotent. bench/campaign_resume.sh runs the same with 100 cells.
# usage: test_campaign_resume.sh TIERBENCH CAMPAIGN_FILE [JOBS]
set -u
bin=$1 campaign=$2 jobs=${3:-2}
here=$(dirname "$0")
. "$here/campaign_compare.sh"
command -v jq >/dev/null || { echo "SKIP: jq not installed (scripts/setup.sh)"; exit 77; }
if ! command -v qemu-system-arm >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
    echo "SKIP: QEMU not installed (scripts/setup.sh)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# runs of this test go to a history of its own (docs/history.md)
export TB_HISTORY="$work/history.sqlite"
fail=0
n=$("$bin" run --campaign "$campaign" --plan | sed -n 's/^run [^:]*: \([0-9]*\) cells$/\1/p')
echo "campaign $campaign: $n cells, -j $jobs"

start=$(date +%s%N)
"$bin" run --campaign "$campaign" -j "$jobs" --out "$work" --run-id full >"$work/full.log" 2>&1
rc=$?
echo "uninterrupted: exit $rc, $((($(date +%s%N) - start) / 1000000)) ms"
[ "$rc" -eq 0 ] || { echo "FAILED: uninterrupted run exit $rc"; cat "$work/full.log"; fail=1; }
# the comparison means something only when the cells really ran
skipped=$(jq -r 'select(.status == "skipped") | "\(.cell_id): \(.reason)"' "$work/full/records.jsonl")
[ -z "$skipped" ] || { echo "FAILED: skipped cells: $skipped"; fail=1; }

"$bin" run --campaign "$campaign" -j "$jobs" --out "$work" --run-id cut >"$work/cut.log" 2>&1 &
pid=$!
target=$((n / 3))
for _ in $(seq 1 600); do
    [ "$(count_records "$work/cut")" -ge "$target" ] && break
    sleep 0.1
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
done_at_kill=$(count_records "$work/cut")
echo "killed with SIGKILL after $done_at_kill of $n cells"
sleep 1
if pgrep -f "$work/cut/" >/dev/null; then
    echo "FAILED: processes of the killed run survive:"; pgrep -af "$work/cut/"; fail=1
fi
[ "$done_at_kill" -lt "$n" ] || { echo "FAILED: the run finished before the kill"; fail=1; }

"$bin" run --resume "$work/cut" -j "$jobs" >"$work/resume.log" 2>&1
rc=$?
echo "resumed: exit $rc"
grep -q "cells had a record already" "$work/resume.log" ||
    { echo "FAILED: resume did not skip finished cells"; cat "$work/resume.log"; fail=1; }
same_run "$work/full" "$work/cut" || fail=1
[ "$(wc -l <"$work/cut/records.jsonl")" -eq "$n" ] ||
    { echo "FAILED: $(wc -l <"$work/cut/records.jsonl") records, want $n"; fail=1; }

# Measured cells ran alone; with -j 2 emulated cells did not.
bad=$(jq -r --slurpfile plan "$work/cut/plan.json" \
    '.cell_id as $id | ($plan[0].cells[] | select(.cell_id == $id) | .measured) as $m
     | select(.ran_alone != $m) | .cell_id' "$work/cut/records.jsonl")
if [ "$jobs" -gt 1 ] && [ -n "$bad" ]; then echo "FAILED: ran_alone wrong for: $bad"; fail=1; fi

cp "$work/cut/records.jsonl" "$work/before"
"$bin" merge "$work/cut" >/dev/null || { echo "FAILED: merge of a finished run"; fail=1; }
cmp -s "$work/before" "$work/cut/records.jsonl" || { echo "FAILED: merge not idempotent"; fail=1; }

[ "$fail" -eq 0 ] && echo "PASS: interrupted and resumed run equals the uninterrupted one"
exit "$fail"
