/*
 * govsvc/ruletest.h - rule tests written by policy staff: expected notices
 * kept next to a rulebook, checked against what the rulebook answers.
 *
 * A rulebook directory holds its tests in the YAML files of its tests/
 * directory (format in docs/rule-tests.md): cases of an item or a bundle,
 * facts, a date and the expected statuses, due dates and deadlines. govsvc_test_run() answers
 * every case, compares, and measures coverage: which material lines,
 * waivers (shared, commitment), deferrals, deadline variants and sides of
 * conditions (each `when` true once and false once) no case exercised.
 *
 * Threading: a run shares nothing with another; a finished report may be
 * read from any thread.
 */
#ifndef GOVSVC_RULETEST_H
#define GOVSVC_RULETEST_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options; initialise with GOVSVC_TEST_OPTIONS_INIT. */
typedef struct govsvc_test_options {
    unsigned version;
    double coverage_min;             /* percent, 0-100: a rulebook below fails (E225); 0: none */
    const govsvc_load_options *load; /* load limits; NULL for the defaults */
} govsvc_test_options;

#define GOVSVC_TEST_OPTIONS_VERSION 1
#define GOVSVC_TEST_OPTIONS_INIT {GOVSVC_TEST_OPTIONS_VERSION, 0.0, NULL}

typedef struct govsvc_test_report govsvc_test_report;

/* Runs the rule tests found at each of paths[0..npaths): a rulebook
 * directory (searched recursively: every directory holding a top file is
 * one, its tests are in its tests/ subdirectory), a rulebook's top file
 * (the tests that target it), or one test file.
 *
 * Stores a new report in *out (free it with govsvc_test_report_free()) and
 * returns 0 when every case passed and every rulebook met coverage_min;
 * GOVSVC_ERULEBOOK when a case failed, a test file or rulebook has errors,
 * a rulebook has no tests, or coverage is below the minimum (the report's
 * diagnostics say which); GOVSVC_EIO when a path or file cannot be read.
 * On GOVSVC_EINVAL (NULL arguments, coverage_min outside 0-100) or
 * GOVSVC_ENOMEM, *out is NULL. */
GOVSVC_API int govsvc_test_run(govsvc_test_report **out, const char *const *paths, size_t npaths,
                               const govsvc_test_options *opts);

/* Frees a report. NULL is accepted. */
GOVSVC_API void govsvc_test_report_free(govsvc_test_report *r);

/* Every problem found, in the order found: errors in test files and
 * rulebooks, each failed case (E220, at the case), rulebooks without tests
 * (E221), coverage below the minimum (E225). Borrowed; NULL when none. */
GOVSVC_API const govsvc_diag_list *govsvc_test_report_diags(const govsvc_test_report *r);

/* Cases run and how they went. */
GOVSVC_API size_t govsvc_test_report_passed(const govsvc_test_report *r);
GOVSVC_API size_t govsvc_test_report_failed(const govsvc_test_report *r);

/* Coverage of one rulebook (one version of a history counts as one). */
typedef struct govsvc_test_coverage {
    const char *rulebook;     /* its top file */
    size_t cases, failed;     /* the cases that ran on it */
    size_t lines, lines_hit;  /* material lines and deadline variants that applied */
    size_t waivers, waivers_hit;     /* `shared` and `commitment` statuses a line can get */
    size_t deferrals, deferrals_hit; /* `deferred` on deferrable lines */
    size_t conditions, conditions_hit; /* each side (true, false) of each `when` */
} govsvc_test_coverage;

GOVSVC_API size_t govsvc_test_report_rulebook_count(const govsvc_test_report *r);
/* Borrowed; NULL when i is out of range. */
GOVSVC_API const govsvc_test_coverage *govsvc_test_report_coverage(const govsvc_test_report *r,
                                                                   size_t i);
/* All hits over all points, in percent (100 for a rulebook with nothing to
 * cover). */
GOVSVC_API double govsvc_test_coverage_percent(const govsvc_test_coverage *c);

/* What no case exercised, in rulebook order. Borrowed strings. */
typedef struct govsvc_test_gap {
    const char *rulebook; /* its top file */
    const char *kind;     /* "line", "waiver", "deferral", "condition" */
    const char *what;     /* "item '230100-XF-002': 'premises.area < 300' never false" */
    const char *file;
    unsigned line, column;
} govsvc_test_gap;

GOVSVC_API size_t govsvc_test_report_gap_count(const govsvc_test_report *r);
GOVSVC_API const govsvc_test_gap *govsvc_test_report_gap(const govsvc_test_report *r, size_t i);

/* The report for people: each problem in compiler style (a failed case with
 * the difference of expected, marked -, against actual, marked +), the gaps,
 * and one line per rulebook with its cases and coverage. With
 * GOVSVC_TEST_VERBOSE each passed case is listed too. Stores a new string in
 * *out (free it with govsvc_free()). Returns 0, GOVSVC_EINVAL or
 * GOVSVC_ENOMEM. */
#define GOVSVC_TEST_VERBOSE 1u
GOVSVC_API int govsvc_test_report_to_text(const govsvc_test_report *r, unsigned flags, char **out,
                                          size_t *len);

#ifdef __cplusplus
}
#endif
#endif
