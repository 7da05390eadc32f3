#!/usr/bin/env bash
# Acknowledged means durable. Start the real gongkai-supervisor, drive 4800
# SubmitReport calls from 24 connections with 16 calls in flight on each,
# SIGKILL the supervisor at the 600th acknowledgement (the driver does it from
# its answer callback, so the kill lands with hundreds of calls in flight),
# restart it on the same data directory, and check with the driver that every
# acknowledged submission survived and nothing is half-written (see
# crash_driver.cc for every check).
#
# With "batch" as third argument the load is SubmitBatch streams of 50, 16 at
# once over 8 connections: every item a stream's answer accepted must
# survive, and every other item be wholly stored or absent.
# Usage: crash_test.sh SUPERVISOR CRASH_DRIVER [batch]
set -euo pipefail
supervisor=$1 driver=$2 mode=${3:-unary}
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
e2e_init

if [ "$mode" = batch ]; then
  total=9600 kill_after=600
  load_args=(--channels=8 --inflight=2 --batch=50)
else
  total=4800 kill_after=600
  load_args=(--channels=24 --inflight=16)
fi
common=(--acks="$work/acks" --backup_dir="$work/backups" --total="$total" --units=32)

start
rc=0
"$driver" load "${common[@]}" "${load_args[@]}" --kill_pid="$pid" \
  --kill_after_acks="$kill_after" >"$work/load.out" 2>&1 || rc=$?
cat "$work/load.out"
[ "$rc" -eq 0 ] || die "load exited $rc"
grep -qE "supervisor killed at ack [0-9]+" "$work/load.out" \
  || die "the supervisor was not killed"

rc=0
wait "$pid" || rc=$?
pid=""
[ "$rc" -eq 137 ] || die "the supervisor exited $rc, not by SIGKILL (137)"
grep -q "stopped cleanly" "$work/supervisor.log" && die "the supervisor stopped cleanly: no crash"
acks=$(grep -c '^ack ' "$work/acks")
[ "$acks" -ge "$kill_after" ] && [ "$acks" -lt "$total" ] \
  || die "$acks of $total acknowledged: the kill did not land mid-stream"

# The same data directory, as after a power cut.
start
rc=0
"$driver" verify "${common[@]}" >"$work/verify.out" 2>&1 || rc=$?
cat "$work/verify.out"
[ "$rc" -eq 0 ] || die "verify found problems"
stop
echo "PASS ($mode): $acks of $total acknowledged before the crash, all durable"
