#!/usr/bin/env bash
# Runs one libFuzzer target briefly, for `meson test --suite fuzz` (CI).
#   run-short.sh BINARY SEED_CORPUS DICT SECONDS MAX_LEN ARTIFACT_DIR
# The seed corpus in the repository is only read: new inputs go to a
# scratch directory that is removed afterwards. A crash leaves its input in
# ARTIFACT_DIR and the whole log next to it (docs/fuzzing.md: every crash
# becomes a regression test).
set -uo pipefail
bin=$1 seeds=$2 dict=$3 seconds=$4 max_len=$5 artifacts=$6
name=$(basename "$bin")
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
"$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
    -dict="$dict" -artifact_prefix="$artifacts/$name-" -print_final_stats=1 \
    "$work" "$seeds" > "$artifacts/$name.log" 2>&1 || status=$?
tail -n 40 "$artifacts/$name.log"
exit $status
