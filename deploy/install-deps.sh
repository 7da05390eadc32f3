#!/usr/bin/env bash
# Installs every Debian 12 package that Gongkai's build, tests and demo need.
# Idempotent and non-interactive; run as root (or through sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev
  # Tokens are hashed and minted with OpenSSL; the TLS test makes its
  # certificates with the openssl command.
  libssl-dev openssl
  # The proto-only client test speaks to the supervisor from Python with nothing
  # but the .proto files, the way an outside system would.
  python3 python3-grpcio python3-protobuf grpc-proto
  # The bulletin print test renders the HTML in Debian's Chromium; the font gives
  # it Chinese glyphs; poppler-utils reads the PDF back.
  chromium fonts-wqy-zenhei poppler-utils
  # The fuzz tests (tests/fuzz) build with clang's libFuzzer and sanitizers.
  clang libclang-rt-14-dev
  # The desk (HTTP): cpp-httplib serves it, libxlsxwriter writes the Excel
  # exports; Prometheus checks and scrapes /metrics in the tests; openpyxl
  # reads the exports back; node and npm fetch ECharts and playwright-core.
  libcpp-httplib-dev libxlsxwriter-dev prometheus python3-openpyxl
  # The supervisor allocates with jemalloc: glibc's malloc kept freed memory.
  libjemalloc-dev
)
# Node.js and npm from Debian unless a node is already on the machine.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  echo "install-deps: installed ${missing[*]}"
fi

# The dashboard's chart library (Apache ECharts) and the browser test's driver
# (playwright-core, which drives Debian's chromium): npm packages pinned in
# web/package-lock.json, installed into web/node_modules (not in git). The
# supervisor serves ECharts from there, so the pages need no internet.
web="$(cd "$(dirname "$0")/.." && pwd)/web"
if [ ! -f "$web/node_modules/echarts/dist/echarts.min.js" ] ||
   [ ! -d "$web/node_modules/playwright-core" ] ||
   [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  (cd "$web" && npm ci --no-audit --no-fund)
  echo "install-deps: installed web/node_modules (echarts, playwright-core)"
fi
