# Sourced by the CLI tests: check NAME EXPECTED_RC NEEDLE -- command...
# runs the command, and counts it passed when it exits with EXPECTED_RC and
# its output (stdout and stderr) contains NEEDLE (empty: anything); ok and
# bad WHAT count a check the test did itself.
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAILED %s\n' "$*"; }

check() {
    local name=$1 want=$2 needle=$3
    shift 4
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq "$want" ] && { [ -z "$needle" ] || grep -qF -- "$needle" <<<"$out"; }; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAILED %s: rc %s (wanted %s), output:\n%s\n' "$name" "$rc" "$want" "$out"
    fi
}
