/*
 * test_query.c - answers: the status order of SPEC section 6, residual
 * conditions, due dates on the calendar, deadline variants, validity,
 * facts errors and deterministic JSON.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static char root[1024];
static govsvc_rulebook *rb;

static void setup(void)
{
    rb = tu_load(root, "tests/data/query.yaml");
}

static void teardown(void)
{
    govsvc_rulebook_unref(rb);
    rb = NULL;
}

static govsvc_answer *ask(const char *item, const char *date, const char *const *kv)
{
    govsvc_facts *f = tu_facts(rb, kv);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&o.date, date), 0);
    govsvc_answer *a = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_query_item(&a, rb, item, f, &o, &d);
    if (r)
        fprintf(stderr, "query: %s\n", govsvc_diag_list_get(d, 0)->message);
    ck_assert_int_eq(r, 0);
    govsvc_diag_list_free(d);
    govsvc_facts_free(f);
    return a;
}

/* Finds a material line by id; -1 when absent. */
static long find(const govsvc_answer *a, const char *id)
{
    for (size_t i = 0; i < govsvc_answer_material_count(a); i++)
        if (strcmp(govsvc_answer_material_id(a, i), id) == 0)
            return (long)i;
    return -1;
}

static void date_is(govsvc_date d, const char *want)
{
    char buf[11];
    ck_assert_int_eq(govsvc_date_format(&d, buf), 0);
    ck_assert_str_eq(buf, want);
}

static void status_is(const govsvc_answer *a, const char *id, govsvc_material_status s)
{
    long i = find(a, id);
    ck_assert_msg(i >= 0, "material %s missing", id);
    ck_assert_msg(govsvc_answer_material_status(a, (size_t)i) == s, "%s is %s, expected %s", id,
                  govsvc_status_name(govsvc_answer_material_status(a, (size_t)i)),
                  govsvc_status_name(s));
}

