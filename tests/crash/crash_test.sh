#!/usr/bin/env bash
# Acknowledged means durable. Start the real gongkai-supervisor, drive 4800
# SubmitReport calls from 24 connections with 16 calls in flight on each,
# SIGKILL the supervisor at the 600th acknowledgement (the driver does it from
# its answer callback, so the kill lands with hundreds of calls in flight),
# restart it on the same data directory, and check with the driver that every
# acknowledged submission survived and nothing is half-written (see
# crash_driver.cc for every check).
# Usage: crash_test.sh SUPERVISOR CRASH_DRIVER
set -euo pipefail
supervisor=$1 driver=$2
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
e2e_init

total=4800 kill_after=600
common=(--acks="$work/acks" --backup_dir="$work/backups" --total="$total" --units=32)

start
rc=0
"$driver" load "${common[@]}" --channels=24 --inflight=16 --kill_pid="$pid" \
  --kill_after_acks="$kill_after" >"$work/load.out" 2>&1 || rc=$?
cat "$work/load.out"
[ "$rc" -eq 0 ] || die "load exited $rc"
grep -q "supervisor killed at ack $kill_after" "$work/load.out" \
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
echo "PASS: $acks of $total acknowledged before the crash, all durable"
