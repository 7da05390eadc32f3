#!/usr/bin/env bash
# End to end with the real binaries: start gongkai-supervisor on a loopback
# port with a temporary data directory and the real clock, load the demo city
# (2025) with the real gongkai CLI, then publish, read, list and correct the
# 2025-12 bulletin and work its escalation cases through the CLI (a note; an
# interview refused, then decided by a veto finding and recorded); restart
# the supervisor and read every bulletin again, byte-identical.
# Usage: bulletin_cli.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

# has_line FILE REGEX: a line of FILE matches the extended REGEX.
has_line() {
  grep -qE -- "$2" "$work/$1" && return 0
  echo "  no line of $1 matches /$2/: $(head -c 1200 "$work/$1")" >&2
  return 1
}
same() {
  cmp -s "$work/$1" "$work/$2" && return 0
  echo "  $1 and $2 differ: $(diff "$work/$1" "$work/$2" | head -5)" >&2
  return 1
}
not_has() {
  grep -qF -- "$2" "$work/$1" || return 0
  echo "  $1 has \"$2\": $(grep -F -- "$2" "$work/$1" | head -3)" >&2
  return 1
}
valid_json() { /usr/bin/python3 -m json.tool "$work/$1" >/dev/null; }
# json_get FILE EXPR: evaluates EXPR over the JSON of FILE, bound to `d`.
json_get() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$work/$1"; }

start
"$cli" units import "$src/deploy/demo/units.csv" >"$work/units.out" || die "units import failed"
grep -q "新增 56 个单位" "$work/units.out" || die "units: $(cat "$work/units.out")"
"$cli" push "$src/deploy/demo/reports.csv" >"$work/push.out" || die "push: $(tail -3 "$work/push.out")"
grep -q "接收 669 份" "$work/push.out" || die "push: $(tail -1 "$work/push.out")"

# ---- publish 2025-12 ---------------------------------------------------------
run pub1 bulletin publish 2025-12
[ "$rc" -eq 0 ] || die "bulletin publish 2025-12 exited $rc: $(cat "$work/pub1.err")"
# Numbered per year of publication: the year comes from the server.
year=$(sed -nE 's/^已发布 ([0-9]{4})年第1期 \(2025-12\)$/\1/p' "$work/pub1.err")
[ -n "$year" ] || die "no \"已发布 YYYY年第1期 (2025-12)\" on stderr: $(cat "$work/pub1.err")"
check "publish: the Markdown has the title" has pub1.out "政务公开工作简报"
check "publish: the Markdown has the issue ${year}年第1期" has pub1.out "${year}年第1期"
check "publish: the Markdown names the month" has pub1.out "2025年12月"
for section in 本月概况 排行榜 表扬 通报批评 未报送单位 督查问题 上期通报整改情况 督办函与约谈; do
  check "publish: section $section" has_line pub1.out "^#+ .*$section"
done
check "publish: the county league" has pub1.out "县区"
for county in $(awk -F, '$3 == "COUNTY" {print $2}' "$src/deploy/demo/units.csv"); do
  check "publish: the county league lists $county" has_line pub1.out "^\|.*$county.*\|"
done

# ---- refusals -----------------------------------------------------------------
run pub1again bulletin publish 2025-12
check "publishing 2025-12 again exits 1" exited 1 pub1again
check "the refusal names the existing bulletin" has pub1again.err "${year}年第1期"
check "the refusal points to a correction" has pub1again.err "发布更正"
run pub11 bulletin publish 2025-11
check "publishing 2025-11 after 2025-12 exits 1" exited 1 pub11
check "the refusal names the latest period" has pub11.err "2025-12"
run badformat bulletin publish 2025-12 --correct "x" --format pdf
check "--format pdf is a usage error" exited 2 badformat
run badperiod bulletin publish 2025-13
check "a malformed period is a usage error" exited 2 badperiod
check "a usage error says why, on one line" test "$(wc -l <"$work/badperiod.err")" -eq 1
run badref bulletin show 2025/x
check "bulletin show 2025/x is a usage error" exited 2 badref
run nosuch bulletin show "$year/9"
check "a bulletin that does not exist exits 1" exited 1 nosuch

# ---- show and list --------------------------------------------------------------
run json1 bulletin show "$year/1" --format json
check "show --format json exits 0" exited 0 json1
check "show --format json is valid JSON" valid_json json1.out
check "the JSON bulletin is of 2025-12" test "$(json_get json1.out 'd["period"]')" = 2025-12
check "the JSON bulletin is number 1" test "$(json_get json1.out 'd["number"]')" = 1
run html1 bulletin show "$year/1" --format html
check "show --format html exits 0" exited 0 html1
check "the HTML starts with <!DOCTYPE html>" test "$(head -c 15 "$work/html1.out")" = "<!DOCTYPE html>"
run md1 bulletin show "$year/1"
check "show YEAR/N prints what publish printed" same pub1.out md1.out
run md1p bulletin show 2025-12
check "show PERIOD prints the same bulletin" same pub1.out md1p.out
run md1n bulletin show "${year}年第1期"
check "show YEAR年第N期 prints the same bulletin" same pub1.out md1n.out
run md1f bulletin show "$year/1" --out "$work/md1-file.md"
check "show --out writes the file, not stdout" test ! -s "$work/md1f.out"
check "the --out file is the bulletin" same pub1.out md1-file.md
run list1 bulletin list
check "bulletin list exits 0" exited 0 list1
check "bulletin list shows ${year}年第1期 of 2025-12" has_line list1.out "^${year}年第1期 +2025-12 "
check "bulletin list counts one bulletin" has list1.out "共 1 期简报"
run list1y bulletin list --year 2025
check "no bulletin was published in 2025" has list1y.out "共 0 期简报"

