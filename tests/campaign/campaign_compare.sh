# Shared by the campaign tests and bench/: what "the same run" means.
# same_run A B: both folders' records.jsonl hold the same cells in the same
# order, no cell twice, the same statuses, and for emulated cells identical
# instruction counts, class counts, cycles and output checksums. Prints
# what differs; returns 0 when equal.
emulated_view() {
    jq -c '{cell_id, status, ran_alone,
            emu: (if .emulation then {instructions: .emulation.instructions,
                   classes: .emulation.classes, cycles: .emulation.cycles} else null end),
            out: (if .emulation then .output.checksum else null end)}' "$1/records.jsonl"
}
same_run() {
    local a=$1 b=$2
    local dup
    dup=$(jq -r .cell_id "$b/records.jsonl" | sort | uniq -d)
    if [ -n "$dup" ]; then
        echo "duplicate cells in $b: $dup"; return 1
    fi
    # ran_alone differs by design between -j 1 and -j N for emulated cells
    if ! diff <(emulated_view "$a" | jq -c 'del(.ran_alone)') \
              <(emulated_view "$b" | jq -c 'del(.ran_alone)'); then
        echo "records of $a and $b differ (above)"; return 1
    fi
    [ "$(wc -l <"$a/records.jsonl")" -gt 0 ]
}
# count_records DIR: finished cells (record files) in a run folder.
count_records() {
    find "$1/cells" -name record.json 2>/dev/null | wc -l
}
