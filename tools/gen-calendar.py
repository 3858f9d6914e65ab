#!/usr/bin/env python3
"""Generate a libgovsvc calendar file from a table of official holidays.

Usage: gen-calendar.py [--id ID] INPUT.tsv > rules/calendars/cn.yaml

INPUT.tsv transcribes the State Council General Office's notices on holiday
arrangements (国务院办公厅关于部分节假日安排的通知), one line per date:

    # comment lines start with '#'
    2026-02-15<TAB>holiday<TAB>春节
    2026-02-14<TAB>workday<TAB>春节调休

`holiday` is a day off for a festival (放假调休, weekdays included); `workday`
is a Saturday or Sunday on which offices work (调休上班). The calendar covers
whole years, from January 1st of the first year in the table to December 31st
of the last, and every year in between must be in the table: a year without
its notice would silently count its festivals as working days.

Consecutive holiday dates with the same name become one range; the output is
sorted and byte-for-byte reproducible, so a regenerated file diffs cleanly.
Bad input (malformed dates, unknown kinds, a workday on a weekday, a date
listed twice, a year without a recorded notice) is reported with its line
number and the script exits with status 1, writing nothing.

Only the Python 3 standard library is used.
"""

import argparse
import datetime
import re
import sys

# The notice behind each year's dates, named in the generated file's header so
# that every date can be traced to its source. Add the new notice here when a
# year is added to the table.
NOTICES = {
    2023: "国办发明电〔2022〕16号 (2022-12-08)",
    2024: "国办发明电〔2023〕7号 (2023-10-25)",
    2025: "国办发明电〔2024〕12号 (2024-11-12)",
    # Dates as published by Xinhua (gmw.cn, 2025-11-04); the number is taken
    # from a reprint and should be checked against gov.cn.
    2026: "国办发明电〔2025〕7号 (2025-11-04)",
}

DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Names written as YAML plain scalars inside a flow mapping must avoid the
# flow indicators and anything YAML would read as another type; others are
# written double-quoted.
PLAIN_RE = re.compile(r"^[^\s,\[\]{}:#'\"&*!|>%@`?\-\\][^,\[\]{}:#'\"\\]*(?<!\s)$")


class InputError(Exception):
    pass


def parse_date(text, lineno):
    if not DATE_RE.match(text):
        raise InputError(f"line {lineno}: '{text}' is not a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"line {lineno}: '{text}' is not a real date") from None


def read_table(lines):
    """Returns ({date: name} of holidays, {date: name} of workdays)."""
    holidays, workdays, seen = {}, {}, {}
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise InputError(
                f"line {lineno}: expected 'date<TAB>kind<TAB>name', got {len(fields)} field(s)")
        text, kind, name = (f.strip() for f in fields)
        day = parse_date(text, lineno)
        if not name:
            raise InputError(f"line {lineno}: {text} has no name")
        if day in seen:
            raise InputError(f"line {lineno}: {text} is already listed on line {seen[day]}")
        seen[day] = lineno
        if kind == "holiday":
            holidays[day] = name
        elif kind == "workday":
            if day.weekday() < 5:
                raise InputError(
                    f"line {lineno}: workday {text} is a {day.strftime('%A')}; only Saturdays "
                    "and Sundays can be 调休 working days")
            workdays[day] = name
        else:
            raise InputError(f"line {lineno}: unknown kind '{kind}' (use holiday or workday)")
    if not holidays and not workdays:
        raise InputError("the table lists no dates")
    return holidays, workdays


def ranges(holidays):
    """Merges consecutive dates with the same name: [(from, to, name)]."""
    out = []
    for day in sorted(holidays):
        name = holidays[day]
        if out and out[-1][2] == name and out[-1][1] + datetime.timedelta(days=1) == day:
            out[-1][1] = day
        else:
            out.append([day, day, name])
    return [tuple(r) for r in out]


RESERVED_RE = re.compile(r"^(?:[-+.0-9].*|~|null|true|false|yes|no|on|off)$", re.IGNORECASE)


def scalar(name):
    if PLAIN_RE.match(name) and not RESERVED_RE.match(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(cal_id, holidays, workdays):
    days = sorted(set(holidays) | set(workdays))
    first, last = days[0].year, days[-1].year
    years = sorted({d.year for d in days})
    missing = [y for y in range(first, last + 1) if y not in years]
    if missing:
        raise InputError(f"the table has no dates for {', '.join(map(str, missing))}; "
                         "the calendar must not skip a year")
    unknown = [y for y in years if y not in NOTICES]
    if unknown:
        raise InputError(f"no notice recorded for {', '.join(map(str, unknown))}: add it to "
                         "NOTICES in tools/gen-calendar.py")
    out = [
        "# Working-day calendar of mainland China: legal holidays and 调休 working days.",
        "#",
        "# GENERATED by tools/gen-calendar.py from the table of the State Council General",
        "# Office's notices on holiday arrangements. Do not edit by hand: correct the table",
        "# and regenerate (see README.md in this directory).",
        "#",
        "# Sources:",
    ]
    out += [f"#   {y}: {NOTICES[y]}" for y in years]
    out += [
        "",
        "govsvc: 1",
        "calendar:",
        f"  id: {cal_id}",
        f"  covers: {{from: {first:04d}-01-01, to: {last:04d}-12-31}}",
        "  weekend: [sat, sun]",
    ]
    out.append("  holidays:" if holidays else "  holidays: []")
    out += [f"    - {{from: {a.isoformat()}, to: {b.isoformat()}, name: {scalar(n)}}}"
            for a, b, n in ranges(holidays)]
    out.append("  workdays:" if workdays else "  workdays: []")
    out += [f"    - {{date: {d.isoformat()}, name: {scalar(workdays[d])}}}"
            for d in sorted(workdays)]
    return "\n".join(out) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description="Generate a libgovsvc calendar file from a "
                                 "holiday table (date<TAB>holiday|workday<TAB>name).")
    ap.add_argument("input", help="the holiday table (TSV)")
    ap.add_argument("--id", default="cn", help="the calendar id (default: cn)")
    args = ap.parse_args(argv)
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", args.id):
        print(f"gen-calendar: bad calendar id '{args.id}'", file=sys.stderr)
        return 1
    try:
        with open(args.input, encoding="utf-8") as f:
            holidays, workdays = read_table(f)
        text = render(args.id, holidays, workdays)
    except InputError as e:
        print(f"gen-calendar: {args.input}: {e}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as e:
        print(f"gen-calendar: {e}", file=sys.stderr)
        return 1
    # Bytes, not text: the file is UTF-8 whatever the locale of the shell.
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
