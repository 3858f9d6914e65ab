"""Rulebook.query_bundle(): one answer for a bundle of items (一件事一次办,
SPEC section 7), the same as `govsvc query --bundle`."""

import datetime
import json
import pathlib

import pytest

import govsvc
from conftest import run_cli

BUNDLE = pathlib.Path(__file__).parent / "data" / "bundle.yaml"
DAY = "2026-02-13"


@pytest.fixture(scope="module")
def rb():
    return govsvc.load(BUNDLE)


def test_bundle_answer(rb):
    a = rb.query_bundle("KB", {"applicant.credit": "A", "premises.area": 450}, DAY)
    assert isinstance(a, govsvc.Answer)
    assert a.item is None
    assert a.bundle == ("KB", "开办一件事", (("B-1", "设立登记"), ("B-2", "税务登记"),
                                            ("B-3", "社保登记")))
    assert isinstance(a.bundle, govsvc.Bundle) and isinstance(a.bundle.items[0], govsvc.Item)
    assert repr(a) == f"<govsvc.Answer bundle KB on {DAY}: {len(a.materials)} materials>"


def test_each_material_once_with_its_items(rb):
    a = rb.query_bundle("KB", {"applicant.credit": "A", "premises.area": 450}, DAY)
    ids = [m.id for m in a.materials]
    assert ids == ["form", "license", "proof", "plan"]  # first-seen order
    m = {x.id: x for x in a.materials}
    assert m["form"].items == ("B-1", "B-2")
    assert m["plan"].items == ("B-2",)
    # B-1 allows a commitment for the proof, B-3 forbids it: the strictest wins.
    assert m["proof"].items == ("B-1", "B-3")
    assert m["proof"].status == "required"
    assert m["plan"].status == "deferred"


def test_item_answers_have_no_items_field(rb):
    assert all(m.items is None for m in rb.query("B-1", None, DAY).materials)
    assert rb.query("B-1", None, DAY).bundle is None
    assert rb.query("B-1", None, DAY).parts == ()


def test_parts_are_the_items_answers(rb):
    facts = {"applicant.credit": "A", "premises.area": 450}
    a = rb.query_bundle("KB", facts, DAY)
    parts = a.parts
    assert [p.item.code for p in parts] == ["B-1", "B-2", "B-3"]
    for p in parts:
        assert isinstance(p, govsvc.Answer) and p.rulebook is rb
        assert p.to_json() == rb.query(p.item.code, facts, DAY).to_json()
    del a  # a part keeps its bundle's answer alive
    assert parts[1].materials[1].id == "plan"


def test_bundle_deadline(rb):
    a = rb.query_bundle("KB", None, DAY)
    assert a.deadline.promised.duration == "5 working days"
    s = rb.query_bundle("KB-SERIAL", None, DAY)
    assert s.deadline.promised is not None
    assert s.deadline.promised.due > a.date


def test_bundle_json_equals_cli(rb):
    for code in ("KB", "KB-SERIAL"):
        for facts in ({}, {"applicant.credit": "D", "premises.area": 100}):
            args = ["query", BUNDLE, "--bundle", code, "--date", DAY, "--format", "json"]
            for k, v in facts.items():
                args += ["--fact", f"{k}={v}"]
            status, out, err = run_cli(*args)
            assert status == 0, err
            py = rb.query_bundle(code, facts, DAY).to_json()
            assert py.encode() == out
            doc = json.loads(py)
            assert doc["bundle"]["code"] == code
            assert [m["items"] for m in doc["materials"]] == [
                list(m.items) for m in rb.query_bundle(code, facts, DAY).materials]


def test_unknown_bundle(rb):
    with pytest.raises(govsvc.QueryError) as e:
        rb.query_bundle("KX", None, DAY)
    assert e.value.code == "E130"
    assert "KX" in e.value.message


def test_item_code_is_not_a_bundle(rb):
    with pytest.raises(govsvc.QueryError) as e:
        rb.query_bundle("B-1", None, DAY)
    assert e.value.code == "E130"


def test_bundle_arguments_and_errors_as_query(rb):
    a = rb.query_bundle(bundle="KB", facts=None, date=datetime.date(2026, 2, 13), explain=True)
    assert all("because" in m for m in json.loads(a.to_json())["materials"])
    with pytest.raises(govsvc.FactError):
        rb.query_bundle("KB", {"applicant.credit": "E"}, DAY)
    with pytest.raises(govsvc.QueryError) as e:
        rb.query_bundle("KB", None, "2026-02-30")
    assert e.value.code == "E072"
    with pytest.raises(TypeError, match="missing required argument 'bundle'"):
        rb.query_bundle()
