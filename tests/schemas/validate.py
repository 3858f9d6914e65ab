#!/usr/bin/python3
"""Validates `govsvc lint --format json` against the SPEC's schema
(lint.schema.json) and `--format sarif` against the SARIF 2.1.0 schema
(sarif-2.1.0-rtm.5.json, see README.md), on rulebooks with errors, with
warnings, without any diagnostic, and on a path that does not exist; checks
too that the counts and locations agree with the diagnostics.

Run from the source root: validate.py PATH-TO-govsvc. Needs Debian's
python3-jsonschema (tools/install-deps), hence /usr/bin/python3.
"""
import json
import os
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))

# (arguments after `lint`, expected exit status)
CASES = [
    (["tests/lint/case-twenty-mistakes.yaml"], 0),
    (["--werror", "tests/lint/case-twenty-mistakes.yaml"], 1),
    (["tests/bad/case-many-errors.yaml", "tests/lint/case-e151-deadline-outside.yaml"], 1),
    (["tests/lint/history"], 0),
    (["rules/hlj-fire"], 0),
    (["tests/lint/nonexistent.yaml"], 2),
]


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def run(govsvc, fmt, args):
    p = subprocess.run([govsvc, "lint", "--format", fmt] + args,
                       capture_output=True, check=False)
    return p.returncode, json.loads(p.stdout.decode("utf-8"))


def main():
    govsvc = sys.argv[1]
    lint_schema = load("lint.schema.json")
    sarif_schema = load("sarif-2.1.0-rtm.5.json")
    jsonschema.Draft7Validator.check_schema(lint_schema)
    jsonschema.Draft4Validator.check_schema(sarif_schema)
    lint_v = jsonschema.Draft7Validator(lint_schema)
    sarif_v = jsonschema.Draft4Validator(sarif_schema)
    failures = 0
    for args, status in CASES:
        name = " ".join(args)
        rc, doc = run(govsvc, "json", args)
        errs = sorted(lint_v.iter_errors(doc), key=str)
        diags = doc["diagnostics"]
        problems = [f"json: {e.message} at {list(e.absolute_path)}" for e in errs]
        if rc != status:
            problems.append(f"json: exit status {rc}, expected {status}")
        if doc["errors"] != sum(d["severity"] == "error" for d in diags) or \
           doc["warnings"] != sum(d["severity"] == "warning" for d in diags):
            problems.append("json: the counts do not match the diagnostics")
        rc2, sarif = run(govsvc, "sarif", args)
        errs = sorted(sarif_v.iter_errors(sarif), key=str)
        problems += [f"sarif: {e.message} at {list(e.absolute_path)}" for e in errs]
        if rc2 != rc:
            problems.append(f"sarif: exit status {rc2}, json gave {rc}")
        results = sarif["runs"][0]["results"]
        rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        if len(results) != len(diags):
            problems.append(f"sarif: {len(results)} results for {len(diags)} diagnostics")
        for r, d in zip(results, diags):
            loc = r["locations"][0]["physicalLocation"]
            region = loc.get("region", {})
            if r["ruleId"] != d["code"] or rules[r["ruleIndex"]]["id"] != d["code"] or \
               r["level"] != d["severity"] or \
               region.get("startLine", 0) != d["line"] or \
               (d["line"] and region.get("startColumn") != d["column"]):
                problems.append(f"sarif: result {r['ruleId']} does not match {d}")
        for p in problems:
            print(f"FAIL lint {name}: {p}")
        failures += bool(problems)
        if not problems:
            print(f"ok   lint {name}: {len(diags)} diagnostics valid in json and sarif")
    passed = len(CASES) - failures
    print(f"schemas: {passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
