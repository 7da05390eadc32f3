#!/usr/bin/env bash
# Tokens without restarts, through the real binaries: `gongkai token new`
# mints a unit token that works at once for its unit only, `token list`
# shows holders but never a token nor its SHA-256, `token revoke` refuses the
# token on its next call and after a restart, and the supervisor's start
# line counts the admitted tokens by source and role. (The audit rows:
# tests/services/token_service_test.cc.)
# Usage: token_cli.sh SUPERVISOR CLI SOURCE_DIR
set -euo pipefail
supervisor=$1 cli=$2 src=$3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

start
check "the start line counts config tokens by role" \
  grep -qF "tokens admitted (令牌): config 2 (admin 1, office 1); stored 0; demo 0" \
  "$work/supervisor.log"
run units_import units import <(printf 'unit_id,name,tier,parent_id\npingxiang-city,萍乡市,municipal,\nluxi-county,芦溪县,county,pingxiang-city\nlianhua-county,莲花县,county,pingxiang-city\n')
check "units registered" exited 0 units_import

# The office mints a unit token for 芦溪县; it works at once.
GONGKAI_TOKEN=$office_token run new token new --role unit --unit luxi-county --holder "芦溪县 张三"
check "token new as the office" exited 0 new
secret=$(sed -n 's/^token: //p' "$work/new.out")
id=$(sed -n 's/^id: //p' "$work/new.out")
check "a token is printed" test -n "$secret"
check "the config line keeps the holder readable" has new.out 'config: tokens { name: "芦溪县 张三" role: UNIT unit_id: "luxi-county" sha256: "'
check "no octal escapes" bash -c "! grep -q '\\\\[0-7][0-7][0-7]' '$work/new.out'"
hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
GONGKAI_TOKEN=$secret run history_own history luxi-county
check "the new token reads its unit" exited 0 history_own
GONGKAI_TOKEN=$secret run history_other history lianhua-county
check "but not another county" exited 1 history_other
GONGKAI_TOKEN=$office_token run office_admin token new --role admin --holder "某人"
check "the office mints no admin token" exited 1 office_admin
check "saying which field" has office_admin.err "role"

# The list: holders, never a token nor its hash.
run list token list
check "token list" exited 0 list
check "the list names the holder" has list.out "芦溪县 张三"
check "the list shows the id" has list.out "$id"
for f in list.out list.err; do
  check "the list never shows the token ($f)" bash -c "! grep -qF -- '$secret' '$work/$f'"
  check "nor its hash ($f)" bash -c "! grep -qF -- '$hash' '$work/$f'"
done
run list_json token list --format json
check "token list --format json" exited 0 list_json
check "the JSON list never shows the token" bash -c "! grep -qF -- '$secret' '$work/list_json.out'"
check "nor its hash" bash -c "! grep -qF -- '$hash' '$work/list_json.out'"

# Revoked: refused on the next call, no restart.
GONGKAI_TOKEN=$office_token run revoke token revoke "$id"
check "token revoke" exited 0 revoke
check "revoke says so" has revoke.out "已吊销"
GONGKAI_TOKEN=$secret run history_revoked history luxi-county
check "the revoked token is refused at once" exited 1 history_revoked
check "saying it was revoked" has history_revoked.err "令牌已吊销"
run revoke_config token revoke config:office
check "a config token is not revoked here" exited 1 revoke_config
check "saying where it is revoked" has revoke_config.err "配置文件令牌"

# Restarted, the start line counts the live stored token, not the revoked one.
run second token new --role unit --unit lianhua-county --holder "莲花县 王五"
check "admin mints a second unit token" exited 0 second
stop
start
check "after a restart: stored 1" grep -qF "config 2 (admin 1, office 1); stored 1 (unit 1); demo 0" \
  "$work/supervisor.log"
GONGKAI_TOKEN=$secret run history_restart history luxi-county
check "still refused after a restart" exited 1 history_restart
stop
finish
