#!/usr/bin/env bash
# End to end with the real binaries: the outbox of `gongkai push` never loses
# a report and never stores one twice.
#   1. With the supervisor down, two pushes keep every row in the outbox and
#      exit 3 with a clear message; `push --resume` gives up after
#      --retry_for; a `push --resume` started while the supervisor is still
#      down delivers everything once it comes back: every row exactly once
#      (version 1), the bad row in refused/ with its reason.
#   2. The supervisor is killed (SIGKILL) in the middle of a large push; after
#      a restart, `push --resume` delivers the rest: every row exactly once.
#   3. A second push waits for the one holding the outbox, then gives up
#      without queueing; a row refused while the supervisor is up goes to
#      refused/ at once.
# Usage: outbox_test.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
real_supervisor=$supervisor
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init pusher holder

outbox="$work/outbox"
export GONGKAI_OUTBOX="$outbox"

# queued: how many reports wait in the outbox; refused_files: in refused/.
queued() { find "$outbox" -maxdepth 1 -name '*.req' | wc -l; }
refused_files() { find "$outbox/refused" -maxdepth 1 -name "$1" | wc -l; }
equals() {
  [ "$1" = "$2" ] && return 0
  echo "  got $1, want $2" >&2
  return 1
}
# exactly_once CSV...: every unit of the CSVs has, for the periods of the
# CSVs, exactly their rows: one submission each, version 1, the CSV's
# proactive.items_total.
exactly_once() {
  local units
  units=$(cut -d, -f1 "$@" | grep -v '^unit_id$' | sort -u)
  mkdir -p "$work/history"
  for u in $units; do
    "$cli" history "$u" --format json >"$work/history/$u.json" || return 1
  done
  /usr/bin/python3 - "$work/history" "$@" <<'PY'
import collections, csv, glob, json, sys
want = {}
for path in sys.argv[2:]:
    for row in csv.DictReader(open(path)):
        want[(row["unit_id"], row["period"])] = int(row["proactive.items_total"] or 0)
periods = {p for _, p in want}
got = collections.defaultdict(list)
for f in glob.glob(sys.argv[1] + "/*.json"):
    for s in json.load(open(f)).get("submissions", []):
        r = s["report"]
        if r["period"] in periods:
            got[(r["unit_id"], r["period"])].append(
                (s.get("version", 0), int(r.get("proactive", {}).get("items_total", 0))))
bad = [(k, got.get(k)) for k in want if got.get(k) != [(1, want[k])]]
extra = [k for k in got if k not in want]
if bad or extra:
    print(f"  {len(bad)} rows not stored exactly once as version 1, e.g. {bad[:3]}; "
          f"unexpected: {extra[:3]}", file=sys.stderr)
    sys.exit(1)
print(f"  {len(want)} rows, each stored exactly once")
PY
}

# The demo city's units, registered while the supervisor is up.
start
"$cli" units import "$src/deploy/demo/units.csv" >"$work/units.out" || die "units import failed"
grep -q "新增 56 个单位" "$work/units.out" || die "units: $(cat "$work/units.out")"
stop

# ---- 1. supervisor down: everything is kept, then delivered once ----------
head -31 "$src/deploy/demo/reports.csv" >"$work/small.csv"
cat >"$work/bad.csv" <<'CSV'
unit_id,period,proactive.items_total,applications.new_total,applications.results.granted,applications.results.total,applications.replied_on_time,applications.by_applicant.natural_person,applications.received.online
pingxiang-city,2026-01,0,1232,1227,1227,1227,1232,1232
CSV

