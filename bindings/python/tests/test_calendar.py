"""Working-day arithmetic: govsvc.load_calendar, Calendar, calendar_add —
the same dates as `govsvc calendar`."""

import datetime

import pytest

import govsvc
from conftest import CALENDAR, run_cli

CASES = [
    ("2026-02-13", "7 working days"),
    ("2026-02-13", "7个工作日"),
    ("2026-02-13", "10 days"),
    ("2026-02-13", "10日"),
    ("2026-02-13", "immediate"),
    ("2026-02-13", "即办"),
    ("2025-09-26", "3 working days"),   # across 国庆 with 调休
    ("2024-12-30", "20 working days"),
    ("2023-01-01", "1 days"),
]


@pytest.fixture(scope="module")
def cal():
    return govsvc.load_calendar(CALENDAR)


def test_calendar_identity(cal):
    assert isinstance(cal, govsvc.Calendar)
    assert cal.id == "cn"
    assert cal.covers == (datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))
    assert repr(cal) == "<govsvc.Calendar cn 2023-01-01..2026-12-31>"


@pytest.mark.parametrize("start,duration", CASES)
def test_add_matches_the_cli(cal, start, duration):
    status, out, err = run_cli("calendar", CALENDAR, "--from", start, "--add", duration)
    assert status == 0, err
    want = datetime.date.fromisoformat(out.decode().strip())
    assert cal.add(start, duration) == want
    assert cal.add(datetime.date.fromisoformat(start), duration) == want
    assert govsvc.calendar_add(cal, start, duration) == want
    assert govsvc.calendar_add(CALENDAR, start, duration) == want
    assert govsvc.calendar_add(str(CALENDAR), start, duration) == want


def test_add_on_a_rulebooks_calendar(hlj):
    assert govsvc.calendar_add(hlj, "2026-02-13", "7 working days") == datetime.date(2026, 3, 2)
    assert hlj.calendar.add(start="2026-02-13", duration="7 working days") == datetime.date(
        2026, 3, 2)


def test_is_working_day(cal):
    assert cal.is_working_day("2026-02-13") is True   # Friday
    assert cal.is_working_day("2026-02-14") is True   # Saturday, 调休 workday
    assert cal.is_working_day(datetime.date(2026, 2, 16)) is False  # 春节
    assert cal.is_working_day("2026-02-22") is False  # Sunday


def test_not_a_duration(cal):
    with pytest.raises(govsvc.CalendarError) as e:
        cal.add("2026-02-13", "3 weeks")
    assert e.value.code == "E020"
    assert e.value.message == "'3 weeks' is not a duration"
    with pytest.raises(ValueError):
        govsvc.calendar_add(cal, "2026-02-13", "")


def test_beyond_the_calendar(cal):
    with pytest.raises(govsvc.CalendarError) as e:
        cal.add("2026-12-28", "20 working days")
    assert e.value.code == "E071"
    assert e.value.message == ("cannot count 20 working days from 2026-12-28: calendar 'cn' "
                               "ends on 2026-12-31 (it covers 2023-01-01 to 2026-12-31)")
    status, _, err = run_cli("calendar", CALENDAR, "--from", "2026-12-28",
                             "--add", "20 working days")
    assert status == 1 and "error[E071]: " + e.value.message in err
    with pytest.raises(govsvc.CalendarError) as e:
        cal.is_working_day("2027-01-04")
    assert e.value.code == "E071"
    with pytest.raises(govsvc.CalendarError) as e:
        cal.add("2019-01-04", "immediate")
    assert e.value.code == "E071"


def test_bad_start_date(cal):
    with pytest.raises(govsvc.CalendarError) as e:
        cal.add("2026-02-30", "1 days")
    assert e.value.code == "E023"
    with pytest.raises(TypeError):
        cal.add(20260213, "1 days")
    with pytest.raises(TypeError):
        cal.add("2026-02-13", 7)
    with pytest.raises(TypeError):
        cal.is_working_day(datetime.datetime(2026, 2, 13, 8))


def test_calendar_add_argument_types(cal):
    with pytest.raises(TypeError, match="calendar must be a Calendar, a Rulebook or the path"):
        govsvc.calendar_add(42, "2026-02-13", "1 days")
    with pytest.raises(TypeError):
        cal.add("2026-02-13")


def test_bad_calendar_file(tmp_path, write_rulebook):
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load_calendar(tmp_path / "none.yaml")
    assert e.value.code == "E001"
    path = write_rulebook("govsvc: 1\ncalendar:\n  id: x\n  covers: {from: 2026-01-01, "
                          "to: 2026-12-31}\n  holidays: [{date: 2027-01-01}]\n", "cal.yaml")
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.load_calendar(path)
    assert e.value.code == "E050" and e.value.file == str(path) and e.value.line == 5
    with pytest.raises(govsvc.RulebookError) as e:
        govsvc.calendar_add(path, "2026-02-13", "1 days")
