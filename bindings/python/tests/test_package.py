"""The package: exported names, docstrings, type stubs checked against the
module (mypy's stubtest), the example program, and the version."""

import inspect
import os
import pathlib
import subprocess
import sys

import govsvc
from conftest import HLJ, ROOT, run_cli

PACKAGE = pathlib.Path(govsvc.__file__).parent


def public_names():
    return sorted(n for n in dir(govsvc._govsvc) if not n.startswith("_") or n == "__version__")


def test_all_exports_every_public_name():
    assert sorted(govsvc.__all__) == public_names()
    for name in govsvc.__all__:
        assert getattr(govsvc, name) is getattr(govsvc._govsvc, name)


def test_every_public_name_has_a_docstring():
    assert govsvc.__doc__ and govsvc._govsvc.__doc__
    missing = []
    for name in govsvc.__all__:
        obj = getattr(govsvc, name)
        if isinstance(obj, (str, int)):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or attr in ("n_fields", "n_sequence_fields",
                                                    "n_unnamed_fields"):
                    continue
                if not inspect.getdoc(member):
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_signatures_are_introspectable():
    assert str(inspect.signature(govsvc.Rulebook.query)) == (
        "(self, /, item, facts=None, date=None, *, explain=False)")
    assert str(inspect.signature(govsvc.load)) == "(path, *, limits=None)"
    assert str(inspect.signature(govsvc.calendar_add)) == "(calendar, start, duration)"


def test_stubs_and_py_typed_ship_with_the_package():
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_govsvc.pyi").is_file()


def run_mypy(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(PACKAGE.parent), MYPY_CACHE_DIR=str(cwd / "cache"))
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def test_stubs_match_the_module(tmp_path):
    p = run_mypy("mypy.stubtest", "govsvc", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr


def test_example_and_typed_use_pass_mypy_strict(tmp_path):
    use = tmp_path / "use.py"
    use.write_text(
        "import datetime\n"
        "import govsvc\n"
        "rb: govsvc.Rulebook = govsvc.load('r.yaml', limits={'max_depth': 10})\n"
        "a = rb.query('X', {'a': 1, 'b': True, 'c': datetime.date(2026, 1, 1)}, '2026-02-13')\n"
        "due: datetime.date | None = a.materials[0].due\n"
        "promised = a.deadline.promised\n"
        "end: datetime.date | None = promised.due if promised else None\n"
        "codes: list[str] = [d.code for d in govsvc.load('x').items and []]\n"
        "try:\n"
        "    rb.query('X')\n"
        "except govsvc.FactError as e:\n"
        "    fact: str | None = e.fact\n"
        "when: datetime.date = govsvc.calendar_add(rb, '2026-02-13', '3 working days')\n",
        encoding="utf-8")
    p = run_mypy("mypy", "--strict", "--no-error-summary", str(use),
                 str(ROOT / "examples" / "python" / "notice.py"), cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy_catches_a_wrong_use(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import govsvc\ngovsvc.load('r.yaml').query(42)\n", encoding="utf-8")
    p = run_mypy("mypy", "--strict", str(bad), cwd=tmp_path)
    assert p.returncode == 1 and "incompatible type" in p.stdout


def test_version_is_the_librarys():
    assert govsvc.version() == govsvc.__version__
    status, out, _ = run_cli("--version")
    assert status == 0 and out.decode().split()[1] == govsvc.version()
    assert govsvc.FORMAT_VERSION == 1


def run_example(*args):
    env = dict(os.environ, PYTHONPATH=str(PACKAGE.parent))
    p = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "notice.py"), *args],
                       cwd=ROOT, env=env, capture_output=True, check=False)
    return p.returncode, p.stdout, p.stderr.decode()


def test_example_prints_the_cli_notice():
    facts = ["applicant.type=enterprise", "applicant.commitment_chosen=true",
             "application.channel=window", "premises.area=450"]
    status, out, err = run_example(str(HLJ), "230100-XF-002", *facts, "--date", "2026-02-13")
    assert status == 0, err
    want = run_cli("query", HLJ, "--item", "230100-XF-002", "--date", "2026-02-13",
                   *[a for f in facts for a in ("--fact", f)])
    assert out == want[1]


def test_example_json_and_facts_file(tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text('{"applicant.type": "enterprise", "premises.area": 450}', encoding="utf-8")
    status, out, err = run_example(str(HLJ), "230100-XF-002", "--facts", str(facts),
                                   "--date", "2026-02-13", "--json")
    assert status == 0, err
    want = run_cli("query", HLJ, "--item", "230100-XF-002", "--date", "2026-02-13",
                   "--format", "json", "--fact", "applicant.type=enterprise",
                   "--fact", "premises.area=450")
    assert out == want[1]


def test_example_errors():
    status, _, err = run_example(str(HLJ), "230100-XF-002", "premises.aera=450")
    assert status == 1 and "error[E060]" in err and "did you mean 'premises.area'?" in err
    status, _, err = run_example(str(HLJ), "NO-ITEM")
    assert status == 1 and "error[E070]" in err
    status, _, err = run_example(str(HLJ), "230100-XF-002", "applicant.commitment_chosen=yes")
    assert status == 1 and "write true or false" in err
    status, _, err = run_example("no/such/rulebook.yaml", "X")
    assert status == 2 and "error[E001]" in err