# ---- cases ----------------------------------------------------------------------
# Named units (通报批评): everyone in the bulletin's named list. The bottom 3 of
# the 30-township league are among them if they score below 80 (below 良好);
# at 80 or more they are not named for their place.
json_get json1.out '"\n".join(sorted(m["unit_id"] for m in d.get("named", [])))' >"$work/named.txt"
json_get json1.out '"\n".join(r["unit_id"] for l in d["leagues"] if l["tier"] == "TOWNSHIP" for r in l["rows"][-3:] if r.get("score", 0) < 80)' \
  >"$work/bottom-townships.txt"
json_get json1.out '"\n".join(r["unit_id"] for l in d["leagues"] if l["tier"] == "TOWNSHIP" for r in l["rows"][-3:] if r.get("score", 0) >= 80)' \
  >"$work/good-bottom-townships.txt"
check "the bulletin names units" test "$(wc -l <"$work/named.txt")" -ge 1
check "the township league has 30 rows" \
  test "$(json_get json1.out 'sum(len(l["rows"]) for l in d["leagues"] if l["tier"] == "TOWNSHIP")')" = 30
while read -r unit; do
  [ -n "$unit" ] || continue
  check "bottom-3 township $unit (below 80) is named" grep -qx "$unit" "$work/named.txt"
done <"$work/bottom-townships.txt"
while read -r unit; do
  [ -n "$unit" ] || continue
  check "bottom-3 township $unit (80 or more) is not named for its place" \
    test "$(json_get json1.out 'sum(1 for m in d.get("named", []) if m["unit_id"] == "'"$unit"'" and any("末位通报" in r for r in m["reasons"]))')" = 0
done <"$work/good-bottom-townships.txt"
run cases_all cases --state all
check "cases --state all exits 0" exited 0 cases_all
while read -r unit; do
  check "named unit $unit has a case" has_line cases_all.out "^$unit/1 .*通报批评 +办理中 +2025-12"
done <"$work/named.txt"
named_count=$(wc -l <"$work/named.txt")
check "cases counts them all" has_line cases_all.out "^共 $named_count 件（办理中 $named_count 件，已办结 0 件"
run cases_open cases
check "cases (default: open) lists the same" same cases_all.out cases_open.out
unit=$(head -1 "$work/named.txt")
case_id="$unit/1"
run cases_unit cases --unit "$unit" --state 办理中
check "cases --unit lists only that unit" has cases_unit.out "共 1 件（办理中 1 件"
check "cases --unit lists its case" has_line cases_unit.out "^$case_id "
run cases_json cases --format json
check "cases --format json is valid JSON" valid_json cases_json.out
run badstate cases --state pending
check "cases --state pending is a usage error" exited 2 badstate

run note case note "$case_id" "已电话督促整改"
check "case note exits 0" exited 0 note
run show1 case show "$case_id"
check "case show exits 0" exited 0 show1
check "case show has the note" has_line show1.out "备注 .*已电话督促整改"
check "case show has the naming by ${year}年第1期" has_line show1.out "通报批评 +2025-12 +${year}年第1期"
run show1j case show "$case_id" --format json
check "case show --format json is valid JSON" valid_json show1j.out
check "the JSON case has the note" \
  test "$(json_get show1j.out '[s.get("note") for s in d["steps"]][-1]')" = "已电话督促整改"
run interview case interview "$case_id" --date "$(TZ=UTC-8 date +%F)"
check "case interview with none pending exits 1" exited 1 interview
check "the refusal says there is no interview" has interview.err "没有待进行的约谈"
run nodate case interview "$case_id"
check "case interview without --date is a usage error" exited 2 nodate
run badid case show "$unit"
check "a malformed case id is a usage error" exited 2 badid
run nocase case show "$unit/9"
check "a case that does not exist exits 1" exited 1 nocase

# ---- a correction -----------------------------------------------------------------
run pub2 bulletin publish 2025-12 --correct "更正测试"
check "the correction is published" exited 0 pub2
check "the correction is number 2 and corrects number 1" \
  has pub2.err "已发布 ${year}年第2期 (2025-12)，更正第1期"
