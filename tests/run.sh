#!/usr/bin/env bash
# The whole test suite: installs what is needed, builds once, runs every test
# (unit, gRPC, RocksDB, end to end with the real binaries) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
cd build
ctest --output-on-failure -j2 --timeout 300
