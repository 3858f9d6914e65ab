#!/usr/bin/env bash
# Runs one fuzz target for a long time (docs/fuzzing.md).
#
#   fuzz/run-long.sh TARGET MINUTES [extra libFuzzer flags...]
#
# TARGET is load, rulebook, expr, facts or dates. The clang build is made in
# build-fuzz (or $BUILD) if it is not there yet. The corpus grown by the run
# is kept in $BUILD/fuzz-corpus/TARGET and reused by the next run (the seed
# corpus fuzz/corpus/TARGET is only read); crashes, timeouts and leaks are
# written to $BUILD/fuzz-artifacts/. JOBS=N runs N processes in parallel.
# Ends with one line: executions, coverage, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run-long.sh TARGET MINUTES [libFuzzer flags...]}
minutes=${2:?usage: fuzz/run-long.sh TARGET MINUTES [libFuzzer flags...]}
shift 2
build=${BUILD:-build-fuzz}
case $target in
    load|rulebook) max_len=16384 ;;
    expr|facts) max_len=4096 ;;
    dates) max_len=128 ;;
    *) echo "unknown target '$target' (load, rulebook, expr, facts, dates)" >&2; exit 2 ;;
esac
if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
        -Dpython=disabled -Dman=disabled >/dev/null
fi
ninja -C "$build" "fuzz/fuzz-$target" >/dev/null
corpus=$build/fuzz-corpus/$target
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"
log=$artifacts/$target-$(date +%Y%m%d-%H%M%S).log
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
jobs=()
if [ -n "${JOBS:-}" ]; then jobs=(-jobs="$JOBS" -workers="$JOBS"); fi
echo "fuzzing $target for $minutes minutes; log $log"
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
status=0
"$build/fuzz/fuzz-$target" -max_total_time=$((minutes * 60)) -timeout=20 -rss_limit_mb=2048 \
    -max_len=$max_len -dict="fuzz/dict/$target.dict" -artifact_prefix="$artifacts/$target-" \
    -print_final_stats=1 "${jobs[@]}" "$@" "$corpus" "fuzz/corpus/$target" > "$log" 2>&1 || status=$?
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
execs=$(printf '%s\n' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
findings=$(find "$artifacts" -newer "$stamp" -name "$target-*" ! -name '*.log' 2>/dev/null | wc -l)
echo "$target: ${execs:-0} executions; last status: ${last:-none}; corpus $(ls "$corpus" | wc -l) files; findings $findings (exit $status)"
[ "$status" -eq 0 ] || tail -n 60 "$log"
exit "$status"
