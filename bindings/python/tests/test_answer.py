"""govsvc.Answer: the values a notice is made of, and its outputs."""

import datetime
import json
import sys

import pytest

import govsvc

DAY = "2026-02-13"
FACTS = {"applicant.type": "enterprise", "premises.area": 450, "shared.license": True,
         "applicant.credit": "A"}


@pytest.fixture
def answer(testbook):
    return testbook.query("T-1", FACTS, DAY)


def test_answer_identity(answer, testbook):
    assert isinstance(answer, govsvc.Answer)
    assert answer.rulebook is testbook
    assert answer.item == ("T-1", "测试许可")
    assert isinstance(answer.item, govsvc.Item)
    assert answer.date == datetime.date(2026, 2, 13)
    assert repr(answer) == "<govsvc.Answer T-1 on 2026-02-13: 4 materials>"


def test_material_fields(answer):
    m = answer.materials[0]
    assert isinstance(m, govsvc.Material)
    assert m == govsvc.Material(("application_form", "申请表", "required", None, None, None, 1,
                                 ("original",), "applicant", None))
    assert (m.id, m.name, m.status, m.copies, m.form, m.source) == (
        "application_form", "申请表", "required", 1, ("original",), "applicant")
    shared = answer.materials[1]
    assert (shared.status, shared.form, shared.source) == ("shared", ("copy",), "government")
    floor = answer.materials[3]
    assert floor.copies is None and floor.form == () and floor.source == "applicant"


def test_material_fields_match_the_json(answer):
    doc = json.loads(answer.to_json())
    for m, j in zip(answer.materials, doc["materials"]):
        assert j["id"] == m.id and j["name"] == m.name and j["status"] == m.status
        assert j.get("due") == (m.due.isoformat() if m.due else None)
        assert j.get("verify_due") == (m.verify_due.isoformat() if m.verify_due else None)
        assert j.get("condition") == m.condition
        assert j.get("copies") == m.copies
        assert tuple(j.get("form", ())) == m.form
        assert j.get("source") == m.source


def test_materials_are_built_once(answer):
    assert answer.materials is answer.materials
    assert isinstance(answer.materials, tuple)


def test_answer_outlives_its_rulebook_reference():
    from conftest import TESTBOOK

    a = govsvc.load(TESTBOOK).query("T-1", FACTS, DAY)
    assert a.rulebook.id == "test-query"
    assert a.materials[0].name == "申请表"


def test_answer_holds_its_rulebook(testbook):
    before = sys.getrefcount(testbook)
    answers = [testbook.query("T-1", None, DAY) for _ in range(10)]
    assert sys.getrefcount(testbook) == before + 10
    del answers
    assert sys.getrefcount(testbook) == before


def test_to_json_is_govsvc_answer_1(answer):
    text = answer.to_json()
    assert isinstance(text, str) and text.endswith("}\n")
    doc = json.loads(text)
    assert doc["schema"] == "govsvc.answer/1"
    assert doc["date"] == DAY
    assert doc["item"] == {"code": "T-1", "name": "测试许可"}
    assert doc["deadline"]["promised"] == {"duration": "7 working days", "due": "2026-03-02"}


def test_to_text_is_the_notice(answer):
    text = answer.to_text()
    assert text.startswith("一次性告知单\n")
    assert "测试许可（T-1）" in text
    for m in answer.materials:
        assert m.name in text


def test_answer_cannot_be_made_directly():
    with pytest.raises(TypeError):
        govsvc.Answer()


def test_named_tuples_are_immutable(answer):
    with pytest.raises(AttributeError):
        answer.materials[0].status = "shared"
    with pytest.raises(AttributeError):
        answer.item = None


def test_values_pickle_but_rulebooks_do_not(answer, testbook):
    import pickle

    assert pickle.loads(pickle.dumps(answer.materials)) == answer.materials
    assert pickle.loads(pickle.dumps(answer.deadline)) == answer.deadline
    with pytest.raises(TypeError):
        pickle.dumps(testbook)
    with pytest.raises(TypeError):
        pickle.dumps(answer)
