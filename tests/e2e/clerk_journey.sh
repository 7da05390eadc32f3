#!/usr/bin/env bash
# A county clerk's month through the real binaries: the template (CSV and
# .xlsx) → filled in with a balance slip → `push --check` shows the slip and
# stores nothing (the same refusal lines a real push prints) → fixed → checked
# → pushed → scored; pushed again ("已存在"); the same file saved as GBK goes
# through (and says it was converted); Chinese and field-path headers give
# identical stored reports. And the CLI's manners: per-command help, a unit's
# Chinese name for its id (ambiguous names refused with both candidates), a
# malformed period named. Assertions are on field paths and codes, not on
# the wording of reasons.
# Usage: clerk_journey.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init
py=/usr/bin/python3

# The month due and the one before it.
period=$(date -u -d "$(date -u +%Y-%m-15) -1 month" +%Y-%m)
previous=$(date -u -d "$(date -u +%Y-%m-15) -2 month" +%Y-%m)

e2e_tokens
luxi_token=$(mint unit luxi-county) || die "token new --role unit failed"
start
cat >"$work/units.csv" <<'CSV'
unit_id,name,tier,parent_id
pingxiang-city,萍乡市人民政府办公室,MUNICIPAL,
luxi-county,芦溪县,COUNTY,pingxiang-city
luxi-yinhe-town,银河镇,TOWNSHIP,luxi-county
luxi-chengguan-town,城关镇,TOWNSHIP,luxi-county
lianhua-county,莲花县,COUNTY,pingxiang-city
lianhua-chengguan-town,城关镇,TOWNSHIP,lianhua-county
CSV
run import units import "$work/units.csv"
exited 0 import || die "units import"
# Last month as stored, for the template's hint.
cat >"$work/previous.csv" <<CSV
unit_id,period,proactive.items_total,proactive.categories.work_updates
luxi-county,$previous,12,12
CSV
run previous push "$work/previous.csv"
exited 0 previous || die "push last month"

export GONGKAI_TOKEN=$luxi_token

# ---- the template ----------------------------------------------------------------
case_name=template
run template template --unit 芦溪县 --period "$period" --out "$work/form.csv"
check "template --unit 芦溪县 writes the form" exited 0 template
check "the form has Chinese headers" has form.csv "单位代码,单位名称,报告期,主动公开信息总数"
check "the form has the field paths in a second header row" has form.csv "unit_id,name,period,proactive.items_total"
check "the form is grouped by section" has form.csv "报送单位,,,主动公开"
check "the unit's id and name are filled in" has form.csv "luxi-county,芦溪县,$period"
check "last month's figures are a hint row" has form.csv "# 上月 $previous"
run template_all template --period "$period" --out "$work/all.csv"
check "without --unit: every unit in reach" exited 0 template_all
check "the county's townships are in it" has all.csv "luxi-yinhe-town,银河镇,$period"
run template_xlsx template --unit luxi-county --period "$period" --format xlsx --out "$work/form.xlsx"
check "template --format xlsx" exited 0 template_xlsx
xlsx_ok() {
  "$py" - "$work/form.xlsx" "$previous" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "报送单位" and "A1:C1" in [str(r) for r in ws.merged_cells.ranges], ws.merged_cells
assert [c.value for c in ws[2]][:4] == ["单位代码", "单位名称", "报告期", "主动公开信息总数"], [c.value for c in ws[2]][:4]
assert [c.value for c in ws[3]][:4] == ["unit_id", "name", "period", "proactive.items_total"]
assert ws["A4"].value == "luxi-county" and ws["B4"].value == "芦溪县"
assert ws["D4"].comment is not None and sys.argv[2] in ws["D4"].comment.text and "12" in ws["D4"].comment.text, ws["D4"].comment
PY
}
check "the .xlsx: sections merged, Chinese and path headers, last month as comments" xlsx_ok

# ---- fill in, with a balance slip ------------------------------------------------
# fill IN OUT UNIT carried_forward: the unit's row of the form filled in.
fill() {
  "$py" - "$@" <<'PY'
import csv, sys
src, out, unit, cf = sys.argv[1:5]
rows = list(csv.reader(open(src, encoding="utf-8-sig")))
paths = rows[2]
figures = {"proactive.items_total": 30, "proactive.categories.work_updates": 30,
           "applications.new_total": 4, "applications.received.online": 4,
           "applications.by_applicant.natural_person": 4, "applications.results.granted": 2,
           "applications.results.total": 2, "applications.replied_on_time": 2,
           "applications.carried_forward": int(cf)}
for row in rows[3:]:
    if row[0] == unit:
        for path, v in figures.items():
            row[paths.index(path)] = str(v)
with open(out, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f).writerows(rows)
PY
}
fill "$work/form.csv" "$work/slip.csv" luxi-county 1
fill "$work/form.csv" "$work/fixed.csv" luxi-county 2

# stored_versions UNIT PERIOD: how many versions the supervisor holds.
stored_versions() {
  "$cli" history "$1" --format json >"$work/history.json" 2>"$work/history.err" ||
    die "history $1: $(cat "$work/history.err")"
  "$py" -c "import json,sys; print(sum(1 for s in json.load(open(sys.argv[1])).get('submissions', []) if s['report']['period'] == sys.argv[2]))" \
    "$work/history.json" "$2"
}
none_stored() { [ "$(stored_versions luxi-county "$period")" -eq 0 ]; }
outbox_empty() { [ -z "$(find "$GONGKAI_OUTBOX" -name '*.pb' -o -name '*.req' 2>/dev/null | grep -v refused)" ]; }

