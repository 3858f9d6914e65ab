/*
 * test_history.c - versions by date (SPEC section 8): the version in force
 * the day before, the day of and the day after an `effective` date; items'
 * `valid` within a version; and the checks across versions (E100-E105),
 * each on a directory written here.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "govsvc.h"

static char root[1024];
static char tmp[256];

static govsvc_date day(const char *s)
{
    govsvc_date d;
    ck_assert_int_eq(govsvc_date_parse(&d, s), 0);
    return d;
}

static govsvc_history *load_fixture(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/tests/data/lifecycle/history", root);
    govsvc_history *h = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_history_load(&h, path, NULL, &d);
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++)
        fprintf(stderr, "%s\n", govsvc_diag_list_get(d, i)->message);
    govsvc_diag_list_free(d);
    ck_assert_int_eq(r, 0);
    return h;
}

static const char *version_on(const govsvc_history *h, const char *date)
{
    const govsvc_rulebook *rb = govsvc_history_select(h, day(date));
    return rb ? govsvc_rulebook_version(rb) : "(none)";
}

START_TEST(versions_ordered_by_effective)
{
    govsvc_history *h = load_fixture();
    ck_assert_uint_eq(govsvc_history_count(h), 2);
    ck_assert_str_eq(govsvc_rulebook_version(govsvc_history_get(h, 0)), "2024.1");
    ck_assert_str_eq(govsvc_rulebook_version(govsvc_history_get(h, 1)), "2025.1");
    const char *p = govsvc_history_path(h, 0);
    ck_assert_str_eq(p + strlen(p) - 8, "old.yaml");
    ck_assert_ptr_null(govsvc_history_get(h, 2));
    ck_assert_ptr_eq(govsvc_history_find(h, "2025.1"), govsvc_history_get(h, 1));
    ck_assert_ptr_null(govsvc_history_find(h, "2023.9"));
    govsvc_history_free(h);
}
END_TEST

START_TEST(version_in_force_around_effective)
{
    govsvc_history *h = load_fixture();
    static const struct {
        const char *date, *version;
    } rows[] = {
        {"2023-12-31", "(none)"}, /* before the first version */
        {"2024-01-01", "2024.1"},
        {"2025-02-28", "2024.1"}, /* the day before 2025.1 takes effect */
        {"2025-03-01", "2025.1"}, /* the day it does */
        {"2025-03-02", "2025.1"}, /* the day after */
        {"2026-12-31", "2025.1"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_msg(strcmp(version_on(h, rows[i].date), rows[i].version) == 0,
                      "%s: %s, expected %s", rows[i].date, version_on(h, rows[i].date),
                      rows[i].version);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_history_at(&rb, h, day("2023-12-31"), &d), GOVSVC_ENOTFOUND);
    ck_assert_ptr_null(rb);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E105");
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "2024-01-01"));
    govsvc_diag_list_free(d);
    govsvc_date bad = {2025, 2, 30};
    ck_assert_int_eq(govsvc_history_at(&rb, h, bad, &d), GOVSVC_EINVAL);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E072");
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_history_at(&rb, h, day("2025-03-01"), NULL), 0);
    ck_assert_str_eq(govsvc_rulebook_version(rb), "2025.1");
    govsvc_history_free(h);
}
END_TEST

/* The answer of a query on a date: that day's version, that day's items. */
static int ask(const govsvc_history *h, const char *item, const char *date, char version[16],
               char promised[11])
{
    govsvc_rulebook *rb = govsvc_history_select(h, day(date));
    ck_assert_ptr_nonnull(rb);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = day(date);
    govsvc_answer *a = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_query_item(&a, rb, item, NULL, &o, &d);
    if (r == GOVSVC_ENOTFOUND)
        ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E073");
    govsvc_diag_list_free(d);
    if (r == 0) {
        char *json;
        ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
        const char *v = strstr(json, "\"version\": \"");
        ck_assert_ptr_nonnull(v);
        snprintf(version, 16, "%.6s", v + 12);
        govsvc_free(json);
        govsvc_date due;
        ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &due, NULL), 1);
        ck_assert_int_eq(govsvc_date_format(&due, promised), 0);
    }
    govsvc_answer_free(a);
    return r;
}

START_TEST(answers_name_the_version_and_items_follow_valid)
{
    govsvc_history *h = load_fixture();
    char v[16], due[11];
    ck_assert_int_eq(ask(h, "H-1", "2025-02-28", v, due), 0);
    ck_assert_str_eq(v, "2024.1");
    ck_assert_str_eq(due, "2025-03-14"); /* 10 working days */
    ck_assert_int_eq(ask(h, "H-1", "2025-03-03", v, due), 0);
    ck_assert_str_eq(v, "2025.1");
    ck_assert_str_eq(due, "2025-03-10"); /* 5 working days */
    /* H-2 is valid until 2024-12-31, in the version still in force after. */
    ck_assert_int_eq(ask(h, "H-2", "2024-12-31", v, due), 0);
    ck_assert_int_eq(ask(h, "H-2", "2025-01-02", v, due), GOVSVC_ENOTFOUND);
    /* H-3 exists in 2025.1 from 2025-06-01 only. */
    ck_assert_int_eq(ask(h, "H-3", "2025-05-30", v, due), GOVSVC_ENOTFOUND);
    ck_assert_int_eq(ask(h, "H-3", "2025-06-03", v, due), 0);
    govsvc_history_free(h);
}
END_TEST

