#!/usr/bin/env python3
"""The bad input tour: malformed rulebooks, facts, dates, durations and
arguments, each run through the real `govsvc` command, which must answer
with the right exit status, error code and position - never a crash, a
hang or a silent success.

Usage: run.py GOVSVC SOURCE_ROOT [CASES.tsv]

Each line of cases.tsv (tab-separated; '#' lines are comments) is

    name  input  args  exit  code  where

input   the text of the file {IN}, with escapes \\n \\r \\t \\\\ \\0 \\xNN (one
        raw byte) and macros: {HEAD} the three lines every rulebook case
        starts with (format, identity, a small inline calendar), {BODY} a
        material and an item that make it a valid rulebook,
        {REP:text:N} text repeated N times. '-' when no file is needed.
args    the arguments, split like a shell would split them, with {IN} (the
        input file), {DIR} (a scratch directory), {FIFO} (a FIFO with no
        writer), {CAL} (rules/calendars/cn.yaml), {QRB} (tests/data/
        query.yaml) and the same escapes as input.
exit    the exit status: 0 success, 1 wrong input, 2 usage or I/O error.
code    the first diagnostic's code (E061...), '-' for none (a usage
        error), or '+TEXT': success, and standard output contains TEXT.
where   the first diagnostic's LINE:COL, '0:0' for a diagnostic without a
        position, '-' when not checked.

Runs every case even after a failure; exits 1 when any failed.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

HEAD = ('govsvc: 1\n'
        'rulebook: {id: t, version: "1", effective: 2026-01-01}\n'
        'calendar: {id: t, covers: {from: 2026-01-01, to: 2026-12-31}}\n')
BODY = ('materials: {m: {name: 材料}}\n'
        'items:\n'
        '  - {code: I, name: 事项, type: license, materials: [{ref: m}],\n'
        '     deadline: {statutory: 10 working days, promised: 5 working days}}\n')


def unescape(s):
    """Text of a table cell as bytes: UTF-8, with \\xNN for raw bytes."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n == 'x':
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
            out += {'n': b'\n', 'r': b'\r', 't': b'\t', '\\': b'\\', '0': b'\0'}.get(
                n, ('\\' + n).encode())
            i += 2
            continue
        out += c.encode()
        i += 1
    return bytes(out)


def expand(s):
    s = s.replace('{HEAD}', HEAD.replace('\n', '\\n'))
    s = s.replace('{BODY}', BODY.replace('\n', '\\n'))
    return re.sub(r'\{REP:(.*?):(\d+)\}', lambda m: m.group(1) * int(m.group(2)), s)


def main():
    govsvc, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    table = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, 'tests/tour/cases.tsv')
    failed = passed = 0
    names = set()
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, 'fifo.yaml')
        os.mkfifo(fifo)
        for lineno, line in enumerate(open(table, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) != 6:
                print(f'cases.tsv:{lineno}: {len(cols)} columns, not 6')
                failed += 1
                continue
            name, text, args, want_exit, want_code, want_where = cols
            if name in names:
                print(f'cases.tsv:{lineno}: case {name} twice')
                failed += 1
            names.add(name)
            case_dir = os.path.join(tmp, name)
            os.mkdir(case_dir)
            inp = os.path.join(case_dir, 'in.yaml')
            if text != '-':
                with open(inp, 'wb') as f:
                    f.write(unescape(expand(text)))
            subst = {'{IN}': inp, '{DIR}': case_dir, '{FIFO}': fifo,
                     '{CAL}': os.path.join(root, 'rules/calendars/cn.yaml'),
                     '{QRB}': os.path.join(root, 'tests/data/query.yaml')}
            argv = [govsvc]
            for a in shlex.split(args):
                for k, v in subst.items():
                    a = a.replace(k, v)
                argv.append(os.fsdecode(unescape(a)))
            try:
                p = subprocess.run(argv, capture_output=True, timeout=60, cwd=case_dir)
            except subprocess.TimeoutExpired:
                print(f'FAIL {name}: no answer within 60 s')
                failed += 1
                continue
            out = p.stdout.decode('utf-8', 'replace')
            err = p.stderr.decode('utf-8', 'replace')
            problems = []
            if p.returncode != int(want_exit):
                problems.append(f'exit status {p.returncode}, expected {want_exit}')
            diag = re.search(r'^(?:(.*?):(\d+):(\d+): |(.*?): )?error\[(E\d+)\]', err + out, re.M)
            if want_code.startswith('+'):
                if want_code[1:] not in out:
                    problems.append(f'standard output lacks {want_code[1:]!r}')
                if diag:
                    problems.append(f'unexpected error[{diag.group(5)}]')
            elif want_code == '-':
                if diag:
                    problems.append(f'unexpected error[{diag.group(5)}]')
                if p.returncode != 0 and not err.strip():
                    problems.append('failed without a message')
            else:
                if not diag:
                    problems.append(f'no error[{want_code}]')
                elif diag.group(5) != want_code:
                    problems.append(f'first error is {diag.group(5)}, expected {want_code}')
                elif want_where != '-':
                    where = f'{diag.group(2)}:{diag.group(3)}' if diag.group(2) else '0:0'
                    if where != want_where:
                        problems.append(f'{want_code} at {where}, expected {want_where}')
                if diag and 'hint:' not in err + out:
                    problems.append('the diagnostic has no hint')
            if 'Sanitizer' in err or 'runtime error' in err or p.returncode < 0:
                problems.append('crashed or a sanitizer reported')
            if problems:
                failed += 1
                print(f'FAIL {name}: ' + '; '.join(problems))
                print('  $ ' + ' '.join(shlex.quote(a) for a in argv[1:]))
                for l in (err + out).splitlines()[:6]:
                    print('  | ' + l)
            else:
                passed += 1
    print(f'tour: {passed} passed, {failed} failed')
    return 1 if failed or passed < 60 else 0


if __name__ == '__main__':
    sys.exit(main())
