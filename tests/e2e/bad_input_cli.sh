#!/usr/bin/env bash
# The bad-input catalogue through the command line, with the real binaries:
# files a county office might push (`gongkai push`: malformed CSV, GBK, a
# header alone, figures the supervisor refuses), units files (`gongkai units
# import`), bad arguments, and config or scheme files the supervisor must
# refuse to start with. Each case checks the exit code, that the message names
# the line or field and the reason, and that nothing was stored (the unit's
# history is empty, the unit list unchanged). The gRPC catalogue is
# tests/services/bad_input_test.cc.
# Usage: bad_input_cli.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init
cases=0

# case_ NAME: starts the next case of the catalogue; check names it in a
# failure.
case_() {
  case_name=$1
  cases=$((cases + 1))
}

# stored UNIT: the number of reports the supervisor holds for UNIT.
stored() {
  "$cli" history "$1" --format json >"$work/history.json" 2>"$work/history.err" ||
    die "history $1: $(cat "$work/history.err")"
  /usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('submissions', [])))" \
    "$work/history.json"
}
# nothing_stored UNIT: the supervisor holds no report for UNIT.
nothing_stored() {
  local n
  n=$(stored "$1")
  [ "$n" -eq 0 ] && return 0
  echo "  $1 has $n reports stored" >&2
  return 1
}
# units_unchanged: the unit list is what it was after setup.
units_unchanged() {
  "$cli" units --format json >"$work/units_now.json" 2>&1 || die "units: $(cat "$work/units_now.json")"
  cmp -s "$work/units_setup.json" "$work/units_now.json" && return 0
  echo "  the unit list changed: $(diff "$work/units_setup.json" "$work/units_now.json" | head -5)" >&2
  return 1
}
# file NAME: writes stdin to $work/NAME and prints its path.
file() {
  cat >"$work/$1"
  printf '%s\n' "$work/$1"
}

# Last month is due; the month after next is in the future.
period=$(date -u -d "$(date -u +%Y-%m-15) -1 month" +%Y-%m)
future=$(date -u -d "$(date -u +%Y-%m-15) +2 month" +%Y-%m)
header="unit_id,period,proactive.items_total,proactive.categories.work_updates,interaction.mailbox_received,interaction.mailbox_replied,note"
gbk=$'\xc6\xbc\xcf\xe7'  # 萍乡 in GBK

e2e_tokens
luxi_token=$(mint unit luxi-county) || die "token new --role unit failed"
start
units=$(file units.csv <<'EOF'
unit_id,name,tier,parent_id
pingxiang-city,萍乡市人民政府办公室,MUNICIPAL,
finance-bureau,市财政局,AGENCY,pingxiang-city
luxi-county,芦溪县,COUNTY,pingxiang-city
luxi-yinhe-town,银河镇,TOWNSHIP,luxi-county
EOF
)
"$cli" units import "$units" >"$work/setup.out" 2>&1 || die "units import: $(cat "$work/setup.out")"
"$cli" units --format json >"$work/units_setup.json" || die "units"

# ---- gongkai push: files that cannot be read at all (nothing is sent) -------------

case_ CsvEmptyFile
run empty push "$(: | file empty.csv)"
check "exits 1" exited 1 empty
check "says the file is empty" has empty.err "the file is empty: no header line"
check "stores nothing" nothing_stored luxi-county

case_ CsvHeaderOnly
run header_only push "$(printf '%s\n' "$header" | file header_only.csv)"
check "exits 1" exited 1 header_only
check "says there are no reports" has header_only.err "the file holds no reports; nothing was sent"
check "stores nothing" nothing_stored luxi-county

case_ CsvHeaderWithoutPeriod
run no_period push "$(printf 'unit_id,proactive.items_total\nluxi-county,5\n' | file no_period.csv)"
check "exits 1" exited 1 no_period
check "names the line and the missing column" has no_period.err 'line 1: the header has no "period" column'
check "stores nothing" nothing_stored luxi-county

case_ CsvUnknownColumn
run typo push "$(printf 'unit_id,period,proactive.item_total\nluxi-county,%s,5\n' "$period" | file typo.csv)"
check "exits 1" exited 1 typo
check "names the line and the column" has typo.err "line 1: column 3"
check "names the unknown field" has typo.err "item_total"
check "stores nothing" nothing_stored luxi-county

