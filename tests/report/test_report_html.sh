#!/usr/bin/env bash
# The HTML report in a real headless Chromium: it renders, logs nothing to
# the console, every embedded figure decodes (naturalWidth > 0) and clicking
# a header sorts the table (page_check.js, injected into a copy). A
# screenshot is kept in the build tree: Testing/report-screenshot.png.
set -u
bin=$1 src=$2 build=$3
command -v chromium >/dev/null || { echo "skipped: chromium is not installed (scripts/setup.sh)"; exit 77; }
command -v gnuplot >/dev/null || { echo "skipped: gnuplot is not installed (scripts/setup.sh)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/data/report/20261126-report-test" "$work/run"
"$bin" report "$work/run" >/dev/null || { echo "FAILED: tierbench report"; exit 1; }
rep=$work/run/report
# The check script goes first in <head> so it sees errors from the start.
{ sed -n '1,/<head>/p' "$rep/report.html"; printf '<script>\n'; cat "$src/tests/report/page_check.js";
  printf '</script>\n'; sed '1,/<head>/d' "$rep/report.html"; } > "$rep/report-check.html"

# Root cannot use Chromium's sandbox; the page is our own file, offline.
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 "${chrome[@]}" --virtual-time-budget=10000 --dump-dom "file://$rep/report-check.html" \
    >"$work/dom.html" 2>"$work/chrome.log"
fail=0
result=$(grep -o '<pre id="tbcheck">[^<]*' "$work/dom.html" | sed 's/^<pre id="tbcheck">//')
echo "${result:-no result: the page script did not run}"
case $result in "TBCHECK PASS"*) ;; *) fail=1 ;; esac
if grep -q 'CONSOLE' "$work/chrome.log"; then
    echo "FAILED: the page logged to the console:"; grep 'CONSOLE' "$work/chrome.log"; fail=1
fi
mkdir -p "$build/Testing"
shot=$build/Testing/report-screenshot.png
rm -f "$shot"
timeout 120 "${chrome[@]}" --hide-scrollbars --window-size=1280,2400 --screenshot="$shot" \
    "file://$rep/report.html" >/dev/null 2>&1
if file "$shot" 2>/dev/null | grep -q "PNG image data, 1280 x 2400"; then
    echo "screenshot: $shot"
else
    echo "FAILED: no screenshot ($(file "$shot" 2>&1))"; fail=1
fi
[ "$fail" -eq 0 ] || { echo "chromium log: "; tail -20 "$work/chrome.log"; }
exit "$fail"
