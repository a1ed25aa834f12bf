#!/usr/bin/env bash
# Runs the TFLite fuzzer for a bounded time over a fresh seed corpus (the
# hand-made seeds plus the shared models when present) and reports how many
# inputs it executed. A crash fails the test; the reproducer stays in
# RUN_DIR (crash-*).
# usage: run_fuzz.sh FUZZER MAKE_SEEDS MODELS_DIR RUN_DIR SECONDS
set -euo pipefail
fuzzer=$(realpath "$1") seeds=$(realpath "$2") models=$3 run=$4 seconds=$5
rm -rf "$run"
mkdir -p "$run/corpus"
"$seeds" "$run/corpus"
if [ -d "$models" ]; then
  cp "$models"/*.tflite "$run/corpus/"
else
  echo "fuzz: no $models; seeding with the hand-made files only"
fi
cd "$run"
status=0
"$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
  -max_len=1200000 corpus >fuzz.log 2>&1 || status=$?
grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb" fuzz.log || true
tail -n 3 fuzz.log
if [ "$status" -ne 0 ]; then
  echo "fuzz: the fuzzer failed (exit $status); see $run/fuzz.log and $run/crash-*"
  grep -m 5 -E "ERROR|SUMMARY" fuzz.log || true
fi
exit "$status"
