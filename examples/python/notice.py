#!/usr/bin/env python3
"""Prints the one-time notice (一次性告知单) for a service item.

    notice.py RULEBOOK ITEM [NAME=VALUE ...] [--facts FILE.json] [--date YYYY-MM-DD]
              [--json]

Each NAME=VALUE is read by the fact's declared type (Rulebook.facts): true or
false for a bool, a whole number for an int, a number for a number, and the
text itself for a string, an enum or a date (YYYY-MM-DD). --facts reads a
JSON object of fact names to values. Example, from the repository root:

    python3 examples/python/notice.py rules/hlj-fire/rulebook.yaml 230100-XF-002 \\
        applicant.type=enterprise applicant.commitment_chosen=true \\
        application.channel=window premises.area=450 --date 2026-02-13

Exit status as the govsvc command: 0 printed, 1 the rulebook, item, a fact
or the date is wrong, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Dict, Optional, Union

import govsvc

FactValue = Union[bool, int, float, str, None]


def read_value(name: str, kind: Optional[str], text: str) -> FactValue:
    """Reads a command-line value as the fact's declared type."""
    if kind == "bool":
        if text not in ("true", "false"):
            raise ValueError(f"{name} is a bool: write true or false, not {text!r}")
        return text == "true"
    if kind == "int":
        return int(text)
    if kind == "number":
        return float(text)
    # string, enum and date facts take the text; an undeclared name is
    # passed on too, for the library to report with its did-you-mean hint.
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Print the one-time notice (一次性告知单) for a service item.")
    parser.add_argument("rulebook", help="the rulebook's top file")
    parser.add_argument("item", help="the service item's code")
    parser.add_argument("facts", nargs="*", metavar="NAME=VALUE", help="one fact")
    parser.add_argument("--facts", dest="facts_file", metavar="FILE",
                        help="a JSON object of fact names to values")
    parser.add_argument("--date", help="the acceptance date, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print govsvc.answer/1 JSON")
    args = parser.parse_args(argv)

    try:
        rulebook = govsvc.load(args.rulebook)
    except govsvc.RulebookError as e:
        print(e, file=sys.stderr)
        return 2 if e.code == "E001" else 1

    facts: Dict[str, FactValue] = {}
    if args.facts_file:
        try:
            with open(args.facts_file, encoding="utf-8") as f:
                facts.update(json.load(f))
        except (OSError, ValueError) as e:
            print(f"{args.facts_file}: {e}", file=sys.stderr)
            return 2
    declared = rulebook.facts
    for arg in args.facts:
        name, eq, text = arg.partition("=")
        if not eq:
            parser.error(f"'{arg}' must be NAME=VALUE")
        try:
            facts[name] = read_value(name, declared.get(name), text)
        except ValueError as e:
            print(f"{arg}: {e}", file=sys.stderr)
            return 1

    try:
        answer = rulebook.query(args.item, facts, args.date)
    except govsvc.Error as e:
        print(e, file=sys.stderr)
        return 1
    print(answer.to_json() if args.json else answer.to_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
