/*
 * ruletest_int.h - what the rule-test driver (ruletest.c: finding tests,
 * loading rulebooks, the report) and the case runner (ruletest_case.c:
 * one case against the rulebook, the difference, coverage) share.
 */
#ifndef GS_RULETEST_INT_H
#define GS_RULETEST_INT_H

#include "load.h"

/* A coverage point. */
enum { RT_LINE = 0, RT_WAIVER, RT_DEFERRAL, RT_COND };

typedef struct rt_point {
    uint8_t kind;
    uint8_t hit;
    gs_pos pos;
    const char *what; /* in the report's arena */
} rt_point;

/* Slots of a material line's points (-1 when it has none of that kind). */
enum { S_LINE = 0, S_TRUE, S_FALSE, S_SHARED, S_COMMIT, S_DEFER, S_NLINE };
/* Slots of a deadline variant's points. */
enum { V_APPLIES = 0, V_TRUE, V_FALSE, S_NVAR };

/* One rulebook (one version of a history) under test. */
typedef struct rt_book {
    govsvc_rulebook *rb; /* a reference; NULL when it did not load */
    const char *path;    /* its top file, as found */
    char *real;          /* realpath of the top file (malloc'd by libc), to match targets */
    rt_point *points;
    size_t npoints;
    int32_t **slots;     /* [nitems]: S_NVAR per variant, then S_NLINE per line */
    size_t cases, failed;
} rt_book;

/* The run's state (the report is built inside it). */
typedef struct rt_run {
    struct govsvc_test_report *rep;
    const govsvc_test_options *opts;
    gs_arena *arena; /* the report's: strings that the report keeps */
    govsvc_diag_list *diags;
} rt_run;

/* ruletest_case.c */
/* Makes the coverage points of b (b->rb loaded). Returns 0 or ENOMEM. */
int rt_book_points(rt_run *R, rt_book *b);
/* Runs one case (`c`, a mapping of a test file read into L) on b. With b
 * NULL, no version of a history is in force on the case's date and
 * `no_version` says so (E105): that is the answer the case is checked
 * against. Returns 1 passed, 0 failed (a diagnostic and the difference were
 * recorded), or GOVSVC_ENOMEM. */
int rt_run_case(rt_run *R, gs_loader *L, rt_book *b, const gs_ynode *c, const char *name,
                const govsvc_diag *no_version);

/* ruletest.c: records a failed case's difference (text in the arena) for
 * the diagnostic just added. */
int rt_record_failure(rt_run *R, const char *diff);

#endif
