#!/usr/bin/env bash
# Runs the C examples on the shipped rulebooks and checks what they print.
#
#   examples/c/check.sh BINDIR [RULESDIR]
#
# BINDIR holds hall-kiosk and server-reload (built in the meson tree, or by CI
# against the installed library with pkg-config); RULESDIR is the rules
# directory (default: rules, run from the source root). Exits 0 when every
# check passes, else 1 after saying which failed.
set -uo pipefail
bin=${1:?usage: check.sh BINDIR [RULESDIR]}
rules=${2:-rules}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# check NAME WANT-STATUS PATTERN... -- COMMAND...: runs COMMAND, then expects
# its exit status and each PATTERN (grep -F) in its stdout+stderr.
check() {
    local name=$1 want=$2
    shift 2
    local patterns=()
    while [ "$1" != -- ]; do
        patterns+=("$1")
        shift
    done
    shift
    "$@" > "$tmp/out" 2>&1 < "${stdin:-/dev/null}"
    local got=$?
    local ok=1
    [ "$got" = "$want" ] || { echo "FAIL $name: exit status $got, expected $want"; ok=0; }
    for p in "${patterns[@]}"; do
        grep -qF -- "$p" "$tmp/out" || { echo "FAIL $name: no '$p' in the output"; ok=0; }
    done
    if [ $ok = 1 ]; then
        echo "ok   $name"
    else
        sed 's/^/     | /' "$tmp/out" | head -30
        failed=1
    fi
}

# One notice: facts from a file, the 2024.1 promise of 不动产登记 (7 working days).
check kiosk-one 0 '"due": "2026-03-11"' '"status": "shared"' -- \
    "$bin/hall-kiosk" "$rules/city/rulebook.yaml" --date 2026-03-02 --json \
    990100-BDC-001 --facts "$rules/city/facts-example-person.yaml"

# The same item in the earlier version: 10 working days, nothing shared.
check kiosk-version 0 '"version": "2023.1"' '"due": "2026-03-16"' -- \
    "$bin/hall-kiosk" "$rules/city/rulebook-2023.yaml" --date 2026-03-02 --json \
    990100-BDC-001 applicant.type=person registration.kind=transfer

# A fact the rulebook does not declare: exit 1, with the fact's name.
check kiosk-bad-fact 1 'E060' 'premises.aera' -- \
    "$bin/hall-kiosk" "$rules/district/rulebook.yaml" --date 2026-03-02 \
    990202-XF-001 premises.aera=300

# A session on stdin: one rulebook load, three requests, one of them wrong.
printf '%s\n' '# requests: ITEM [--facts FILE] [NAME=VALUE]...' \
    '990202-XF-001 applicant.type=enterprise shared.business_license=true' \
    '990202-XX-001' \
    '990202-SWJ-001 applicant.type=enterprise' > "$tmp/requests"
stdin="$tmp/requests" check kiosk-session 1 \
    'xx-district 2022.1 loaded' '容缺后补' '发票领用（首次申领）' 'E070' -- \
    "$bin/hall-kiosk" "$rules/district/rulebook.yaml" --date 2026-03-02 -

# The server: 4 threads answer while the rulebook is swapped 20 times between
# its two versions; every answer must match its own version.
check server-reload 0 '20 reloads; generation 21' '0 failures' -- \
    "$bin/server-reload" 990100-SHBX-001 "$rules/city/rulebook-2023.yaml" \
    "$rules/city/rulebook.yaml" --threads 4 --queries 200 --reloads 20 \
    --date 2026-03-02 --fact applicant.type=enterprise

exit $failed
