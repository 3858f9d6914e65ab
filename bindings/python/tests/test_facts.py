"""Facts as a dict of Python values: each type goes to the setter of its
kind, and the library decides; no silent coercion."""

import datetime
import decimal

import pytest

import govsvc

DAY = "2026-02-13"


def fact_error(rb, facts, item="T-1"):
    with pytest.raises(govsvc.FactError) as e:
        rb.query(item, facts, DAY)
    return e.value


def statuses(rb, facts, item="T-1"):
    return {m.id: m.status for m in rb.query(item, facts, DAY).materials}


def test_each_type_is_accepted_where_declared(testbook):
    a = testbook.query("T-1", {
        "applicant.type": "enterprise",          # enum: str
        "applicant.false_commitment": False,      # bool
        "premises.area": 450.5,                   # number: float
        "shared.license": True,                   # bool
        "applicant.region": "230100",             # string with pattern
        "applicant.age": 40,                      # int
        "application.birth": datetime.date(1986, 5, 1),  # date
    }, DAY)
    assert a.ask == ()


def test_int_for_a_number_fact(testbook):
    assert statuses(testbook, {"applicant.type": "enterprise", "premises.area": 450})[
        "floor_plan"] == "deferred"


def test_bool_is_not_an_int(testbook):
    # Python's bool is an int subclass; True is no age.
    e = fact_error(testbook, {"applicant.age": True})
    assert e.code == "E061" and e.fact == "applicant.age"
    assert "is of type int, not bool" in e.message
    e = fact_error(testbook, {"premises.area": False})
    assert e.code == "E061" and e.fact == "premises.area"


def test_int_is_not_a_bool(testbook):
    e = fact_error(testbook, {"shared.license": 1})
    assert e.code == "E061" and e.fact == "shared.license"


def test_str_is_not_a_number(testbook):
    e = fact_error(testbook, {"premises.area": "450"})
    assert e.code == "E061" and e.fact == "premises.area"
    assert "not string" in e.message


def test_number_is_not_a_str(testbook):
    e = fact_error(testbook, {"applicant.region": 230100})
    assert e.code == "E061" and e.fact == "applicant.region"


def test_float_for_an_int_fact_follows_the_library(testbook):
    # govsvc_facts_set_number takes a whole number for an int fact, and
    # refuses a fraction (include/govsvc/facts.h).
    assert testbook.query("T-1", {"applicant.age": 40.0}, DAY)
    e = fact_error(testbook, {"applicant.age": 40.5})
    assert e.code == "E061" and e.fact == "applicant.age"
    assert fact_error(testbook, {"applicant.age": float("nan")}).code == "E061"


def test_index_objects_are_ints(testbook):
    class Count:  # as numpy.int64: an exact integer through __index__
        def __index__(self):
            return 40

    assert testbook.query("T-1", {"applicant.age": Count()}, DAY)
    e = fact_error(testbook, {"shared.license": Count()})
    assert e.code == "E061"


def test_out_of_range(testbook):
    e = fact_error(testbook, {"applicant.age": 200})
    assert (e.code, e.fact) == ("E062", "applicant.age")
    e = fact_error(testbook, {"premises.area": -1})
    assert (e.code, e.fact) == ("E062", "premises.area")
    e = fact_error(testbook, {"applicant.age": 10**30})
    assert (e.code, e.fact) == ("E062", "applicant.age")


def test_enum_value_not_among_values(testbook):
    e = fact_error(testbook, {"applicant.credit": "E"})
    assert (e.code, e.fact) == ("E063", "applicant.credit")
    assert e.hint


def test_pattern_mismatch(testbook):
    e = fact_error(testbook, {"applicant.region": "23010"})
    assert (e.code, e.fact) == ("E064", "applicant.region")


def test_date_fact_from_date_or_iso_str(testbook):
    a = testbook.query("T-1", {"application.birth": datetime.date(1986, 5, 1)}, DAY)
    b = testbook.query("T-1", {"application.birth": "1986-05-01"}, DAY)
    assert a.to_json() == b.to_json()


