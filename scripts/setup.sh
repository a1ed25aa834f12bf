#!/usr/bin/env bash
# Installs every Debian package tierbench needs. Idempotent: installs only
# what is missing. As root it runs apt-get; otherwise it prints the exact
# apt-get line to run and exits 2.
set -euo pipefail

# Build and core measurement.
packages=(
  build-essential cmake pkg-config git
  libcjson-dev          # result records (JSON)
  libsqlite3-dev        # results history (docs/history.md)
  sqlite3               # results history: the shell users query it with (docs/history.md)
  libbenchmark-dev      # latency: Google Benchmark through our C shim
  libpapi-dev papi-tools  # hardware counters, RAPL energy where readable
  libopenblas-dev       # server tier (BLAS)
  gnuplot-nox           # figures
  gcc-arm-none-eabi libnewlib-arm-none-eabi  # MCU tier: Cortex-M firmware
  qemu-system-arm       # MCU tier: Cortex-M board models (and the counting plugin's host)
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross  # edge tier: static aarch64 cell programs
  qemu-user             # edge tier: qemu-aarch64 runs them as Cortex-A53/A72/A76
  libxnnpack-dev libpthreadpool-dev  # edge int8 peer baseline (bench/xnnpack_ratio.c); xnnpack.h includes pthreadpool.h
  openssh-client        # ssh target: reaching remote boards
  openssh-server        # ssh target's loopback test: a real sshd on 127.0.0.1
  jq                    # ssh target's loopback test: checking records
  poppler-utils         # report test: pdfinfo checks the PDF figures
  libxml2-utils         # report test: xmllint checks the SVG figures
  file                  # report test: PNG figure dimensions
  chromium              # report test: the HTML report in a real headless browser
  clang                 # libFuzzer target of the TFLite reader (-DTB_FUZZ=ON, docs/import.md)
  slurm-wlm munge       # run --slurm's cluster test: a one-node Slurm cluster (docs/slurm.md)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing Debian packages; as root, run:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 2
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
