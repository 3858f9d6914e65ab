/*
 * test_ruletest.c - govsvc_test_run() on the fixtures of tests/ruletest/:
 * a rulebook whose tests pass at full coverage (basic), a test file full of
 * mistakes (mistakes), partial coverage (partial), a rulebook without
 * tests (notests) and a version history tested by date and by target
 * (history).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static const char *dir; /* tests/ruletest */

static govsvc_test_report *run(const char *rel, double min, int want)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    const char *paths[1] = {path};
    govsvc_test_options o = GOVSVC_TEST_OPTIONS_INIT;
    o.coverage_min = min;
    govsvc_test_report *r = NULL;
    int rc = govsvc_test_run(&r, paths, 1, &o);
    char *text = NULL;
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(govsvc_test_report_to_text(r, GOVSVC_TEST_VERBOSE, &text, NULL), 0);
    fprintf(stderr, "== %s\n%s", rel, text);
    govsvc_free(text);
    ck_assert_msg(rc == want, "%s: %d (%s), expected %d", rel, rc, govsvc_strerror(rc), want);
    return r;
}

START_TEST(full_coverage)
{
    govsvc_test_report *r = run("basic", 100, 0);
    ck_assert_uint_eq(govsvc_test_report_passed(r), 3);
    ck_assert_uint_eq(govsvc_test_report_failed(r), 0);
    ck_assert_ptr_null(govsvc_test_report_diags(r));
    ck_assert_uint_eq(govsvc_test_report_rulebook_count(r), 1);
    const govsvc_test_coverage *c = govsvc_test_report_coverage(r, 0);
    ck_assert(tu_ends_with(c->rulebook, "basic/rulebook.yaml"));
    ck_assert_uint_eq(c->cases, 3);
    ck_assert_uint_eq(c->lines, 7); /* 5 material lines, 2 deadline variants */
    ck_assert_uint_eq(c->lines_hit, 7);
    ck_assert_uint_eq(c->waivers, 2); /* license shared, proof commitment */
    ck_assert_uint_eq(c->waivers_hit, 2);
    ck_assert_uint_eq(c->deferrals, 1);
    ck_assert_uint_eq(c->deferrals_hit, 1);
    ck_assert_uint_eq(c->conditions, 6); /* 3 `when`s, two sides each */
    ck_assert_uint_eq(c->conditions_hit, 6);
    ck_assert(govsvc_test_coverage_percent(c) == 100.0);
    ck_assert_uint_eq(govsvc_test_report_gap_count(r), 0);
    ck_assert_ptr_null(govsvc_test_report_coverage(r, 1));
    govsvc_test_report_free(r);
}
END_TEST

/* Every mistake of a test file at its place, in order. */
START_TEST(mistakes)
{
    static const struct {
        const char *code;
        unsigned line, col;
    } want[] = {
        {"E222", 10, 11}, /* item RT-3 (did you mean RT-1?) */
        {"E223", 21, 9},  /* material 'from' */
        {"E224", 22, 18}, /* status 'requried' */
        {"E023", 25, 11}, /* 2024-02-30 */
        {"E060", 27, 7},  /* applicant.typ */
        {"E061", 28, 22}, /* premises.area: big */
        {"E228", 31, 11}, /* a second '好的用例' */
        {"E008", 31, 5},  /* ... without a date */
        {"E220", 35, 11}, /* expected and actual differ */
    };
    govsvc_test_report *r = run("mistakes", 0, GOVSVC_ERULEBOOK);
    const govsvc_diag_list *d = govsvc_test_report_diags(r);
    ck_assert_uint_eq(govsvc_diag_list_count(d), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, i);
        ck_assert_str_eq(g->code, want[i].code);
        ck_assert(tu_ends_with(g->file, "mistakes/tests/cases.yaml"));
        ck_assert_msg(g->line == want[i].line && g->column == want[i].col, "%s at %u:%u", g->code,
                      g->line, g->column);
        ck_assert_ptr_nonnull(g->hint);
    }
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->hint, "did you mean 'RT-1'?");
    ck_assert_str_eq(govsvc_diag_list_get(d, 1)->hint, "did you mean 'form'?");
    ck_assert_uint_eq(govsvc_test_report_passed(r), 1);
    ck_assert_uint_eq(govsvc_test_report_failed(r), 5);
    /* The failure prints the difference. */
    char *text = NULL;
    ck_assert_int_eq(govsvc_test_report_to_text(r, 0, &text, NULL), 0);
    ck_assert_ptr_nonnull(strstr(text, "  -   proof: {status: commitment, verify_due: 2024-06-06}\n"
                                       "  -   plan: required\n"
                                       "  +   proof: {status: commitment, verify_due: 2024-06-05}\n"
                                       "  +   plan: absent\n"));
    ck_assert_ptr_nonnull(strstr(text, "      form: required\n"));
    ck_assert_ptr_nonnull(strstr(text, "tests: 1 passed, 5 failed\n"));
    govsvc_free(text);
    govsvc_test_report_free(r);
}
END_TEST

