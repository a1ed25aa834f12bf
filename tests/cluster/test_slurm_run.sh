#!/usr/bin/env bash
# tierbench run --slurm on a real one-node Slurm cluster (cluster.sh): a
# small campaign of emulated Cortex-M cells and measured host cells is
# submitted, the merge job awaited, and the merged run must equal the same
# campaign run locally: the same cells, identical emulated instruction and
# cycle counts and estimated latencies, measured cells ok and alone. Also:
# bad input (exit 2, nothing written), resubmitting lost cells, status, a
# drained node failing a wait at once, and every daemon stopped by PID.
# Exit 77 (skip) when slurm-wlm or munge is not installed, or a target of
# the campaign cannot run here.
#   test_slurm_run.sh TIERBENCH
set -uo pipefail
tb=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"

command -v jq >/dev/null || { echo "SKIP: jq not installed (scripts/setup.sh)"; exit 77; }
work=$(mktemp -d /tmp/tierbench-cluster.XXXXXX)
trap 'cluster_stop; rm -rf "$work"' EXIT
t0=$SECONDS
fail() { echo "FAIL: $*" >&2; cluster_log_tails; exit 1; }

campaign=(-w kws:width=8,ad:hidden=16 -t cortex-m0,cortex-m4,cortex-m33,cortex-m55,host
          --dtype int8 --quick)
# Skipped cells would compare equal and prove nothing: every target must run here.
for t in cortex-m0 cortex-m4 cortex-m33 cortex-m55 host; do
    why=$("$tb" list targets | grep -A1 "^$t " | grep -m1 'unavailable here' | sed 's/^ *//')
    [ -z "$why" ] || { echo "SKIP: $t $why"; exit 77; }
done
export TB_CACHE_DIR=$work/cache

