# A one-node Slurm cluster on localhost for tests, sourced by the cluster
# tests (bash). It installs nothing (scripts/setup.sh installs slurm-wlm and
# munge) and needs no systemd: munged, slurmctld and slurmd run from a
# temporary folder with a test-local munge key and socket, every state,
# spool, log and pid file inside it, and container-friendly plugins
# (docs/slurm.md, "The test's one-node cluster"). Every daemon is stopped by
# its PID when the test exits.
#
#   cluster_start DIR    start the cluster in DIR; exports SLURM_CONF; returns
#                        77 (skip) when slurm-wlm or munge is not installed
#   cluster_wait_job ID SECONDS
#                        wait until job ID has left the queue; fails fast
#                        when the node goes down or drained
#   cluster_stop         cancel jobs, stop the daemons (an EXIT trap calls it)

CLUSTER_PIDS=()
CLUSTER_DIR=

cluster_log_tails() {
    local f
    for f in "$CLUSTER_DIR"/munged.log "$CLUSTER_DIR"/slurmctld.log "$CLUSTER_DIR"/slurmd.log; do
        [ -f "$f" ] || continue
        echo "--- last lines of $f" >&2
        tail -n 15 "$f" >&2
    done
}

cluster_fail() {
    echo "cluster: $*" >&2
    cluster_log_tails
    return 1
}

# Two consecutive free TCP ports (slurmctld, slurmd) from a random base.
cluster_free_ports() {
    local base
    for _ in $(seq 1 50); do
        base=$((20000 + RANDOM % 30000))
        if [ -z "$(ss -Htln "( sport = :$base or sport = :$((base + 1)) )")" ]; then
            echo "$base"
            return 0
        fi
    done
    return 1
}

# Dies (returns 1) with the daemon's log when one of ours is gone.
cluster_check_daemons() {
    local pid
    for pid in "${CLUSTER_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || { cluster_fail "daemon with PID $pid exited"; return 1; }
    done
}

# The node's state and reason, e.g. "idle|none" or "down*|Not responding".
cluster_node_state() {
    sinfo -h -N -n "$CLUSTER_NODE" -o '%T|%E' 2>/dev/null | head -n 1
}

# Returns 1 with the reason when the node is down, drained or failing.
cluster_check_node() {
    local st
    st=$(cluster_node_state)
    case "${st%%|*}" in
        down* | drain* | fail* | inval*)
            cluster_fail "node $CLUSTER_NODE is ${st%%|*}: ${st#*|}"
            return 1 ;;
    esac
    return 0
}

cluster_write_conf() {
    local dir=$1 port=$2 hw
    # The node exactly as slurmd sees this machine, so it registers.
    hw=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]* //')
    cat >"$dir/slurm.conf" <<EOF
ClusterName=tierbench-test
SlurmctldHost=$CLUSTER_NODE(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=600
NodeName=$CLUSTER_NODE NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=test Nodes=$CLUSTER_NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

cluster_start() {
    CLUSTER_DIR=$1
    local tool
    for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scancel scontrol; do
        if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
            echo "cluster: $tool not installed (scripts/setup.sh installs slurm-wlm and munge)" >&2
            return 77
        fi
    done
    export PATH="$PATH:/usr/sbin"
    CLUSTER_NODE=$(hostname -s)
    mkdir -p "$CLUSTER_DIR/state" "$CLUSTER_DIR/spool"
    chmod 700 "$CLUSTER_DIR"
    local port
    port=$(cluster_free_ports) || { cluster_fail "no free port pair"; return 1; }
    cluster_write_conf "$CLUSTER_DIR" "$port"
    export SLURM_CONF=$CLUSTER_DIR/slurm.conf

    mungekey --create --keyfile="$CLUSTER_DIR/munge.key" 2>"$CLUSTER_DIR/mungekey.log" ||
        { cluster_fail "mungekey failed: $(cat "$CLUSTER_DIR/mungekey.log")"; return 1; }
    munged --foreground --force --socket="$CLUSTER_DIR/munge.socket" \
        --key-file="$CLUSTER_DIR/munge.key" --log-file="$CLUSTER_DIR/munged.log" \
        --pid-file="$CLUSTER_DIR/munged.pid" --seed-file="$CLUSTER_DIR/munged.seed" \
        >>"$CLUSTER_DIR/munged.log" 2>&1 &
    CLUSTER_PIDS+=($!)
    local i
    for i in $(seq 1 50); do
        [ -S "$CLUSTER_DIR/munge.socket" ] && break
        cluster_check_daemons || return 1
        sleep 0.1
    done
    [ -S "$CLUSTER_DIR/munge.socket" ] || { cluster_fail "munged made no socket in 5 s"; return 1; }

    slurmctld -D -c -f "$SLURM_CONF" >>"$CLUSTER_DIR/slurmctld.log" 2>&1 &
    CLUSTER_PIDS+=($!)
    slurmd -D -N "$CLUSTER_NODE" -f "$SLURM_CONF" >>"$CLUSTER_DIR/slurmd.log" 2>&1 &
    CLUSTER_PIDS+=($!)

    # Idle within 30 s, or the reason now: a dead daemon or a down node.
    local st
    for i in $(seq 1 150); do
        cluster_check_daemons || return 1
        st=$(cluster_node_state)
        case "${st%%|*}" in
            idle | mixed | allocated) return 0 ;;
        esac
        # A node is "down" until its slurmd registers; only a reason of its
        # own means it will stay so.
        if [ "$i" -gt 25 ]; then cluster_check_node || return 1; fi
        sleep 0.2
    done
    cluster_fail "node $CLUSTER_NODE not idle after 30 s (state: ${st:-unknown})"
}

cluster_wait_job() {
    local id=$1 limit=$2 start=$SECONDS
    while squeue -h -j "$id" -o '%i' 2>/dev/null | grep -q .; do
        cluster_check_daemons || return 1
        cluster_check_node || return 1
        if [ $((SECONDS - start)) -ge "$limit" ]; then
            cluster_fail "job $id still queued after $limit s: $(squeue -h -o '%i %T %r')"
            return 1
        fi
        sleep 0.5
    done
}

cluster_stop() {
    [ ${#CLUSTER_PIDS[@]} -gt 0 ] || return 0
    local i k pid
    # Jobs first, while slurmctld (the second daemon) can still cancel them.
    if [ ${#CLUSTER_PIDS[@]} -ge 2 ] && kill -0 "${CLUSTER_PIDS[1]}" 2>/dev/null; then
        scancel --user="$(id -un)" 2>/dev/null
        for i in $(seq 1 20); do
            squeue -h -o '%i' 2>/dev/null | grep -q . || break
            sleep 0.25
        done
    fi
    # slurmd, slurmctld, then munged, which both need until they exit.
    for ((k = ${#CLUSTER_PIDS[@]} - 1; k >= 0; k--)); do
        pid=${CLUSTER_PIDS[k]}
        kill -TERM "$pid" 2>/dev/null || continue
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    CLUSTER_PIDS=()
}
