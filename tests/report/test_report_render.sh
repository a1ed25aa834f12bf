#!/usr/bin/env bash
# tierbench report as a user runs it, on the committed run in
# tests/data/report: every figure exists in every format and size and parses
# (PDF by pdfinfo, SVG by xmllint, PNG size from its header), the Markdown
# and LaTeX hold each record's numbers marked measured or estimated, figures
# re-render from their scripts, and bad input or a missing gnuplot behave.
set -u
bin=$1 src=$2
data=$src/tests/data/report/20261126-report-test
for tool in gnuplot pdfinfo xmllint file jq; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (scripts/setup.sh)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../cli_check.sh"

run=$work/run
cp -r "$data" "$run"
out=$("$bin" report "$run" 2>&1); rc=$?
[ "$rc" -eq 0 ] && ok || bad "report exit $rc: $out"
rep=$run/report
figures="latency energy memory layers scaling_latency scaling_energy roofline pareto split"
for f in $figures; do
    for size in 1col 2col; do
        pdfinfo "$rep/figures/$f-$size.pdf" >/dev/null 2>&1 && ok || bad "$f-$size.pdf does not parse"
        want_in=$([ $size = 1col ] && echo 3.5 || echo 7)
        width_pt=$(pdfinfo "$rep/figures/$f-$size.pdf" 2>/dev/null | awk '/^Page size/ {print $3}')
        awk -v w="$width_pt" -v inch="$want_in" 'BEGIN { exit !(w > inch * 72 - 1 && w < inch * 72 + 1) }' \
            && ok || bad "$f-$size.pdf is $width_pt pt wide, wanted $want_in in"
        xmllint --noout "$rep/figures/$f-$size.svg" 2>/dev/null && ok || bad "$f-$size.svg is not XML"
        want_px=$([ $size = 1col ] && echo 525 || echo 1050)
        file "$rep/figures/$f-$size.png" | grep -q "PNG image data, $want_px x [0-9]" \
            && ok || bad "$f-$size.png: $(file "$rep/figures/$f-$size.png")"
    done
    [ -s "$rep/figures/$f.gp" ] && [ -s "$rep/figures/$f.csv" ] && ok || bad "$f.gp/.csv missing"
done
for t in results placement sensitivity; do
    grep -q '\\toprule' "$rep/tables/$t.tex" && grep -q '\\bottomrule' "$rep/tables/$t.tex" \
        && ok || bad "tables/$t.tex is not a booktabs table"
done
[ -z "$(find "$rep" -name '*.tmp.*' -o -name '.staging-*' -o -name '*.log')" ] \
    && ok || bad "temporary files left: $(find "$rep" -name '*.tmp.*' -o -name '.staging-*' -o -name '*.log')"

# Each ok record's median latency and energy appear in its row, in
# italics with a dagger exactly when the record says the value is estimated.
# Four significant digits, as the report prints them (tb_format_number).
fmt4() { awk -v v="$1" 'BEGIN { a = v < 0 ? -v : v; l = log(a) / log(10); f = int(l); if (f > l) f--;
                              d = 3 - f; if (d < 0) d = 0; printf "%.*f", d, v }'; }
while IFS=$'\t' read -r w t d ns lmethod uJ emethod; do
    lat=$(fmt4 "$(awk -v n="$ns" 'BEGIN { printf "%.17g", n / 1e6 }')")
    en=$(fmt4 "$uJ")
    case $lmethod in measured*) lcell="| $lat |";; *) lcell="| *$lat*† |";; esac
    case $emethod in measured*) ecell="| $en |";; *) ecell="| *$en*† |";; esac
    row=$(grep -F "| ${w//:/:} | $t | " "$rep/report.md" | grep -F "| $d | ok |" | head -1)
    grep -qF -- "$lcell" <<<"$row" && ok || bad "report.md row $w/$t/$d lacks latency '$lcell': $row"
    grep -qF -- "$ecell" <<<"$row" && ok || bad "report.md row $w/$t/$d lacks energy '$ecell': $row"
    case $lmethod in measured*) tex=" & $lat & ";; *) tex=" & \\textit{$lat}\\textsuperscript{\\dag} & ";; esac
    grep -F "$t & " "$rep/tables/results.tex" | grep -qF -- "$tex" && ok || bad "results.tex lacks '$tex' for $w/$t"
done < <(jq -r 'select(.status == "ok") | [.workload, .target, .dtype, .latency.ns.median,
                .latency.method, .energy_uJ, .energy_method] | @tsv' "$run/records.jsonl")
