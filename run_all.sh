#!/usr/bin/env bash
# tierbench's front door.
#   ./run_all.sh           set up, build, run the default suite, write results
#   ./run_all.sh --quick   the same with fewer repetitions (about a minute)
#   ./run_all.sh test      set up, build with -Werror, run every test; then the
#                          unit tests again under AddressSanitizer + UBSan
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  echo "  options: --quick, --out DIR (results root, default results), -j N (build jobs and"
  echo "           emulated cells side by side), --campaign FILE (run this study instead of"
  echo "           the default suite; docs/campaigns.md)"
}

mode=suite quick=0 out=results jobs=$(nproc 2>/dev/null || echo 2) campaign=
while [ $# -gt 0 ]; do
  case "$1" in
    test) mode=test ;;
    --quick) quick=1 ;;
    --out) [ $# -ge 2 ] || { echo "run_all.sh: --out needs a folder" >&2; exit 2; }; out=$2; shift ;;
    -j) [ $# -ge 2 ] || { echo "run_all.sh: -j needs a number" >&2; exit 2; }; jobs=$2; shift ;;
    --campaign) [ $# -ge 2 ] || { echo "run_all.sh: --campaign needs a file" >&2; exit 2; }; campaign=$2; shift
                [ "${campaign#/}" != "$campaign" ] || campaign="$OLDPWD/$campaign" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run_all.sh: unknown argument '$1'; accepted: test, --quick, --out DIR, -j N, --campaign FILE, --help" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n== %s\n' "$*"; }

build() { # build DIR [cmake options...]
  local dir=$1
  shift
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; exit 1; }
  cmake --build "$dir" -j "$jobs" >"$dir.build.log" 2>&1 || { tail -50 "$dir.build.log"; exit 1; }
}

step "set-up: Debian packages"
scripts/setup.sh

if [ "$mode" = test ]; then
  step "build (-Wall -Wextra -Werror) into build/"
  build build -DTB_WERROR=ON
  step "tests (ctest)"
  (cd build && ctest --output-on-failure -j "$jobs")
  step "build with AddressSanitizer + UBSan into build-asan/"
  build build-asan -DTB_WERROR=ON -DTB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  step "unit tests under ASan + UBSan"
  (cd build-asan && ctest --output-on-failure -j "$jobs" -L unit)
  exit 0
fi

step "build into build/"
build build
# The default suite: the four MLPerf Tiny workloads on every tier this
# machine has (a tier whose toolchain is missing is skipped with the reason).
run_args=(-w kws,vww,ic,ad -t host,server,cortex-m0,cortex-m3,cortex-m4,cortex-m7,cortex-m33,cortex-m55,cortex-a53,cortex-a72,cortex-a76
          --out "$out")
[ -n "$campaign" ] && run_args=(--campaign "$campaign" --out "$out")
[ "$quick" = 1 ] && run_args+=(--quick)
# emulated cells side by side; measured cells still run alone
run_args+=(-j "$jobs")
run_id=$(date -u +%Y%m%d-%H%M%S)-all
run_args+=(--run-id "$run_id")
# An OpenBLAS older than the CPU falls back to generic kernels; the server
# target then names the OPENBLAS_CORETYPE that fixes it (docs/server.md).
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  core=$(build/tierbench info | sed -n 's/.*OPENBLAS_CORETYPE=\([A-Za-z]*\).*/\1/p')
  if [ -n "$core" ]; then
    export OPENBLAS_CORETYPE=$core
    echo "OPENBLAS_CORETYPE=$core"
  fi
fi
step "run: ${run_args[*]}"
rc=0
build/tierbench run "${run_args[@]}" || rc=$?
# Where each workload should run over the default link set (docs/placement.md),
# then the report, which includes the placement.
step "placement: tierbench place $out/$run_id"
build/tierbench place "$out/$run_id" || rc=$?
step "report: $out/$run_id/report/report.html"
build/tierbench report "$out/$run_id" || { [ "$rc" -ne 0 ] || rc=1; }
exit "$rc"
