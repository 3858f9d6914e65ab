"""Rulebook.query(): statuses in the order of SPEC section 6, residual
conditions, due dates, deadline variants, dates and explain."""

import datetime
import json

import pytest

import govsvc

DAY = "2026-02-13"  # a Friday before the 2026 Spring Festival


def by_id(answer):
    return {m.id: m for m in answer.materials}


def test_unknown_facts_give_conditional_with_residual(testbook):
    a = testbook.query("T-1", None, DAY)
    m = by_id(a)
    assert [x.id for x in a.materials] == [
        "application_form", "business_license", "no_crime_proof", "floor_plan", "id_card"]
    assert m["application_form"].status == "required"
    assert m["business_license"].status == "conditional"
    assert m["business_license"].condition == "applicant.type != 'person'"
    # credit defaults to B, no false commitment: the proof may be replaced
    assert m["no_crime_proof"].status == "commitment"
    assert m["no_crime_proof"].verify_due == datetime.date(2026, 3, 19)
    assert m["floor_plan"].condition == "applicant.type != 'person' and premises.area >= 300"
    assert a.ask == ("applicant.type", "premises.area")


def test_empty_facts_is_the_same_as_none(testbook):
    assert testbook.query("T-1", {}, DAY).to_json() == testbook.query("T-1", None, DAY).to_json()
    assert testbook.query("T-1", date=DAY).to_json() == testbook.query("T-1", None, DAY).to_json()


def test_residual_is_simplified_by_known_facts(testbook):
    a = testbook.query("T-1", {"applicant.type": "enterprise"}, DAY)
    m = by_id(a)
    assert m["floor_plan"].status == "conditional"
    assert m["floor_plan"].condition == "premises.area >= 300"
    assert "id_card" not in m  # `when` false: left out
    assert m["business_license"].status == "required"  # shared.license unknown: stricter
    assert a.ask[0] == "shared.license"


def test_each_status_in_order(testbook):
    facts = {"applicant.type": "enterprise", "premises.area": 450, "shared.license": True,
             "applicant.credit": "A"}
    a = testbook.query("T-1", facts, DAY)
    assert [(x.id, x.status) for x in a.materials] == [
        ("application_form", "required"),
        ("business_license", "shared"),
        ("no_crime_proof", "commitment"),
        ("floor_plan", "deferred"),
    ]
    # 5 working days from Fri 2026-02-13: Sat 02-14 (调休) is the first,
    # 02-15..23 are 春节, then 24, 25, 26, 27.
    assert a.materials[3].due == datetime.date(2026, 2, 27)
    assert a.materials[3].verify_due is None
    assert a.materials[2].due is None
    assert a.ask == ()


def test_credit_d_blocks_commitment_and_deferral(testbook):
    a = testbook.query("T-1", {"applicant.type": "enterprise", "premises.area": 450,
                               "applicant.credit": "D"}, DAY)
    m = by_id(a)
    assert m["no_crime_proof"].status == "required"
    assert m["no_crime_proof"].verify_due is None
    assert m["floor_plan"].status == "required"
    a = testbook.query("T-1", {"applicant.false_commitment": True}, DAY)
    assert by_id(a)["no_crime_proof"].status == "required"


def test_item_forbids_commitment(testbook):
    assert by_id(testbook.query("T-2", None, DAY))["no_crime_proof"].status == "required"


def test_deadlines_across_spring_festival(testbook):
    d = testbook.query("T-1", {"applicant.type": "person"}, DAY).deadline
    assert isinstance(d, govsvc.Deadline)
    assert d.promised == ("7 working days", datetime.date(2026, 3, 2))
    assert isinstance(d.promised, govsvc.Due)
    assert d.statutory.duration == "20 working days"
    assert d.statutory.due == datetime.date(2026, 3, 19)
    assert d.special == (("现场检查", "10 working days"),)
    assert d.special[0].name == "现场检查" and d.special[0].max == "10 working days"
    assert d.condition is None


def test_deadline_variants(testbook):
    d = testbook.query("T-2", None, DAY).deadline
    assert d.promised is None and d.statutory is None
    assert d.condition == "premises.area >= 1000"
    d = testbook.query("T-2", {"premises.area": 2000}, DAY).deadline
    assert d.promised.duration == "10 working days"
    d = testbook.query("T-2", {"premises.area": 20}, DAY).deadline
    assert d.promised.duration == "3 working days"
    assert d.condition is None


def test_date_as_str_or_date(testbook):
    by_str = testbook.query("T-1", None, "2026-02-13")
    by_date = testbook.query("T-1", None, datetime.date(2026, 2, 13))
    assert by_str.date == by_date.date == datetime.date(2026, 2, 13)
    assert by_str.to_json() == by_date.to_json()


def test_date_subclass_is_a_date(testbook):
    class MyDate(datetime.date):
        pass

    assert testbook.query("T-1", None, MyDate(2026, 2, 13)).date == datetime.date(2026, 2, 13)


def test_default_date_is_today(testbook):
    before = datetime.date.today()
    a = testbook.query("T-2", {"premises.area": 20})
    after = datetime.date.today()
    assert a.date in (before, after)


def test_keywords(testbook):
    a = testbook.query(item="T-1", facts={"applicant.type": "person"}, date=DAY, explain=False)
    assert a.item.code == "T-1"
    with pytest.raises(TypeError, match="unexpected keyword argument 'code'"):
        testbook.query(code="T-1")
    with pytest.raises(TypeError, match="multiple values for argument 'item'"):
        testbook.query("T-1", item="T-1")
    with pytest.raises(TypeError, match="missing required argument 'item'"):
        testbook.query()
    with pytest.raises(TypeError, match="at most 3 positional"):
        testbook.query("T-1", None, DAY, True)  # explain is keyword-only
    with pytest.raises(TypeError, match="item code must be str"):
        testbook.query(b"T-1")


def test_explain_adds_because_to_the_json(testbook):
    plain = json.loads(testbook.query("T-1", {"applicant.type": "enterprise"}, DAY).to_json())
    explained = json.loads(
        testbook.query("T-1", {"applicant.type": "enterprise"}, DAY, explain=True).to_json())
    assert all("because" not in m for m in plain["materials"])
    assert all("because" in m for m in explained["materials"])
    file, line, column = explained["materials"][0]["because"]["rule"].rsplit(":", 2)
    assert file.endswith("query.yaml") and int(line) > 0 and int(column) > 0


def test_same_query_gives_identical_json(hlj):
    facts = {"applicant.type": "enterprise", "premises.area": 450.0}
    outs = {hlj.query("230100-XF-002", facts, DAY).to_json() for _ in range(50)}
    assert len(outs) == 1


def test_shipped_rulebook_every_item(hlj):
    facts = {"applicant.type": "enterprise", "applicant.credit": "A",
             "applicant.commitment_chosen": True, "application.channel": "window",
             "premises.area": 450, "shared.business_license": True,
             "project.kind": "alteration"}
    for item in hlj.items:
        a = hlj.query(item.code, facts, DAY)
        assert a.item == item
        assert a.materials, item.code
        doc = json.loads(a.to_json())
        assert doc["rulebook"] == {"id": hlj.id, "version": hlj.version, "digest": hlj.digest}
        assert [m["id"] for m in doc["materials"]] == [m.id for m in a.materials]
        assert [m["status"] for m in doc["materials"]] == [m.status for m in a.materials]
