"""Shared fixtures for the govsvc binding's tests.

meson runs these with PYTHONPATH pointing at the package built in the build
tree (bindings/python/meson.build), GOVSVC_CLI at the govsvc command built
beside it and GOVSVC_SOURCE_ROOT at the repository. Run by hand with the
same variables, e.g.

    PYTHONPATH=build/bindings/python GOVSVC_CLI=build/tools/govsvc \\
        /usr/bin/python3 -m pytest bindings/python/tests
"""

import os
import pathlib
import subprocess

import pytest

import govsvc

ROOT = pathlib.Path(os.environ.get("GOVSVC_SOURCE_ROOT", pathlib.Path(__file__).parents[3]))
HLJ = ROOT / "rules" / "hlj-fire" / "rulebook.yaml"
TESTBOOK = ROOT / "tests" / "data" / "query.yaml"
CALENDAR = ROOT / "rules" / "calendars" / "cn.yaml"

# The package under test is the one meson built, not some other install.
_expected = os.environ.get("GOVSVC_PACKAGE_DIR")
if _expected:
    _got = pathlib.Path(govsvc._govsvc.__file__).resolve().parent
    assert _got == pathlib.Path(_expected).resolve(), f"imported govsvc from {_got}"


def cli_path():
    """The govsvc command built with this package."""
    path = os.environ.get("GOVSVC_CLI")
    assert path, "GOVSVC_CLI must name the govsvc command (meson sets it)"
    return path


def run_cli(*args):
    """Runs the govsvc command from the source root; returns (status, stdout bytes, stderr)."""
    p = subprocess.run([cli_path(), *map(str, args)], cwd=ROOT, capture_output=True, check=False)
    return p.returncode, p.stdout, p.stderr.decode()


@pytest.fixture(scope="session")
def hlj():
    """The shipped Harbin fire-brigade rulebook."""
    return govsvc.load(HLJ)


@pytest.fixture(scope="session")
def testbook():
    """tests/data/query.yaml: one line per status, deadline variants, an expired item."""
    return govsvc.load(TESTBOOK)


@pytest.fixture
def write_rulebook(tmp_path):
    """Writes a rulebook file from text and returns its path."""

    def write(text, name="rulebook.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
