#!/usr/bin/env bash
# End to end with the real binaries: start gongkai-supervisor on a loopback
# port with a temporary data directory, load the demo city with the real
# gongkai CLI, check the year adds up to Pingxiang 2012's published figures,
# restart the supervisor and read everything again, identical.
# Usage: demo_round_trip.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

dump() {  # every period's latest reports, and every unit's history, as JSON
  mkdir -p "$1"
  for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    "$cli" status "2025-$m" --format json >"$1/2025-$m.json"
  done
  "$cli" units --format json >"$1/units.json"
  for u in luxi-county commerce-bureau lianhua-gaozhou-township; do
    "$cli" history "$u" --format json >"$1/history-$u.json"
  done
}

start
"$cli" units import "$src/deploy/demo/units.csv" >"$work/units.out"
grep -q "新增 56 个单位，0 个已登记，0 个被退回" "$work/units.out" || die "units: $(cat "$work/units.out")"
"$cli" push "$src/deploy/demo/reports.csv" >"$work/push.out" || die "push exited non-zero: $(tail -3 "$work/push.out")"
grep -q "接收 669 份（17 份有警告），退回 0 份" "$work/push.out" || die "push: $(tail -1 "$work/push.out")"
grep -q "lianhua-county 2025-06): 警告 proactive.items_total：由上月 64" "$work/push.out" \
  || die "the outlier warning is missing"

dump "$work/loaded"
/usr/bin/python3 - "$work/loaded" <<'PY' || die "the demo year does not add up to Pingxiang 2012"
import json, sys, glob
d = sys.argv[1]
subs = []
for f in sorted(glob.glob(d + "/2025-*.json")):
    subs += json.load(open(f)).get("submissions", [])
def total(path):
    s = 0
    for sub in subs:
        v = sub["report"]
        for p in path.split("."):
            v = v.get(p, {}) if isinstance(v, dict) else {}
        s += int(v) if not isinstance(v, dict) else 0
    return s
want = {"proactive.items_total": 41126, "proactive.categories.overview": 1522,
        "proactive.categories.regulations": 8349, "proactive.categories.plans": 1110,
        "proactive.categories.work_updates": 23113, "proactive.categories.personnel": 864,
        "proactive.categories.finance": 905, "proactive.categories.law_enforcement": 370,
        "applications.new_total": 36, "applications.received.online": 36,
        "applications.replied_on_time": 36, "applications.replied_overdue": 0,
        "interaction.mailbox_received": 2975, "interaction.mailbox_replied": 2822}
got = {k: total(k) for k in want}
ps = total("proactive.categories.public_services") + total("proactive.categories.other")
assert len(subs) == 669, len(subs)
assert got == want, {k: (got[k], want[k]) for k in want if got[k] != want[k]}
assert ps == 4893, ps
print("demo year matches Pingxiang 2012: 41126 items, 36 applications, mailbox 2975/2822")
PY

# Pushing the same file again stores nothing new: content-derived keys replay.
"$cli" push "$src/deploy/demo/reports.csv" >"$work/push2.out" || die "second push failed"
"$cli" history luxi-county --format json >"$work/history-again.json"
cmp -s "$work/history-again.json" "$work/loaded/history-luxi-county.json" \
  || die "a second push of the same file created new versions"

# A refused row names its line, field and reason; the good row still goes.
cat >"$work/mixed.csv" <<'CSV'
unit_id,period,applications.new_total,applications.results.granted,applications.results.total,applications.replied_on_time,applications.by_applicant.natural_person,applications.received.online
pingxiang-city,2026-01,1232,1227,1227,1227,1232,1232
luxi-county,2026-01,3,3,3,3,3,3
CSV
rc=0
"$cli" push "$work/mixed.csv" >"$work/mixed.out" || rc=$?
[ "$rc" -eq 1 ] || die "a push with a refused row should exit 1, got $rc"
grep -q "line 2 (pingxiang-city 2026-01): applications.results.total: 勾稽关系不平" \
  "$work/mixed.out" || die "refused row not reported: $(cat "$work/mixed.out")"
grep -q "接收 1 份（1 份有警告），退回 1 份" "$work/mixed.out" || die "mixed summary: $(tail -1 "$work/mixed.out")"
if "$cli" get pingxiang-city 2026-01 >/dev/null 2>&1; then die "the refused row was stored"; fi
"$cli" get luxi-county 2026-01 | grep -q "applications.new_total *3" || die "the good row was not stored"

# The county league table, then a finding moves a score and is named in it.
"$cli" league 2025-12 --tier county >"$work/league.out" || die "league failed"
[ "$(grep -c -- '-county\|-district' "$work/league.out")" -eq 5 ] || die "league: $(cat "$work/league.out")"
before=$("$cli" score luxi-county 2025-12 | grep '^合计')
id=$("$cli" finding add luxi-county 2025-12 链接失效 --note "信息公开指南链接失效") || die "finding add"
[ "$id" = "2025-12/luxi-county/1" ] || die "finding id: $id"
"$cli" score luxi-county 2025-12 >"$work/score.out"
grep -q "链接失效「信息公开指南链接失效」" "$work/score.out" || die "the finding is not named: $(cat "$work/score.out")"
after=$(grep '^合计' "$work/score.out")
[ "$before" != "$after" ] || die "the finding did not change the score ($before)"
"$cli" annual 2025 --tier county | grep -q "2分权重" || die "annual assessment"

dump "$work/before"
"$cli" score luxi-county 2025-12 >"$work/before/score.out"
stop
start
dump "$work/after"
"$cli" score luxi-county 2025-12 >"$work/after/score.out"
diff -r "$work/before" "$work/after" >/dev/null || die "reports or scores differ after a restart"
"$cli" get luxi-county 2026-01 >/dev/null || die "the 2026-01 report is gone after a restart"
stop
echo "demo round trip: 669 reports pushed, read back identical after a restart"
echo "1 passed, 0 failed"