case_ CsvColumnTwice
run twice push "$(printf 'unit_id,period,note,note\n' | file twice.csv)"
check "exits 1" exited 1 twice
check "names the column" has twice.err 'line 1: column "note" appears twice'

case_ CsvGbkFile
# Chinese Excel's "CSV" is GBK: converted (and said), then read like any file;
# these rows name a future month, so the supervisor refuses them.
run gbk push "$(printf '%s\nluxi-county,%s,5,5,0,0,ok\nluxi-yinhe-town,%s,5,5,0,0,%s\n' \
  "$header" "$future" "$future" "$gbk" | file gbk.csv)"
check "exits 1" exited 1 gbk
check "says it converted from GBK" has gbk.out "GBK"
check "reads the GBK line: the refusal is the period's" has gbk.out "line 3 (luxi-yinhe-town $future): period:"
check "stores nothing" nothing_stored luxi-county
check "stores nothing" nothing_stored luxi-yinhe-town

case_ CsvInvalidUtf8UnitId
run bad_id push "$(printf '%s\nluxi-\xff,%s,5,5,0,0,\n' "$header" "$period" | file bad_id.csv)"
check "exits 1" exited 1 bad_id
check "names the line" has bad_id.err "line 2: not UTF-8 text"
check "stores nothing" nothing_stored luxi-county

case_ CsvQuoteNeverClosed
run open_quote push "$(printf '%s\nluxi-county,%s,5,5,0,0,"started\n' "$header" "$period" | file open_quote.csv)"
check "exits 1" exited 1 open_quote
check "names the line where the quote opened" has open_quote.err "line 2: a quoted field is never closed"
check "stores nothing" nothing_stored luxi-county

# ---- gongkai push: rows that cannot be read (refused alone, nothing sent for them) ----

case_ CsvRowMissingAColumn
run short push "$(printf '%s\nluxi-county,%s,5,5,0,0\n' "$header" "$period" | file short.csv)"
check "exits 1" exited 1 short
check "names the line and the cell count" has short.out "line 2: has 6 cells, the header has 7"
check "stores nothing" nothing_stored luxi-county

case_ CsvRowWithAnExtraColumn
run long push "$(printf '%s\nluxi-county,%s,5,5,0,0,note,surplus\n' "$header" "$period" | file long.csv)"
check "exits 1" exited 1 long
check "names the line and the cell count" has long.out "line 2: has 8 cells, the header has 7"
check "stores nothing" nothing_stored luxi-county

case_ CsvFigureNotANumber
run nan push "$(printf '%s\nluxi-county,%s,12a,5,0,0,\n' "$header" "$period" | file nan.csv)"
check "exits 1" exited 1 nan
check "names the line, the column and the value" has nan.out 'line 2: proactive.items_total: "12a" is not a whole number'
check "stores nothing" nothing_stored luxi-county

case_ CsvFigureBeyondInt64
run int64 push "$(printf '%s\nluxi-county,%s,9223372036854775808,5,0,0,\n' "$header" "$period" | file int64.csv)"
check "exits 1" exited 1 int64
check "names the line and the column" has int64.out 'line 2: proactive.items_total: "9223372036854775808" is not a whole number'
check "stores nothing" nothing_stored luxi-county

case_ CsvQuotedNewlineInAFigure
run nl_figure push "$(printf '%s\nluxi-county,%s,"1\n2",5,0,0,\n' "$header" "$period" | file nl_figure.csv)"
check "exits 1" exited 1 nl_figure
check "names the line where the row starts" has nl_figure.out "line 2: proactive.items_total:"
check "says why" has nl_figure.out "is not a whole number"
check "stores nothing" nothing_stored luxi-county

case_ CsvBadSubmittedAt
run when push "$(printf 'unit_id,period,submitted_at\nluxi-county,%s,yesterday\n' "$period" | file when.csv)"
check "exits 1" exited 1 when
check "names the line and the column" has when.out "line 2: submitted_at: not a time"
check "stores nothing" nothing_stored luxi-county

# ---- gongkai push: rows the supervisor refuses (the rest still go) -----------------