# No sbatch on PATH: a clear message and exit 2, before anything is written.
out=$(PATH=/nonexistent "$tb" run --slurm --shared-dir "$work/nosbatch" "${campaign[@]}" 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "run --slurm without sbatch: exit $rc, want 2: $out"
grep -q sbatch <<<"$out" || fail "run --slurm without sbatch does not name sbatch: $out"
[ ! -e "$work/nosbatch" ] || fail "run --slurm without sbatch wrote $work/nosbatch"
out=$("$tb" run --slurm --time 1:x "${campaign[@]}" 2>&1)
rc=$?
[ $rc -eq 2 ] && grep -q -- --time <<<"$out" || fail "--time 1:x: exit $rc: $out"

cluster_start "$work/cluster"
rc=$?
[ $rc -eq 77 ] && exit 77
[ $rc -eq 0 ] || fail "the one-node cluster did not start"
echo "cluster up after $((SECONDS - t0)) s"

# The cluster itself runs a job before tierbench is asked to use it.
id=$(sbatch --parsable -o "$work/hostname.out" --wrap hostname) || fail "sbatch --wrap hostname"
cluster_wait_job "$id" 30 || exit 1
[ "$(cat "$work/hostname.out")" = "$(hostname)" ] || fail "hostname job wrote: $(cat "$work/hostname.out")"

# A partition the cluster does not have: exit 2 before anything is written.
out=$("$tb" run --slurm --partition nosuch --shared-dir "$work/nopart" "${campaign[@]}" 2>&1)
rc=$?
[ $rc -eq 2 ] && grep -q 'nosuch' <<<"$out" && [ ! -e "$work/nopart" ] ||
    fail "--partition nosuch: exit $rc: $out"

"$tb" run --slurm --shared-dir "$work/shared" --run-id slurm --cells-per-task 3 \
    --time 5 "${campaign[@]}" >"$work/submit.out" 2>&1 ||
    { cat "$work/submit.out"; fail "run --slurm"; }
cat "$work/submit.out"
run=$work/shared/slurm
jobs=$run/slurm/jobs.json
[ -f "$jobs" ] || fail "no $jobs"
merge=$(jq -r '.jobs[] | select(.name == "merge") | .job_id' "$jobs")
measured=$(jq -r '.jobs[] | select(.name == "measured") | .job_id' "$jobs")
[ -n "$merge" ] && [ -n "$measured" ] || fail "jobs.json lacks the merge or measured job"
grep -q '^#SBATCH --exclusive' "$run/slurm/measured.sbatch" || fail "measured cells not --exclusive"
scontrol show job "${measured}" | grep -q 'OverSubscribe=NO' ||
    fail "the measured job is not exclusive: $(scontrol show job "$measured")"

cluster_wait_job "$merge" 90 || exit 1
echo "merge job done after $((SECONDS - t0)) s"
for f in "$run"/slurm/logs/*.out; do
    grep -qi 'error' "$f" && { echo "--- $f"; cat "$f"; }
done

status=$("$tb" status "$run") || fail "status: $status"
echo "$status"
total=$(jq '.cells | length' "$run/plan.json")
grep -q "$total cells, $total done" <<<"$status" || fail "status does not show every cell done"
grep -q "merged:  $total of $total" <<<"$status" || fail "status does not show the merge"

"$tb" run --out "$work/local" --run-id local "${campaign[@]}" >"$work/local.out" 2>&1 ||
    { cat "$work/local.out"; fail "the local run"; }

# What must not depend on where a cell ran: ids and statuses everywhere,
# and every emulated count.
view() {
    jq -c '{id: .cell_id, status, measured: (.emulation == null),
            emu: (if .emulation == null then null else
                  {insns: .emulation.instructions, cycles: .emulation.cycles,
                   median_ns: .latency.ns.median,
                   layers: [.layers[] | [.instructions, .cycles]]} end)}' "$1" | sort
}
view "$run/records.jsonl" >"$work/slurm.view"
view "$work/local/local/records.jsonl" >"$work/local.view"
[ "$(wc -l <"$work/slurm.view")" -eq "$total" ] || fail "merged run has not $total records"
n_ok=$(jq -s '[.[] | select(.status == "ok")] | length' "$run/records.jsonl")
[ "$n_ok" -eq "$total" ] || fail "$n_ok of $total cells ok in the Slurm run"
diff "$work/local.view" "$work/slurm.view" || fail "the Slurm run differs from the local run"
n_meas=$(jq -s '[.[] | select(.emulation == null and .status == "ok" and .ran_alone == true)] | length' "$run/records.jsonl")
[ "$n_meas" -eq 2 ] || fail "measured cells in the Slurm run: $n_meas ok and alone, want 2"

# Cells that lost their records are run again by run --resume --slurm.
rm "$run"/cells/kws_width_8_cortex-m4_int8/record.json "$run"/cells/ad_hidden_16_host_int8/record.json ||
    fail "no record to remove"
"$tb" run --resume "$run" --slurm >"$work/resubmit.out" 2>&1 ||
    { cat "$work/resubmit.out"; fail "run --resume --slurm"; }
# The emulated one is rebuilt by the preparation, the measured one goes to Slurm.
grep -q '1 cell to run' "$work/resubmit.out" && ! grep -q 'emulated cells  job' "$work/resubmit.out" ||
    fail "resubmission: $(cat "$work/resubmit.out")"
merge=$(jq -r '.jobs[] | select(.name == "merge") | .job_id' "$jobs")
cluster_wait_job "$merge" 60 || exit 1
view "$run/records.jsonl" >"$work/slurm.view"
diff "$work/local.view" "$work/slurm.view" || fail "the resubmitted Slurm run differs"
echo "resubmitted cells merged after $((SECONDS - t0)) s"

# A local run has no jobs: status shows its records only.
status=$("$tb" status "$work/local/local") || fail "status of the local run: $status"
grep -q "$total cells, $total done" <<<"$status" && ! grep -q '^slurm:' <<<"$status" ||
    fail "status of the local run: $status"

# A drained node fails a wait at once, with the reason, instead of hanging.
scontrol update nodename="$CLUSTER_NODE" state=drain reason=tierbench-drain-test ||
    fail "cannot drain the node"
id=$(sbatch --parsable -o /dev/null --wrap true) || fail "sbatch on a drained node"
t1=$SECONDS
msg=$(cluster_wait_job "$id" 60 2>&1) && fail "waiting on a drained node succeeded"
grep -q 'tierbench-drain-test' <<<"$msg" || fail "drained node, reason not given: $msg"
[ $((SECONDS - t1)) -le 5 ] || fail "drained node noticed after $((SECONDS - t1)) s"
echo "drained node noticed in $((SECONDS - t1)) s: $(grep -m1 'is drain' <<<"$msg")"

cluster_stop
for pid in $(cat "$work/cluster"/*.pid 2>/dev/null); do
    kill -0 "$pid" 2>/dev/null && fail "daemon $pid still running after cluster_stop"
done
echo "PASS: $total cells on Slurm equal the local run ($((SECONDS - t0)) s)"
