# Shared by the e2e scripts: start and stop the real supervisor on a free
# port. The caller sets $supervisor (the binary) and $work (a temp folder),
# and defines fail MESSAGE, which must not return.

# Mints a token: `mint ROLE [UNIT]` adds its config line to $work/tokens.textproto
# and prints the token.
mint() {
  local out
  out=$("$supervisor" token new --role "$1" ${2:+--unit "$2"} 2>/dev/null) || fail "token new $*"
  sed -n 's/^config: //p' <<<"$out" >>"$work/tokens.textproto"
  sed -n 's/^token: //p' <<<"$out"
}

# Starts the supervisor on $work/data with the tokens of $work/tokens.textproto
# (an admin token minted at the first start, exported as GONGKAI_TOKEN;
# office_token holds an office one) and exports GONGKAI_SERVER; its pid is
# in $pid.
start() {
  rm -f "$work/port"
  if [ ! -s "$work/tokens.textproto" ]; then
    admin_token=$(mint admin)
    office_token=$(mint office)
    printf '%s\n' "$admin_token" >"$work/admin.token"
    printf '%s\n' "$office_token" >"$work/office.token"
  fi
  export GONGKAI_TOKEN GONGKAI_OUTBOX="$work/outbox"
  GONGKAI_TOKEN=$(cat "$work/admin.token")
  office_token=$(cat "$work/office.token")
  "$supervisor" --config="$work/tokens.textproto" --listen=127.0.0.1:0 --data_dir="$work/data" \
    --port_file="$work/port" >>"$work/supervisor.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    kill -0 "$pid" 2>/dev/null || fail "supervisor exited at start"
    sleep 0.1
  done
  [ -s "$work/port" ] || fail "supervisor did not start"
  export GONGKAI_SERVER="127.0.0.1:$(cat "$work/port")"
}

# Stops it with SIGTERM and checks it stopped cleanly.
stop() {
  kill -TERM "$pid"
  local rc=0
  wait "$pid" || rc=$?
  pid=""
  [ "$rc" -eq 0 ] || fail "supervisor exited $rc on SIGTERM"
  grep -q "stopped cleanly" "$work/supervisor.log" || fail "no clean-stop line in the log"
}
