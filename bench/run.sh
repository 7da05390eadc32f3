#!/usr/bin/env bash
# National-scale benchmark, side by side with PostgreSQL 15 on the same
# machine (not part of the test suite; see the README, "Speed").
#
#   bash bench/run.sh [--runs 3] [--units 300000] [--no-memory | --memory-only]
#                     [--bin DIR]
#
# Builds what it needs, starts PostgreSQL 15 (Debian's, default settings,
# fsync on) on loopback in its own data directory, and, in each of --runs
# interleaved rounds, measures:
#   1. durable SubmitReport at 64 calls in flight against the empty gRPC
#      handler, and against the same handler answered from another thread
#      (the floor of any group commit) (build/tests/bench/submit_load), and
#      PostgreSQL's single-row durable INSERTs at 64 clients (pgbench);
#   2. registering --units units through ImportUnits on a fresh supervisor;
#   3. one month of every unit's report through SubmitBatch (4 streams at
#      once), against PostgreSQL's COPY of the same rows into an indexed table,
#      beside gRPC's floor: the same streams to a handler in the load tool's
#      own process that parses each report and answers it accepted
#      (national_load batch --canned);
#   4. 50-row pages of the township league at random places, 8 clients, the
#      page around a random township, a county's townships, and township
#      pages sent at a fixed 5,000 a second (open loop: latency from each
#      call's scheduled time), at --units; and at the demo city's size
#      (56 units); against PostgreSQL's prepared
#      top-50 read of a ranked table at 8 clients (pgbench -M prepared), and
#      beside both gRPC's floor: a handler in the load tool's own process that
#      answers every call with the same 50 rows (national_load --canned); and
#      the whole township table streamed (StreamLeagueTable) to the client;
#   5. a month's scores and ranks recomputed for every unit in memory
#      (build/tests/bench/league_bench), against PostgreSQL's weighted score
#      and RANK() over the month's rows, to the client (also the anchor of the
#      streamed table).
# Then, once (not with --no-memory): twelve months of every unit's reports
# stored, the supervisor's resident memory (VmRSS) idle and after reading
# every tier's whole league table of every month, each with where it goes
# (the supervisor's /metrics: jemalloc's heap, RocksDB's memtables, table
# readers and block cache).
# Prints each figure's min/median/max over the rounds, and the ratios.
# --memory-only: only the memory step (no PostgreSQL, no rounds).
# --bin DIR: with --memory-only, take gongkai-supervisor and national_load
#   from DIR (e.g. copies from another build, to compare), building nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 units=300000 memory=1 memory_only="" bin=""
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --units) units=$2; shift 2 ;;
    --no-memory) memory=0; shift ;;
    --memory-only) memory_only=1; shift ;;
    --bin) bin=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs N] [--units N] [--no-memory | --memory-only] [--bin DIR]" >&2; exit 2 ;;
  esac
done

