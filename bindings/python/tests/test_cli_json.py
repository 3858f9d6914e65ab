"""Answer.to_json() is byte for byte what `govsvc query --format json`
prints, and to_text() what `govsvc query` prints: one engine."""

import datetime
import itertools
import json

import pytest

from conftest import HLJ, ROOT, TESTBOOK, run_cli

# A typical enterprise applicant (as rules/hlj-fire/facts-example.yaml).
EXAMPLE = {
    "applicant.type": "enterprise",
    "applicant.credit": "A",
    "applicant.false_commitment": False,
    "applicant.commitment_chosen": True,
    "application.channel": "window",
    "premises.area": 450,
    "shared.business_license": True,
    "project.kind": "alteration",
    "project.special_fire_design": False,
}

HLJ_FACTS = [
    {},
    EXAMPLE,
    {"applicant.type": "person", "premises.area": 120.5},
    {"applicant.type": "enterprise", "applicant.credit": "D", "application.channel": "online",
     "applicant.commitment_chosen": True, "project.kind": "new_build",
     "project.special_fire_design": True},
    {"applicant.type": "individual_business", "applicant.false_commitment": True,
     "shared.business_license": False},
]
TEST_FACTS = [
    {},
    {"applicant.type": "enterprise", "premises.area": 450, "shared.license": True,
     "applicant.credit": "A"},
    {"applicant.type": "person", "applicant.age": 40,
     "application.birth": datetime.date(1986, 5, 1), "applicant.region": "230100"},
    {"premises.area": 2000, "applicant.credit": "C"},
]
DATES = ["2026-02-13", "2025-09-26", "2024-06-03"]


def fact_args(facts):
    """The same facts as --fact NAME=VALUE arguments."""
    args = []
    for name, value in facts.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        args += ["--fact", f"{name}={value}"]
    return args


def cli_json(rulebook, item, facts, date, explain=False):
    args = ["query", rulebook, "--item", item, "--date", date, "--format", "json",
            *fact_args(facts)]
    if explain:
        args.append("--explain")
    status, out, err = run_cli(*args)
    assert status == 0, err
    return out


def items_of(path):
    import govsvc

    return [i.code for i in govsvc.load(path).items]


@pytest.mark.parametrize("item,facts,date", list(itertools.product(
    items_of(HLJ), range(len(HLJ_FACTS)), DATES)))
def test_hlj_json_equals_cli(hlj, item, facts, date):
    facts = HLJ_FACTS[facts]
    assert hlj.query(item, facts, date).to_json().encode() == cli_json(HLJ, item, facts, date)


@pytest.mark.parametrize("item,facts", list(itertools.product(["T-1", "T-2"],
                                                              range(len(TEST_FACTS)))))
def test_testbook_json_equals_cli(testbook, item, facts):
    facts = TEST_FACTS[facts]
    date = "2026-02-13"
    assert testbook.query(item, facts, date).to_json().encode() == cli_json(
        TESTBOOK, item, facts, date)


@pytest.mark.parametrize("item", items_of(HLJ))
def test_explain_json_equals_cli(hlj, item):
    py = hlj.query(item, EXAMPLE, "2026-02-13", explain=True).to_json().encode()
    # The command reads paths as given; so does load(): give both the same.
    assert py == cli_json(HLJ, item, EXAMPLE, "2026-02-13", explain=True)


def test_relative_path_in_explain_equals_cli(monkeypatch):
    import govsvc

    monkeypatch.chdir(ROOT)
    rel = "rules/hlj-fire/rulebook.yaml"
    py = govsvc.load(rel).query("230100-XF-002", EXAMPLE, "2026-02-13", explain=True)
    assert py.to_json().encode() == cli_json(rel, "230100-XF-002", EXAMPLE, "2026-02-13",
                                             explain=True)


def test_facts_file_and_dict_give_the_same_answer(hlj, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    status, out, err = run_cli("query", HLJ, "--item", "230100-XF-002", "--date", "2026-02-13",
                               "--format", "json", "--facts", facts)
    assert status == 0, err
    assert hlj.query("230100-XF-002", EXAMPLE, "2026-02-13").to_json().encode() == out


@pytest.mark.parametrize("item", items_of(HLJ))
def test_text_notice_equals_cli(hlj, item):
    status, out, err = run_cli("query", HLJ, "--item", item, "--date", "2026-02-13",
                               *fact_args(EXAMPLE))
    assert status == 0, err
    assert hlj.query(item, EXAMPLE, "2026-02-13").to_text().encode() == out
