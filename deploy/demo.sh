#!/usr/bin/env bash
# The newcomer's first command: installs what is needed, builds, starts the
# supervisor on its embedded default (gRPC on 127.0.0.1:7450, the dashboard on
# http://127.0.0.1:7451/, data in ./var/gongkai),
# loads the demo city through the gongkai CLI over gRPC, shows who reported
# for the latest month and the county league table, publishes the month's
# bulletin (工作简报), lists the escalation cases it opened and prints the
# dashboard's address with the token to sign in with. Safe to run
# again: nothing is loaded or published twice.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Only what the demo runs: the supervisor and the CLI (tests/run.sh builds all).
cmake --build build -j2 --target gongkai-supervisor gongkai

gongkai=build/cli/gongkai
export GONGKAI_SERVER=127.0.0.1:7450 GONGKAI_OUTBOX=var/outbox
mkdir -p var
# At its first start the embedded default mints a demo office and admin token
# and prints them once; the demo keeps them in var/ (mode 600) for the CLI.
demo_tokens() {
  [ -s var/admin.token ] && [ -s var/office.token ] && return 0
  for role in admin office; do
    sed -n "s/.*  $role (demo-$role): //p" var/supervisor.log | tail -1 >var/$role.token
    chmod 600 var/$role.token
  done
  [ -s var/admin.token ] && [ -s var/office.token ]
}
# Exit code 3: nothing answers at the address (1: something refused us).
serving=0
GONGKAI_TOKEN= GONGKAI_TOKEN_FILE= "$gongkai" units >/dev/null 2>&1 || serving=$?
if [ "$serving" -ne 3 ]; then
  echo "demo: a supervisor is already serving on $GONGKAI_SERVER; using it"
else
  nohup build/services/gongkai-supervisor >>var/supervisor.log 2>&1 &
  echo $! >var/supervisor.pid
  for _ in $(seq 100); do
    demo_tokens && GONGKAI_TOKEN_FILE=var/office.token "$gongkai" units >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "demo: gongkai-supervisor started (pid $(cat var/supervisor.pid), log var/supervisor.log)"
fi
if ! demo_tokens; then
  echo "demo: var/gongkai was made by an earlier run whose demo tokens are gone; remove var/ and"
  echo "      run again, or mint tokens with: build/services/gongkai-supervisor token new --help"
  exit 1
fi
"$gongkai" --token_file=var/office.token units >/dev/null || { tail -5 var/supervisor.log; exit 1; }
echo "demo: tokens in var/admin.token (管理员) and var/office.token (市政务公开办)"
export GONGKAI_TOKEN_FILE=var/admin.token

echo "demo: loading the demo city (萍乡市, modelled on Pingxiang 2012)"
"$gongkai" units import deploy/demo/units.csv
"$gongkai" push deploy/demo/reports.csv
echo
"$gongkai" status 2025-12
echo
"$gongkai" league 2025-12 --tier county
echo
# The city office's views, with the office token.
export GONGKAI_TOKEN_FILE=var/office.token
# The month's bulletin (工作简报), published once; later runs show it again.
if ! "$gongkai" bulletin show 2025-12 >/dev/null 2>&1; then
  "$gongkai" bulletin publish 2025-12 --out var/bulletin-2025-12.md
fi
"$gongkai" bulletin show 2025-12 --format html --out var/bulletin-2025-12.html
"$gongkai" bulletin list
echo
"$gongkai" cases
echo
echo "The bulletin is in var/bulletin-2025-12.md and var/bulletin-2025-12.html (print: see README)."
echo
# The desk: the supervisor's HTTP port (the gRPC port's neighbour by default).
desk=$(sed -n 's/.*dashboard (工作台) at \([^ ]*\) .*/\1/p' var/supervisor.log | tail -1)
desk=${desk:-http://127.0.0.1:7451/}
echo "Dashboard (政务公开监管工作台): ${desk}?period=2025-12"
echo "  Sign in (登录) with the office token: $(cat var/office.token)"
echo "  (kept in var/office.token; var/admin.token works too; sessions last 8 hours)."
echo "  Metrics for Prometheus: ${desk}metrics  (scrape config: deploy/prometheus.yml)"
echo "  Excel: gongkai league 2025-12 --tier county --format xlsx --out league.xlsx"
echo
echo "The supervisor keeps running. Try, with the office token:"
echo "  export GONGKAI_TOKEN_FILE=var/office.token;  $gongkai score luxi-county 2025-12"
echo "  $gongkai annual 2025 --tier county;  $gongkai league 2025-12 --tier township --parent luxi-county"
echo "  $gongkai case show <案件>;  $gongkai bulletin show 2025-12 | less"
[ -f var/supervisor.pid ] && echo "Stop it with: kill \$(cat var/supervisor.pid)"
exit 0