case_ CsvNegativeCount
run negative push "$(printf '%s\nluxi-county,%s,-5,5,0,0,\n' "$header" "$period" | file negative.csv)"
check "exits 1" exited 1 negative
check "names the line, field and reason" has negative.out "line 2 (luxi-county $period): proactive.items_total: 不能为负数"
check "stores nothing" nothing_stored luxi-county
run negative_en push --lang en "$work/negative.csv"
check "--lang en: exits 1" exited 1 negative_en
check "--lang en: the reason in English" has negative_en.out "proactive.items_total: must not be negative, got -5"

case_ CsvCountInt64Max
run huge push "$(printf '%s\nluxi-county,%s,9223372036854775807,5,0,0,\n' "$header" "$period" | file huge.csv)"
check "exits 1" exited 1 huge
check "names the field and reason" has huge.out "proactive.items_total: 数值过大"
check "stores nothing" nothing_stored luxi-county

case_ CsvBalanceIdentityBroken
run balance push "$(printf 'unit_id,period,applications.new_total,applications.results.granted,applications.results.total,applications.replied_on_time\nluxi-county,%s,1232,1227,1227,1227\n' "$period" | file balance.csv)"
check "exits 1" exited 1 balance
check "names the field and the imbalance" has balance.out "applications.results.total: 勾稽关系不平"
check "says by how much" has balance.out "相差 5"
check "stores nothing" nothing_stored luxi-county

case_ CsvMailboxRepliesExceedMessages
run mailbox push "$(printf '%s\nluxi-county,%s,5,5,40,41,\n' "$header" "$period" | file mailbox.csv)"
check "exits 1" exited 1 mailbox
check "names the field" has mailbox.out "interaction.mailbox_replied: 信箱答复 41 件，超过收到留言 40 件"
check "stores nothing" nothing_stored luxi-county

case_ CsvUnknownExtraIndicator
run extra push "$(printf 'unit_id,period,extra.volunteers\nluxi-county,%s,3\n' "$period" | file extra.csv)"
check "exits 1" exited 1 extra
check "names the field and reason" has extra.out 'extra.volunteers: “volunteers”不是考核方案中声明的自定义指标'
check "stores nothing" nothing_stored luxi-county

case_ CsvUnknownUnit
run nowhere push "$(printf '%s\nnowhere-county,%s,5,5,0,0,\n' "$header" "$period" | file nowhere.csv)"
check "exits 1" exited 1 nowhere
check "names the field and reason" has nowhere.out 'unit_id: 未登记的报送单位“nowhere-county”'
check "stores nothing" nothing_stored nowhere-county

case_ CsvBadPeriods
run periods push "$(printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$header" \
  "luxi-county,2012-13,5,5,0,0," "luxi-county,12-2012,5,5,0,0," "luxi-county,2025-00,5,5,0,0," \
  "luxi-county,,5,5,0,0," "luxi-county,$future,5,5,0,0," | file periods.csv)"
check "exits 1" exited 1 periods
check "month 13" has periods.out 'line 2 (luxi-county 2012-13): period: 报告期“2012-13”没有 01-12 的月份'
check "month first" has periods.out 'line 3 (luxi-county 12-2012): period: 报告期“12-2012”不是 YYYY-MM 格式'
check "month 00" has periods.out 'line 4 (luxi-county 2025-00): period: 报告期“2025-00”没有 01-12 的月份'
check "empty" has periods.out "line 5 (luxi-county ): period: 报告期不能为空"
check "future" has periods.out "line 6 (luxi-county $future): period: 报告期 $future 尚未到来"
check "counts five refused" has periods.out "退回 5 份"
check "stores nothing" nothing_stored luxi-county

case_ CsvIdempotencyKeyTooLong
run key push "$(printf 'unit_id,period,idempotency_key\nluxi-county,%s,%s\n' "$period" "$(printf 'k%.0s' $(seq 200))" | file key.csv)"
check "exits 1" exited 1 key
check "names the field and reason" has key.out "idempotency_key: 幂等键超过 128 字节"
check "stores nothing" nothing_stored luxi-county

case_ CsvBadRowAmongGoodOnes
run mixed push "$(printf '%s\nluxi-yinhe-town,%s,41,41,3,3,"第一行\n第二行"\nluxi-county,%s,-1,5,0,0,\n' \
  "$header" "$period" "$period" | file mixed.csv)"
