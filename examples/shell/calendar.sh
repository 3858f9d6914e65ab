#!/usr/bin/env bash
# Count deadlines on the official working-day calendar (调休 included; the day
# of acceptance is not counted, 《民法典》第二百零一条).
set -euo pipefail
GOVSVC=${GOVSVC:-govsvc}
RULES=${RULES:-rules}
cal="$RULES/calendars/cn.yaml"

# 7 working days from the Friday before the 2026 Spring Festival holiday
# (2026-02-15..23 off, Saturday 2026-02-14 and 2026-02-28 worked).
"$GOVSVC" calendar "$cal" --from 2026-02-13 --add "7 working days"
# Natural days ending on a day off move to the next working day.
"$GOVSVC" calendar "$cal" --from 2026-02-06 --add "15 days"
# The Chinese forms mean the same.
"$GOVSVC" calendar "$cal" --from 2026-02-13 --add "7个工作日"
"$GOVSVC" calendar "$cal" --from 2026-03-02 --add "即办"
# A date past the calendar's coverage is an error, never a guess (exit 1).
if ! "$GOVSVC" calendar "$cal" --from 2026-12-28 --add "10 working days" 2>/dev/null; then
    echo "2026-12-28 + 10 working days: beyond the calendar (extend rules/calendars first)"
fi
