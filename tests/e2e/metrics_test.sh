#!/usr/bin/env bash
# /metrics with the real binaries: after the demo city is loaded over gRPC and
# a few HTTP reads, `promtool check metrics` finds nothing to say about it,
# the metrics the README lists are there with the right values, and a real
# Prometheus started on loopback with deploy/prometheus.yml scrapes it and
# answers one of our metrics through its HTTP API.
# Usage: metrics_test.sh SUPERVISOR CLI SOURCE_DIR
set -uo pipefail
supervisor=$1 cli=$2 src=$3
. "$(dirname "$0")/lib.sh"
e2e_init prom_pid
for tool in promtool prometheus curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (bash deploy/install-deps.sh)"
done

start
run import units import "$src/deploy/demo/units.csv"
check "units import" exited 0 import
run push push "$src/deploy/demo/reports.csv"
check "push the demo reports" exited 0 push
# An HTTP read or two, signed in as the office.
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$office_token\"}" "http://$GONGKAI_HTTP/api/v1/signin" >/dev/null
curl -s -b "$work/cookies" "http://$GONGKAI_HTTP/api/v1/league?period=2025-12&tier=COUNTY" \
  >"$work/league.json"
check "league over HTTP" grep -q '"unit_id"' "$work/league.json"
curl -s "http://$GONGKAI_HTTP/metrics" >"$work/metrics.txt"

case_name="promtool"
promtool check metrics <"$work/metrics.txt" >"$work/promtool.out" 2>&1
rc=$?
check "promtool check metrics exits 0" test "$rc" -eq 0
check "promtool check metrics has nothing to say ($(head -c 300 "$work/promtool.out"))" \
  test ! -s "$work/promtool.out"
check "example scrape config is valid" promtool check config "$src/deploy/prometheus.yml"

case_name="values"
metric() { grep -E "^$1 " "$work/metrics.txt" | awk '{print $2}'; }
check "5 counties registered" test "$(metric 'gongkai_units\{tier="COUNTY"\}')" = 5
check "30 townships registered" test "$(metric 'gongkai_units\{tier="TOWNSHIP"\}')" = 30
stored=$(metric gongkai_reports_stored)
# RocksDB's key count is an estimate: within 5% of the demo's 669 reports.
check "reports stored ($stored) about the demo's 669 reports" \
  test "${stored:-0}" -ge 635 -a "${stored:-0}" -le 703
check "group commit batches counted" \
  test "$(metric gongkai_group_commit_batch_size_count)" -gt 0
check "fsync time observed" grep -q '^gongkai_group_commit_sync_seconds_sum ' "$work/metrics.txt"
check "gRPC requests by method and code" \
  grep -q '^gongkai_requests_total{protocol="grpc",method="SubmitBatch",code="OK"}' \
  "$work/metrics.txt"
check "HTTP requests by route and code" \
  grep -q '^gongkai_requests_total{protocol="http",method="GET /api/v1/league",code="OK"} 1' \
  "$work/metrics.txt"
check "latency histogram" \
  grep -q '^gongkai_request_duration_seconds_bucket{protocol="http",method="GET /api/v1/league",le="+Inf"} 1' \
  "$work/metrics.txt"
check "completeness of the month being reported" \
  grep -q '^gongkai_reporting_completeness_ratio{tier="COUNTY",period=' "$work/metrics.txt"
check "RocksDB size" test "$(metric gongkai_rocksdb_size_bytes)" -gt 0
# Where the memory goes: the process's resident set, jemalloc's heap (the
# supervisor allocates with it), RocksDB's memtables holding the demo.
resident=$(metric 'gongkai_memory_bytes\{part="resident"\}')
allocated=$(metric 'gongkai_memory_bytes\{part="heap_allocated"\}')
check "resident memory (${resident:-none}) over 10 MB" test "${resident:-0}" -gt 10000000
check "jemalloc's heap in use (${allocated:-none}) over 1 MB, under resident" \
  test "${allocated:-0}" -gt 1000000 -a "${allocated:-0}" -lt "${resident:-0}"
check "jemalloc's resident and retained pages" \
  grep -q '^gongkai_memory_bytes{part="heap_retained"} ' "$work/metrics.txt"
check "RocksDB's memtables hold the demo" \
  test "$(metric 'gongkai_memory_bytes\{part="rocksdb_memtables"\}')" -gt 0
check "RocksDB's table readers and block cache" \
  grep -q '^gongkai_memory_bytes{part="rocksdb_block_cache"} ' "$work/metrics.txt"

case_name="prometheus"
prom_port=$(free_port)
sed -e "s/127.0.0.1:7451/$GONGKAI_HTTP/" -e "s/scrape_interval: 15s/scrape_interval: 1s/" \
  "$src/deploy/prometheus.yml" >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
api="http://127.0.0.1:$prom_port/api/v1/query"
value=""
for _ in $(seq 150); do
  value=$(curl -s --get --data-urlencode 'query=gongkai_units{tier="COUNTY",job="gongkai"}' "$api" |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' \
      2>/dev/null)
  [ -n "$value" ] && break
  sleep 0.2
done
check "Prometheus scraped gongkai_units{tier=COUNTY} = 5 (got '$value'; log: $(tail -3 "$work/prometheus.log" | tr '\n' ' '))" \
  test "$value" = 5
up=$(curl -s --get --data-urlencode 'query=up{job="gongkai"}' "$api" |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")')
check "the target is up" test "$up" = 1
kill "$prom_pid"
wait "$prom_pid" 2>/dev/null
prom_pid=""

stop
finish
