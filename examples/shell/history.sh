#!/usr/bin/env bash
# What changed between two versions of a rulebook, and what a rulebook holds.
# `govsvc diff` and `govsvc stats` come with the versions/bundles work; this
# recipe says so and stops when the govsvc at hand does not have them.
set -euo pipefail
GOVSVC=${GOVSVC:-govsvc}
RULES=${RULES:-rules}

"$GOVSVC" version > /dev/null   # fail early when govsvc itself does not run
has() { "$GOVSVC" "$1" --help > /dev/null 2>&1; }

# The city's standardisation: 社保参保登记 5 → 3, 不动产登记 10 → 7 working days,
# proofs shared, replaced by commitments or cancelled.
if has diff; then
    "$GOVSVC" diff "$RULES/city/rulebook-2023.yaml" "$RULES/city/rulebook.yaml"
else
    echo "this govsvc has no 'diff' command"
fi

# The district sample: items by type, 证照分离 mode, hall entry and its reasons.
if has stats; then
    "$GOVSVC" stats "$RULES/district/rulebook.yaml"
else
    echo "this govsvc has no 'stats' command"
fi

# A bundle (一件事一次办): each material once, with the items that need it.
if "$GOVSVC" query "$RULES/district/rulebook.yaml" --bundle 990202-QYKB \
        --facts "$RULES/district/facts-example.yaml" --date 2026-03-02 2>/dev/null; then
    :
else
    echo "this govsvc does not answer bundles yet"
fi