check "exits 1" exited 1 mixed
check "counts the township's report accepted" has mixed.out "接收 1 份"
check "names the bad row by its line, after a two-line note" has mixed.out "line 4 (luxi-county $period): proactive.items_total: 不能为负数"
check "stores nothing for the county" nothing_stored luxi-county
check "stores the township's report" test "$(stored luxi-yinhe-town)" -eq 1
run mixed_get get luxi-yinhe-town "$period" --format json
check "keeps the quoted newline in the note" has mixed_get.out '"note": "第一行\n第二行"'

# ---- gongkai push: an Excel "CSV UTF-8" file is accepted as it is ------------------

case_ CsvExcelBomAndCrlf
run bom push "$(printf '\xef\xbb\xbf%s\r\nluxi-county,%s,12,12,0,0,Excel\r\n' "$header" "$period" | file bom.csv)"
check "exits 0" exited 0 bom
check "counts it accepted" has bom.out "接收 1 份"
run bom_get get luxi-county "$period" --format json
check "reads back" exited 0 bom_get
check "the first column is unit_id, not a BOM-prefixed name" has bom_get.out '"unit_id": "luxi-county"'
check "the note has no carriage return" has bom_get.out '"note": "Excel"'

# ---- gongkai push: JSON -------------------------------------------------------------

case_ JsonGbkFile
run json_gbk push "$(printf '{"unit_id":"luxi-county","period":"%s","note":"%s"}\n' \
  "$future" "$gbk" | file gbk.json)"
check "exits 1" exited 1 json_gbk
check "says it converted from GBK" has json_gbk.out "GBK"
check "reads the GBK line: the refusal is the period's" has json_gbk.out "line 1 (luxi-county $future): period:"

case_ JsonUnknownField
run json_field push "$(printf '{"unit_id":"luxi-yinhe-town","period":"%s","colour":"red"}\n' "$period" | file field.json)"
check "exits 1" exited 1 json_field
check "names the line and the field" has json_field.out "line 1:"
check "names the unknown field" has json_field.out "colour"
check "stores nothing new" test "$(stored luxi-yinhe-town)" -eq 1

# ---- gongkai push: who may say when a report was first submitted ----------------------

case_ CsvUnitTokenBackdates
# A county sending last month with the time it wishes it had sent it.
before=$(stored luxi-county)
run_with env backdate GONGKAI_TOKEN="$luxi_token" "$cli" push \
  "$(printf 'unit_id,period,submitted_at,proactive.items_total\nluxi-county,%s,%s-03T10:00:00+08:00,5\n' \
    "$period" "$(date -u -d "$period-15 +1 month" +%Y-%m)" | file backdate.csv)"
check "exits 1" exited 1 backdate
check "names the field and who may set it" has backdate.out "recorded_at: 仅管理员令牌可补录历史报表"
check "names the token" has backdate.out "luxi-county 的单位令牌"
check "stores nothing" test "$(stored luxi-county)" -eq "$before"

case_ CsvAdminImportIsMarked
run import push "$(printf 'unit_id,period,submitted_at,proactive.items_total\nfinance-bureau,%s,%s-03T10:00:00+08:00,5\n' \
  "$period" "$(date -u -d "$period-15 +1 month" +%Y-%m)" | file import.csv)"
check "exits 0" exited 0 import
run import_history history finance-bureau
check "history marks the imported time" has import_history.out "导入"
run import_score score finance-bureau "$period"
check "the timeliness reason says the time was imported" has import_score.out "按导入记录的报送时间"

# ---- gongkai units import ------------------------------------------------------------

