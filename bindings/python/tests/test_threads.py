"""One Rulebook shared by 8 threads: every answer is the one a single
thread gets. The GIL is released while the library answers, so the
queries run in parallel in C."""

import threading

import govsvc
from conftest import HLJ

THREADS = 8
ROUNDS = 300

FACTS = [
    None,
    {"applicant.type": "enterprise", "applicant.credit": "A", "applicant.commitment_chosen": True,
     "application.channel": "window", "premises.area": 450, "shared.business_license": True},
    {"applicant.type": "person", "premises.area": 80.5, "applicant.credit": "D"},
    {"applicant.type": "individual_business", "application.channel": "online",
     "project.kind": "new_build", "project.special_fire_design": True},
]
DATES = ["2026-02-13", "2025-09-26", "2024-06-03", "2023-12-29"]


def cases(rb):
    return [(item.code, f, d) for item in rb.items for f in range(len(FACTS)) for d in DATES]


def test_eight_threads_share_one_rulebook(hlj):
    todo = cases(hlj)
    expected = {c: hlj.query(c[0], FACTS[c[1]], c[2]).to_json() for c in todo}
    barrier = threading.Barrier(THREADS)
    failures = []
    counts = [0] * THREADS

    def work(n):
        barrier.wait()
        for r in range(ROUNDS):
            case = todo[(n * 7 + r) % len(todo)]
            try:
                a = hlj.query(case[0], FACTS[case[1]], case[2])
                if a.to_json() != expected[case] or a.rulebook is not hlj:
                    failures.append((n, case))
                # Touch the Python side as well: materials, deadline, ask.
                assert len(a.materials) >= 1 and a.deadline is not None
                a.ask
            except Exception as e:  # noqa: BLE001 - reported below
                failures.append((n, case, repr(e)))
            counts[n] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert counts == [ROUNDS] * THREADS


def test_errors_in_threads_are_each_threads_own(hlj):
    barrier = threading.Barrier(THREADS)
    seen = [None] * THREADS

    def work(n):
        barrier.wait()
        codes = []
        for _ in range(50):
            try:
                if n % 2:
                    hlj.query("230100-XF-999", None, "2026-02-13")
                else:
                    hlj.query("230100-XF-002", {"applicant.credit": "Z"}, "2026-02-13")
            except govsvc.Error as e:
                codes.append((type(e).__name__, e.code, e.fact))
        seen[n] = set(codes)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(THREADS):
        want = ({("QueryError", "E070", None)} if n % 2
                else {("FactError", "E063", "applicant.credit")})
        assert seen[n] == want


def test_loads_in_threads():
    barrier = threading.Barrier(THREADS)
    digests = []

    def work():
        barrier.wait()
        for _ in range(5):
            digests.append(govsvc.load(HLJ).digest)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(digests) == THREADS * 5 and len(set(digests)) == 1


def runs_during(call, seconds=5.0):
    """Whether another thread runs Python code while `call` is inside C.

    With a switch interval far longer than the test, a thread holding the
    GIL is never made to give it up; so a stamp that another thread takes
    strictly between the start and the end of `call` proves that `call`
    released the GIL. Stops at the first such stamp (or after `seconds`).
    """
    import sys
    import time

    stamps, windows, done = [], [], []

    def other():
        while not done:
            stamps.append(time.perf_counter_ns())
            time.sleep(0)  # gives the GIL back at once

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    t = threading.Thread(target=other)
    t.start()
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            t0 = time.perf_counter_ns()
            call()
            t1 = time.perf_counter_ns()
            windows.append((t0, t1))
            if any(t0 < s < t1 for s in stamps[-200:]):
                return True
        return False
    finally:
        done.append(True)
        t.join()
        sys.setswitchinterval(old)


def test_gil_is_released_while_loading():
    assert runs_during(lambda: govsvc.load(HLJ))


def test_gil_is_released_while_linting():
    assert runs_during(lambda: govsvc.lint(HLJ))


def test_gil_is_released_while_serialising(hlj):
    big = hlj.query("230100-XF-002", FACTS[1], "2026-02-13", explain=True)
    assert runs_during(lambda: [big.to_json() for _ in range(20)][-1])
