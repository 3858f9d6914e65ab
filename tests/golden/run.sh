#!/usr/bin/env bash
# Golden tests for the govsvc command. Each directory tests/golden/<case>/
# holds:
#   args     the arguments, one per line (run from the source root)
#   status   the expected exit status
#   stdout   the expected standard output (byte for byte)
#   stderr   the expected standard error (optional; compared when present)
#   stdin    the standard input (optional; /dev/null when absent)
# Updating a golden file is a reviewed change: run with GOLDEN_UPDATE=1 by
# hand, never in CI.
set -u
govsvc=${1:?usage: run.sh PATH-TO-govsvc}
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$here"/*/; do
    name=$(basename "$dir")
    mapfile -t args < "$dir/args"
    # stdin (optional): what is typed, e.g. the answers of --interactive.
    input=/dev/null
    [ -f "$dir/stdin" ] && input="$dir/stdin"
    "$govsvc" "${args[@]}" < "$input" > "$tmp/out" 2> "$tmp/err"
    status=$?
    if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
        cp "$tmp/out" "$dir/stdout"
        echo "$status" > "$dir/status"
        [ -f "$dir/stderr" ] && cp "$tmp/err" "$dir/stderr"
    fi
    ok=1
    want=$(cat "$dir/status")
    if [ "$status" != "$want" ]; then
        echo "FAIL $name: exit status $status, expected $want"
        ok=0
    fi
    if ! cmp -s "$tmp/out" "$dir/stdout"; then
        echo "FAIL $name: stdout differs:"
        diff -u "$dir/stdout" "$tmp/out" | head -40
        ok=0
    fi
    if [ -f "$dir/stderr" ] && ! cmp -s "$tmp/err" "$dir/stderr"; then
        echo "FAIL $name: stderr differs:"
        diff -u "$dir/stderr" "$tmp/err" | head -40
        ok=0
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