START_TEST(partial_coverage)
{
    govsvc_test_report *r = run("partial", 0, 0);
    const govsvc_test_coverage *c = govsvc_test_report_coverage(r, 0);
    /* One small person: variant 2, lines form and proof, the `when`s false. */
    ck_assert_uint_eq(c->lines_hit, 3);
    ck_assert_uint_eq(c->waivers_hit, 1); /* proof: commitment (credit B) */
    ck_assert_uint_eq(c->deferrals_hit, 0);
    ck_assert_uint_eq(c->conditions_hit, 3);
    ck_assert_uint_eq(govsvc_test_report_gap_count(r), 9);
    const govsvc_test_gap *g = govsvc_test_report_gap(r, 0);
    ck_assert_str_eq(g->kind, "line");
    ck_assert(tu_ends_with(g->file, "partial/rulebook.yaml"));
    ck_assert_uint_eq(g->line, 32); /* the first variant's `when` */
    ck_assert_ptr_nonnull(strstr(g->what, "deadline variant 1 never applied"));
    ck_assert_ptr_null(govsvc_test_report_gap(r, 9));
    govsvc_test_report_free(r);

    /* Below the minimum: E225 on the rulebook. */
    r = run("partial", 50, GOVSVC_ERULEBOOK);
    const govsvc_diag *e = govsvc_diag_list_get(govsvc_test_report_diags(r), 0);
    ck_assert_str_eq(e->code, "E225");
    ck_assert(tu_ends_with(e->file, "partial/rulebook.yaml"));
    ck_assert_uint_eq(e->line, 0);
    govsvc_test_report_free(r);
}
END_TEST

START_TEST(no_tests)
{
    govsvc_test_report *r = run("notests", 0, GOVSVC_ERULEBOOK);
    const govsvc_diag_list *d = govsvc_test_report_diags(r);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E221");
    ck_assert_uint_eq(govsvc_test_report_gap_count(r), 0); /* untested: no gap list */
    govsvc_test_report_free(r);
}
END_TEST

START_TEST(history)
{
    /* By date, by target, and a date before every version (E105 expected). */
    govsvc_test_report *r = run("history", 100, 0);
    ck_assert_uint_eq(govsvc_test_report_passed(r), 4);
    ck_assert_uint_eq(govsvc_test_report_rulebook_count(r), 2);
    const govsvc_test_coverage *c0 = govsvc_test_report_coverage(r, 0);
    const govsvc_test_coverage *c1 = govsvc_test_report_coverage(r, 1);
    ck_assert(tu_ends_with(c0->rulebook, "history/rulebook-2023.yaml"));
    ck_assert_uint_eq(c0->cases, 2);
    ck_assert(tu_ends_with(c1->rulebook, "history/rulebook.yaml"));
    ck_assert_uint_eq(c1->cases, 1);
    govsvc_test_report_free(r);

    /* One top file: only the cases that fall on it. */
    r = run("history/rulebook.yaml", 0, 0);
    ck_assert_uint_eq(govsvc_test_report_rulebook_count(r), 1);
    ck_assert_uint_eq(govsvc_test_report_coverage(r, 0)->cases, 1);
    govsvc_test_report_free(r);

    /* One test file: only what it touches. */
    r = run("history/tests/pinned.yaml", 0, 0);
    ck_assert_uint_eq(govsvc_test_report_passed(r), 1);
    ck_assert_uint_eq(govsvc_test_report_rulebook_count(r), 1);
    ck_assert(tu_ends_with(govsvc_test_report_coverage(r, 0)->rulebook, "rulebook-2023.yaml"));
    govsvc_test_report_free(r);
}
END_TEST

START_TEST(bad_arguments)
{
    govsvc_test_report *r = run("nowhere", 0, GOVSVC_EIO);
    ck_assert_str_eq(govsvc_diag_list_get(govsvc_test_report_diags(r), 0)->code, "E001");
    govsvc_test_report_free(r);

    r = run("basic/tests/../rulebook.yaml/..", 0, GOVSVC_EIO);
    govsvc_test_report_free(r);

    const char *paths[1] = {dir};
    govsvc_test_options o = GOVSVC_TEST_OPTIONS_INIT;
    o.coverage_min = 101;
    ck_assert_int_eq(govsvc_test_run(&r, paths, 1, &o), GOVSVC_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(govsvc_test_run(NULL, paths, 1, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_test_run(&r, NULL, 1, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_test_report_to_text(NULL, 0, NULL, NULL), GOVSVC_EINVAL);
    govsvc_test_report_free(NULL);
    ck_assert_uint_eq(govsvc_test_report_passed(NULL), 0);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TESTS/RULETEST-DIR\n", argv[0]);
        return 2;
    }
    dir = argv[1];
    Suite *s = suite_create("ruletest");
    TCase *tc = tcase_create("ruletest");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, full_coverage);
    tcase_add_test(tc, mistakes);
    tcase_add_test(tc, partial_coverage);
    tcase_add_test(tc, no_tests);
    tcase_add_test(tc, history);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