START_TEST(unknown_facts_give_conditional_with_residual)
{
    govsvc_answer *a = ask("T-1", "2026-02-13", NULL);
    ck_assert_uint_eq(govsvc_answer_material_count(a), 5);
    status_is(a, "application_form", GOVSVC_STATUS_REQUIRED);
    status_is(a, "business_license", GOVSVC_STATUS_CONDITIONAL);
    ck_assert_str_eq(govsvc_answer_material_condition(a, 1), "applicant.type != 'person'");
    /* credit defaults to B, no false commitment: the proof may be replaced */
    status_is(a, "no_crime_proof", GOVSVC_STATUS_COMMITMENT);
    govsvc_date d;
    ck_assert_int_eq(govsvc_answer_material_verify_due(a, 2, &d), 1);
    date_is(d, "2026-03-19");
    status_is(a, "floor_plan", GOVSVC_STATUS_CONDITIONAL);
    ck_assert_str_eq(govsvc_answer_material_condition(a, 3),
                     "applicant.type != 'person' and premises.area >= 300");
    ck_assert_uint_eq(govsvc_answer_ask_count(a), 2);
    ck_assert_str_eq(govsvc_answer_ask_fact(a, 0), "applicant.type");
    ck_assert_str_eq(govsvc_answer_ask_fact(a, 1), "premises.area");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(residual_is_simplified_by_known_facts)
{
    static const char *const kv[] = {"applicant.type=enterprise", NULL};
    govsvc_answer *a = ask("T-1", "2026-02-13", kv);
    status_is(a, "floor_plan", GOVSVC_STATUS_CONDITIONAL);
    ck_assert_str_eq(govsvc_answer_material_condition(a, (size_t)find(a, "floor_plan")),
                     "premises.area >= 300");
    ck_assert_int_eq(find(a, "id_card"), -1); /* `when` false: left out */
    /* shared.license unknown: the stricter status, and the fact to ask */
    status_is(a, "business_license", GOVSVC_STATUS_REQUIRED);
    ck_assert_str_eq(govsvc_answer_ask_fact(a, 0), "shared.license");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(each_status_in_order)
{
    static const char *const kv[] = {"applicant.type=enterprise", "premises.area=450",
                                     "shared.license=true", "applicant.credit=A", NULL};
    govsvc_answer *a = ask("T-1", "2026-02-13", kv);
    ck_assert_uint_eq(govsvc_answer_material_count(a), 4);
    status_is(a, "application_form", GOVSVC_STATUS_REQUIRED);
    status_is(a, "business_license", GOVSVC_STATUS_SHARED);
    status_is(a, "no_crime_proof", GOVSVC_STATUS_COMMITMENT);
    status_is(a, "floor_plan", GOVSVC_STATUS_DEFERRED);
    govsvc_date d;
    ck_assert_int_eq(govsvc_answer_material_due(a, 3, &d), 1);
    /* 5 working days from Fri 2026-02-13: Sat 02-14 (调休) is the first,
     * 02-15..23 are 春节, then 24, 25, 26, 27. */
    date_is(d, "2026-02-27");
    ck_assert_uint_eq(govsvc_answer_ask_count(a), 0);
    /* Materials keep the item's order. */
    ck_assert_str_eq(govsvc_answer_material_id(a, 0), "application_form");
    ck_assert_str_eq(govsvc_answer_material_id(a, 3), "floor_plan");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(credit_d_blocks_commitment_and_deferral)
{
    static const char *const kv[] = {"applicant.type=enterprise", "premises.area=450",
                                     "applicant.credit=D", NULL};
    govsvc_answer *a = ask("T-1", "2026-02-13", kv);
    status_is(a, "no_crime_proof", GOVSVC_STATUS_REQUIRED);
    status_is(a, "floor_plan", GOVSVC_STATUS_REQUIRED);
    ck_assert_int_eq(govsvc_answer_material_verify_due(a, (size_t)find(a, "no_crime_proof"), NULL),
                     0);
    govsvc_answer_free(a);
    static const char *const kv2[] = {"applicant.false_commitment=true", NULL};
    a = ask("T-1", "2026-02-13", kv2);
    status_is(a, "no_crime_proof", GOVSVC_STATUS_REQUIRED);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(item_forbids_commitment)
{
    govsvc_answer *a = ask("T-2", "2026-02-13", NULL);
    status_is(a, "no_crime_proof", GOVSVC_STATUS_REQUIRED);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(deadlines_across_spring_festival)
{
    static const char *const kv[] = {"applicant.type=person", NULL};
    govsvc_answer *a = ask("T-1", "2026-02-13", kv);
    govsvc_date d;
    const char *dur;
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &d, &dur), 1);
    date_is(d, "2026-03-02");
    ck_assert_str_eq(dur, "7 working days");
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_STATUTORY, &d, &dur), 1);
    date_is(d, "2026-03-19");
    ck_assert_uint_eq(govsvc_answer_special_count(a), 1);
    ck_assert_str_eq(govsvc_answer_special_name(a, 0), "现场检查");
    ck_assert_str_eq(govsvc_answer_special_max(a, 0), "10 working days");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(deadline_variants)
{
    govsvc_answer *a = ask("T-2", "2026-02-13", NULL);
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, NULL, NULL), 0);
    ck_assert_str_eq(govsvc_answer_deadline_condition(a), "premises.area >= 1000");
    ck_assert_str_eq(govsvc_answer_ask_fact(a, 0), "premises.area");
    govsvc_answer_free(a);
    static const char *const big[] = {"premises.area=1200", NULL};
    a = ask("T-2", "2026-02-13", big);
    const char *dur;
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, NULL, &dur), 1);
    ck_assert_str_eq(dur, "10 working days");
    govsvc_answer_free(a);
    static const char *const small[] = {"premises.area=12.5", NULL};
    a = ask("T-2", "2026-02-13", small);
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, NULL, &dur), 1);
    ck_assert_str_eq(dur, "3 working days"); /* written 3个工作日 */
    ck_assert_ptr_null(govsvc_answer_deadline_condition(a));
    govsvc_answer_free(a);
}
END_TEST

START_TEST(natural_days_and_validity)
{
    /* 10 natural days from 2024-09-05 end on Sun 09-15 (中秋), moved past
     * 09-16 and 09-17 to the next working day. */
    govsvc_answer *a = ask("T-3", "2024-09-05", NULL);
    govsvc_date d;
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_STATUTORY, &d, NULL), 1);
    date_is(d, "2024-09-18");
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &d, NULL), 1);
    date_is(d, "2024-09-05");
    govsvc_answer_free(a);

    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&o.date, "2025-01-02");
    govsvc_diag_list *diags = NULL;
    ck_assert_int_eq(govsvc_query_item(&a, rb, "T-3", NULL, &o, &diags), GOVSVC_ENOTFOUND);
    ck_assert_ptr_null(a);
    ck_assert_str_eq(govsvc_diag_list_get(diags, 0)->code, "E073");
    govsvc_diag_list_free(diags);
}
END_TEST

START_TEST(count_past_calendar_is_error)
{
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&o.date, "2026-12-20");
    govsvc_answer *a = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_query_item(&a, rb, "T-1", NULL, &o, &d), GOVSVC_ERANGE);
    ck_assert_ptr_null(a);
    const govsvc_diag *g = govsvc_diag_list_get(d, 0);
    ck_assert_str_eq(g->code, "E071");
    ck_assert_ptr_nonnull(strstr(g->message, "ends on 2026-12-31"));
    govsvc_diag_list_free(d);
}
END_TEST

