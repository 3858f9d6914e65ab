/*
 * test_lint_oom.c - lint and rule tests out of memory at every allocation.
 *
 * As test_oom.c does for loading and queries: each scenario runs again and
 * again, failing the 1st allocation, then the 2nd, ..., until a run makes
 * no allocation fail. Every run must end with GOVSVC_ENOMEM or with the
 * result of a run without failures (the library may do without some memory:
 * a source line not shown, a list left unsorted), and leak nothing. Run it
 * under AddressSanitizer too (CI does) to catch any use of freed memory.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static const char *srcroot = ".";

static char paths[4][1024];

/* One scenario: returns its status; frees everything it made. */
typedef int (*scenario)(void);

static int lint_formats(void)
{
    const char *p[2] = {paths[0], paths[1]};
    govsvc_diag_list *d = NULL;
    int r = govsvc_lint_paths(&d, p, 2, NULL, NULL);
    if (r == GOVSVC_ENOMEM)
        return r;
    char *a = NULL, *b = NULL, *c = NULL;
    int f = govsvc_lint_to_json(d, &a, NULL);
    if (!f)
        f = govsvc_lint_to_sarif(d, &b, NULL);
    if (!f)
        f = govsvc_diag_list_to_text(d, GOVSVC_TEXT_SOURCE, &c, NULL);
    govsvc_free(a);
    govsvc_free(b);
    govsvc_free(c);
    govsvc_diag_list_free(d);
    return f ? f : r;
}

static int rule_tests(void)
{
    const char *p[2] = {paths[2], paths[3]};
    govsvc_test_report *rep = NULL;
    int r = govsvc_test_run(&rep, p, 2, NULL);
    if (r == GOVSVC_ENOMEM) {
        ck_assert_ptr_null(rep);
        return r;
    }
    char *t = NULL;
    int f = govsvc_test_report_to_text(rep, GOVSVC_TEST_VERBOSE, &t, NULL);
    govsvc_free(t);
    govsvc_test_report_free(rep);
    return f ? f : r;
}

static void every_failure(scenario s, const char *name)
{
    tu_alloc.fail_at = 0;
    tu_alloc.calls = 0;
    long before = tu_alloc.live;
    int want = s();
    ck_assert_msg(tu_alloc.live == before, "%s leaks %ld blocks without failures", name,
                  tu_alloc.live - before);
    long total = tu_alloc.calls;
    fprintf(stderr, "%s: %ld allocations, status %d\n", name, total, want);
    for (tu_alloc.fail_at = 1; tu_alloc.fail_at <= total + 1; tu_alloc.fail_at++) {
        tu_alloc.calls = 0;
        tu_alloc.injected = 0;
        before = tu_alloc.live;
        int r = s();
        ck_assert_msg(tu_alloc.live == before, "%s: %ld blocks leak when allocation %ld fails",
                      name, tu_alloc.live - before, tu_alloc.fail_at);
        if (!tu_alloc.injected)
            break;
        ck_assert_msg(r == GOVSVC_ENOMEM || r == want,
                      "%s: allocation %ld failed, status %d (%s), expected ENOMEM or %d", name,
                      tu_alloc.fail_at, r, govsvc_strerror(r), want);
    }
    tu_alloc.fail_at = 0;
}

START_TEST(lint_oom)
{
    every_failure(lint_formats, "lint");
}
END_TEST

START_TEST(ruletest_oom)
{
    every_failure(rule_tests, "rule tests");
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1)
        srcroot = argv[1];
    snprintf(paths[0], sizeof paths[0], "%s/tests/lint/case-twenty-mistakes.yaml", srcroot);
    snprintf(paths[1], sizeof paths[1], "%s/tests/lint/history", srcroot);
    snprintf(paths[2], sizeof paths[2], "%s/tests/ruletest/basic", srcroot);
    snprintf(paths[3], sizeof paths[3], "%s/tests/ruletest/mistakes", srcroot);
    if (tu_alloc_install() != 0)
        return 2;
    Suite *s = suite_create("lint_oom");
    TCase *tc = tcase_create("lint_oom");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, lint_oom);
    tcase_add_test(tc, ruletest_oom);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
