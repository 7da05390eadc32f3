#!/usr/bin/env bash
# Every loaded server path at once — SubmitBatch streams of varied sizes, some
# cancelled midway or while their batch commits, some holding refused rows;
# single submissions; league, status, score and report reads; two publishers
# racing per month; ValidateReport checks and unit tokens minted, used and
# revoked meanwhile; the desk's exports over HTTP — against the real supervisor, then checked by the driver
# (tests/stress/stress_driver.cc) and a clean stop.
#
# With "sanitized" as third argument the supervisor is the one built with
# sanitizers (tests/stress/build_sanitized.sh): a report from AddressSanitizer,
# LeakSanitizer (at the clean stop) or UndefinedBehaviorSanitizer fails the test,
# and the load is smaller, as the instrumented supervisor is slower.
# Usage: stress_test.sh SUPERVISOR STRESS_DRIVER [sanitized]
set -euo pipefail
supervisor=$1 driver=$2 mode=${3:-normal}
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
e2e_init

if [ "$mode" = sanitized ]; then
  [ -x "$supervisor" ] || die "no sanitized supervisor at $supervisor"
  # halt_on_error: the first report stops the supervisor, so the driver and
  # the stop both fail; leaks are looked for when it exits.
  export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${GONGKAI_TSAN_OPTIONS:-}"
  load=(--streams=60 --max_stream=800 --unary=800)
else
  load=(--streams=120 --max_stream=1200 --unary=2000)
fi

start
# The desk's exports over HTTP meanwhile, signed in as the office: whole
# league tables read a part at a time while reports change them, and the
# status and annual sheets, in CSV and Excel.
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$office_token\"}" "http://$GONGKAI_HTTP/api/v1/signin" >/dev/null
exports() {
  local ok=0 bad=0 n=0 path code
  while [ ! -e "$work/driver.done" ]; do
    n=$((n + 1))
    case $((n % 4)) in
      0) path="league.csv?period=2024-0$((n % 9 + 1))&tier=COUNTY" ;;
      1) path="league.xlsx?period=2024-0$((n % 9 + 1))&tier=COUNTY" ;;
      2) path="status.xlsx?period=2024-0$((n % 9 + 1))" ;;
      3) path="annual.csv?year=2024&tier=COUNTY" ;;
    esac
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "http://$GONGKAI_HTTP/api/v1/$path")
    if [ "$code" = 200 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "export $path: HTTP $code" >&2; fi
  done
  echo "$ok exports, $bad failed" >"$work/exports.out"
}
exports 2>"$work/exports.err" &
exporter=$!
rc=0
"$driver" "${load[@]}" >"$work/driver.out" 2>&1 || rc=$?
touch "$work/driver.done"
wait "$exporter"
cat "$work/driver.out" "$work/exports.out" "$work/exports.err"
check "desk exports ran meanwhile and every one answered" \
  grep -qE "^[1-9][0-9]* exports, 0 failed" "$work/exports.out"
check "the driver found nothing wrong (exit $rc)" test "$rc" -eq 0
check "streams were cancelled" grep -qE "[1-9][0-9]* cancelled" "$work/driver.out"
check "rows were refused" grep -qE "[1-9][0-9]* refused" "$work/driver.out"
check "reports were checked meanwhile" grep -qE "[1-9][0-9]* reports checked" "$work/driver.out"
check "tokens were minted and revoked meanwhile" \
  grep -qE "[1-9][0-9]* tokens minted, used and revoked" "$work/driver.out"
check "the supervisor survived the load" kill -0 "$pid"
stop
check "every SubmitBatch reactor was deleted by the stop" \
  bash -c "! grep -q 'still open after the server stopped' '$work/supervisor.log'"
check "no sanitizer report" bash -c "! grep -E 'Sanitizer|runtime error:' '$work/supervisor.log'"
if grep -qE "Sanitizer|runtime error:" "$work/supervisor.log"; then
  grep -v "rpc=" "$work/supervisor.log" | grep -A40 -E "Sanitizer|runtime error:" | head -80 >&2
fi
finish