case_ UnitsImportBadRows
run import units import "$(file bad_units.csv <<'EOF'
unit_id,name,tier,parent_id
luxi-xuanfeng-town,宣风镇,TOWNSHIP,luxi-county
luxi-nanmen-village,南门村,TOWNSHIP,luxi-yinhe-town
shangli-county,上栗县,COUNTY,luxi-county
luxi-finance,县财政局,AGENCY,luxi-county
luxi-city,芦溪市,CITY,pingxiang-city
Luxi Town,芦溪镇,TOWNSHIP,luxi-county
luxi-luxi-town,芦溪镇,TOWNSHIP
luxi-shangbu-town,,TOWNSHIP,luxi-county
EOF
)"
check "exits 1" exited 1 import
check "township under a township" has import.out 'luxi-nanmen-village: 单位“luxi-nanmen-village”的登记未被接受; unit.parent_id: “luxi-yinhe-town”是乡镇街道（TOWNSHIP），乡镇街道（TOWNSHIP）的上级须为县区（COUNTY）'
check "county under a county" has import.out 'shangli-county: 单位“shangli-county”的登记未被接受; unit.parent_id: “luxi-county”是县区（COUNTY），县区（COUNTY）的上级须为市政府（MUNICIPAL）'
check "agency under a county" has import.out "luxi-finance: 单位“luxi-finance”的登记未被接受; unit.parent_id:"
check "unknown tier, by line" has import.out 'line 6: tier: "CITY" is not MUNICIPAL, AGENCY, COUNTY or TOWNSHIP'
check "bad unit id" has import.out "unit.unit_id:"
check "a missing cell, by line" has import.out "line 8: has 3 cells, the header has 4"
check "no name" has import.out "unit.name: 单位名称不能为空"
check "the summary" has import.out "新增 1 个单位，0 个已登记，7 个被退回"
"$cli" units --format json >"$work/units_setup_before.json"
run xuanfeng units --parent luxi-county --format json
check "the good row was registered" has xuanfeng.out '"luxi-xuanfeng-town"'
check "no bad row was registered" test "$(grep -c '"unit_id"' "$work/units_setup_before.json")" -eq 5
cp "$work/units_setup_before.json" "$work/units_setup.json"

case_ UnitsImportWrongHeader
run units_header units import "$(printf 'id,name,tier,parent\nx-town,某镇,TOWNSHIP,luxi-county\n' | file units_header.csv)"
check "exits 1" exited 1 units_header
check "says what the header must be" has units_header.err "line 1: the header must be exactly unit_id,name,tier,parent_id"
check "registers nothing" units_unchanged

case_ UnitsImportGbk
run units_gbk units import "$(printf 'unit_id,name,tier,parent_id\nluxi-tiandi-town,%s,TOWNSHIP,luxi-county\n' "$gbk" | file units_gbk.csv)"
check "exits 1" exited 1 units_gbk
check "names the line" has units_gbk.err "line 2: not UTF-8 text"
check "registers nothing" units_unchanged

case_ UnitsImportExcelBom
run units_bom units import "$(printf '\xef\xbb\xbfunit_id,name,tier,parent_id\r\nluxi-tiandi-town,天地镇,TOWNSHIP,luxi-county\r\n' | file units_bom.csv)"
check "exits 0" exited 0 units_bom
check "registers it" has units_bom.out "新增 1 个单位"
"$cli" units --format json >"$work/units_setup.json"

# ---- bad arguments -------------------------------------------------------------------

case_ GetPeriodMonth13
run get13 get luxi-county 2012-13
check "exits 1" exited 1 get13
check "names the field and reason" has get13.err "period: 报告期“2012-13”没有 01-12 的月份"

case_ FindingAddBadPeriod
run finding_period finding add luxi-county 2025-13 broken_link
check "exits 2" exited 2 finding_period
check "names the argument and reason" has finding_period.err '报告期“2025-13”没有 01-12 的月份'

case_ FindingAddUnknownKind
run finding_kind finding add luxi-county "$period" broken_links
check "exits 2" exited 2 finding_kind
check "names the kind and the choices" has finding_kind.err 'unknown finding kind "broken_links"'
run findings finding list --format json
check "records nothing" test "$(grep -c finding_id "$work/findings.out" || true)" -eq 0

case_ FindingAddUnknownUnit
run finding_unit finding add nowhere-county "$period" broken_link
check "exits 1" exited 1 finding_unit
check "names the field and reason" has finding_unit.err 'unit_id: 未登记的报送单位“nowhere-county”'

case_ BulletinPublishBadPeriod
run publish13 bulletin publish 2025-13
check "exits 2" exited 2 publish13
check "names the argument" has publish13.err '报告期“2025-13”没有 01-12 的月份'

case_ ScoreShortPeriod
run score_short score luxi-county 2026-1
check "exits 2" exited 2 score_short
check "says what is wrong with the period" has score_short.err '报告期“2026-1”不是 YYYY-MM 格式'
run score_short_en score luxi-county 2026-1 --lang en
check "in English when asked" has score_short_en.err '"2026-1" is not written YYYY-MM'

