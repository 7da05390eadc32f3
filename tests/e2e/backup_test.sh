#!/usr/bin/env bash
# End to end with the real binaries: online backup, offline restore. Start
# gongkai-supervisor, load half a year of the demo city with the gongkai CLI,
# back it up while it serves and capture what the CLI shows; write more, back
# up again, write still more; stop, restore each backup in turn, start, and
# check the CLI shows exactly what it showed when that backup was taken, and
# nothing written after it. Also the refusals: restore with the supervisor
# running, backup with it stopped, no backup in a folder, a folder that
# cannot be made.
# Usage: backup_test.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$(realpath "$1") cli=$(realpath "$2") src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

# sup NAME ARGS...: gongkai-supervisor ARGS, as run does the CLI.
sup() { run_with "$supervisor" "$@"; }
lacks() {
  ! grep -qF -- "$2" "$work/$1" && return 0
  echo "  $1 has \"$2\"" >&2
  return 1
}
same_capture() {
  diff -r "$work/$1" "$work/$2" >"$work/diff.txt" && return 0
  echo "  $1 and $2 differ: $(head -c 1500 "$work/diff.txt")" >&2
  return 1
}
# The reports of the demo city for the periods matching the regex, as a CSV.
reports_of() {
  awk -F, -v re="$1" 'NR == 1 || $2 ~ re' "$src/deploy/demo/reports.csv" >"$work/$2"
}
# The audit sequence number a backup line reports.
audit_seq() { sed -nE 's/.*last audit seq ([0-9]+).*/\1/p' "$work/$1"; }

# capture NAME: what the CLI shows of every kind of record, in $work/NAME/.
capture() {
  local dir="$work/$1"
  mkdir -p "$dir"
  "$cli" units --format json >"$dir/units.json" || die "units"
  for period in 2025-01 2025-03 2025-06 2025-07 2025-08; do
    "$cli" reports "$period" >"$dir/reports-$period.json" || die "reports $period"
  done
  for unit in luxi-county anyuan-district pingxiang-city backup-test-county; do
    "$cli" history "$unit" --format json >"$dir/history-$unit.json" 2>&1 || true
  done
  "$cli" finding list --format json >"$dir/findings.json" || die "finding list"
}

start
"$cli" units import "$src/deploy/demo/units.csv" >/dev/null || die "units import failed"
reports_of '^2025-0[1-6]$' first.csv
"$cli" push "$work/first.csv" >"$work/push1.out" || die "push: $(tail -3 "$work/push1.out")"
grep -q "接收 335 份" "$work/push1.out" || die "push: $(tail -1 "$work/push1.out")"
"$cli" finding add luxi-county 2025-03 broken_link --note "链接失效" >/dev/null \
  || die "finding add failed"

# ---- backup 1, while serving --------------------------------------------------------
sup backup1 backup --to "$work/backups"
[ "$rc" -eq 0 ] || die "backup exited $rc: $(cat "$work/backup1.err")"
check "backup 1 is numbered 1" has backup1.out "backup 1 "
seq1=$(audit_seq backup1.out)
check "backup 1 names its last audit seq" test -n "$seq1"
capture at1

# ---- more writes, backup 2 (relative --to), still more writes --------------------------
reports_of '^2025-07$' second.csv
"$cli" push "$work/second.csv" >/dev/null || die "push 2025-07"
printf 'unit_id,name,tier,parent_id\nbackup-test-county,备份测试县,COUNTY,pingxiang-city\n' \
  >"$work/more-units.csv"
"$cli" units import "$work/more-units.csv" >/dev/null || die "units import (more)"
"$cli" finding add anyuan-district 2025-07 broken_link >/dev/null || die "finding add (more)"
(cd "$work" && "$supervisor" backup --to backups >"$work/backup2.out" 2>"$work/backup2.err") \
  || die "backup 2: $(cat "$work/backup2.err")"
