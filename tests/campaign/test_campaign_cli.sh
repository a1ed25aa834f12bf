#!/usr/bin/env bash
# Campaigns from the command line (docs/campaigns.md): --plan prints the
# expanded cells and estimates and writes nothing; campaign and option
# errors name FILE:LINE and exit 2; a cell over its time limit is `timeout`
# and the run goes on; Ctrl-C (SIGINT) stops the run with a summary, exit
# 130 and a folder that --resume finishes; merge reports missing cells.
set -u
bin=$1
here=$(dirname "$0")
. "$here/../cli_check.sh"
. "$here/campaign_compare.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# runs of this test go to a history of its own (docs/history.md)
export TB_HISTORY="$work/history.sqlite"
cd "$work" || exit 1

cat >vww.campaign <<'C'
# 4 widths x 5 resolutions
workload vww alpha=0.25,0.5,0.75,1.0 res=96,128,160,192,224
target cortex-m4
dtype int8
C
check plan 0 "run p: 20 cells" -- "$bin" run --campaign vww.campaign --plan --run-id p --out "$work/r"
check plan-cell 0 "vww:alpha=1,res=224/cortex-m4/int8" -- "$bin" run --campaign vww.campaign --plan
check plan-total 0 "estimate: " -- "$bin" run --campaign vww.campaign --plan -j 2
check plan-cli-adds 0 "40 cells" -- "$bin" run --campaign vww.campaign -t cortex-m0 --plan
if [ -e "$work/r" ]; then fail=$((fail + 1)); echo "FAILED plan-writes-nothing"; else pass=$((pass + 1)); fi

printf 'workload kws width=8\ntarget cortex-m4\nfrobnicate 3\n' >bad_key.campaign
check bad-key 2 "bad_key.campaign:3: unknown key 'frobnicate'" -- "$bin" run --campaign bad_key.campaign
printf '# comment\nworkload vww res=96,100\n' >bad_value.campaign
check bad-value 2 "bad_value.campaign:2: " -- "$bin" run --campaign bad_value.campaign
check bad-value-why 2 "res=100" -- "$bin" run --campaign bad_value.campaign
printf 'target cortex-m99\n' >bad_target.campaign
check bad-target 2 "bad_target.campaign:1: " -- "$bin" run --campaign bad_target.campaign -w kws
printf 'workload kws width\n' >bad_sweep.campaign
check bad-sweep 2 "bad_sweep.campaign:1: 'width': expected key=value" -- "$bin" run --campaign bad_sweep.campaign
printf 'workload kws width=8\nworkload kws width=8\n' >dup.campaign
check duplicate 2 "appears twice" -- "$bin" run --campaign dup.campaign --plan
check missing-file 2 "nosuch.campaign" -- "$bin" run --campaign nosuch.campaign
check bad-jobs 2 "-j '0'" -- "$bin" run -w kws -j 0 --plan
check bad-timeout 2 "--cell-timeout 'x'" -- "$bin" run -w kws --cell-timeout x --plan
check resume-missing 2 "plan.json" -- "$bin" run --resume "$work/nosuch"
check resume-with-plan-options 2 "plan comes from" -- "$bin" run --resume "$work" -w kws
check merge-missing 2 "plan.json" -- "$bin" merge "$work/nosuch"

if command -v qemu-system-arm >/dev/null && command -v arm-none-eabi-gcc >/dev/null; then
    # Every cell over a 0.02 s limit (a firmware build alone takes longer): both
    # time out, and the second still runs.
    check timeout 1 "timeout: cell exceeded its time limit of 0.02 s" -- \
        "$bin" run -w kws:width=8 -t cortex-m0,cortex-m4 --cell-timeout 0.02 --out "$work/res" \
        --run-id to
    if [ "$(jq -r .status "$work/res/to/records.jsonl" | sort | uniq -c | tr -s ' ')" = " 2 timeout" ]
    then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED timeout-records"; fi
    # A hung emulator: a qemu-system-arm that never returns. The cell times out,
    # the emulator dies with its worker, the next cell (cortex-a53 on the real
    # qemu-aarch64) runs.
    mkdir -p "$work/hang"
    printf '#!/bin/sh\nexec sleep 86399\n' >"$work/hang/qemu-system-arm"
    chmod +x "$work/hang/qemu-system-arm"
    check hang 1 "1 ok, 0 does-not-fit, 0 skipped, 0 failed, 1 timeout" -- \
        env PATH="$work/hang:$PATH" "$bin" run -w kws:width=8 -t cortex-m4,cortex-a53 \
        --cell-timeout 3 --out "$work/res" --run-id hang
    sleep 0.5
    if pgrep -f "sleep 86399" >/dev/null; then
        fail=$((fail + 1)); echo "FAILED hang-killed: the hung emulator survives its cell"
        kill $(pgrep -f "sleep 86399")
    else
        pass=$((pass + 1))
    fi
    check run-id-reused 2 "is a run folder already; finish it with tierbench run --resume" -- \
        "$bin" run -w kws:width=8 -t cortex-m4 --out "$work/res" --run-id to
    # a timeout is a final record: resume leaves it
    check timeout-final 0 "1 cells had a record already" -- "$bin" run --resume "$work/res/to" --cells 0
    check cells-bad 2 "--cells '7'" -- "$bin" run --resume "$work/res/to" --cells 7
    if pgrep -f "$work/res/to/" >/dev/null; then
        fail=$((fail + 1)); echo "FAILED timeout-kills: emulators of timed-out cells survive"
    else
        pass=$((pass + 1))
    fi

    # Ctrl-C: SIGINT to the run while cells are in flight.
    "$bin" run -w kws:width=4,kws:width=8,ad:hidden=8,ad:hidden=16 -t cortex-m0,cortex-m4 -j 2 \
        --out "$work/res" --run-id int >int.log 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        [ "$(count_records "$work/res/int")" -ge 2 ] && break
        sleep 0.05
    done
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    if [ "$rc" -eq 130 ] && grep -q "interrupted (Interrupt)" int.log &&
       grep -q "run --resume $work/res/int" int.log && grep -q "^workload " int.log; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAILED ctrl-c: rc $rc"; cat int.log
    fi
    check ctrl-c-resume 0 "8 cells" -- "$bin" run --resume "$work/res/int" -j 2
    check merge-again 0 "merged 8 of 8 cells" -- "$bin" merge "$work/res/int"
    # recorded once finished (by the resume and the merge), not when interrupted
    check history 0 "$work/res/int" -- "$bin" history

    # --no-merge writes cell records only; merge reports what is missing.
    "$bin" run -w kws:width=8 -t cortex-m4,cortex-m0 --cells 0 --no-merge --out "$work/res" \
        --run-id nm >/dev/null 2>&1
    if [ ! -e "$work/res/nm/records.jsonl" ] && [ "$(count_records "$work/res/nm")" -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAILED no-merge: records.jsonl written or cell records wrong"
    fi
    check merge-partial 1 "1 cells have no record yet: 1" -- "$bin" merge "$work/res/nm"
else
    echo "SKIP (part): QEMU or arm-none-eabi-gcc missing: timeout and Ctrl-C checks not run"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
