/*
 * hostile.h - inputs shaped to cost quadratic time, each from a bug that
 * once did. Shared by tests/test_limits.c, which counts the work steps they
 * cost (gs_work_steps) and asserts they grow linearly, and bench-hostile,
 * which times them at full size: speed is measured in benchmarks, never
 * asserted in timed unit tests.
 *
 * Every generator returns a NUL-terminated string from malloc() (the caller
 * frees it), or NULL when out of memory.
 */
#ifndef GOVSVC_BENCH_HOSTILE_H
#define GOVSVC_BENCH_HOSTILE_H

#include <stddef.h>

/* Rulebook shapes (hostile_rulebook). Each holds n repetitions of the
 * hostile part; all but HOSTILE_BIG_ENUM are rulebooks with errors, one
 * per repetition. */
enum hostile_shape {
    HOSTILE_DUP_KEYS,     /* one key repeated: E006 named the first by scanning back */
    HOSTILE_SAME_INCLUDE, /* an include list of one name (same.yaml): pairwise E011 check */
    HOSTILE_BIG_ENUM,     /* an enum of n values, each once checked against all before */
    HOSTILE_FACT_TYPOS,   /* n facts, n misspelt references: did-you-mean over all */
    HOSTILE_MATERIAL_TYPOS, /* the same with materials; the id list was made anew each time */
    HOSTILE_BUNDLE_REPEATS, /* a bundle naming one item n times (E044) */
    HOSTILE_NSHAPES
};

extern const char *const hostile_shape_names[HOSTILE_NSHAPES];

/* The include target HOSTILE_SAME_INCLUDE names. */
#define HOSTILE_SAME_INCLUDE_FILE "same.yaml"
#define HOSTILE_SAME_INCLUDE_TEXT "govsvc: 1\n"

char *hostile_rulebook(enum hostile_shape shape, int n);

/* A valid rulebook of nfacts boolean facts applicant.f000000... and a
 * facts file of nunknown names it does not have (applicant.g000000...):
 * each unknown name was searched against all the facts for a hint. */
char *hostile_facts_rulebook(int nfacts);
char *hostile_facts_file(int nunknown);

/* A YAML file of n anchors and 1000 aliases, the last to &a0, which is
 * defined again at the end (value "redefined"): aliases scanned every
 * anchor. Key y holds the 1000 aliases; y[0] is n - 1. */
char *hostile_anchors(int n);

/* A rulebook whose item I has 8 lines of 50 catastrophic `matches` each
 * (fact s) and `lines` lines each the conjunction of 450 boolean facts
 * f0..f449: the facts worth asking were found by walking each condition
 * again for every reference. */
char *hostile_query_rulebook(int lines);

/* A calendar file covering 1901-2099 with n holiday ranges each spanning
 * nearly all of it: ranges were marked day by day. */
char *hostile_calendar(int n);

#endif