bash deploy/install-deps.sh >/dev/null
if [ -z "$memory_only" ] && [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 >/dev/null
fi
if [ -n "$bin" ] && [ -z "$memory_only" ]; then echo "bench/run.sh: --bin goes with --memory-only" >&2; exit 2; fi
supervisor=build/services/gongkai-supervisor national_load=build/tests/bench/national_load
if [ -n "$bin" ]; then
  supervisor=$bin/gongkai-supervisor national_load=$bin/national_load
else
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j2 --target gongkai-supervisor submit_load national_load league_bench >/dev/null
fi

pgbin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/gongkai-bench.XXXXXX)
chmod 755 "$work"
sup_pid="" pg_started=""
cleanup() {
  [ -n "$sup_pid" ] && kill -9 "$sup_pid" 2>/dev/null || true
  [ -n "$pg_started" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$memory_only" ]; then
# PostgreSQL on loopback, its socket in $work, run as the postgres user.
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
pg_started=1
psql() { command psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres "$@"; }
psql -c "CREATE TABLE reports (unit_id text, period text, version int, items_total bigint,
  work_updates bigint, new_total bigint, natural_person bigint, online bigint, granted bigint,
  mailbox_received bigint, mailbox_replied bigint, idempotency_key text,
  PRIMARY KEY (period, unit_id, version));
  CREATE INDEX reports_by_unit ON reports (unit_id, period, version);
  CREATE TABLE singles (id bigserial PRIMARY KEY, unit_id text, period text, items_total bigint,
  new_total bigint, mailbox_received bigint, idempotency_key text UNIQUE);"
psql -c "CREATE TABLE league (period text, tier int, unit_id text, score numeric, rank int);
  CREATE INDEX league_order ON league (period, tier, rank);"
cat >"$work/top50.sql" <<'EOF'
SELECT unit_id, score, rank FROM league WHERE period = '2025-01' AND tier = 4 ORDER BY rank LIMIT 50;
EOF
# The default scheme's main indicators as SQL over the same columns.
cat >"$work/rank.sql" <<'EOF'
SELECT unit_id, score, RANK() OVER (ORDER BY score DESC) FROM (
  SELECT unit_id,
    LEAST(items_total / 150.0, 1) * 20
    + CASE WHEN mailbox_received = 0 THEN 10 ELSE LEAST(mailbox_replied::numeric / mailbox_received, 1) * 10 END
    + CASE WHEN new_total = 0 THEN 20 ELSE LEAST(granted::numeric / new_total, 1) * 20 END
    + 50 AS score
  FROM reports WHERE period = '2025-01') s;
EOF
cat >"$work/insert.sql" <<'EOF'
\set u random(1, 300000)
INSERT INTO singles (unit_id, period, items_total, new_total, mailbox_received, idempotency_key)
VALUES ('town-' || :u, '2025-01', 120, 3, 40, md5(random()::text || clock_timestamp()::text));
EOF
"$national_load" csv --units "$units" --period 2025-01 >"$work/rows.csv"

fi
start_supervisor() {
  rm -rf "$work/data" "$work/port" "$work/http_port"
  "$supervisor" --data_dir="$work/data" --listen=127.0.0.1:0 --port_file="$work/port" \
    --http_listen=127.0.0.1:0 --http_port_file="$work/http_port" >"$work/supervisor.log" 2>&1 &
  sup_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  export GONGKAI_SERVER="127.0.0.1:$(cat "$work/port")"
  export GONGKAI_TOKEN
  GONGKAI_TOKEN=$(sed -n 's/.*admin (demo-admin): //p' "$work/supervisor.log")
}
stop_supervisor() {
  kill -TERM "$sup_pid"
  wait "$sup_pid" || true
  sup_pid=""
}
seconds_of() { sed -n "s/.* in \([0-9.]*\) s.*/\1/p"; }
rate_of() { sed -n "s/.* s (\([0-9]*\)\/s).*/\1/p"; }
p99_of() { sed -n "s/.* p99 \([0-9.]*\) ms.*/\1/p"; }

declare -A fig
add() { fig[$1]="${fig[$1]:-} $2"; }
if [ -z "$memory_only" ]; then
for r in $(seq "$runs"); do
  echo "round $r of $runs" >&2
  out=$(build/tests/bench/submit_load --seconds=5 --inflight=64)
  add empty "$(sed -n 's/^empty gRPC handler *\([0-9]*\) calls.*/\1/p' <<<"$out")"
  add deferred "$(sed -n 's/^empty, answered off-thread *\([0-9]*\) calls.*/\1/p' <<<"$out")"
  add submit "$(sed -n 's/^SubmitReport (synced WAL) *\([0-9]*\) calls.*/\1/p' <<<"$out")"
  psql -c "TRUNCATE singles" >/dev/null
  tps=$("$pgbin/pgbench" -n -h 127.0.0.1 -p "$pgport" -U postgres -c 64 -j 2 -T 10 \
    -f "$work/insert.sql" postgres 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  add pg_insert "${tps%.*}"

  start_supervisor
  add register "$("$national_load" register --units "$units" | seconds_of)"
  add batch "$("$national_load" batch --units "$units" --streams 4 | seconds_of)"
  out=$("$national_load" league --units "$units" --clients 8 --seconds 5)
  add league_rate "$(rate_of <<<"$out")"; add league_p99 "$(p99_of <<<"$out")"
  out=$("$national_load" league --units "$units" --clients 8 --seconds 5 --around)
  add around_rate "$(rate_of <<<"$out")"; add around_p99 "$(p99_of <<<"$out")"
  out=$("$national_load" league --units "$units" --clients 8 --seconds 5 --by_county)
  add county_rate "$(rate_of <<<"$out")"; add county_p99 "$(p99_of <<<"$out")"
  out=$("$national_load" league --units "$units" --clients 8 --seconds 5 --rate 5000)
  add paced_p99 "$(p99_of <<<"$out")"
  add export "$("$national_load" export --units "$units" --period 2025-01 | seconds_of)"
  stop_supervisor
  start_supervisor
  "$national_load" register --units 56 >/dev/null
  "$national_load" batch --units 56 --streams 1 >/dev/null
  out=$("$national_load" league --units 56 --clients 8 --seconds 5)
  add demo_rate "$(rate_of <<<"$out")"; add demo_p99 "$(p99_of <<<"$out")"
  stop_supervisor
  out=$(build/tests/bench/national_load league --units 56 --clients 8 --seconds 5 --canned)
  add canned_rate "$(rate_of <<<"$out")"; add canned_p99 "$(p99_of <<<"$out")"
  add canned_batch "$(build/tests/bench/national_load batch --units "$units" --streams 4 --canned | seconds_of)"

  out=$(build/tests/bench/league_bench --benchmark_filter='BM_RecomputeMonth/300000' \
    --benchmark_format=csv 2>/dev/null | grep '^"BM_RecomputeMonth')
  add recompute "$(cut -d, -f3 <<<"$out")"  # real_time, ms

  psql -c "TRUNCATE reports" >/dev/null
  t0=$(date +%s.%N)
  psql -c "\\copy reports FROM '$work/rows.csv' WITH (FORMAT csv)"
  add pg_copy "$(python3 -c "import time; print(round(time.time() - $t0, 3))")"
  t0=$(date +%s.%N)
  psql -o /dev/null -f "$work/rank.sql"
  add pg_rank "$(python3 -c "import time; print(round(time.time() - $t0, 3))")"
  if [ "$r" = 1 ]; then
    psql -c "INSERT INTO league SELECT period, 4, unit_id, s, RANK() OVER (ORDER BY s DESC)
      FROM (SELECT period, unit_id, items_total::numeric AS s FROM reports) t; ANALYZE league" >/dev/null
  fi
  tps=$("$pgbin/pgbench" -n -M prepared -h 127.0.0.1 -p "$pgport" -U postgres -c 8 -j 2 -T 10 \
    -f "$work/top50.sql" postgres 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  add pg_top50 "${tps%.*}"
done
fi

# Once: twelve months stored, memory idle and after every table of every month.
rss_idle=0 rss_read=0
if [ "$memory" = 1 ]; then
echo "memory: twelve months of $units units" >&2
start_supervisor
"$national_load" register --units "$units" >/dev/null
months=""
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
  "$national_load" batch --units "$units" --period "2025-$m" --streams 4 >/dev/null
  months="$months${months:+,}2025-$m"
done
# Where the memory goes, from /metrics: MiB by part, on one line (nothing
# from a build without these metrics).
memory_parts() {
  curl -s "http://127.0.0.1:$(cat "$work/http_port")/metrics" |
    awk '/^gongkai_memory_bytes/ { split($1, a, "\""); printf "%s%s %.0f", sep, a[2], $2 / 1048576; sep = ", " }' || true
}
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$sup_pid/status")
parts_idle=$(memory_parts)
"$national_load" tables --months "$months" >/dev/null
rss_read=$(awk '/VmRSS/ {print $2}' "/proc/$sup_pid/status")
parts_read=$(memory_parts)
echo "memory idle (MiB): $parts_idle" >&2
echo "memory after every league table (MiB): $parts_read" >&2
stop_supervisor
fi
if [ -n "$memory_only" ]; then
  echo "resident memory, 12 months x $units units: idle $((rss_idle / 1024)) MiB, after every league table $((rss_read / 1024)) MiB (goal <= 512 MiB)"
  exit 0
fi

python3 - "$runs" "$units" "$rss_idle" "$rss_read" <<EOF
import statistics, sys
runs, units = sys.argv[1], int(sys.argv[2])
rss_idle, rss_read = int(sys.argv[3]) / 1024, int(sys.argv[4]) / 1024
fig = {$(for k in "${!fig[@]}"; do printf '"%s": [%s], ' "$k" "$(tr ' ' '\n' <<<"${fig[$k]}" | grep . | paste -sd, -)"; done)}
def mmm(k):
    v = sorted(fig[k]); return v[0], statistics.median(v), v[-1]
def line(name, k, unit):
    lo, mid, hi = mmm(k); print(f"{name:<46} {lo:>10.3f} {mid:>10.3f} {hi:>10.3f}  {unit}")
print(f"national benchmark, {runs} interleaved rounds, {units} units; min / median / max")
line("empty gRPC handler, 64 in flight", "empty", "calls/s")
line("  the same, answered from another thread", "deferred", "calls/s")
line("durable SubmitReport, 64 in flight", "submit", "calls/s")
line("PostgreSQL single-row INSERT, 64 clients", "pg_insert", "TPS")
line(f"register {units} units (ImportUnits)", "register", "s")
line(f"one month of {units-1} reports (SubmitBatch)", "batch", "s")
line(f"PostgreSQL COPY of the same rows", "pg_copy", "s")
line(f"gRPC's floor: the same month parsed and answered", "canned_batch", "s")
r = [s / e for s, e in zip(fig["submit"], fig["empty"])]
print(f"SubmitReport / empty handler: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f} (goal >= 0.6)")
r = [d / e for d, e in zip(fig["deferred"], fig["empty"])]
print(f"  (answered from another thread / empty handler: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f}: the floor of any group commit)")
r = [s / p for s, p in zip(fig["submit"], fig["pg_insert"])]
print(f"SubmitReport / PostgreSQL INSERT: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f} (goal >= 2)")
r = [b / c for b, c in zip(fig["batch"], fig["pg_copy"])]
print(f"SubmitBatch time / PostgreSQL COPY time: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f} (goal < 1)")
r = [b / c for b, c in zip(fig["canned_batch"], fig["pg_copy"])]
print(f"  (gRPC's floor time / PostgreSQL COPY time: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f})")
print(f"register: median {statistics.median(fig['register']):.2f} s (goal < 5 s)")
line("township league, 50-row pages, 8 clients", "league_rate", "calls/s")
line("  its p99", "league_p99", "ms")
line("the page around a township, 8 clients", "around_rate", "calls/s")
line("  its p99", "around_p99", "ms")
line("a county's townships, 8 clients", "county_rate", "calls/s")
line("  its p99", "county_p99", "ms")
line("township page at a fixed 5,000/s (open loop), p99", "paced_p99", "ms")
line("demo-city size (56 units), 50-row page, 8 clients", "demo_rate", "calls/s")
line("  its p99", "demo_p99", "ms")
line("gRPC's floor: a fixed 50-row page, 8 clients", "canned_rate", "calls/s")
line("  its p99", "canned_p99", "ms")
line("PostgreSQL prepared top-50 read, 8 clients", "pg_top50", "TPS")
line(f"the whole township table streamed to the client", "export", "s")
line(f"recompute a month's scores and ranks, {units} units", "recompute", "ms")
line("PostgreSQL weighted score + RANK(), to the client", "pg_rank", "s")
for k, name in (("league_rate", "township league page"), ("demo_rate", "demo-city league page"),
                ("canned_rate", "gRPC's floor (a fixed page)")):
    r = [a / b for a, b in zip(fig[k], fig["pg_top50"])]
    print(f"{name} / PostgreSQL top-50: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f} (goal >= 1; p99 goal <= 1 ms)")
r = [p * 1000 / c for c, p in zip(fig["recompute"], fig["pg_rank"])]
print(f"PostgreSQL ranking time / recompute time: {min(r):.1f} {statistics.median(r):.1f} {max(r):.1f} (goal: recompute <= 300 ms, about 4x faster)")
r = [e / p for e, p in zip(fig["export"], fig["pg_rank"])]
print(f"streamed table time / PostgreSQL ranking to the client: {min(r):.2f} {statistics.median(r):.2f} {max(r):.2f}")
if rss_idle: print(f"resident memory, 12 months x {units} units: idle {rss_idle:.0f} MiB, after every league table {rss_read:.0f} MiB (goal <= 512 MiB)")
EOF
