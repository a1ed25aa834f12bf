# A throw-away OpenSSH server on 127.0.0.1 for tests, sourced by them:
#   . sshd_loopback.sh; sshd_start DIR   (exit 77 when sshd is missing)
# It runs as the current user from DIR: its own sshd_config, host key,
# PidFile and log; one throw-away client key in AuthorizedKeysFile; and
# DIR/known_hosts holding the server's real host key, so clients keep
# host-key checking on. Sets SSHD_PID, SSHD_PORT, SSHD_USER and
# SSHD_CLIENT_OPTS (ssh options that reach it); sshd_stop stops it by PID.

sshd_bin=/usr/sbin/sshd

sshd_stop() {
    if [ -n "${SSHD_PID:-}" ]; then
        kill "$SSHD_PID" 2>/dev/null
        wait "$SSHD_PID" 2>/dev/null
        SSHD_PID=
    fi
}

# A port nothing listens on now (a race with another process is caught by
# sshd failing to bind, and retried).
sshd_free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
}

sshd_start() {
    local dir=$1 try
    if [ ! -x "$sshd_bin" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
        echo "skipped: OpenSSH server or client not installed (scripts/setup.sh installs openssh-server openssh-client)"
        exit 77
    fi
    # As root, sshd insists on its privilege-separation folder, which a
    # system without a running sshd service may not have.
    if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
        mkdir -p -m 0755 /run/sshd
    fi
    SSHD_USER=$(id -un)
    ssh-keygen -q -t ed25519 -N '' -C tierbench-test-host -f "$dir/host_key" || return 1
    ssh-keygen -q -t ed25519 -N '' -C tierbench-test-client -f "$dir/client_key" || return 1
    cp "$dir/client_key.pub" "$dir/authorized_keys"
    for try in 1 2 3 4 5; do
        SSHD_PORT=$(sshd_free_port)
        cat >"$dir/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $SSHD_USER
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
CONF
        "$sshd_bin" -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
        SSHD_PID=$!
        local i
        for i in $(seq 100); do
            grep -q "Server listening" "$dir/sshd.log" 2>/dev/null && break
            kill -0 "$SSHD_PID" 2>/dev/null || break
            sleep 0.1
        done
        if grep -q "Server listening" "$dir/sshd.log"; then
            break
        fi
        sshd_stop
        if ! grep -q "Bind to port" "$dir/sshd.log"; then
            echo "sshd did not start:"; cat "$dir/sshd.log"
            return 1
        fi
    done
    [ -n "${SSHD_PID:-}" ] || { echo "sshd: no free port after 5 tries"; return 1; }
    echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
    SSHD_CLIENT_OPTS="-F /dev/null -p $SSHD_PORT -i $dir/client_key -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null"
}