run down1 push "$work/small.csv"
check "a push to a stopped supervisor exits 3" exited 3 down1
check "it says the supervisor cannot be reached" has down1.err "无法连接监管系统 $GONGKAI_SERVER"
check "it says where the rows are kept" has down1.err "30 份报表保留在发件箱 $outbox"
check "it says how to send them" has down1.err '用 `gongkai push --resume` 发送'
check "the summary counts 30 left" has down1.out "small.csv: 接收 0 份（0 份有警告），退回 0 份，发件箱剩余 30 份"
check "the outbox holds every row" equals "$(queued)" 30
check "the rows are queued in file order" equals \
  "$(find "$outbox" -maxdepth 1 -name '*.req' -printf '%f\n' | sort | sed 's/.*-\([0-9]*\)\.req/\1/' | tr '\n' ' ')" \
  "$(seq -s ' ' 2 31) "

run down2 push "$work/bad.csv"
check "a second push while down exits 3" exited 3 down2
check "it keeps every row, old and new" has down2.err "31 份报表保留在发件箱"
check "it names what earlier pushes left" has down2.out "此前推送留下的报表: 接收 0 份（0 份有警告），退回 0 份，发件箱剩余 30 份"
check "the outbox holds 31 rows" equals "$(queued)" 31

start_time=$(date +%s.%N)
run giveup push --resume --retry_for 2s
elapsed=$(/usr/bin/python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start_time" "$(date +%s.%N)")
check "push --resume gives up after --retry_for with exit 3" exited 3 giveup
check "it retried with a wait" has giveup.err "31 reports waiting"
check "it tried for about --retry_for" /usr/bin/python3 -c "import sys; assert 0.7 <= float(sys.argv[1]) <= 6, sys.argv[1]" "$elapsed"
check "it kept all 31 rows" equals "$(queued)" 31
check "it reports what is left" has giveup.err "31 份报表保留在发件箱 $outbox"

# A resume started while the supervisor is still down delivers once it is
# up. lib.sh starts the supervisor on port 0; this wrapper fixes the port so
# the waiting resume finds it.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/supervisor-at-port" <<SH
#!/usr/bin/env bash
args=()
for a in "\$@"; do
  case "\$a" in --listen=*:0) a="\${a%:0}:$port" ;; esac
  args+=("\$a")
done
exec "$real_supervisor" "\${args[@]}"
SH
chmod +x "$work/supervisor-at-port"
export GONGKAI_SERVER="127.0.0.1:$port"
rc=0
"$cli" push --resume --retry_for 60s >"$work/resume1.out" 2>"$work/resume1.err" &
pusher=$!
sleep 2
kill -0 "$pusher" 2>/dev/null || die "push --resume ended while the supervisor was down: $(cat "$work/resume1.err")"
supervisor="$work/supervisor-at-port"
start
supervisor=$real_supervisor
[ "$GONGKAI_SERVER" = "127.0.0.1:$port" ] || die "the supervisor did not take port $port"
wait "$pusher" || rc=$?
pusher=""
check "the waiting resume exits 1 (one row refused)" exited 1 resume1
check "it waited for the supervisor" has resume1.err "trying again in"
check "it summarizes the outbox" has resume1.out "发件箱 $outbox: 接收 30 份"
check "it says 1 refused, where, and nothing left" has resume1.out "退回 1 份（见 $outbox/refused），发件箱剩余 0 份"
check "it prints the refusal with the row's file and line" \
  has resume1.out "bad.csv line 2 (pingxiang-city 2026-01): applications.results.total: 勾稽关系不平"
check "the outbox is empty" equals "$(queued)" 0
check "the refused row is in refused/" equals "$(refused_files '*-bad.csv-2.req')" 1
reason=$(find "$outbox/refused" -name '*-bad.csv-2.txt')
check "its reason is beside it" test -n "$reason"
cp "$reason" "$work/reason.txt" 2>/dev/null || true
check "the reason names the report" has reason.txt "report: pingxiang-city 2026-01"
check "the reason names the file and line" has reason.txt "from: bad.csv line 2"
check "the reason has the code" has reason.txt "INVALID_ARGUMENT"
check "the reason has the field error" has reason.txt "field applications.results.total: 勾稽关系不平"
check "every row arrived exactly once" exactly_once "$work/small.csv"
run nothing push --resume
check "a resume of an empty outbox says so" has nothing.out "发件箱 $outbox：没有待发送的报表"
check "and exits 0" exited 0 nothing

