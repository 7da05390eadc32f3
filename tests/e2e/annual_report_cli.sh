#!/usr/bin/env bash
# The annual report end to end with the real binaries: start gongkai-supervisor,
# load the demo city with the gongkai CLI, then `gongkai annual-report` for the
# city (Markdown, JSON, HTML, .xlsx), a tier and a county; --check a published table
# with a wrong figure, and Panjin 2008's city table against balanced months;
# print the HTML to PDF in Debian's headless Chromium and read it back: A4, a
# CJK font embedded, the report's words, no empty page.
# Fails (does not skip) when chromium or poppler-utils is missing.
# Usage: annual_report_cli.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

json_get() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$work/$1"; }

command -v chromium >/dev/null ||
  die "chromium is not installed (apt-get install chromium fonts-wqy-zenhei poppler-utils)"
for tool in pdfinfo pdftotext pdffonts; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install poppler-utils)"
done

start
"$cli" units import "$src/deploy/demo/units.csv" >"$work/units.out" || die "units import failed"
"$cli" push "$src/deploy/demo/reports.csv" >"$work/push.out" || die "push: $(tail -3 "$work/push.out")"
grep -q "接收 669 份" "$work/push.out" || die "push: $(tail -1 "$work/push.out")"

title="萍乡市人民政府办公室2025年政府信息公开工作年度报告"

# ---- Markdown on stdout: generated although three months are missing.
run md annual-report pingxiang-city 2025
check "annual-report (md) exits 0" exited 0 md
check "md: the title" has md.out "# $title"
check "md: says it is incomplete" has md.out "本报告不完整"
check "md: names a missing month" has md.out "2025-04"
check "stderr: says it is incomplete" has md.err "本报告不完整"
for section in 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 \
  四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项; do
  check "md: section $section" has md.out "## $section"
done
check "md: 41126 items" has md.out "主动公开政府信息41126条"
check "md: 36 new applications by column" has md.out "| 一、本年新收政府信息公开申请数量 |"

# ---- JSON to a file.
run json annual-report pingxiang-city 2025 --format json --out "$work/report.json"
check "annual-report (json) exits 0" exited 0 json
check "json: items_total 41126" test "$(json_get report.json 'd["statutory"]["items_total"]')" = 41126
check "json: 36 new" test "$(json_get report.json '[r for r in d["applications"]["rows"] if r["key"]=="new"][0]["total"]')" = 36
check "json: not complete" test "$(json_get report.json 'd["complete"]')" = False

# ---- the workbook: a worksheet per table and 说明, read back with unzip.
run xlsxout annual-report pingxiang-city 2025 --format xlsx --out "$work/report.xlsx"
check "annual-report (xlsx) exits 0" exited 0 xlsxout
check "xlsx: a zip" test "$(head -c 2 "$work/report.xlsx")" = PK
unzip -p "$work/report.xlsx" xl/workbook.xml >"$work/workbook.xml"
unzip -p "$work/report.xlsx" xl/sharedStrings.xml >"$work/strings.xml"
unzip -p "$work/report.xlsx" xl/worksheets/sheet3.xml >"$work/sheet3.xml"
for name in 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 说明; do
  check "xlsx: worksheet $name" has workbook.xml "name=\"$name\""
done
for header in 本年制发件数 本年收费金额（单位：万元） 自然人 法律服务机构 总计 一、本年新收政府信息公开申请数量 \
  "复议后起诉 总计" 缺报月份 2025-04; do
  check "xlsx: $header" has strings.xml "$header"
done
check "xlsx: 三 新收 总计 is the number 36" grep -Eq '<c r="H2"[^>]*><v>36</v>' "$work/sheet3.xml"

# ---- a tier, a county.
run tier annual-report --tier county 2025 --format json --out "$work/tier.json"
check "annual-report --tier county exits 0" exited 0 tier
check "tier: five counties" test "$(json_get tier.json 'len(d["unit_ids"])')" = 5
run luxi annual-report luxi-county 2025
check "annual-report luxi-county exits 0" exited 0 luxi
check "luxi: its title" has luxi.out "# 芦溪县2025年政府信息公开工作年度报告"

# ---- the opening stock of a township gives its documents in force.
run town0 annual-report luxi-yinhe-town 2025 --format json --out "$work/town0.json"
check "town: in force unknown before the stock" test "$(json_get town0.json 'd["statutory"]["normative_documents"]["in_force_known"]')" = False
run stock opening-stock luxi-yinhe-town 2025 --rules 0 --documents 7
check "opening-stock exits 0" exited 0 stock
check "opening-stock says what it kept" has stock.out "行政规范性文件 7 件"
run town annual-report luxi-yinhe-town 2025 --format json --out "$work/town.json"
check "town: in force known" test "$(json_get town.json 'd["statutory"]["normative_documents"]["in_force_known"]')" = True
check "town: in force = 7 + issued - repealed" test "$(json_get town.json 'int(d["statutory"]["normative_documents"]["in_force"]) - int(d["statutory"]["normative_documents"]["issued"]) + int(d["statutory"]["normative_documents"]["repealed"])')" = 7
run nostock opening-stock luxi-yinhe-town 2025 --rules 1
check "opening-stock without --documents is a usage error" exited 2 nostock
run negstock opening-stock luxi-yinhe-town 2007 --rules 0 --documents 1
check "opening-stock for 2007 exits 1" exited 1 negstock
check "the refusal names the field" has negstock.err "stock.year"

