# Shared by the end-to-end scripts that run the supervisor (tests/e2e, tests/crash):
# a temporary folder cleaned up on exit, the real supervisor started and
# stopped on a free port, and counted assertions. The caller sets $supervisor
# (the binary) and, for run, $cli; then calls e2e_init. Results: check and
# expect count and go on; die ends the test (its setup broke); finish prints
# the count and fails if any assertion did.

# e2e_init [VAR...]: creates $work, zeroes the counters, and on exit kills the
# supervisor ($pid) and every process whose pid a named VAR holds (set to ""
# here; set it back to "" once the process is waited for) and removes $work.
e2e_init() {
  work=$(mktemp -d)
  pid="" passed=0 failed=0 case_name=""
  e2e_pid_vars=(pid "$@")
  local var
  for var in "$@"; do printf -v "$var" '%s' ""; done
  trap e2e_cleanup EXIT
}
e2e_cleanup() {
  local var
  for var in "${e2e_pid_vars[@]}"; do
    [ -n "${!var}" ] && kill -9 "${!var}" 2>/dev/null || true
  done
  rm -rf "$work"
}

# die MESSAGE: the setup broke and nothing after it can be checked: prints
# MESSAGE, the supervisor log's last lines (not the per-call request lines,
# which would crowd out why it broke), the count with this failure, exits 1.
die() {
  echo "FAIL: $*" >&2
  [ -f "$work/supervisor.log" ] && grep -v "rpc=" "$work/supervisor.log" | tail -20 >&2
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
}

# check DESCRIPTION COMMAND...: one assertion; a failure is counted (named
# with the [$case_name] a script may set) and the test goes on.
check() {
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: ${case_name:+[$case_name] }$what" >&2
  fi
}

# expect DESCRIPTION EXIT_CODE PATTERN COMMAND...: one assertion: the command
# exits with EXIT_CODE and its output (stdout and stderr) matches the extended
# regex PATTERN.
expect() {
  local what=$1 code=$2 pattern=$3 rc=0
  shift 3
  "$@" >"$work/out" 2>&1 || rc=$?
  if [ "$rc" -eq "$code" ] && grep -qE -- "$pattern" "$work/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what: exit $rc (want $code), output:" >&2
    sed 's/^/  /' "$work/out" >&2
  fi
}

# finish: prints the count; fails if an assertion did.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# run_with PROGRAM NAME ARGS...: PROGRAM ARGS; stdout in $work/NAME.out,
# stderr in $work/NAME.err, the exit code in $rc.
run_with() {
  local program=$1 name=$2
  shift 2
  rc=0
  "$program" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
}
# run NAME ARGS...: run_with the CLI.
run() { run_with "$cli" "$@"; }
# exited WANT NAME: the last run as NAME exited WANT (else shows its output).
exited() {
  [ "$rc" -eq "$1" ] && return 0
  echo "  $2 exited $rc, want $1: $(head -c 600 "$work/$2.out") $(head -c 600 "$work/$2.err")" >&2
  return 1
}
# has FILE TEXT: FILE (under $work) contains TEXT.
has() {
  grep -qF -- "$2" "$work/$1" && return 0
  echo "  $1 lacks \"$2\"; it holds: $(head -c 800 "$work/$1")" >&2
  return 1
}

# mint ROLE [UNIT]: mints a token, adds its config line to
# $work/tokens.textproto and prints the token; fails if the supervisor cannot.
mint() {
  local out
  out=$("$supervisor" token new --role "$1" ${2:+--unit "$2"} 2>/dev/null) || return 1
  sed -n 's/^config: //p' <<<"$out" >>"$work/tokens.textproto"
  sed -n 's/^token: //p' <<<"$out"
}

# e2e_tokens: mints an admin and an office token into $work/tokens.textproto
# the first time; exports the admin one as GONGKAI_TOKEN and keeps the office
# one in $office_token.
e2e_tokens() {
  if [ ! -s "$work/tokens.textproto" ]; then
    mint admin >"$work/admin.token" || die "token new --role admin failed"
    mint office >"$work/office.token" || die "token new --role office failed"
  fi
  export GONGKAI_TOKEN
  GONGKAI_TOKEN=$(cat "$work/admin.token")
  office_token=$(cat "$work/office.token")
}

# start [CONFIG]: starts the supervisor on $work/data, its pid in $pid, and
# exports GONGKAI_SERVER, GONGKAI_HTTP (the desk's host:port) and
# GONGKAI_OUTBOX ($work/outbox). Without CONFIG it
# listens on free loopback ports (gRPC and the desk) with the tokens of e2e_tokens; CONFIG must
# hold its own tokens and listen address (port 0).
start() {
  rm -f "$work/port"
  e2e_tokens
  export GONGKAI_OUTBOX="$work/outbox"
  # The desk on a free port too: its default, the gRPC port's neighbour, may
  # be taken when a test fixes the gRPC port (outbox_test.sh).
  local args=(--config="$work/tokens.textproto" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0)
  [ $# -eq 0 ] || args=(--config="$1")
  "$supervisor" "${args[@]}" --data_dir="$work/data" --port_file="$work/port" \
    --http_port_file="$work/http_port" >>"$work/supervisor.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    kill -0 "$pid" 2>/dev/null || die "supervisor exited at start"
    sleep 0.1
  done
  [ -s "$work/port" ] || die "supervisor did not start"
  export GONGKAI_SERVER="127.0.0.1:$(cat "$work/port")"
  export GONGKAI_HTTP="127.0.0.1:$(cat "$work/http_port" 2>/dev/null)"
}

# free_port: a port nothing listens on now (for a helper such as Prometheus).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# stop: stops it with SIGTERM and checks it stopped cleanly.
stop() {
  kill -TERM "$pid"
  local rc=0
  wait "$pid" || rc=$?
  pid=""
  [ "$rc" -eq 0 ] || die "supervisor exited $rc on SIGTERM"
  grep -q "stopped cleanly" "$work/supervisor.log" || die "no clean-stop line in the log"
}
