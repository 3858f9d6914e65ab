#!/usr/bin/env bash
# Use the JSON answer (schema govsvc.answer/1) from a shell script without jq.
# The JSON is deterministic: keys in a fixed order and, in the materials list,
# one material per line, so line tools can read it. (A program should use a
# JSON parser; python3 -c 'import json,sys; ...' works too.)
set -euo pipefail
GOVSVC=${GOVSVC:-govsvc}
RULES=${RULES:-rules}

answer=$("$GOVSVC" query "$RULES/district/rulebook.yaml" --item 990202-XF-001 \
    --facts "$RULES/district/facts-example.yaml" --date 2026-03-02 --format json)

# Which rules produced it: id, version and content digest.
printf '%s\n' "$answer" |
    sed -n 's/.*"rulebook": {"id": "\([^"]*\)", "version": "\([^"]*\)", "digest": "\([^"]*\)".*/\1 \2 \3/p'

# One line per material: status, id and, where there is one, the due date.
printf '%s\n' "$answer" | awk -F'"' '/"id": .*"status": / {
    id = ""; st = ""; due = ""
    for (i = 1; i < NF; i++) {
        if ($i == "id") id = $(i + 2)
        if ($i == "status") st = $(i + 2)
        if ($i == "due" || $i == "verify_due") due = $(i + 2)
    }
    printf "%-12s %-30s %s\n", st, id, due
}'

# What must be handed in at the window today?
printf '%s\n' "$answer" | grep -c '"status": "required"' | sed 's/^/required at acceptance: /'

# The promised due date.
printf '%s\n' "$answer" |
    sed -n 's/.*"promised": {"duration": "\([^"]*\)", "due": "\([^"]*\)"}.*/promised: \1, due \2/p'

# The exit status says whether there is an answer: 0 yes, 1 the item or a
# fact is wrong, 2 usage or I/O. A cancelled approval (直接取消审批) has none:
if ! "$GOVSVC" query "$RULES/district/rulebook.yaml" --item 990202-JTYS-001 \
        --date 2026-03-02 --format json > /dev/null 2>&1; then
    echo "990202-JTYS-001: no notice on 2026-03-02 (the approval was cancelled)"
fi
