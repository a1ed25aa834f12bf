#!/usr/bin/env bash
# The ssh target against a real OpenSSH server on 127.0.0.1 (started here,
# stopped by PID on exit): kws and ad int8 measured through it with the
# outputs matching the host reference, every record field the target
# promises, the remote folder removed; a changed host key, an unknown
# host key, a refused key and a closed port each fail the cell quickly with
# ssh's reason; a misspelt target is bad input (exit 2).
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/sshd_loopback.sh"
work=$(mktemp -d)
trap 'sshd_stop; rm -rf "$work"' EXIT
. "$here/../cli_check.sh"

command -v jq >/dev/null || { echo "skipped: jq not installed"; exit 77; }
mkdir "$work/sshd"
sshd_start "$work/sshd" || { echo "FAILED: could not start sshd"; exit 1; }
dest="$SSHD_USER@127.0.0.1"
machine=$(uname -m)

# Bad spelling: exit 2, the accepted form named, nothing contacted.
for t in "ssh:" "ssh:$SSHD_USER@" "ssh:$dest:sparc" "ssh:-oProxyCommand=x" "ssh:u@[::1"; do
    out=$("$bin" run -w kws -t "$t" --out "$work/bad" 2>&1); rc=$?
    if [ "$rc" -eq 2 ] && grep -qF "ssh:[user@]host[:arch]" <<<"$out" && [ ! -e "$work/bad" ]; then ok
    else bad "bad-target '$t': rc $rc: $out"; fi
done
"$bin" list targets | grep -qF "ssh:[user@]host[:arch]" && ok || bad "list targets shows no ssh form"

# The real thing: default arch (uname -m) and the arch named.
out=$(TB_SSH_OPTS="$SSHD_CLIENT_OPTS" "$bin" run -w kws,ad --dtype int8 \
      -t "ssh:$dest,ssh:$dest:$machine" --quick --out "$work/res" --run-id loop 2>&1); rc=$?
if [ "$rc" -eq 0 ] && grep -q "4 cells: 4 ok" <<<"$out"; then ok; else bad "loopback run: rc $rc: $out"; fi
jsonl="$work/res/loop/records.jsonl"
n=$(jq -s --arg m "$machine" --arg d "$dest" '[.[] | select(
      .status == "ok" and .tier == "edge" and .dtype == "int8"
      and (.target == "ssh:" + $d or .target == "ssh:" + $d + ":" + $m)
      and .output.match == true and .output.checksum == .output.expected_checksum
      and .latency.ns.median > 0 and .latency.repetitions == 3
      and (.latency.samples_ns | length) == 3 and .latency.iterations_per_rep >= 1
      and (.latency.method | test("^measured on .+ \\(" + $m + "\\) via ssh, clock_gettime$"))
      and .memory.peak_rss_bytes > 0 and .backend != "-"
      and .remote.host == $d and .remote.machine == $m and .remote.arch == $m
      and (.remote.hostname | length) > 0 and (.remote.uname | test("Linux"))
      and (.remote.cpu | length) > 0 and .energy_uJ == null)] | length' "$jsonl" 2>&1)
[ "$n" = 4 ] && ok || { bad "records: $n of 4 have every field right"; jq -c . "$jsonl" | head -c 3000; }
# With a board profile named, energy = measured median latency x the
# board's active power (rpi4b: 3.06 W, so µJ = ns x 3.06e-3).
out=$(TB_SSH_OPTS="$SSHD_CLIENT_OPTS" "$bin" run -w ad --dtype int8 -t "ssh:$dest" --board rpi4b \
      --quick --out "$work/res" --run-id board 2>&1); rc=$?
e=$(jq -r 'select(.energy_model == "board-active-power" and .energy_params.active_power_W == 3.06)
      | (.energy_uJ - .latency.ns.median * 3.06e-3) | fabs < 1e-6' \
      "$work/res/board/records.jsonl" 2>&1)
[ "$rc" -eq 0 ] && [ "$e" = true ] && ok || bad "board energy: rc $rc, check '$e': $out"
left=0
for log in "$work"/res/*/cells/*/ssh-probe.log; do
    d=$(sed -n 's/^tb-dir //p' "$log")
    if [ -z "$d" ] || [ -e "$d" ]; then left=$((left + 1)); fi
done
[ "$left" = 0 ] && ok || bad "$left remote folders not removed"

# Failures: each cell fails with ssh's reason, well before any deadline.
expect_fail() { # NAME NEEDLE OPTS
    local name=$1 needle=$2 opts=$3 t0=$SECONDS out rc reason
    out=$(TB_SSH_OPTS="$opts" "$bin" run -w kws --dtype int8 -t "ssh:$dest" --quick \
          --out "$work/$name" --run-id f 2>&1); rc=$?
    reason=$(jq -r '.status + ": " + .reason' "$work/$name/f/records.jsonl" 2>/dev/null)
    if [ "$rc" -eq 1 ] && grep -qF "failed: ssh to $dest failed (probe): " <<<"$reason" &&
       grep -qF "$needle" <<<"$reason" &&
       [ $((SECONDS - t0)) -lt 30 ]; then ok
    else bad "$name: rc $rc after $((SECONDS - t0)) s, record '$reason', output: $out"; fi
}
ssh-keygen -q -t ed25519 -N '' -f "$work/other_host_key"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$work/other_host_key.pub")" >"$work/wrong_known_hosts"
expect_fail host-key-changed "Host key verification failed." \
    "${SSHD_CLIENT_OPTS/$work\/sshd\/known_hosts/$work/wrong_known_hosts}"
: >"$work/empty_known_hosts"
expect_fail host-key-unknown "Host key verification failed." \
    "${SSHD_CLIENT_OPTS/$work\/sshd\/known_hosts/$work/empty_known_hosts}"
expect_fail key-refused "Permission denied" \
    "${SSHD_CLIENT_OPTS/$work\/sshd\/client_key/$work/other_host_key}"
other=aarch64; [ "$machine" = aarch64 ] && other=x86_64
out=$(TB_SSH_OPTS="$SSHD_CLIENT_OPTS" "$bin" run -w kws --dtype int8 -t "ssh:$dest:$other" --quick \
      --out "$work/arch" --run-id f 2>&1)
reason=$(jq -r '.status + ": " + .reason' "$work/arch/f/records.jsonl" 2>/dev/null)
case "$reason" in
    "failed: $dest runs $machine (uname -m), not the $other the target names"|skipped:*"not found"*) ok ;;
    *) bad "arch-mismatch: record '$reason', output: $out" ;;
esac
closed=$(sshd_free_port)
expect_fail port-closed "Connection refused" "${SSHD_CLIENT_OPTS/-p $SSHD_PORT/-p $closed}"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