grep -qF "run 20261126-report-test" "$rep/report.md" && ok || bad "report.md does not name the run id"
grep -qF "| kws | LTE | device:cortex-m4 | *42.39*† |" "$rep/report.md" \
    && ok || bad "placement decision kws/LTE missing from report.md"
grep -qF "at 2.100e+07 bit/s: device:cortex-m4 -> server:server" "$rep/report.md" \
    || grep -qF "at 21000000 bit/s: device:cortex-m4 -> server:server" "$rep/report.md" \
    && ok || bad "sensitivity flip missing from report.md"

# A figure re-renders from its script and data alone.
rm "$rep/figures/latency-1col.png"
(cd "$rep/figures" && gnuplot latency.gp) && [ -s "$rep/figures/latency-1col.png" ] \
    && ok || bad "gnuplot latency.gp did not re-render"

# Only the formats asked for; no placement; no gnuplot on PATH.
run2=$work/run2
cp -r "$data" "$run2" && rm -r "$run2/placement"
"$bin" report "$run2" --formats svg --out "$work/svg" >/dev/null 2>&1 && ok || bad "--formats svg failed"
[ -s "$work/svg/figures/latency-2col.svg" ] && [ ! -e "$work/svg/figures/latency-2col.png" ] \
    && ok || bad "--formats svg wrote other formats"
grep -q "No placement computed" "$work/svg/report.md" && ok || bad "no placement note missing"
[ ! -e "$work/svg/figures/pareto.gp" ] && ok || bad "pareto drawn without placement"
out=$(PATH=/nonexistent "$bin" report "$run2" --out "$work/nognuplot" 2>&1); rc=$?
[ "$rc" -eq 0 ] && grep -q "gnuplot is not on PATH" <<<"$out" && ok || bad "no gnuplot: rc $rc, $out"
[ -s "$work/nognuplot/report.html" ] && [ -s "$work/nognuplot/figures/latency.gp" ] \
    && [ ! -e "$work/nognuplot/figures/latency-1col.png" ] && ok || bad "no gnuplot: wrong files"

# A gnuplot that lists its terminals but fails to draw: exit 1, the failure
# named, the documents still written.
mkdir "$work/fakebin"
cat > "$work/fakebin/gnuplot" <<'FAKE'
#!/bin/sh
if [ "$2" = "set terminal" ]; then printf '   pdfcairo  pdf\n   pngcairo  png\n        svg  svg\n'; exit 0; fi
echo "fake gnuplot: cannot draw" >&2; exit 1
FAKE
chmod +x "$work/fakebin/gnuplot"
out=$(PATH="$work/fakebin:$PATH" "$bin" report "$run2" --out "$work/fail" 2>&1); rc=$?
[ "$rc" -eq 1 ] && grep -q "fake gnuplot: cannot draw" <<<"$out" && [ -s "$work/fail/report.md" ] \
    && ok || bad "failing gnuplot: rc $rc, $out"

# A gnuplot without the pngcairo terminal: PNG skipped with the reason, the
# rest drawn, exit 0.
mkdir "$work/nopng"
real_gnuplot=$(command -v gnuplot)
cat > "$work/nopng/gnuplot" <<NOPNG
#!/bin/sh
if [ "\$2" = "set terminal" ]; then printf '   pdfcairo  pdf\n        svg  svg\n'; exit 0; fi
exec "$real_gnuplot" "\$@"
NOPNG
chmod +x "$work/nopng/gnuplot"
out=$(PATH="$work/nopng:$PATH" "$bin" report "$run2" --out "$work/nopngout" 2>&1); rc=$?
[ "$rc" -eq 0 ] && grep -q "png skipped: this gnuplot has no pngcairo terminal" <<<"$out" \
    && [ -s "$work/nopngout/figures/latency-1col.pdf" ] && [ ! -e "$work/nopngout/figures/latency-1col.png" ] \
    && grep -q "png skipped" "$work/nopngout/report.md" && ok || bad "no pngcairo: rc $rc, $out"

check missing-dir 2 "is not a folder" -- "$bin" report "$work/nosuch"
mkdir "$work/empty"
check no-records 2 "records.jsonl" -- "$bin" report "$work/empty"
: > "$work/empty/records.jsonl"
check empty-records 2 "has no records" -- "$bin" report "$work/empty"
check bad-format 2 "png, pdf, svg" -- "$bin" report "$run" --formats gif
check no-arg 2 "give one result folder" -- "$bin" report

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
