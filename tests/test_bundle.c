/*
 * test_bundle.c - bundle answers (一件事一次办, SPEC section 7): each
 * material once in first-seen order with the items needing it, the
 * strictest status winning, the bundle's own deadline or its items'
 * combined, and the errors (unknown bundle, events, an item not valid).
 * Unknown and duplicate items in a bundle are loader errors, covered by
 * tests/bad/case-bundle.yaml.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static char root[1024];
static govsvc_rulebook *rb;

static void setup(void)
{
    rb = tu_load(root, "tests/data/lifecycle/bundle.yaml");
}

static void teardown(void)
{
    govsvc_rulebook_unref(rb);
    rb = NULL;
}

static govsvc_answer *bundle(const char *code, const char *const *kv, int expect)
{
    govsvc_facts *f = tu_facts(rb, kv);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&o.date, "2026-02-10"), 0);
    govsvc_answer *a = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_query_bundle(&a, rb, code, f, &o, &d);
    if (r != expect && d)
        fprintf(stderr, "%s\n", govsvc_diag_list_get(d, 0)->message);
    ck_assert_int_eq(r, expect);
    govsvc_diag_list_free(d);
    govsvc_facts_free(f);
    return a;
}

static void date_is(govsvc_date d, const char *want)
{
    char buf[11];
    ck_assert_int_eq(govsvc_date_format(&d, buf), 0);
    ck_assert_str_eq(buf, want);
}

/* Material i: its id, status and the items needing it ("A,B"). */
static void line_is(const govsvc_answer *a, size_t i, const char *id, govsvc_material_status st,
                    const char *items)
{
    ck_assert_str_eq(govsvc_answer_material_id(a, i), id);
    ck_assert_msg(govsvc_answer_material_status(a, i) == st, "%s is %s, expected %s", id,
                  govsvc_status_name(govsvc_answer_material_status(a, i)),
                  govsvc_status_name(st));
    char got[64] = "";
    for (size_t k = 0; k < govsvc_answer_material_item_count(a, i); k++) {
        strcat(got, k ? "," : "");
        strcat(got, govsvc_answer_material_item(a, i, k));
    }
    ck_assert_str_eq(got, items);
}

static const char *const PERSON[] = {"applicant.type=person", "premises.area=450", NULL};

START_TEST(each_material_once_in_first_seen_order)
{
    govsvc_answer *a = bundle("OWN", PERSON, 0);
    ck_assert_str_eq(govsvc_answer_bundle_code(a), "OWN");
    ck_assert_ptr_null(govsvc_answer_item_code(a));
    ck_assert_uint_eq(govsvc_answer_bundle_item_count(a), 3);
    ck_assert_str_eq(govsvc_answer_bundle_item_code(a, 2), "C");
    ck_assert_uint_eq(govsvc_answer_material_count(a), 6);
    line_is(a, 0, "form_a", GOVSVC_STATUS_REQUIRED, "A");
    line_is(a, 1, "license", GOVSVC_STATUS_REQUIRED, "A,B,C");
    line_is(a, 5, "form_b", GOVSVC_STATUS_REQUIRED, "B");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(strictest_status_wins)
{
    govsvc_answer *a = bundle("OWN", PERSON, 0);
    /* A lets a commitment replace the lease; B forbids commitments: required. */
    line_is(a, 2, "lease", GOVSVC_STATUS_REQUIRED, "A,B");
    ck_assert_int_eq(govsvc_answer_material_verify_due(a, 2, NULL), 0);
    /* Both defer the plan: the earlier date (B: 2 working days) and the
     * larger number of copies (B: 3) hold. */
    line_is(a, 3, "plan", GOVSVC_STATUS_DEFERRED, "A,B");
    govsvc_date due;
    ck_assert_int_eq(govsvc_answer_material_due(a, 3, &due), 1);
    date_is(due, "2026-02-12");
    ck_assert_uint_eq(govsvc_answer_material_copies(a, 3), 3);
    line_is(a, 4, "id_card", GOVSVC_STATUS_REQUIRED, "A,B");
    /* Each item's own answer stays readable. */
    const govsvc_answer *pa = govsvc_answer_bundle_part(a, 0);
    ck_assert_str_eq(govsvc_answer_item_code(pa), "A");
    ck_assert_int_eq(govsvc_answer_material_status(pa, 2), GOVSVC_STATUS_COMMITMENT);
    ck_assert_ptr_null(govsvc_answer_bundle_part(a, 3));
    govsvc_answer_free(a);
}
END_TEST

START_TEST(shared_only_when_every_item_fetches_it)
{
    static const char *const kv[] = {"applicant.type=enterprise", "premises.area=10",
                                     "shared.license=true", "applicant.credit=D", NULL};
    govsvc_answer *a = bundle("PAR", kv, 0);
    /* C is first in PAR: its license leads the list. */
    line_is(a, 0, "license", GOVSVC_STATUS_SHARED, "C,A,B");
    /* Credit D: no commitment, no deferral. */
    line_is(a, 2, "lease", GOVSVC_STATUS_REQUIRED, "A,B");
    line_is(a, 3, "plan", GOVSVC_STATUS_REQUIRED, "A,B");
    ck_assert_uint_eq(govsvc_answer_material_count(a), 5); /* no id_card */
    govsvc_answer_free(a);
}
END_TEST

START_TEST(conditional_lines_join_with_or)
{
    govsvc_answer *a = bundle("OWN", NULL, 0);
    line_is(a, 4, "id_card", GOVSVC_STATUS_CONDITIONAL, "A,B");
    ck_assert_str_eq(govsvc_answer_material_condition(a, 4),
                     "applicant.type == 'person' or premises.area >= 300");
    ck_assert_uint_eq(govsvc_answer_ask_count(a), 2);
    govsvc_answer_free(a);
    /* A requires it (person); B's condition is open: required wins. */
    static const char *const kv[] = {"applicant.type=person", NULL};
    a = bundle("OWN", kv, 0);
    line_is(a, 4, "id_card", GOVSVC_STATUS_REQUIRED, "A,B");
    govsvc_answer_free(a);
}
END_TEST

static void promised_is(const govsvc_answer *a, const char *due, const char *duration)
{
    govsvc_date d;
    const char *text;
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &d, &text), 1);
    date_is(d, due);
    ck_assert_str_eq(text, duration);
}