START_TEST(unknown_item)
{
    govsvc_answer *a = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_query_item(&a, rb, "T-9", NULL, NULL, &d), GOVSVC_ENOTFOUND);
    const govsvc_diag *g = govsvc_diag_list_get(d, 0);
    ck_assert_str_eq(g->code, "E070");
    ck_assert_str_eq(g->hint, "did you mean 'T-1'?");
    govsvc_diag_list_free(d);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date.year = 2026, o.date.month = 2, o.date.day = 30;
    ck_assert_int_eq(govsvc_query_item(&a, rb, "T-1", NULL, &o, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_query_item(NULL, rb, "T-1", NULL, &o, NULL), GOVSVC_EINVAL);
}
END_TEST

START_TEST(json_is_deterministic)
{
    static const char *const kv[] = {"applicant.type=enterprise", NULL};
    char *j1, *j2;
    size_t l1, l2;
    govsvc_answer *a = ask("T-1", "2026-02-13", kv);
    ck_assert_int_eq(govsvc_answer_to_json(a, &j1, &l1), 0);
    govsvc_answer_free(a);
    a = ask("T-1", "2026-02-13", kv);
    ck_assert_int_eq(govsvc_answer_to_json(a, &j2, &l2), 0);
    govsvc_answer_free(a);
    ck_assert_uint_eq(l1, l2);
    ck_assert_mem_eq(j1, j2, l1);
    ck_assert_ptr_nonnull(strstr(j1, "\"schema\": \"govsvc.answer/1\""));
    ck_assert_ptr_nonnull(strstr(j1, "\"digest\": \"sha256:"));
    ck_assert_ptr_nonnull(strstr(j1, "\"status\": \"conditional\", \"condition\": "
                                     "\"premises.area >= 300\""));
    ck_assert_uint_eq(strlen(j1), l1);
    govsvc_free(j1);
    govsvc_free(j2);
}
END_TEST

/* Each bad value names the fact and the expected form, with its code. */
START_TEST(fact_errors)
{
    static const struct {
        const char *name, *text, *code, *needle;
    } rows[] = {
        {"applicant.colour", "blue", "E060", "not declared"},
        {"applicant.type", "company", "E063", "one of person, enterprise"},
        {"applicant.age", "200", "E062", "from 0 to 150"},
        {"applicant.age", "3.5", "E061", "whole number"},
        {"applicant.age", "", "E061", "whole number"},
        {"premises.area", "-1", "E062", "at least 0"},
        {"premises.area", "big", "E061", "a number"},
        {"premises.area", "nan", "E061", "a number"},
        {"applicant.region", "23010", "E064", "^[0-9]{6}$"},
        {"shared.license", "yes", "E061", "true or false"},
        {"application.birth", "2026-02-30", "E061", "YYYY-MM-DD"},
        {"application.birth", "26-2-3", "E061", "YYYY-MM-DD"},
    };
    govsvc_facts *f;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_int_eq(govsvc_facts_set_text(f, rows[i].name, rows[i].text), GOVSVC_EFACT);
        const govsvc_diag *g = govsvc_facts_last_error(f);
        ck_assert_ptr_nonnull(g);
        ck_assert_msg(strcmp(g->code, rows[i].code) == 0, "%s=%s: %s", rows[i].name,
                      rows[i].text, g->code);
        ck_assert_str_eq(g->fact, rows[i].name);
        ck_assert_msg(strstr(g->message, rows[i].needle) != NULL, "%s", g->message);
    }
    /* typed setters refuse the wrong type */
    ck_assert_int_eq(govsvc_facts_set_int(f, "applicant.type", 3), GOVSVC_EFACT);
    ck_assert_str_eq(govsvc_facts_last_error(f)->code, "E061");
    ck_assert_int_eq(govsvc_facts_set_bool(f, "premises.area", 1), GOVSVC_EFACT);
    ck_assert_int_eq(govsvc_facts_set_number(f, "applicant.age", 2.5), GOVSVC_EFACT);
    ck_assert_int_eq(govsvc_facts_set_number(f, "applicant.age", 30), 0);
    ck_assert_int_eq(govsvc_facts_set_string(f, "applicant.region", "230100"), 0);
    govsvc_date bad = {2026, 2, 30};
    ck_assert_int_eq(govsvc_facts_set_date(f, "application.birth", bad), GOVSVC_EFACT);
    ck_assert_int_eq(govsvc_facts_set_string(f, "applicant.type", NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_facts_unset(f, "applicant.region"), 0);
    ck_assert_int_eq(govsvc_facts_type(f, "applicant.age"), GOVSVC_FACT_INT);
    ck_assert_int_eq(govsvc_facts_type(f, "nope"), 0);
    govsvc_facts_free(f);
}
END_TEST

