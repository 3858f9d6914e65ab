#!/usr/bin/env python3
"""Checks that tests/test_oom.c reaches every allocation site that the load
and query tests reach (docs/robustness.md, "Memory").

Usage (a gcov build of its own):

    meson setup build-cov -Db_coverage=true
    ninja -C build-cov tests/test_load tests/test_query tests/test_oom
    /usr/bin/python3 tests/regress/alloc-coverage.py build-cov

It runs test_load and test_query, notes every line of libgovsvc/*.c that
calls an allocating function and was executed, then runs test_oom and does
the same. Every line of the first set must be in the second: a failure
injected there is then tested. Prints the lines that are not, and exits 1
when there is any.
"""
import glob
import os
import re
import subprocess
import sys

ALLOC = re.compile(
    r'\b(gs_malloc|gs_calloc|gs_realloc|gs_strdup|gs_strndup|gs_grow'
    r'|gs_arena_(alloc|calloc|strdup|strndup|printf)'
    r'|gs_buf_(append|puts|putc|printf|vprintf|json_str|detach)|gs_strmap_put'
    r'|gs_diag_(error|add|vadd|list_new|set_fact)|pcre2_\w+_create|pcre2_compile|pcre2_match'
    r'|yaml_parser_(initialize|parse)|gs_pattern_compile|gs_calendar_init)\s*\(')


def executed(build, objdir, src_dir, commands):
    for g in glob.glob(objdir + '/*.gcda'):
        os.remove(g)
    for c in commands:
        subprocess.run(c, shell=True, cwd=build, env=dict(os.environ, CK_FORK='no'),
                       capture_output=True)
    lines = {}
    for gcda in glob.glob(objdir + '/*.gcda'):
        src = os.path.basename(gcda)[:-len('.c.gcda')] + '.c'
        out = subprocess.run(['gcov', '-t', '-o', objdir + '/' + src + '.o',
                              os.path.join(src_dir, src)],
                             capture_output=True, text=True, cwd=build).stdout
        for l in out.splitlines():
            m = re.match(r'\s*([0-9#=*-]+[*]?):\s*(\d+):(.*)', l)
            if not m or m.group(2) == '0':
                continue
            count, line, text = m.groups()
            if ALLOC.search(text) and not text.strip().startswith(('/*', '*', '//')):
                if count.rstrip('*') not in ('#####', '=====', '-'):
                    lines[(src, int(line))] = text.strip()
    return lines


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'build-cov')
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    objdir = build + '/libgovsvc/libgovsvc_internal.a.p'
    src_dir = os.path.join(root, 'libgovsvc')
    tests = executed(build, objdir, src_dir,
                     [f'./tests/test_load {root}/tests/bad', f'./tests/test_query {root}'])
    oom = executed(build, objdir, src_dir, [f'./tests/test_oom {root}'])
    missing = sorted(set(tests) - set(oom))
    print(f'allocation lines executed by test_load and test_query: {len(tests)}; '
          f'by test_oom too: {len(set(tests) & set(oom))}')
    for k in missing:
        print(f'  not reached by test_oom: libgovsvc/{k[0]}:{k[1]}: {tests[k][:80]}')
    return 1 if missing or not tests else 0


if __name__ == '__main__':
    sys.exit(main())
