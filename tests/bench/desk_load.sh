#!/usr/bin/env bash
# Runs build/tests/bench/desk_load against a fresh supervisor holding the demo
# city (on free loopback ports, data in a temporary folder), with the 2025-12
# bulletin published so the first page's reads all answer.
# Usage: bash tests/bench/desk_load.sh [desk_load flags, e.g. --seconds=10]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
supervisor=$root/build/services/gongkai-supervisor
cli=$root/build/cli/gongkai
. "$root/tests/e2e/lib.sh"
e2e_init
start
"$cli" units import "$root/deploy/demo/units.csv" >/dev/null
"$cli" push "$root/deploy/demo/reports.csv" >/dev/null
GONGKAI_TOKEN=$office_token "$cli" bulletin publish 2025-12 >/dev/null
"$root/build/tests/bench/desk_load" --grpc="$GONGKAI_SERVER" --http="$GONGKAI_HTTP" \
  --token_file="$work/office.token" "$@"
stop
