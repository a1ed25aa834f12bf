# Shared by the plugin count tests (mcu_plugin, edge_plugin), sourced:
# fail MESSAGE, and checks of a tbcount JSON Lines file against exact
# counts. The sourcing script sets COUNTERS (the plugin's counter names).

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect FILE LABEL PATTERN DEPTH "name=value ...": the one line of FILE that
# contains PATTERN has the given depth (- for the total line) and exactly these
# counts; every counter not listed must be 0.
expect() {
    file=$1 label=$2 pattern=$3 depth=$4 want_list=$5
    line=$(grep -F "$pattern" "$file")
    if [ -z "$line" ] || [ "$(printf '%s\n' "$line" | wc -l)" -ne 1 ]; then
        fail "$label: expected one line with $pattern in $file"
        return
    fi
    if [ "$depth" != - ]; then
        case $line in
        *"\"depth\":$depth,"*) ;;
        *) fail "$label: depth is not $depth: $line" ;;
        esac
    fi
    for key in $COUNTERS; do
        want=0
        for kv in $want_list; do
            [ "${kv%%=*}" = "$key" ] && want=${kv#*=}
        done
        got=$(printf '%s\n' "$line" | sed -n "s/.*\"$key\":\([0-9]*\).*/\1/p")
        [ "$got" = "$want" ] || fail "$label: $key is ${got:-missing}, expected $want"
    done
}

expect_lines() {
    n=$(wc -l <"$1")
    [ "$n" -eq "$2" ] || fail "$1: $n lines, expected $2 (regions + total)"
}