START_TEST(facts_from_files)
{
    char path[1200];
    govsvc_facts *f;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    snprintf(path, sizeof path, "%s/tests/data/facts-good.json", root);
    ck_assert_int_eq(govsvc_facts_set_from_file(f, path, NULL), 0);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&o.date, "2026-02-13");
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_query_item(&a, rb, "T-1", f, &o, NULL), 0);
    status_is(a, "business_license", GOVSVC_STATUS_SHARED);
    status_is(a, "floor_plan", GOVSVC_STATUS_DEFERRED);
    govsvc_answer_free(a);
    govsvc_facts_free(f);

    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    snprintf(path, sizeof path, "%s/tests/data/facts-bad.yaml", root);
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_facts_set_from_file(f, path, &d), GOVSVC_EFACT);
    /* Every bad entry is reported, with its position and fact. */
    static const struct {
        const char *code, *fact;
        unsigned line, col;
    } want[] = {{"E063", "applicant.credit", 2, 19},
                {"E061", "premises.area", 3, 16},
                {"E060", "applicant.colour", 4, 1},
                {"E062", "applicant.age", 5, 16}};
    ck_assert_uint_eq(govsvc_diag_list_count(d), 4);
    for (size_t i = 0; i < 4; i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, i);
        ck_assert_str_eq(g->code, want[i].code);
        ck_assert_str_eq(g->fact, want[i].fact);
        ck_assert_uint_eq(g->line, want[i].line);
        ck_assert_uint_eq(g->column, want[i].col);
    }
    ck_assert_int_eq(govsvc_facts_type(f, "applicant.type"), GOVSVC_FACT_ENUM);
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_facts_set_from_file(f, "/nonexistent.yaml", &d), GOVSVC_EIO);
    govsvc_diag_list_free(d);
    govsvc_facts_free(f);
}
END_TEST

START_TEST(rulebook_accessors)
{
    ck_assert_str_eq(govsvc_rulebook_id(rb), "test-query");
    ck_assert_str_eq(govsvc_rulebook_version(rb), "t1");
    ck_assert_uint_eq(strlen(govsvc_rulebook_digest(rb)), 7 + 64);
    ck_assert_uint_eq(govsvc_rulebook_item_count(rb), 3);
    ck_assert_str_eq(govsvc_rulebook_item_code(rb, 1), "T-2");
    ck_assert_ptr_null(govsvc_rulebook_item_code(rb, 3));
    ck_assert_str_eq(govsvc_rulebook_fact_name(rb, 0), "applicant.type");
    govsvc_date e = govsvc_rulebook_effective(rb);
    date_is(e, "2023-01-01");
    ck_assert_str_eq(govsvc_version(), GOVSVC_VERSION_STRING);
    ck_assert_ptr_nonnull(govsvc_rulebook_calendar(rb));
}
END_TEST

/* Many threads share one rulebook and one facts set; every answer is the
 * same bytes. */
static void *worker(void *arg)
{
    const char *expected = arg;
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&o.date, "2026-02-13");
    for (int i = 0; i < 300; i++) {
        govsvc_answer *a;
        char *j;
        if (govsvc_query_item(&a, rb, "T-1", NULL, &o, NULL) != 0)
            return (void *)1;
        int bad = govsvc_answer_to_json(a, &j, NULL) != 0 || strcmp(j, expected) != 0;
        govsvc_free(j);
        govsvc_answer_free(a);
        if (bad)
            return (void *)1;
    }
    return NULL;
}

START_TEST(threads_share_a_rulebook)
{
    govsvc_answer *a = ask("T-1", "2026-02-13", NULL);
    char *expected;
    ck_assert_int_eq(govsvc_answer_to_json(a, &expected, NULL), 0);
    govsvc_answer_free(a);
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, worker, expected), 0);
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(t[i], &r);
        ck_assert_ptr_null(r);
    }
    govsvc_free(expected);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("query");
    TCase *tc = tcase_create("query");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, unknown_facts_give_conditional_with_residual);
    tcase_add_test(tc, residual_is_simplified_by_known_facts);
    tcase_add_test(tc, each_status_in_order);
    tcase_add_test(tc, credit_d_blocks_commitment_and_deferral);
    tcase_add_test(tc, item_forbids_commitment);
    tcase_add_test(tc, deadlines_across_spring_festival);
    tcase_add_test(tc, deadline_variants);
    tcase_add_test(tc, natural_days_and_validity);
    tcase_add_test(tc, count_past_calendar_is_error);
    tcase_add_test(tc, unknown_item);
    tcase_add_test(tc, json_is_deterministic);
    tcase_add_test(tc, fact_errors);
    tcase_add_test(tc, facts_from_files);
    tcase_add_test(tc, rulebook_accessors);
    tcase_add_test(tc, threads_share_a_rulebook);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