check "the correction's Markdown has its issue" has pub2.out "${year}年第2期"
check "the correction's Markdown has its reason" has pub2.out "更正测试"
run list2 bulletin list
check "the list shows number 1 corrected by number 2" has_line list2.out "^${year}年第1期 .*已被第2期更正"
check "the list shows number 2 correcting number 1" has_line list2.out "^${year}年第2期 .*更正第1期"
check "the list counts two bulletins" has list2.out "共 2 期简报"
run list2j bulletin list --format json
check "bulletin list --format json is valid JSON" valid_json list2j.out
check "the JSON list says who corrected number 1" \
  test "$(json_get list2j.out 'd["bulletins"][0].get("corrected_by_number")')" = 2
run md2p bulletin show 2025-12
check "show PERIOD now gives the correction" same pub2.out md2p.out
run show2 case show "$case_id"
check "the case's step of number 1 is withdrawn" has show2.out "(已被第2期更正撤回)"
check "the case keeps its note" has show2.out "已电话督促整改"

# ---- a veto finding, a second correction, the interview held ----------------------
run league_before league 2025-12 --tier county
check "the published month's table names its bulletin" has league_before.out "已发布于${year}年第2期工作简报"
check "nothing differs from the bulletin yet" not_has league_before.out "已发布: "
"$cli" finding add luxi-county 2025-12 站点无法访问 --note "门户网站无法访问" >/dev/null \
  || die "finding add failed"
# The finding changes a published month: the live table marks luxi-county
# with what the bulletin said, and says a correction would publish it.
published_luxi=$(json_get json1.out \
  '"%.2f 第%d名" % next((r["score"], r["rank"]) for l in d["leagues"] if l["tier"] == "COUNTY" for r in l["rows"] if r["unit_id"] == "luxi-county")')
run league_drift league 2025-12 --tier county
check "league after a finding exits 0" exited 0 league_drift
check "luxi-county is marked with its published score and rank" \
  has_line league_drift.out "luxi-county.*已发布: $published_luxi"
check "the note says a correction would publish the change" has league_drift.out "须发布更正（更正）方可公布变化"
run league_drift_all league 2025-12 --tier county --all
check "league --all streams the same table, marks and note included" \
  same league_drift.out league_drift_all.out
run township_csv league 2025-12 --tier township --format csv
run township_csv_all league 2025-12 --tier township --format csv --all
check "the township table's CSV is the same streamed" same township_csv.out township_csv_all.out
run pub3 bulletin publish 2025-12 --correct "补录督查问题"
check "a second correction is number 3 and corrects number 2" \
  has pub3.err "已发布 ${year}年第3期 (2025-12)，更正第2期"
run league_after league 2025-12 --tier county
check "after the correction the table agrees with it" not_has league_after.out "已发布: "
check "...and names the correction" has league_after.out "已发布于${year}年第3期工作简报"
run json3 bulletin show "$year/3" --format json
check "number 3 decides an interview of luxi-county" \
  test "$(json_get json3.out '[(n["unit_id"], n["kind"]) for n in d.get("escalations", [])]')" \
  = "[('luxi-county', 'INTERVIEW')]"
run cases_iv cases --unit luxi-county
check "the case stands at 约谈, pending" has_line cases_iv.out "^luxi-county/1 .* 约谈 +办理中 .* 是 "
today=$(TZ=UTC-8 date +%F)
run held case interview luxi-county/1 --date "$today" --note "市纪委约谈芦溪县主要负责人"
check "case interview with one pending exits 0" exited 0 held
run show_iv case show luxi-county/1
check "case show has the interview held" has_line show_iv.out "约谈已进行 .*约谈日期 $today；市纪委约谈芦溪县主要负责人"
run cases_iv2 cases --unit luxi-county
check "no interview is pending after it was held" has_line cases_iv2.out "^luxi-county/1 .* 约谈 +办理中 .* 否 "
run held2 case interview luxi-county/1 --date "$today"
check "a second interview record exits 1" exited 1 held2
check "the refusal says there is no interview pending" has held2.err "没有待进行的约谈"
run unreachable bulletin list --server 127.0.0.1:1
check "no supervisor at the address exits 3" exited 3 unreachable

# ---- restart -----------------------------------------------------------------------
run before1 bulletin show "$year/1"
run before2 bulletin show "$year/2"
run before3 bulletin show "$year/3"
run before_case case show "$case_id"
check "number 1 still reads as published" same pub1.out before1.out
check "number 2 still reads as published" same pub2.out before2.out
stop
start
run after1 bulletin show "$year/1"
run after2 bulletin show "$year/2"
run after3 bulletin show "$year/3"
check "number 1 is byte-identical after a restart" same before1.out after1.out
check "number 2 is byte-identical after a restart" same before2.out after2.out
check "number 3 is byte-identical after a restart" same before3.out after3.out
run show3 case show "$case_id"
check "the case is identical after a restart" same before_case.out show3.out
run show_iv2 case show luxi-county/1
check "the interview record is identical after a restart" same show_iv.out show_iv2.out
run list3 bulletin list
check "the list shows number 2 corrected by number 3" has_line list3.out "^${year}年第2期 .*更正第1期，已被第3期更正"
stop

echo "bulletin CLI: ${year}年第1期 published, refused, read, corrected twice, an interview recorded," \
  "all read again after a restart"
finish