START_TEST(deadline_own_parallel_serial)
{
    govsvc_answer *a = bundle("OWN", PERSON, 0);
    promised_is(a, "2026-02-11", "1 working day");
    govsvc_answer_free(a);
    /* Parallel: the last item's end (B: 5 working days across 春节). */
    a = bundle("PAR", PERSON, 0);
    promised_is(a, "2026-02-24", "5 working days");
    govsvc_answer_free(a);
    /* Serial: A's 3 working days, then B's 5 from A's end. */
    a = bundle("SER", PERSON, 0);
    promised_is(a, "2026-02-27", "8 working days");
    govsvc_answer_free(a);
    /* Neither written: parallel. */
    a = bundle("DEF", PERSON, 0);
    promised_is(a, "2026-02-13", "3 working days");
    govsvc_answer_free(a);
}
END_TEST

START_TEST(json_names_bundle_and_items)
{
    govsvc_answer *a = bundle("SER", PERSON, 0);
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"bundle\": {\"code\": \"SER\", \"name\": \"依次办理\", "
                                       "\"items\": [\n    {\"code\": \"A\", \"name\": \"甲事项\", "
                                       "\"deadline\": {\"promised\": {\"duration\": \"3 working "
                                       "days\", \"due\": \"2026-02-13\"}"));
    ck_assert_ptr_null(strstr(json, "\"item\":"));
    ck_assert_ptr_nonnull(strstr(json, "\"id\": \"license\""));
    ck_assert_ptr_nonnull(strstr(json, "\"items\": [\"A\", \"B\"]"));
    ck_assert_ptr_nonnull(strstr(json, "\"promised\": {\"duration\": \"8 working days\", "
                                       "\"due\": \"2026-02-27\"},\n    \"combine\": \"serial\""));
    govsvc_free(json);
    char *text;
    ck_assert_int_eq(govsvc_answer_to_text(a, &text, NULL), 0);
    ck_assert_ptr_nonnull(strstr(text, "一件事：依次办理（SER）"));
    ck_assert_ptr_nonnull(strstr(text, "事项2：乙事项（B）"));
    ck_assert_ptr_nonnull(strstr(text, "营业执照（复印件，1份） —— 需提交（用于事项1、2）"));
    ck_assert_ptr_nonnull(strstr(text, "一件事承诺办结时限：8个工作日，2026年2月27日前办结"));
    govsvc_free(text);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(errors)
{
    govsvc_answer *a = bundle("NOPE", NULL, GOVSVC_ENOTFOUND);
    ck_assert_ptr_null(a);
    /* An item of the bundle that is not valid on the date. */
    a = bundle("GONE", NULL, GOVSVC_ENOTFOUND);
    ck_assert_ptr_null(a);
    govsvc_diag_list *d = NULL;
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_query_bundle(&a, rb, "PAN", NULL, &o, &d), GOVSVC_ENOTFOUND);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E130");
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->hint, "did you mean 'PAR'?");
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_query_bundle(&a, rb, "GONE", NULL, &o, &d), GOVSVC_ENOTFOUND);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E073");
    govsvc_diag_list_free(d);
    /* Deadline events belong to one item. */
    govsvc_event ev;
    ck_assert_int_eq(govsvc_event_parse(&ev, "suspend@2026-02-12"), 0);
    o.events = &ev;
    o.nevents = 1;
    ck_assert_int_eq(govsvc_query_bundle(&a, rb, "PAR", NULL, &o, &d), GOVSVC_EINVAL);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E131");
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_query_bundle(NULL, rb, "PAR", NULL, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_query_bundle(&a, NULL, "PAR", NULL, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(govsvc_answer_bundle_code(NULL));
    ck_assert_uint_eq(govsvc_answer_material_item_count(NULL, 0), 0);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("bundle");
    TCase *tc = tcase_create("bundle");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, each_material_once_in_first_seen_order);
    tcase_add_test(tc, strictest_status_wins);
    tcase_add_test(tc, shared_only_when_every_item_fetches_it);
    tcase_add_test(tc, conditional_lines_join_with_or);
    tcase_add_test(tc, deadline_own_parallel_serial);
    tcase_add_test(tc, json_names_bundle_and_items);
    tcase_add_test(tc, errors);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
