#!/usr/bin/env bash
# tierbench history as a user drives it: a real quick run recorded by the run
# itself, listed, filtered and shown; --history and TB_HISTORY=off on run;
# a history that cannot be written only warns; bad input exits 2.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/cli_check.sh"
export TB_HISTORY=$work/h.sqlite
quick=(-w ad -t host --dtype int8 --quick --out "$work/res")

check run 0 "1 ok" -- "$bin" run "${quick[@]}" --run-id cli1
check listed 0 "$work/res/cli1" -- "$bin" history
check one-run 0 "1 run " -- "$bin" history
check cells 0 "ad/host/int8" -- "$bin" history --cells cli1
check json 0 '"run_id":	"cli1"' -- "$bin" history --json
check workload 0 "cli1" -- "$bin" history --workload ad
check workload-none 0 "0 runs" -- "$bin" history --workload kws
check target 0 "cli1" -- "$bin" history --target host
check since 0 "cli1" -- "$bin" history --since 2000-01-01
check until-none 0 "0 runs" -- "$bin" history --until 2000-01-01
check revision-none 0 "0 runs" -- "$bin" history --revision no-such-revision

check run-option 0 "1 ok" -- "$bin" run "${quick[@]}" --run-id cli2 --history "$work/h2.sqlite"
check option-db 0 "cli2" -- "$bin" history --history "$work/h2.sqlite"
check not-default 0 "1 run " -- "$bin" history
check run-off 0 "1 ok" -- env TB_HISTORY=off "$bin" run "${quick[@]}" --run-id cli3
check off-recorded-nothing 0 "1 run " -- "$bin" history
check unwritable 0 "warning: the run is not in the history" -- \
    "$bin" run "${quick[@]}" --run-id cli4 --history /proc/tierbench-no/h.sqlite
check record-again 0 "recorded" -- "$bin" history --record "$work/res/cli1"
check still-one 0 "1 run " -- "$bin" history --workload ad
check record-by-hand 0 "recorded" -- "$bin" history --record "$work/res/cli3"
check two-runs 0 "2 runs" -- "$bin" history

check bad-since 2 "--since 'last week'" -- "$bin" history --since "last week"
check bad-until 2 "YYYY-MM-DD" -- "$bin" history --until 2026-13
check bad-limit 2 "--limit '0'" -- "$bin" history --limit 0
check bad-option 2 "bad option" -- "$bin" history --colour
check unknown-run 2 "no run 'nope'" -- "$bin" history --cells nope
check cells-and-filter 2 "filters apply to the list of runs" -- "$bin" history --cells cli1 --target host
check record-missing 2 "cannot record" -- "$bin" history --record "$work/none"
check off 2 "the history is off" -- env TB_HISTORY=off "$bin" history
check absent 0 "no history at" -- "$bin" history --history "$work/absent.sqlite"
check help 0 "--revision" -- "$bin" history --help

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
