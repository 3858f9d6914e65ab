"""govsvc.lint(): the diagnostics `govsvc lint` reports, as Diagnostic values."""

import json
import pathlib

import pytest

import govsvc
from conftest import CALENDAR, HLJ, ROOT, run_cli

DATA = pathlib.Path(__file__).parent / "data"


def cli_lint_json(*paths, werror=False):
    args = ["lint", "--format", "json", *paths]
    if werror:
        args.insert(1, "--werror")
    _, out, _ = run_cli(*args)
    return json.loads(out)["diagnostics"]


def as_json(diags):
    """Diagnostics as the command's JSON shows them."""
    return [{"severity": d.severity, "code": d.code, "message": d.message, "file": d.file,
             "line": d.line or 0, "column": d.column or 0, "hint": d.hint} for d in diags]


def test_clean_rulebooks_give_no_diagnostic():
    assert govsvc.lint(HLJ) == []
    assert govsvc.lint(DATA / "bundle.yaml") == []


def test_bad_rulebook(write_rulebook):
    path = write_rulebook(
        "govsvc: 1\n"
        "rulebook: {id: t, version: '1', effective: 2026-01-01}\n"
        f"calendar: {CALENDAR}\n"
        "facts:\n"
        "  premises.area: {type: number}\n"
        "items:\n"
        "  - code: A\n"
        "    name: a\n"
        "    type: licence\n"
        "    deadline: {statutory: 10 days}\n")
    diags = govsvc.lint(path)
    assert diags and all(isinstance(d, govsvc.Diagnostic) for d in diags)
    assert diags[0].code == "E009" and diags[0].file == str(path)
    assert (diags[0].line, diags[0].column) == (9, 11)
    assert as_json(diags) == cli_lint_json(path)


def test_lint_matches_the_cli_on_the_lint_cases():
    cases = sorted((ROOT / "tests" / "lint").glob("case-*.yaml"))
    assert cases, "tests/lint has no cases"
    for case in cases:
        assert as_json(govsvc.lint(case)) == cli_lint_json(case), case.name


def test_directory_and_several_paths():
    one = govsvc.lint(ROOT / "rules")
    assert [d for d in one if d.severity == "error"] == []
    both = govsvc.lint([HLJ, DATA / "bundle.yaml"])
    assert both == []


def test_werror_and_skip():
    warned = [c for c in sorted((ROOT / "tests" / "lint").glob("case-w*.yaml"))
              if govsvc.lint(c)]
    assert warned
    case = warned[0]
    plain = govsvc.lint(case)
    assert {d.severity for d in plain} == {"warning"}
    strict = govsvc.lint(case, werror=True)
    assert [d.code for d in strict] == [d.code for d in plain]
    assert {d.severity for d in strict} == {"error"}
    assert govsvc.lint(case, skip=[d.code for d in plain]) == []


def test_skip_must_name_lint_codes():
    with pytest.raises(ValueError, match="'W999' is not a code the lint reports"):
        govsvc.lint(HLJ, skip=["W999"])
    with pytest.raises(TypeError):
        govsvc.lint(HLJ, skip="W104")


def test_unreadable_path_is_a_finding(tmp_path):
    diags = govsvc.lint(tmp_path / "none.yaml")
    assert [d.code for d in diags] == ["E001"]


def test_format_with_source(write_rulebook):
    path = write_rulebook(
        "govsvc: 1\n"
        "rulebook: {id: t, version: '1', effective: 2026-01-01}\n"
        f"calendar: {CALENDAR}\n"
        "items:\n"
        "  - code: A\n"
        "    name: a\n"
        "    type: licence\n"
        "    deadline: {statutory: 10 days}\n")
    d = govsvc.lint(path)[0]
    plain = govsvc.format_diagnostic(d)
    shown = govsvc.format_diagnostic(d, source=True)
    assert plain.startswith(f"{path}:7:11: error[E009]")
    assert "    type: licence" in shown and "^" in shown
    assert shown != plain
