#!/usr/bin/env bash
# Builds the supervisor with clang's sanitizers into its own build folder,
# for tests/stress/stress_test.sh. Debian's gRPC, protobuf, RocksDB and Abseil
# stay uninstrumented: AddressSanitizer and UndefinedBehaviorSanitizer check
# our code's every access and operation; ThreadSanitizer sees our locks but not
# those inside gRPC and Abseil (see the README).
# Usage: build_sanitized.sh BUILD_DIR SANITIZERS   (e.g. address,undefined or thread)
set -euo pipefail
build=$1 sanitizers=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release \
  -DGONGKAI_SANITIZE="$sanitizers" >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2 --target gongkai-supervisor
echo "built $build/services/gongkai-supervisor with -fsanitize=$sanitizers"