/* -- bad histories, written into a fresh directory ------------------------- */

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void fresh_dir(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/govsvc-history-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void remove_dir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static const char CAL[] = "calendar: {id: c, covers: {from: 2024-01-01, to: 2026-12-31}}\n";

/* A top file: rulebook header fields in `head`. */
static void version_file(const char *name, const char *head)
{
    char text[1024];
    snprintf(text, sizeof text, "govsvc: 1\nrulebook: {%s}\n%s", head, CAL);
    write_file(name, text);
}

/* Loads tmp and checks the first error: code, file suffix, line:column. */
static void expect(int status, const char *code, const char *file, unsigned line, unsigned col)
{
    govsvc_history *h = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_history_load(&h, tmp, NULL, &d), status);
    ck_assert_ptr_null(h);
    const govsvc_diag *g = govsvc_diag_list_get(d, 0);
    ck_assert_ptr_nonnull(g);
    char *s = govsvc_diag_format(g);
    fprintf(stderr, "%s\n", s);
    govsvc_free(s);
    ck_assert_str_eq(g->code, code);
    ck_assert_ptr_nonnull(g->hint);
    if (file) {
        ck_assert_ptr_nonnull(g->file);
        ck_assert_str_eq(g->file + strlen(g->file) - strlen(file), file);
        ck_assert_uint_eq(g->line, line);
        ck_assert_uint_eq(g->column, col);
    }
    govsvc_diag_list_free(d);
}

START_TEST(same_effective_twice)
{
    fresh_dir();
    version_file("a.yaml", "id: t, version: \"1\", effective: 2025-01-01");
    version_file("b.yaml", "id: t, version: \"2\", effective: 2025-01-01");
    expect(GOVSVC_ERULEBOOK, "E100", "b.yaml", 2, 44);
    remove_dir();
}
END_TEST

START_TEST(ids_differ)
{
    fresh_dir();
    version_file("a.yaml", "id: t, version: \"1\", effective: 2025-01-01");
    version_file("b.yaml", "id: u, version: \"2\", effective: 2025-06-01");
    expect(GOVSVC_ERULEBOOK, "E101", "b.yaml", 2, 16);
    remove_dir();
}
END_TEST

START_TEST(no_top_file)
{
    fresh_dir();
    write_file("items.yaml", "govsvc: 1\nitems: []\n");
    write_file("notes.txt", "rulebook: not yaml\n");
    expect(GOVSVC_ERULEBOOK, "E102", NULL, 0, 0);
    remove_dir();
}
END_TEST

START_TEST(supersedes_the_wrong_version)
{
    fresh_dir();
    version_file("a.yaml", "id: t, version: \"1\", effective: 2025-01-01");
    version_file("b.yaml", "id: t, version: \"2\", effective: 2025-06-01, supersedes: \"0\"");
    expect(GOVSVC_ERULEBOOK, "E103", "b.yaml", 2, 68);
    remove_dir();
}
END_TEST

START_TEST(version_named_twice)
{
    fresh_dir();
    version_file("a.yaml", "id: t, version: \"1\", effective: 2025-01-01");
    version_file("b.yaml", "id: t, version: \"1\", effective: 2025-06-01");
    expect(GOVSVC_ERULEBOOK, "E104", "b.yaml", 2, 28);
    remove_dir();
}
END_TEST

START_TEST(a_broken_version_and_io)
{
    fresh_dir();
    version_file("a.yaml", "id: t, version: \"1\", effective: 2025-01-01");
    version_file("b.yaml", "id: t, version: \"2\", effective: 2025-02-30");
    expect(GOVSVC_ERULEBOOK, "E023", "b.yaml", 2, 44);
    remove_dir();
    govsvc_history *h = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_history_load(&h, "/nonexistent/dir", NULL, &d), GOVSVC_EIO);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E001");
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_history_load(NULL, ".", NULL, NULL), GOVSVC_EINVAL);
    ck_assert_uint_eq(govsvc_history_count(NULL), 0);
    ck_assert_ptr_null(govsvc_history_select(NULL, day("2025-01-01")));
    govsvc_history_free(NULL);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("history");
    TCase *tc = tcase_create("history");
    tcase_add_test(tc, versions_ordered_by_effective);
    tcase_add_test(tc, version_in_force_around_effective);
    tcase_add_test(tc, answers_name_the_version_and_items_follow_valid);
    tcase_add_test(tc, same_effective_twice);
    tcase_add_test(tc, ids_differ);
    tcase_add_test(tc, no_top_file);
    tcase_add_test(tc, supersedes_the_wrong_version);
    tcase_add_test(tc, version_named_twice);
    tcase_add_test(tc, a_broken_version_and_io);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
