#!/usr/bin/env bash
# Check rulebooks before publishing them: every diagnostic with file, line,
# column and a hint; exit 1 when there are errors (or warnings, with --werror).
set -euo pipefail
GOVSVC=${GOVSVC:-govsvc}
RULES=${RULES:-rules}

# Every rulebook under a directory (each top file: each version, each overlay).
"$GOVSVC" lint --werror "$RULES"

# The JSON form, for an editor or a CI job: count errors without jq.
"$GOVSVC" lint --format json "$RULES/district" |
    sed -n 's/.*"errors": \([0-9]*\), "warnings": \([0-9]*\).*/errors=\1 warnings=\2/p'

# A broken copy shows what a policy officer sees: a misspelt fact.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$RULES/district" "$RULES/calendars" "$tmp/"
sed -i "s/applicant.credit != 'D'\"\$/applicant.credt != 'D'\"/" "$tmp/district/rulebook.yaml"
if ! "$GOVSVC" lint "$tmp/district"; then
    echo "(the misspelt fact was caught, with a did-you-mean hint)"
fi
