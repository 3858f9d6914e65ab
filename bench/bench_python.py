#!/usr/bin/python3
"""Per-query time from Python against the C figure: the binding's overhead.

    bench/bench_python.py [--build DIR] [--queries N] [RULEBOOK ITEM]

Loads the package built in DIR (default: build; DIR/bindings/python) unless
govsvc is already importable from an installed copy, and runs DIR's
bench/bench-basic (bench_basic.c) on the same rulebook and item for the C
figure. Both answer the same item with the same facts (a typical enterprise
applicant, the facts bench_basic.c sets), timing each query alone:

- C: govsvc_query_item() + govsvc_answer_free() with a facts set made once;
- Python: Rulebook.query(item, facts, date) with the facts as a dict, so it
  also pays for a new facts set from the dict on every call, the argument
  parsing, the GIL released and taken again, and the Answer object.

The overhead is the difference of the medians; the target is under 2 us.
Also shown: the query with no facts, reading the materials as Python values,
and to_json().
"""

import argparse
import os
import re
import subprocess
import sys
import time

TARGET_NS = 2000


def timed(fn, n):
    """Per-call times in ns (each call timed alone, as bench_basic.c does)."""
    clock = time.perf_counter_ns
    out = [0] * n
    for i in range(n):
        t0 = clock()
        fn()
        out[i] = clock() - t0
    out.sort()
    return out


def loop_ns(fn, n):
    """Mean CPU ns per call over a plain loop (no timer per call; CPU time,
    so that time the process spends preempted on a busy machine is not
    counted)."""
    t0 = time.thread_time_ns()
    for _ in range(n):
        fn()
    return (time.thread_time_ns() - t0) / n


def clock_cost(n=200000):
    """What timing one call alone adds (perf_counter_ns twice)."""
    return timed(lambda: None, n)[n // 2]


def c_figure(bench, rulebook, item, queries):
    out = subprocess.run([bench, rulebook, item, "20", str(queries)], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r"p50 (\d+) ns, p99 (\d+) ns", out)
    if not m:
        raise SystemExit(f"cannot read the C figure from:\n{out}")
    return int(m.group(1)), int(m.group(2)), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rulebook", nargs="?", default="rules/hlj-fire/rulebook.yaml")
    ap.add_argument("item", nargs="?", default="230100-XF-002")
    ap.add_argument("--build", default="build", help="the meson build directory")
    ap.add_argument("--queries", type=int, default=200000)
    args = ap.parse_args()

    sys.path.insert(0, os.path.join(args.build, "bindings", "python"))
    import govsvc

    rb = govsvc.load(args.rulebook)
    declared = rb.facts
    facts = {k: v for k, v in {
        "applicant.type": "enterprise", "applicant.credit": "A", "premises.area": 450,
        "applicant.commitment_chosen": True, "application.channel": "window",
    }.items() if k in declared}
    date = "2026-02-13"
    n = args.queries
    for _ in range(1000):  # warm-up
        rb.query(args.item, facts, date)

    c50, c99, c_out = c_figure(os.path.join(args.build, "bench", "bench-basic"), args.rulebook,
                               args.item, n)
    tick = clock_cost()
    q = timed(lambda: rb.query(args.item, facts, date), n)
    q0 = timed(lambda: rb.query(args.item, None, date), n)
    mean = loop_ns(lambda: rb.query(args.item, facts, date), n)
    a = rb.query(args.item, facts, date)
    mat = timed(lambda: rb.query(args.item, facts, date).materials, n // 4)
    js = timed(a.to_json, n // 10)

    p50, p99 = q[n // 2] - tick, q[n * 99 // 100] - tick
    print(f"govsvc {govsvc.version()} from {os.path.dirname(govsvc.__file__)}")
    print(f"rulebook {args.rulebook}, item {args.item}, {len(facts)} facts, {n} queries, "
          f"timer cost {tick} ns subtracted")
    print(f"C       query:                   p50 {c50:6d} ns   p99 {c99:6d} ns")
    print(f"Python  query(item, facts, date): p50 {p50:6d} ns   p99 {p99:6d} ns   "
          f"(loop, CPU mean {mean:.0f} ns)")
    print(f"Python  query(item, None, date):  p50 {q0[n // 2] - tick:6d} ns")
    print(f"Python  query + .materials:       p50 {mat[len(mat) // 2] - tick:6d} ns")
    print(f"Python  Answer.to_json():         p50 {js[len(js) // 2] - tick:6d} ns "
          f"({len(a.to_json().encode())} bytes)")
    over = p50 - c50
    print(f"binding overhead per query: {over} ns (target < {TARGET_NS} ns): "
          f"{'met' if over < TARGET_NS else 'MISSED'}")
    sys.stdout.flush()
    return 0 if over < TARGET_NS else 1


if __name__ == "__main__":
    sys.exit(main())