case_name=check
run check_slip push --check "$work/slip.csv"
check "push --check exits 1 on the slip" exited 1 check_slip
check "push --check names the balance field" has check_slip.out "(luxi-county $period): applications.results.total: "
check "push --check says nothing was sent" has check_slip.out "已检查，未发送"
check "the slip is told in Chinese" has check_slip.out "勾稽关系不平：本期新收 "
run check_slip_en push --lang=en --check "$work/slip.csv"
check "--lang en: the slip in English" has check_slip_en.out "balance identity broken: new "
check "--lang en: the summary in English" has check_slip_en.out "checked, nothing sent: 0 would be accepted"
check "push --check stored nothing" none_stored
check "push --check queued nothing" outbox_empty
# A real push of the slip prints the very same refusal line.
GONGKAI_OUTBOX="$work/outbox-slip" run push_slip push "$work/slip.csv"
check "a real push of the slip is refused" exited 1 push_slip
same_lines() {
  diff <(grep -F ": applications." "$work/check_slip.out") <(grep -F ": applications." "$work/push_slip.out")
}
check "push --check prints the same refusal lines as push" same_lines
check "the refused push stored nothing either" none_stored

run check_fixed push --check "$work/fixed.csv"
check "push --check passes once fixed" exited 0 check_fixed
check "push --check gives the score the month would get" has check_fixed.out "将为第 1 版，得分"
check "still nothing stored" none_stored

case_name=push
run push_fixed push "$work/fixed.csv"
check "push the fixed form" exited 0 push_fixed
check "version 1 stored" test "$(stored_versions luxi-county "$period")" -eq 1
run score score luxi-county "$period"
check "score the month" exited 0 score
run score_name score 芦溪县 "$period"
check "score by the unit's Chinese name" exited 0 score_name
check "the same score by name and by id" cmp -s "$work/score.out" "$work/score_name.out"
run repush push "$work/fixed.csv"
check "pushing the same file again" exited 0 repush
check "says the row was already stored" has repush.out "已存在, 未重复提交 (v1)"

case_name=gbk
sed '1s/^\xEF\xBB\xBF//' "$work/fixed.csv" | iconv -f UTF-8 -t GB18030 >"$work/gbk.csv"
check "the GBK copy is not UTF-8" bash -c "! iconv -f UTF-8 -t UTF-8 '$work/gbk.csv' >/dev/null 2>&1"
run gbk push "$work/gbk.csv"
check "a GBK file goes through" exited 0 gbk
check "push says it converted from GBK" has gbk.out "GBK"
check "the GBK file is the same report (already stored)" has gbk.out "已存在, 未重复提交 (v1)"
run gbk_check push --check "$work/gbk.csv"
check "push --check reads GBK too" exited 0 gbk_check

case_name=headers
# The township's month: once with the Chinese headers alone, once with the
# field paths alone; the same figures must make the same report.
"$py" - "$work/all.csv" "$work/zh.csv" "$work/paths.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
paths = rows[2]
row = next(r for r in rows[3:] if r[0] == "luxi-yinhe-town")
for path, v in {"proactive.items_total": 7, "proactive.categories.work_updates": 7,
                "interaction.mailbox_received": 3, "interaction.mailbox_replied": 3}.items():
    row[paths.index(path)] = str(v)
csv.writer(open(sys.argv[2], "w", newline="")).writerows([rows[1], row])
csv.writer(open(sys.argv[3], "w", newline="")).writerows([rows[2], row])
PY
run zh push "$work/zh.csv"
check "Chinese headers alone push" exited 0 zh
"$cli" get luxi-yinhe-town "$period" --format json >"$work/zh.json" || die "get after zh"
run paths push "$work/paths.csv"
check "field-path headers alone push" exited 0 paths
check "the path file is the very same report (already stored)" has paths.out "已存在, 未重复提交 (v1)"
"$cli" get 银河镇 "$period" --format json >"$work/paths.json" || die "get after paths"
check "the stored report is identical either way" cmp -s "$work/zh.json" "$work/paths.json"
report_has_figures() {
  "$py" -c "import json,sys; r=json.load(open(sys.argv[1]))['report']; assert str(r['proactive']['items_total']) == '7' and str(r['interaction']['mailbox_replied']) == '3', r" "$work/zh.json"
}
check "the Chinese headers' figures are stored" report_has_figures

# ---- the CLI's manners ---------------------------------------------------------------
case_name=manners
run help_push help push
check "gongkai help push" exited 0 help_push
check "help names push --check" has help_push.out "--check"
check "help gives an example" has help_push.out "示例:"
check "help says what --check does in Chinese" has help_push.out "只校验 FILE 中的报表"
run push_help push --help
check "gongkai push --help" exited 0 push_help
check "push --help prints the same as help push" cmp -s "$work/help_push.out" "$work/push_help.out"
run template_help template --help
check "gongkai template --help names --period" has template_help.out "--period"
run bad_period score luxi-county "${period%%-*}-1"
check "score with a malformed period is a usage error" exited 2 bad_period
check "it says what is wrong with the period" has bad_period.err "YYYY-MM"
GONGKAI_TOKEN=$(cat "$work/admin.token") run ambiguous history 城关镇
check "an ambiguous Chinese name is refused" exited 2 ambiguous
check "both candidates are listed" bash -c "grep -q luxi-chengguan-town '$work/ambiguous.err' && grep -q lianhua-chengguan-town '$work/ambiguous.err'"
run unknown_name history 不存在镇
check "an unknown name is refused" exited 2 unknown_name

stop
finish
