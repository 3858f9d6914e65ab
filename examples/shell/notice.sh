#!/usr/bin/env bash
# Print the one-time notice (一次性告知单) for one applicant, as a window clerk
# would: facts from a file, one more fact typed in, a fixed acceptance date.
#
#   examples/shell/notice.sh            (from the source root)
#   GOVSVC=/path/to/govsvc RULES=/usr/local/share/govsvc/rules examples/shell/notice.sh
set -euo pipefail
GOVSVC=${GOVSVC:-govsvc}
RULES=${RULES:-rules}

# 1. Which items and facts does the rulebook have?
"$GOVSVC" query "$RULES/city/rulebook.yaml" --list

# 2. The notice: an elderly applicant selling a flat, helped by the hall's
#    帮办代办 staff (the facts file). A --fact given after --facts overrides
#    the file: here the credit grade.
"$GOVSVC" query "$RULES/city/rulebook.yaml" --item 990100-BDC-001 \
    --facts "$RULES/city/facts-example-person.yaml" --fact applicant.credit=A \
    --date 2026-03-02

# 3. A fact left out is not guessed: the material becomes "视情况" (conditional)
#    and the notice lists the fact under 尚需了解 (ask).
"$GOVSVC" query "$RULES/city/rulebook.yaml" --item 990100-SHBX-001 --date 2026-03-02

# 4. The same applicant in a county that narrows the city's rules (overlay):
#    one visit instead of two, 5 working days instead of 7.
"$GOVSVC" query "$RULES/county/rulebook.yaml" --item 990100-BDC-001 \
    --facts "$RULES/city/facts-example-person.yaml" --date 2026-03-02
