/*
 * testutil.h - scaffolding shared by the Check tests (tests/testutil.c):
 * loading a rulebook with its diagnostics printed, facts from "name=value"
 * strings, a counting allocator that can fail the n-th allocation, and the
 * "# expect:" lines of the tests driven by files (test_load, test_lint).
 *
 * The helpers assert with ck_assert, so they belong inside a test (or a
 * fixture), as the code they replace did.
 */
#ifndef GOVSVC_TESTUTIL_H
#define GOVSVC_TESTUTIL_H

#include "govsvc.h"

/* -- rulebooks and facts ---------------------------------------------------- */

/* Prints every diagnostic of d (NULL: none), formatted, one a line, to stderr. */
void tu_print_diags(const govsvc_diag_list *d);

/* Loads root/rel, prints its diagnostics, asserts that it loaded and returns
 * it (the caller unrefs it). */
govsvc_rulebook *tu_load(const char *root, const char *rel);

/* Sets the facts of "name=value" strings (NULL-terminated; kv NULL: none)
 * in f, each as text; returns the first string refused, NULL when all are
 * accepted. Asserts nothing, so a thread other than the test's may call it. */
const char *tu_facts_set(govsvc_facts *f, const char *const *kv);

/* New facts for rb with the facts of kv (as tu_facts_set); asserts that
 * every one is accepted. */
govsvc_facts *tu_facts(govsvc_rulebook *rb, const char *const *kv);

/* -- the counting, failing allocator ---------------------------------------- */

/* Its counters: a test resets calls and injected, sets fail_at and reads the
 * rest. The hooks pass through to the C library, so memory allocated before
 * they were installed may be freed through them (live then drops below the
 * count it started from). Not thread-safe. */
typedef struct tu_alloc_counts {
    long calls;    /* allocations attempted (malloc and realloc) */
    long fail_at;  /* fail the fail_at-th (1-based); 0: never */
    int injected;  /* a failure was injected */
    long live;     /* blocks allocated and not yet freed */
} tu_alloc_counts;

extern tu_alloc_counts tu_alloc;

/* Installs the hooks with govsvc_set_allocator(); returns its status. */
int tu_alloc_install(void);

/* -- expectations of the tests driven by files ------------------------------ */

/* One expected diagnostic, from a line "# expect: CODE [FILE:]LINE:COL". */
typedef struct tu_expect {
    char code[8];
    char file[320]; /* "" = the file holding the expectation */
    unsigned line, col;
} tu_expect;

/* Reads "CODE [FILE:]LINE:COL" (what follows "# expect: ") into e; asserts
 * the form. */
void tu_expect_parse(tu_expect *e, const char *text);

/* 1 when s ends with suffix, else 0. */
int tu_ends_with(const char *s, const char *suffix);

#endif
