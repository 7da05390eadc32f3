#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a while.
#
#   bash tests/fuzz/run.sh [options] [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs among validator, csv, scheme
# (default all three). Options:
#   --build-dir DIR  where the fuzz project is built (default build/fuzz)
#   --build-only     configure and build, run nothing
#   --no-build       run what is already built
#   --seed N         libFuzzer's seed (default: random); the test suite fixes
#                    it so a run explores the same inputs on every machine
#
# Each target's corpus grows in DIR/corpus/<target> (kept between runs, never
# in the source tree), starting from the seeds in tests/fuzz/corpus/<target>.
# The validator's seeds are text-format SubmitReportRequests, encoded with
# protoc first. A crash, a sanitizer report or a broken invariant stops the
# target; its input is kept in DIR/artifacts/<target>/ and the script exits 1
# after running the others.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build_dir="$root/build/fuzz"
do_build=1
do_run=1
seed=0
seconds=60
targets=()

while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --build-only) do_run=0; shift ;;
    --no-build) do_build=0; shift ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    [0-9]*) seconds="$1"; shift ;;
    validator|csv|scheme) targets+=("$1"); shift ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(validator csv scheme)

if [ "$do_build" = 1 ]; then
  if ! command -v clang++ >/dev/null; then
    echo "run.sh: clang++ not found; deploy/install-deps.sh installs clang and libFuzzer" >&2
    exit 1
  fi
  cmake -S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j2
fi
[ "$do_run" = 1 ] || exit 0

# Inputs above these sizes are not what the readers meet; the scheme's is
# the default scheme's size with room to grow.
declare -A max_len=([validator]=4096 [csv]=8192 [scheme]=32768)

# Dictionaries of the words the text readers look for, taken from the protos
# so they follow the schema: field and enum value names (a scheme's keys, a
# CSV header's path parts).
names() {
  for proto in "$@"; do
    grep -oE '[A-Za-z_][A-Za-z0-9_]* *= *[0-9]+;' "$root/proto/$proto" | sed -E 's/ *=.*//'
  done | sort -u | sed -E 's/.*/"&"/'
}
write_dict() {  # target file
  case "$1" in
    scheme)
      names gongkai/config/v1/scheme.proto gongkai/v1/unit.proto gongkai/v1/supervision.proto \
            gongkai/v1/report.proto
      printf '%s\n' '"nan"' '"inf"' '"-inf"' '"1e20"' '"{"' '"}"' '":"' '"\""' '"2026-01"' ;;
    csv)
      names gongkai/v1/report.proto
      printf '%s\n' '"unit_id"' '"period"' '"submitted_at"' '"idempotency_key"' '"note"' \
        '"extra."' '"\""' '","' '"\x0d\x0a"' '"\xef\xbb\xbf"' '"2025-02-04 10:23"' \
        '"2025-02-04T10:23:00+08:00"' '"1,234"' ;;
  esac >"$2"
}

# Debian's protobuf and Abseil have no frame pointers, so ASan's fast unwinder
# records a garbage "stack" for each allocation made under them and keeps every
# distinct one: memory grows by a megabyte or two a second until the RSS limit.
# Two frames of allocation context stop that; a crash's own stack stays whole,
# and the reproduce line below gives the full allocation stacks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=2}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
status=0
for target in "${targets[@]}"; do
  fuzzer="$build_dir/${target}_fuzzer"
  [ -x "$fuzzer" ] || { echo "run.sh: $fuzzer is not built" >&2; exit 1; }
  corpus="$build_dir/corpus/$target"
  artifacts="$build_dir/artifacts/$target"
  seeds="$(mktemp -d)"
  mkdir -p "$corpus" "$artifacts"
  for f in "$here/corpus/$target"/*; do
    if [ "$target" = validator ]; then
      protoc --encode=gongkai.v1.SubmitReportRequest -I "$root/proto" \
        gongkai/v1/reporting.proto <"$f" >"$seeds/$(basename "$f" .textproto).pb"
    else
      cp "$f" "$seeds/"
    fi
  done
  echo "== $target: ${seconds}s, corpus $corpus"
  log="$artifacts/last-run.log"
  dict=()
  if [ "$target" != validator ]; then
    write_dict "$target" "$build_dir/$target.dict"
    dict=(-dict="$build_dir/$target.dict")
  fi
  if "$fuzzer" -seed="$seed" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -max_len="${max_len[$target]}" -artifact_prefix="$artifacts/" \
       -print_final_stats=1 "${dict[@]}" "$corpus" "$seeds" >"$log" 2>&1; then
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|Done )' "$log" || true
  else
    status=1
    grep -vE '^#[0-9]+ +(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -60
    echo "== $target FAILED; whole log: $log" >&2
    echo "   reproduce: ASAN_OPTIONS=fast_unwind_on_malloc=0 $fuzzer $artifacts/<crash-file>" >&2
  fi
  rm -rf "$seeds"
done
exit $status
