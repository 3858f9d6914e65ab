"""Every error path of a query, the exception classes and their fields,
and the same messages as the govsvc command."""

import datetime

import pytest

import govsvc
from conftest import HLJ, TESTBOOK, run_cli

DAY = "2026-02-13"


def test_hierarchy():
    for cls in (govsvc.RulebookError, govsvc.FactError, govsvc.QueryError,
                govsvc.CalendarError):
        assert issubclass(cls, govsvc.Error)
    assert issubclass(govsvc.Error, Exception)
    assert issubclass(govsvc.FactError, ValueError)
    assert issubclass(govsvc.CalendarError, ValueError)
    assert not issubclass(govsvc.QueryError, ValueError)
    assert govsvc.Error.__module__ == "govsvc"


def test_fields_default_to_none():
    e = govsvc.QueryError("x")
    assert (e.code, e.message, e.file, e.line, e.column, e.hint, e.fact, e.diagnostics) == (
        None,) * 8


def test_unknown_item(hlj):
    with pytest.raises(govsvc.QueryError) as e:
        hlj.query("230100-XF-09", None, DAY)
    err = e.value
    assert err.code == "E070"
    assert err.message == "no item '230100-XF-09' in rulebook 'hlj-fire'"
    assert err.hint == "did you mean '230100-XF-001'?"
    assert err.file is None and err.fact is None
    assert [d.code for d in err.diagnostics] == ["E070"]


def test_unknown_item_same_words_as_the_cli(hlj):
    status, out, err = run_cli("query", HLJ, "--item", "230100-XF-09", "--date", DAY)
    assert status == 1 and out == b""
    with pytest.raises(govsvc.QueryError) as e:
        hlj.query("230100-XF-09", None, DAY)
    # The command prefixes the rulebook's path to a diagnostic without a file.
    assert err == f"{HLJ}: {e.value}\n"


def test_item_not_valid_on_the_date(testbook):
    with pytest.raises(govsvc.QueryError) as e:
        testbook.query("T-3", None, DAY)
    assert e.value.code == "E073"
    assert "valid 2023-01-01 to 2024-12-31" in e.value.message
    assert testbook.query("T-3", None, "2024-06-03").item.code == "T-3"


def test_due_date_beyond_the_calendar(testbook):
    with pytest.raises(govsvc.QueryError) as e:
        testbook.query("T-1", None, "2026-12-28")
    assert e.value.code == "E071"
    assert "calendar 'cn' ends on 2026-12-31" in e.value.message
    assert e.value.hint == "add the next year's holiday notice to the calendar"


def test_date_before_the_calendar(testbook):
    with pytest.raises(govsvc.QueryError) as e:
        testbook.query("T-1", None, "2019-06-03")
    assert e.value.code == "E071"


def test_bad_date_str(testbook):
    for bad in ("2026-02-30", "2026/02/13", "13.02.2026", "", "2026-02-13T00:00"):
        with pytest.raises(govsvc.QueryError) as e:
            testbook.query("T-1", None, bad)
        assert e.value.code == "E072", bad
        assert e.value.message == f"the acceptance date {bad!r} is not a valid date"
        assert e.value.hint == "write the date as YYYY-MM-DD"


def test_bad_date_type(testbook):
    with pytest.raises(TypeError, match="datetime.date or an ISO date str"):
        testbook.query("T-1", None, 20260213)
    with pytest.raises(TypeError, match=r"\.date\(\)"):
        testbook.query("T-1", None, datetime.datetime(2026, 2, 13, 9, 30))


def test_bad_file():
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load(TESTBOOK.parent / "no-such-rulebook.yaml")
    assert e.value.code == "E001"


def test_bad_fact_type(testbook):
    with pytest.raises(govsvc.FactError) as e:
        testbook.query("T-1", {"applicant.age": "forty"}, DAY)
    assert (e.value.code, e.value.fact) == ("E061", "applicant.age")


def test_unknown_fact(testbook):
    with pytest.raises(govsvc.FactError) as e:
        testbook.query("T-1", {"applicant.aeg": 40}, DAY)
    assert (e.value.code, e.value.fact, e.value.hint) == (
        "E060", "applicant.aeg", "did you mean 'applicant.age'?")


def test_fact_error_same_words_as_the_cli(testbook):
    status, out, err = run_cli("query", TESTBOOK, "--item", "T-1", "--date", DAY,
                               "--fact", "applicant.credit=E")
    assert status == 1
    with pytest.raises(govsvc.FactError) as e:
        testbook.query("T-1", {"applicant.credit": "E"}, DAY)
    assert err == f"--fact applicant.credit=E: {e.value}\n"


def test_fact_error_comes_before_the_query(testbook):
    # A bad fact is reported even for an item that does not exist.
    with pytest.raises(govsvc.FactError):
        testbook.query("NO-SUCH-ITEM", {"applicant.credit": "E"}, DAY)


def test_format_diagnostic_round_trip(testbook):
    with pytest.raises(govsvc.FactError) as e:
        testbook.query("T-1", {"applicant.credit": "E"}, DAY)
    d = e.value.diagnostics[0]
    assert govsvc.format_diagnostic(d) == str(e.value)
    d2 = govsvc.Diagnostic(("warning", "W100", "m", "f.yaml", 3, 4, None, None))
    assert govsvc.format_diagnostic(d2) == "f.yaml:3:4: warning[W100]: m"
    with pytest.raises(AttributeError):
        govsvc.format_diagnostic(object())


def test_exceptions_can_be_caught_by_the_base(testbook):
    caught = []
    for facts, item, date in [({"x.y": 1}, "T-1", DAY), (None, "T-9", DAY),
                              (None, "T-1", "someday")]:
        try:
            testbook.query(item, facts, date)
        except govsvc.Error as e:
            caught.append(e.code)
    assert caught == ["E060", "E070", "E072"]


def test_errors_pickle_with_their_fields(testbook):
    import pickle

    with pytest.raises(govsvc.QueryError) as e:
        testbook.query("T-9", None, DAY)
    back = pickle.loads(pickle.dumps(e.value))
    assert type(back) is govsvc.QueryError and str(back) == str(e.value)
    assert (back.code, back.hint, back.diagnostics) == (e.value.code, e.value.hint,
                                                        e.value.diagnostics)