def test_bad_date_for_a_date_fact(testbook):
    for bad in ("1986-02-30", "1986/05/01", "yesterday", "1986-5-1"):
        e = fact_error(testbook, {"application.birth": bad})
        assert (e.code, e.fact) == ("E061", "application.birth"), bad


def test_datetime_is_not_a_date(testbook):
    e = fact_error(testbook, {"application.birth": datetime.datetime(1986, 5, 1, 12, 0)})
    assert (e.code, e.fact) == ("E061", "application.birth")
    assert "datetime" in e.message


def test_date_for_a_non_date_fact(testbook):
    e = fact_error(testbook, {"applicant.age": datetime.date(1986, 5, 1)})
    assert (e.code, e.fact) == ("E061", "applicant.age")


def test_unknown_fact_has_did_you_mean(testbook):
    e = fact_error(testbook, {"premises.aera": 450})
    assert (e.code, e.fact) == ("E060", "premises.aera")
    assert e.hint == "did you mean 'premises.area'?"
    assert e.file is None and e.line is None and e.column is None
    assert str(e) == "error[E060]: " + e.message + "\nhint: did you mean 'premises.area'?"


def test_unknown_fact_is_reported_whatever_its_value(testbook):
    for value in (None, [1], 10**30, datetime.datetime(2026, 1, 1), "x", 1.5, True):
        e = fact_error(testbook, {"premises.aera": value})
        assert (e.code, e.fact) == ("E060", "premises.aera"), value


def test_none_leaves_a_fact_unknown(testbook):
    with_none = testbook.query("T-1", {"applicant.type": None, "premises.area": None}, DAY)
    assert with_none.to_json() == testbook.query("T-1", None, DAY).to_json()


def test_other_types_are_refused(testbook):
    for value in ([1], (1,), {"a": 1}, b"enterprise", decimal.Decimal("450"), object(), 1j):
        e = fact_error(testbook, {"premises.area": value})
        assert (e.code, e.fact) == ("E061", "premises.area"), value
        assert "is not a fact value" in e.message


def test_nul_in_a_str_value(testbook):
    e = fact_error(testbook, {"applicant.region": "230100\0"})
    assert (e.code, e.fact) == ("E061", "applicant.region")


def test_fact_errors_are_value_errors(testbook):
    with pytest.raises(ValueError):
        testbook.query("T-1", {"applicant.credit": "E"}, DAY)


def test_fact_names_must_be_str(testbook):
    with pytest.raises(TypeError, match="fact names must be str"):
        testbook.query("T-1", {1: "x"}, DAY)
    with pytest.raises(ValueError, match="NUL"):
        testbook.query("T-1", {"premises.area\0": 1}, DAY)


def test_facts_must_be_a_mapping(testbook):
    for bad in ([("premises.area", 1)], "premises.area=1", 42):
        with pytest.raises(TypeError, match="facts must be a mapping"):
            testbook.query("T-1", bad, DAY)


def test_any_mapping_will_do(testbook):
    import types

    facts = types.MappingProxyType({"applicant.type": "enterprise", "premises.area": 450})
    assert testbook.query("T-1", facts, DAY).to_json() == testbook.query(
        "T-1", dict(facts), DAY).to_json()


def test_str_subclasses_and_int_subclasses(testbook):
    import enum

    class Kind(str, enum.Enum):
        ENTERPRISE = "enterprise"

    class Age(enum.IntEnum):
        ADULT = 40

    a = testbook.query("T-1", {"applicant.type": Kind.ENTERPRISE, "applicant.age": Age.ADULT},
                       DAY)
    b = testbook.query("T-1", {"applicant.type": "enterprise", "applicant.age": 40}, DAY)
    assert a.to_json() == b.to_json()


def test_index_that_changes_the_dict_is_safe(testbook):
    facts = {}

    class Sneaky:
        def __index__(self):
            facts.clear()
            return 40

    facts["applicant.age"] = Sneaky()
    facts["premises.area"] = 1
    try:
        testbook.query("T-1", facts, DAY)
    except RuntimeError:
        pass  # "dictionary changed size during iteration" is an honest answer