# ---- refusals and usage.
run xlsx annual-report pingxiang-city 2025 --format xlsx
check "--format xlsx without --out is a usage error" exited 2 xlsx
check "xlsx: asks for --out" has xlsx.err "--out"
run badyear annual-report pingxiang-city 25x
check "a bad year is a usage error" exited 2 badyear
run nounit annual-report no-such-unit 2025
check "an unknown unit exits 1" exited 1 nounit
check "nounit: names it" has nounit.err "no-such-unit"

# ---- checking a published table: licensing decisions reported 5 too many.
licensing=$(json_get report.json 'd["statutory"]["licensing_decisions"]')
printf '二、主动公开政府信息情况\n信息内容,本年处理决定数量\n行政许可,%s\n' $((licensing + 5)) \
  >"$work/published.csv"
run chk annual-report pingxiang-city 2025 --check "$work/published.csv"
check "--check with a discrepancy exits 1" exited 1 chk
check "--check names the figure" has chk.out "二、行政许可 本年处理决定数量：报告 $((licensing + 5))，月报合计 $licensing"
printf '二、主动公开政府信息情况\n行政许可,%s\n' "$licensing" >"$work/agree.csv"
run agree annual-report pingxiang-city 2025 --check "$work/agree.csv"
check "--check without a discrepancy exits 0" exited 0 agree
check "--check: all agree" has agree.out "全部一致"

# ---- Panjin 2008: the city table as published (seeds/000: 1,232 received, 1,227
# answered, nothing carried forward) against eight months that balance.
printf 'unit_id,name,tier,parent_id\npanjin-city,盘锦市人民政府,MUNICIPAL,\n' >"$work/panjin-units.csv"
"$cli" units import "$work/panjin-units.csv" >"$work/panjin-units.out" || die "panjin units: $(cat "$work/panjin-units.out")"
np=applications.applicant_columns.natural_person.results
{
  echo "unit_id,period,applications.new_total,applications.by_applicant.natural_person,applications.received.online,applications.results.granted,applications.results.partly_granted,applications.results.total,applications.replied_on_time,$np.granted,$np.partly_granted,$np.total"
  for m in 05 06 07 08 09 10 11 12; do
    case $m in 10|11) n=160 ;; 12) n=157 ;; *) n=150 ;; esac
    p=0; [ "$m" = 12 ] && p=3
    echo "panjin-city,2008-$m,$n,$n,$n,$((n - p)),$p,$n,$n,$((n - p)),$p,$n"
  done
} >"$work/panjin-months.csv"
"$cli" push "$work/panjin-months.csv" >"$work/panjin-push.out" || die "panjin push: $(tail -3 "$work/panjin-push.out")"
grep -q "接收 8 份" "$work/panjin-push.out" || die "panjin push: $(tail -1 "$work/panjin-push.out")"
run panjin annual-report panjin-city 2008 --check "$src/tests/cli/testdata/panjin_2008_city.csv"
check "panjin: --check exits 1" exited 1 panjin
check "panjin: 新收 自然人 off by five" has panjin.out "三、新收 自然人：报告 1232，月报合计 1227"
check "panjin: 新收 总计 off by five" has panjin.out "三、新收 总计：报告 1232，月报合计 1227"
check "panjin: exactly two discrepancies" has panjin.out "2处不一致"

# ---- HTML printed to PDF in Chromium.
run html annual-report pingxiang-city 2025 --format html --out "$work/report.html"
check "annual-report (html) exits 0" exited 0 html
check "html: merged headings" has report.html 'colspan="7">申请人情况</th>'
export HOME="$work/home"
mkdir -p "$HOME"
rc=0
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --no-default-browser-check --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/report.pdf" "file://$work/report.html" >"$work/chromium.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || die "chromium exited $rc: $(tail -5 "$work/chromium.log")"
[ "$(head -c 4 "$work/report.pdf")" = "%PDF" ] || die "no PDF written"
info=$(pdfinfo "$work/report.pdf")
pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
check "pdf: A4" grep -q '^Page size:.*(A4)' <<<"$info"
check "pdf: a CJK font" bash -c "pdffonts '$work/report.pdf' | grep -Eqi 'WenQuanYi|Noto.*CJK|Songti|SimSun|ZenHei'"
text=$(pdftotext -enc UTF-8 "$work/report.pdf" - | tr -d ' \t\r\n\f')
for want in "$title" 一、总体情况 申请人情况 法人或其他组织 自然人 属于国家秘密 \
  结转下年度继续办理 未经复议直接起诉 复议后起诉 本年收费金额（单位：万元） 六、其他需要报告的事项; do
  check "pdf: has $want" bash -c '[[ "$1" == *"$2"* ]]' _ "$text" "$want"
done
for ((p = 1; p <= pages; p++)); do
  words=$(pdftotext -enc UTF-8 -f "$p" -l "$p" "$work/report.pdf" - | tr -d ' \t\r\n\f' | wc -c)
  check "pdf: page $p of $pages is not empty" test "$words" -gt 20
done
check "pdf: at most 4 pages" test "$pages" -le 4
echo "pdf: $pages A4 page(s)"

finish
