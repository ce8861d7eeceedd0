#!/usr/bin/env bash
# Installs the Debian 12 packages ombud builds, tests and benchmarks with.
# Installs only what is missing; needs root (or sudo) when something is.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsimdjson-dev libhiredis-dev redis-server libssl-dev
  libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  libicu-dev libjemalloc-dev wrk curl
  clang-15 libfuzzer-15-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The package starts a system redis-server; ombud runs its own, so stop that one.
if systemctl is-active --quiet redis-server 2>/dev/null; then $sudo systemctl stop redis-server || true; fi
