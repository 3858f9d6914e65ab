#!/usr/bin/env bash
# Runs every recipe in examples/shell/ with the given govsvc, from the source
# root, so that the recipes keep working (the test suite's 'examples' suite).
#   examples/shell/run-all.sh PATH-TO-govsvc
set -uo pipefail
export GOVSVC=${1:?usage: run-all.sh PATH-TO-govsvc}
here=$(cd "$(dirname "$0")" && pwd)
failed=0
for recipe in "$here"/*.sh; do
    [ "$(basename "$recipe")" = run-all.sh ] && continue
    if bash "$recipe" > /dev/null 2>&1; then
        echo "ok   $(basename "$recipe")"
    else
        echo "FAIL $(basename "$recipe"):"
        bash "$recipe" 2>&1 | tail -20 | sed 's/^/     | /'
        failed=1
    fi
done
exit $failed