case_ BulletinPublishFuturePeriod
run publish_future bulletin publish "$future"
check "exits 1" exited 1 publish_future
check "names the field and reason" has publish_future.err "period: 报告期 $future 尚未到来"
run bulletins bulletin list --format json
check "publishes nothing" test "$(grep -c '"number"' "$work/bulletins.out" || true)" -eq 0

case_ CaseInterviewBadDate
run interview case interview luxi-county/1 --date 2025-02-30
check "exits 2" exited 2 interview
check "names the argument" has interview.err '--date "2025-02-30" is not a day (YYYY-MM-DD)'

stop

# ---- the supervisor refuses to start with a bad config or scheme ---------------------

# boot NAME CONFIG_TEXT: runs the supervisor with CONFIG_TEXT as its config
# (tokens appended) until it exits or serves; $rc is its exit code.
boot() {
  local name=$1
  mkdir -p "$work/$name"
  { printf '%s\n' "$2"; cat "$work/tokens.textproto"; } >"$work/$name/config.textproto"
  rc=0
  timeout 20 "$supervisor" --config="$work/$name/config.textproto" --listen=127.0.0.1:0 \
    --data_dir="$work/$name/data" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
}
# scheme NAME: copies the default scheme to $work/NAME.textproto, through
# the sed script on stdin, and prints its path.
scheme() {
  LC_ALL=C sed -f /dev/stdin "$src/deploy/schemes/default.textproto" >"$work/$1.textproto"
  printf '%s\n' "$work/$1.textproto"
}

case_ SchemeUnknownField
s=$(scheme unknown_field <<'EOF'
/^id: /a colour: "red"
EOF
)
boot unknown_field "scheme_files: \"$s\""
check "exits 1" exited 1 unknown_field
check "names the file" has unknown_field.err "$s"
check "names the field" has unknown_field.err 'no field named "colour"'
check "gives line and column" has unknown_field.err ", column "

case_ SchemeWeightsNot100
s=$(scheme weights <<'EOF'
0,/points: 20/s/points: 20/points: 25/
EOF
)
boot weights "scheme_files: \"$s\""
check "exits 1" exited 1 weights
check "names the file" has weights.err "$s"
check "says what the weights add up to" has weights.err "add up to 105, not 100"

case_ SchemeSyntaxError
s=$(scheme syntax <<'EOF'
0,/timeliness { points_per_day_late: 2 }/s/timeliness { points_per_day_late: 2 }/timeliness { points_per_day_late: 2/
EOF
)
boot syntax "scheme_files: \"$s\""
check "exits 1" exited 1 syntax
check "names the file" has syntax.err "$s"
check "gives line and column" has syntax.err "line "
check "gives the column" has syntax.err ", column "

case_ SchemeGbkName
s=$(scheme gbk_scheme <<EOF
s/^name: .*/name: "$gbk"/
EOF
)
boot gbk_scheme "scheme_files: \"$s\""
check "exits 1" exited 1 gbk_scheme
check "says the file is not UTF-8" has gbk_scheme.err "is not UTF-8 text (save the file as UTF-8)"

case_ SchemeUndeclaredExtra
s=$(scheme undeclared <<'EOF'
s/extra_names: "commendations"/extra_names: "commendation"/
EOF
)
boot undeclared "scheme_files: \"$s\""
check "exits 1" exited 1 undeclared
check "names the undeclared extra" has undeclared.err "is an extra the scheme does not declare"

case_ SchemeFileMissing
boot missing "scheme_files: \"$work/no-such-scheme.textproto\""
check "exits 1" exited 1 missing
check "names the file" has missing.err "无法读取考核方案文件 $work/no-such-scheme.textproto"

case_ ConfigUnknownField
boot config_field "listen_adress: \"127.0.0.1:0\""
check "exits 1" exited 1 config_field
check "names the field" has config_field.err 'no field named "listen_adress"'
check "gives line and column" has config_field.err "line 1, column "

case_ ConfigMessageLimitTooSmall
boot small_limit "max_message_bytes: 100"
check "exits 1" exited 1 small_limit
check "names the setting" has small_limit.err "max_message_bytes must be at least 4096"

echo "bad input CLI: $cases cases"
finish
