#!/usr/bin/env bash
# The desk end to end: the demo city loaded over gRPC, then a real headless
# Chromium (playwright-core) signs in, reads the county league table and
# checks it against the gRPC answer, sees a unit's trend chart drawn,
# downloads the league .xlsx (read back with openpyxl), is refused another
# county's page as a county, fills in a township's month as that county (the
# balance slip shown before submitting, version 1 after), and signs out; and the CLI's --format csv|xlsx
# exports. Screenshots and the downloaded files stay in ARTIFACTS.
# Usage: desk_test.sh SUPERVISOR CLI SOURCE_DIR ARTIFACTS PYTHON3
set -uo pipefail
supervisor=$1 cli=$2 src=$3 artifacts=$4 python=$5
. "$(dirname "$0")/lib.sh"
e2e_init
export WEB_DIR="$src/web"
[ -d "$WEB_DIR/node_modules/playwright-core" ] ||
  die "web/node_modules is missing: run bash deploy/install-deps.sh"
rm -rf "$artifacts" && mkdir -p "$artifacts"

e2e_tokens
county_token=$(mint unit lianhua-county) || die "token new --role unit failed"
start
run import units import "$src/deploy/demo/units.csv"
check "units import" exited 0 import
run push push "$src/deploy/demo/reports.csv"
check "push the demo reports" exited 0 push
GONGKAI_TOKEN=$office_token run publish bulletin publish 2025-12
check "publish the 2025-12 bulletin" exited 0 publish
GONGKAI_TOKEN=$office_token run league league 2025-12 --tier county --format json
check "league over gRPC" exited 0 league
cp "$work/league.out" "$artifacts/league-grpc.json"

case_name="browser"
node "$src/tests/e2e/desk_browser_test.mjs" "http://$GONGKAI_HTTP" "$office_token" \
  "$county_token" "$artifacts/league-grpc.json" "$artifacts" >"$work/browser.out" 2>&1
rc=$?
cat "$work/browser.out"
check "the browser test passed" test "$rc" -eq 0
for shot in 01-signin 02-home 03-unit 04-bulletins 05-annual 06-refused 07-entry-slip 08-entry-stored \
    09-annual-report; do
  check "screenshot $shot saved" test -s "$artifacts/$shot.png"
done

# The .xlsx read back: headers, numbers as numbers, the header row frozen,
# the rows equal to the gRPC answer.
read_xlsx() {
  "$python" - "$1" "$artifacts/league-grpc.json" <<'PY'
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
ws = book.active
grpc = json.load(open(sys.argv[2]))
headers = [c.value for c in ws[1]]
assert headers[:6] == ["名次", "较上月", "单位代码", "单位名称", "得分", "等次"], headers
assert ws.freeze_panes == "A2", ws.freeze_panes
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert len(rows) == len(grpc["rows"]), (len(rows), len(grpc["rows"]))
for got, want in zip(rows, grpc["rows"]):
    assert isinstance(got[0], (int, float)) and isinstance(got[4], (int, float)), got
    assert got[0] == want["rank"], (got, want)
    assert got[2] == want["unit_id"] and got[3] == want["name"], (got, want)
    assert abs(got[4] - want["score"]) < 1e-9, (got, want)
    assert got[5] == want["grade"], (got, want)
assert ws.column_dimensions["D"].width >= 20
print("xlsx ok:", len(rows), "rows")
PY
}
case_name="exports"
check "the downloaded .xlsx reads back equal to the gRPC league" \
  read_xlsx "$artifacts/league-2025-12-COUNTY.xlsx"
GONGKAI_TOKEN=$office_token run cli_xlsx league 2025-12 --tier county --format xlsx \
  --out "$artifacts/cli-league.xlsx"
check "gongkai league --format xlsx" exited 0 cli_xlsx
check "the CLI's .xlsx reads back equal to the gRPC league" read_xlsx "$artifacts/cli-league.xlsx"
GONGKAI_TOKEN=$office_token run cli_csv league 2025-12 --tier county --format csv \
  --out "$artifacts/cli-league.csv"
check "gongkai league --format csv" exited 0 cli_csv
csv_ok() {
  "$python" - "$1" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
assert b.startswith(b"\xef\xbb\xbf" + "名次,较上月,单位代码,单位名称".encode()), b[:60]
assert b.count(b"\r\n") >= 6, b
PY
}
check "the CSV starts with the UTF-8 BOM and Chinese headers" csv_ok "$artifacts/cli-league.csv"
GONGKAI_TOKEN=$office_token run cli_status status 2025-12 --format xlsx --out "$artifacts/cli-status.xlsx"
check "gongkai status --format xlsx" exited 0 cli_status
GONGKAI_TOKEN=$office_token run cli_annual annual 2025 --tier county --format csv
check "gongkai annual --format csv to stdout" exited 0 cli_annual
check "annual CSV has the 2-point column" has cli_annual.out "综合考评折算"
GONGKAI_TOKEN=$office_token run cli_bulletin bulletin show 2025-12 --format xlsx \
  --out "$artifacts/cli-bulletin.xlsx"
check "gongkai bulletin show --format xlsx" exited 0 cli_bulletin
bulletin_ok() {
  "$python" - "$1" <<'PY'
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
names = book.sheetnames
for want in ["县区排行榜", "市直部门排行榜", "乡镇街道排行榜", "通报批评", "未报送单位", "督查问题"]:
    assert want in names, names
named = book["通报批评"]
assert named.freeze_panes == "A2"
assert [c.value for c in named[1]][:2] == ["单位代码", "单位名称"]
assert named.max_row >= 2, "the 2025-12 bulletin names units"
PY
}
check "the bulletin's tables read back (a worksheet each)" bulletin_ok "$artifacts/cli-bulletin.xlsx"
GONGKAI_TOKEN=$office_token run cli_bad league 2025-12 --tier county --format xls
check "an unknown --format is refused, not ignored" exited 2 cli_bad
GONGKAI_TOKEN=$office_token run cli_noout league 2025-12 --tier county --format xlsx
check "--format xlsx without --out is refused" exited 2 cli_noout

stop
finish
