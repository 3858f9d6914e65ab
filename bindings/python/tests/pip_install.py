#!/usr/bin/python3
"""Runs the README's documented pip command, as a user on a fresh machine
would, in a copy of the source tree: a new venv, `pip install` with no
build isolation and no index (no PyPI), then the README's one-line check.

    pip_install.py SOURCE_ROOT

The README's install line starts with `tools/install-deps &&`; that part is
left out here (it runs apt-get, which CI's own set-up command covers) and
the rest is run exactly as written. Exits 0 when the package installs, the
check prints a govsvc.answer/1 answer, and the installed package is the
stand-alone one: stubs and py.typed beside it, no libgovsvc.so needed.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

INSTALL_MARK = "<!-- python-install-command -->"
CHECK_MARK = "<!-- python-check-command -->"


def readme_command(readme, mark):
    """The first command line inside the code block after `mark`."""
    lines = readme.splitlines()
    start = lines.index(mark)
    for line in lines[start + 1:]:
        if line and line[0].isalpha() or line.startswith("."):
            return line
    raise SystemExit(f"README.md: no command after {mark}")


def copy_tree(src, dst):
    def ignore(folder, names):
        top = pathlib.Path(folder) == src
        return [n for n in names
                if n in (".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache")
                or n.startswith(".mesonpy")
                or (top and n.startswith("build"))]

    shutil.copytree(src, dst, ignore=ignore, symlinks=True)


def run(cmd, cwd):
    print(f"+ {cmd}", flush=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    p = subprocess.run(["bash", "-euo", "pipefail", "-c", cmd], cwd=cwd, env=env,
                       capture_output=True, text=True, check=False)
    sys.stdout.write(p.stdout[-4000:])
    sys.stderr.write(p.stderr[-4000:])
    if p.returncode != 0:
        raise SystemExit(f"FAILED ({p.returncode}): {cmd}")
    return p.stdout


def main():
    src = pathlib.Path(sys.argv[1]).resolve()
    readme = (src / "README.md").read_text(encoding="utf-8")
    install = readme_command(readme, INSTALL_MARK)
    check = readme_command(readme, CHECK_MARK)
    prefix = "tools/install-deps && "
    assert install.startswith(prefix), install
    install = install[len(prefix):]
    assert "--no-build-isolation" in install and "--no-index" in install, install

    with tempfile.TemporaryDirectory(prefix="govsvc-pip-") as tmp:
        tree = pathlib.Path(tmp) / "libgovsvc"
        copy_tree(src, tree)
        run(install, tree)
        out = run(check, tree)
        answer = json.loads(out)
        assert answer["schema"] == "govsvc.answer/1", answer
        assert answer["materials"], answer

        venv_python = tree / ".venv" / "bin" / "python"
        where = run(f"{venv_python} -c 'import govsvc; print(govsvc.__file__)'", tmp)
        package = pathlib.Path(where.strip()).parent
        assert (tree / ".venv") in package.parents, package
        assert (package / "py.typed").is_file() and (package / "_govsvc.pyi").is_file()
        ext = next(package.glob("_govsvc*.so"))
        needed = run(f"ldd {ext}", tmp)
        assert "libgovsvc" not in needed, needed
        # Only the package is installed: no command, headers or rulebooks.
        assert not (tree / ".venv" / "bin" / "govsvc").exists()
        assert not list((tree / ".venv").glob("include/**/govsvc.h"))
    print("pip install and the README check: OK")


if __name__ == "__main__":
    main()
