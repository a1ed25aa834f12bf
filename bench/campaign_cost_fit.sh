#!/usr/bin/env bash
# The cell cost model's parameters (harness/run/data/cell_cost.txt) fitted to
# the per-cell wall times of a -j 1 run of a campaign: least squares of
# seconds = overhead + MACs x ns_per_mac per emulated target; for measured
# targets ns_per_mac from the records' median latency and the overhead from
# what the repetitions leave. Prints lines in the data file's syntax.
# Usage: bench/campaign_cost_fit.sh [BUILD_DIR] [CAMPAIGN]
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
campaign=${2:-$src/bench/campaigns/cost_fit.campaign}
bin=$(cd "$build" && pwd)/tierbench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" run --campaign "$campaign" -j 1 --out "$out" --run-id j1 >"$out/j1.log" 2>&1
echo "# fitted by bench/campaign_cost_fit.sh on $(date -u +%F) from $campaign"
python3 - "$out/j1.log" "$out/j1/records.jsonl" "$out/j1/plan.json" <<'PY'
import json, re, sys
from collections import defaultdict
secs = {}
for line in open(sys.argv[1]):
    m = re.match(r"^\[\d+/\d+\] (\S+)\s.*\(([\d.]+) s\)$", line.strip())
    if m:
        secs[m.group(1)] = float(m.group(2))
opts = json.load(open(sys.argv[3]))["options"]
by_target = defaultdict(list)
for line in open(sys.argv[2]):
    r = json.loads(line)
    if r["status"] == "ok" and r["cell_id"] in secs:
        by_target[r["target"]].append((r, secs[r["cell_id"]]))
for target, rows in by_target.items():
    macs = [r["model"]["macs"] for r, _ in rows]
    s = [t for _, t in rows]
    if rows[0][0]["emulation"] is None:  # measured: latency from the record
        ns = sum(r["latency"]["ns"]["median"] / r["model"]["macs"] for r, _ in rows) / len(rows)
        lat = [m * ns * 1e-9 for m in macs]
        run = [opts["reps"] * max(opts["min_time_s"], l) + opts["warmup"] * l for l in lat]
        over = sum(t - x for t, x in zip(s, run)) / len(rows)
    else:  # least squares: seconds = overhead + macs * ns_per_mac
        n, mx, my = len(rows), sum(macs) / len(rows), sum(s) / len(rows)
        sxx = sum((m - mx) ** 2 for m in macs)
        ns = max(0.0, sum((m - mx) * (t - my) for m, t in zip(macs, s)) / sxx * 1e9) if sxx else 0.0
        over = my - mx * ns * 1e-9
    print(f"target {target} {max(over, 0):.3f} {ns:.3g}   # {len(rows)} cells, {min(macs)}..{max(macs)} MACs")
PY