# ---- 2. the supervisor killed in the middle of a large push ----------------
/usr/bin/python3 - "$src/deploy/demo/reports.csv" "$work/big.csv" <<'PY'
# The demo year again for 2019-2024: 6 x 669 rows no other case sends.
import sys
lines = open(sys.argv[1]).read().splitlines()
with open(sys.argv[2], "w") as out:
    out.write(lines[0] + "\n")
    for year in range(2019, 2025):
        for line in lines[1:]:
            out.write(line.replace("2025-", f"{year}-").replace("2026-", f"{year + 1}-") + "\n")
PY
rows=$(($(wc -l <"$work/big.csv") - 1))
"$cli" push "$work/big.csv" --batch_size 25 >"$work/big.out" 2>"$work/big.err" &
pusher=$!
# Kill the supervisor once at least 100 rows were answered (the outbox shrank
# by 100 from its peak) while the push is still sending.
peak=0 killed=""
for _ in $(seq 3000); do
  n=$(queued)
  [ "$n" -gt "$peak" ] && peak=$n
  if [ "$peak" -gt 0 ] && [ "$n" -le $((peak - 100)) ]; then
    kill -0 "$pusher" 2>/dev/null && kill -9 "$pid" && killed=$n
    break
  fi
  kill -0 "$pusher" 2>/dev/null || break
  sleep 0.02
done
[ -n "$killed" ] || die "could not kill the supervisor mid-push (peak $peak, now $(queued)): $(tail -2 "$work/big.out")"
wait "$pid" 2>/dev/null || true
pid=""
rc=0
wait "$pusher" || rc=$?
pusher=""
check "the interrupted push exits 3" exited 3 big
check "it says the supervisor cannot be reached" has big.err "无法连接监管系统"
left=$(queued)
check "the outbox kept the unanswered rows ($left of $rows)" test "$left" -gt 0 -a "$left" -lt "$rows"
start
run resume2 push --resume
check "the resume after the restart exits 0" exited 0 resume2
check "it sent what was left" has resume2.out "发件箱 $outbox: 接收 $left 份"
check "the outbox is empty again" equals "$(queued)" 0
check "every row of the large push arrived exactly once" exactly_once "$work/big.csv"

# ---- 3. the lock, and a refusal while the supervisor is up ------------------
# Another program holding the flock: one process, so killing it frees the lock.
/usr/bin/python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)' "$outbox/.lock" >"$work/holder.out" &
holder=$!
for _ in $(seq 100); do [ -s "$work/holder.out" ] && break; sleep 0.05; done
[ -s "$work/holder.out" ] || die "could not take the outbox lock"
run locked push "$work/small.csv" --retry_for 1s
check "a push while another holds the outbox exits 3" exited 3 locked
check "it says the outbox is in use" has locked.err "is in use by another gongkai push"
check "it said it was waiting" has locked.err "waiting for it to finish"
check "it says nothing was sent" has locked.err "nothing was sent"
check "it queued nothing" equals "$(queued)" 0
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
holder=""

cat >"$work/unknown.csv" <<'CSV'
unit_id,period,proactive.items_total
no-such-county,2025-03,5
luxi-county,2026-02,4
CSV
run up push "$work/unknown.csv"
check "a push with a refused row exits 1" exited 1 up
check "it says where the refused row went" has up.out "unknown.csv: 接收 1 份（1 份有警告），退回 1 份（见 $outbox/refused），发件箱剩余 0 份"
check "the refused row is in refused/ with its reason" equals "$(refused_files '*-unknown.csv-2.*')" 2
check "the outbox is empty" equals "$(queued)" 0
run again push "$work/small.csv"
check "pushing the delivered file again exits 0" exited 0 again
check "every row of it is still stored exactly once" exactly_once "$work/small.csv"

stop
finish