check "backup 2 is numbered 2" has backup2.out "backup 2 "
seq2=$(audit_seq backup2.out)
check "backup 2 holds more audit rows than backup 1" test "${seq2:-0}" -gt "${seq1:-0}"
capture at2
reports_of '^2025-08$' third.csv
"$cli" push "$work/third.csv" >/dev/null || die "push 2025-08"
"$cli" finding add luxi-county 2025-08 broken_link >/dev/null || die "finding add (latest)"
capture latest
check "the later writes show before the restore" has latest/reports-2025-08.json "luxi-county"

sup list backup --to "$work/backups" --list
check "backup --list exits 0" exited 0 list
check "backup --list lists two backups" test "$(grep -c '^backup ' "$work/list.out")" -eq 2
check "backup --list gives backup 1's audit seq" has list.out "last audit seq $seq1"

# ---- refusals ----------------------------------------------------------------------------
sup running restore --from "$work/backups" --data_dir "$work/data"
check "restore while the supervisor runs exits 1" exited 1 running
check "restore while the supervisor runs says to stop it" \
  has running.err "stop the supervisor first"
touch "$work/a-file"
sup badto backup --to "$work/a-file/backups"
check "backup into a folder that cannot be made exits 1" exited 1 badto
check "and says so" has badto.err "cannot create the backup directory $work/a-file/backups"
sup usage backup
check "backup without --to is a usage error" exited 2 usage
stop
sup down backup --to "$work/backups"
check "backup with the supervisor stopped exits 3" exited 3 down
check "and says it cannot reach it" has down.err "cannot reach the supervisor"
mkdir -p "$work/empty"
sup none restore --from "$work/empty" --data_dir "$work/data"
check "restore from a folder without backups exits 1" exited 1 none
check "and says there is none" has none.err "no backup in $work/empty"
sup noid restore --from "$work/backups" --backup_id 9 --data_dir "$work/data"
check "restore of a backup that does not exist exits 1" exited 1 noid
check "the refusals left the data alone" test -z "$(compgen -G "$work/data.*")"

# ---- restore backup 1 ------------------------------------------------------------------
sup restore1 restore --from "$work/backups" --backup_id 1 --data_dir "$work/data"
[ "$rc" -eq 0 ] || die "restore 1 exited $rc: $(cat "$work/restore1.err")"
check "restore names the backup" has restore1.out "restored backup 1 "
aside=$(sed -nE 's/.* is now in (.*) \(delete.*/\1/p' "$work/restore1.out")
check "restore moved the old data aside" test -n "$aside" -a -f "$aside/CURRENT"
start
capture after1
check "after restoring backup 1 the CLI shows what it showed when it was taken" \
  same_capture at1 after1
check "2025-07, pushed after backup 1, is gone" lacks after1/reports-2025-07.json "luxi-county"
check "the unit registered after backup 1 is gone" lacks after1/units.json "backup-test-county"
check "the finding recorded after backup 1 is gone" lacks after1/findings.json "anyuan-district"
sup backup3 backup --to "$work/backups-after"
check "a backup of the restored database has backup 1's audit seq" \
  test "$(audit_seq backup3.out)" = "$seq1"
"$cli" push "$work/second.csv" >"$work/repush.out" || die "push after restore"
check "the restored database takes new reports" has repush.out "接收 56 份"
stop

# ---- restore the latest (backup 2) over it ----------------------------------------------
sup restore2 restore --from "$work/backups" --data_dir "$work/data"
[ "$rc" -eq 0 ] || die "restore 2 exited $rc: $(cat "$work/restore2.err")"
check "restore without --backup_id takes the latest" has restore2.out "restored backup 2 "
start
capture after2
check "after restoring backup 2 the CLI shows what it showed when it was taken" \
  same_capture at2 after2
check "2025-08, pushed after backup 2, is gone" lacks after2/reports-2025-08.json "luxi-county"
check "the first restore's data was kept aside too" \
  test "$(ls -d "$work"/data.before-restore-* | wc -l)" -eq 2
stop

finish
