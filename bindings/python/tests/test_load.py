"""govsvc.load(): identity, items, facts, calendar, limits and load errors."""

import datetime
import json
import os
import re

import pytest

import govsvc
from conftest import CALENDAR, HLJ, ROOT, TESTBOOK, run_cli


def test_load_accepts_str_pathlike_and_bytes():
    by_path = govsvc.load(HLJ)
    by_str = govsvc.load(str(HLJ))
    by_bytes = govsvc.load(os.fsencode(HLJ))
    assert by_path.digest == by_str.digest == by_bytes.digest


def test_identity(testbook):
    assert isinstance(testbook, govsvc.Rulebook)
    assert testbook.id == "test-query"
    assert testbook.version == "t1"
    assert testbook.title == "查询测试"
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", testbook.digest)
    assert testbook.effective == datetime.date(2023, 1, 1)
    assert repr(testbook) == f"<govsvc.Rulebook test-query t1 {testbook.digest}>"


def test_identity_is_the_clis(hlj):
    status, out, err = run_cli("query", HLJ, "--list")
    assert status == 0, err
    head = out.decode().splitlines()[0]
    assert head.startswith(f"{hlj.id} {hlj.version} — {hlj.title}")
    listed = [line.split(None, 1) for line in out.decode().split("\nitems:\n")[1]
              .split("\n\n")[0].splitlines()]
    assert [tuple(x) for x in listed] == [tuple(i) for i in hlj.items]
    status, out, err = run_cli("query", HLJ, "--item", hlj.items[0].code, "--format", "json",
                               "--date", "2026-02-13")
    assert status == 0, err
    assert json.loads(out)["rulebook"] == {"id": hlj.id, "version": hlj.version,
                                           "digest": hlj.digest}


def test_digest_is_stable_across_loads(hlj):
    assert govsvc.load(HLJ).digest == hlj.digest


def test_items_in_rulebook_order(testbook):
    assert [item.code for item in testbook.items] == ["T-1", "T-2", "T-3"]
    item = testbook.items[1]
    assert isinstance(item, govsvc.Item)
    assert item == ("T-2", "禁止承诺事项")
    assert (item.code, item.name) == ("T-2", "禁止承诺事项")


def test_facts_with_types_in_declaration_order(testbook):
    assert testbook.facts == {
        "applicant.type": "enum",
        "applicant.credit": "enum",
        "applicant.false_commitment": "bool",
        "premises.area": "number",
        "shared.license": "bool",
        "applicant.region": "string",
        "applicant.age": "int",
        "application.birth": "date",
    }
    assert list(testbook.facts) == list(testbook.facts.keys())


def test_calendar_of_rulebook(hlj):
    cal = hlj.calendar
    assert isinstance(cal, govsvc.Calendar)
    assert cal.id == "cn"
    assert cal.covers == (datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))


def test_calendar_keeps_rulebook_alive():
    cal = govsvc.load(TESTBOOK).calendar  # the Rulebook is dropped at once
    assert cal.add("2026-02-13", "7 working days") == datetime.date(2026, 3, 2)


def test_rulebook_cannot_be_made_directly():
    with pytest.raises(TypeError):
        govsvc.Rulebook()


def test_limits_are_passed_to_the_loader():
    rb = govsvc.load(HLJ, limits={"max_file_bytes": 1 << 20, "max_depth": 64, "max_nodes": 0})
    assert rb.id == "hlj-fire"
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(HLJ, limits={"max_file_bytes": 100})
    assert e.value.code == "E013"
    assert e.value.file is not None and e.value.file.endswith("rulebook.yaml")


def test_limits_are_checked():
    with pytest.raises(ValueError, match="unknown limit 'max_filebytes'"):
        govsvc.load(HLJ, limits={"max_filebytes": 10})
    with pytest.raises(ValueError, match="between 0"):
        govsvc.load(HLJ, limits={"max_depth": -1})
    with pytest.raises(ValueError, match="between 0"):
        govsvc.load(HLJ, limits={"max_depth": 1 << 40})
    with pytest.raises(TypeError):
        govsvc.load(HLJ, limits={"max_depth": 2.5})
    with pytest.raises(TypeError):
        govsvc.load(HLJ, limits={"max_depth": True})
    with pytest.raises(TypeError):
        govsvc.load(HLJ, limits=[("max_depth", 3)])
    with pytest.raises(TypeError):
        govsvc.load(HLJ, {"max_depth": 3})  # limits is keyword-only


def test_missing_file_is_a_rulebook_error_e001(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(path)
    err = e.value
    assert err.code == "E001"
    assert err.file == str(path)
    assert "cannot read" in err.message and "No such file" in err.message
    assert err.hint == "check the path and the file's permissions"
    assert str(err).startswith(f"{path}: error[E001]: cannot read")
    assert [d.code for d in err.diagnostics] == ["E001"]


def test_directory_is_not_a_rulebook(tmp_path):
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(tmp_path)
    assert e.value.code == "E001"
    assert "not a regular file" in e.value.message


def test_bad_rulebook_reports_every_diagnostic_with_position(write_rulebook):
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
        "    deadline: {statutory: 10 days}\n"
        "    materials: []\n"
        "  - code: B\n"
        "    name: b\n"
        "    type: license\n"
        "    deadline: {statutory: 10 days, promised: 3 weeks}\n"
    )
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(path)
    err = e.value
    codes = [(d.code, d.line, d.column) for d in err.diagnostics]
    assert codes == [("E009", 9, 11), ("E020", 15, 46)]
    assert (err.code, err.file, err.line, err.column) == ("E009", str(path), 9, 11)
    d = err.diagnostics[0]
    assert isinstance(d, govsvc.Diagnostic)
    assert d.severity == "error" and d.file == str(path) and d.hint
    # str() is every diagnostic the compiler way, as `govsvc lint` prints them.
    assert str(err) == "\n".join(govsvc.format_diagnostic(d) for d in err.diagnostics)
    assert str(err).startswith(f"{path}:9:11: error[E009]: ")


def test_wrong_format_version(write_rulebook):
    path = write_rulebook(
        "govsvc: 2\n"
        "rulebook: {id: t, version: '1', effective: 2026-01-01}\n"
        f"calendar: {CALENDAR}\n"
    )
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(path)
    assert e.value.code == "E004"
    assert (e.value.line, e.value.column) == (1, 9)


def test_path_must_be_a_path():
    with pytest.raises(TypeError):
        govsvc.load(42)
    with pytest.raises(ValueError):
        govsvc.load("rules/hlj-fire/rulebook.yaml\0x")


def test_relative_path_is_read_from_the_working_directory(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert govsvc.load("rules/hlj-fire/rulebook.yaml").id == "hlj-fire"
