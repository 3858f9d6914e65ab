/*
 * test_stats.c - the figures of tests/data/lifecycle/stats.yaml, counted by
 * hand: six items, four of them 行政权力 (two licences, a confirmation, a
 * filing) and two 公共服务; S-6 is no longer valid in 2025.
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
    rb = tu_load(root, "tests/data/lifecycle/stats.yaml");
}

static void teardown(void)
{
    govsvc_rulebook_unref(rb);
}

/* "license:2,confirmation:1" */
static void group_is(const govsvc_stats *s, govsvc_stats_group g, const char *want)
{
    char got[512] = "";
    for (size_t i = 0; i < govsvc_stats_group_count(s, g); i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%zu", i ? "," : "",
                 govsvc_stats_group_key(s, g, i), govsvc_stats_group_value(s, g, i));
    ck_assert_str_eq(got, want);
}

static void near(double got, double want)
{
    ck_assert_msg(got > want - 1e-9 && got < want + 1e-9, "%.10f, expected %.10f", got, want);
}

START_TEST(counts_of_every_item)
{
    govsvc_stats *s;
    ck_assert_int_eq(govsvc_stats_compute(&s, rb, NULL), 0);
    ck_assert_uint_eq(govsvc_stats_items(s), 6);
    near(govsvc_stats_get(s, GOVSVC_STATS_POWER_ITEMS), 4);
    near(govsvc_stats_get(s, GOVSVC_STATS_SERVICE_ITEMS), 2);
    group_is(s, GOVSVC_STATS_TYPE, "license:2,confirmation:1,public_service:2,filing:1");
    group_is(s, GOVSVC_STATS_LEVEL, "province:1,city:5");
    group_is(s, GOVSVC_STATS_DEPARTMENT, "甲局:3,乙局:2,丙局:1");
    group_is(s, GOVSVC_STATS_REFORM, "notify_commit:1,optimize:1,none:1,unspecified:2,filing:1");
    group_is(s, GOVSVC_STATS_HALL_REASON, "场地受限:2,涉密:1");
    near(govsvc_stats_get(s, GOVSVC_STATS_VISITS_AT_MOST_ONE), 0.8); /* 4 of 5 */
    near(govsvc_stats_get(s, GOVSVC_STATS_VISITS_ZERO), 0.4);
    near(govsvc_stats_get(s, GOVSVC_STATS_ONLINE_NONE), 0.2);
    near(govsvc_stats_get(s, GOVSVC_STATS_ONLINE_PARTIAL), 0.2);
    near(govsvc_stats_get(s, GOVSVC_STATS_ONLINE_FULL), 0.6);
    near(govsvc_stats_get(s, GOVSVC_STATS_HALL_ENTERED), 0.4);
    /* S-1 20/5, S-2 10/即办 (its default route), S-4 15/3, S-6 20/10. */
    near(govsvc_stats_get(s, GOVSVC_STATS_STATUTORY_DAYS), 16.25);
    near(govsvc_stats_get(s, GOVSVC_STATS_PROMISED_DAYS), 4.5);
    near(govsvc_stats_get(s, GOVSVC_STATS_REDUCTION), 1 - 18.0 / 65.0);
    char *json;
    ck_assert_int_eq(govsvc_stats_to_json(s, &json, NULL), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"visits\": {\"given\": 5, \"at_most_one\": 4, "
                                       "\"zero\": 2, \"share_at_most_one\": 0.8, "
                                       "\"share_zero\": 0.4}"));
    ck_assert_ptr_nonnull(strstr(json, "\"not_entered_by_reason\": [{\"reason\": \"场地受限\", "
                                       "\"items\": 2}, {\"reason\": \"涉密\", \"items\": 1}]"));
    ck_assert_ptr_nonnull(strstr(json, "\"days\": {\"items\": 4, \"statutory_average\": 16.25, "
                                       "\"promised_average\": 4.5, \"reduction\": 0.7231}"));
    govsvc_free(json);
    char *text;
    ck_assert_int_eq(govsvc_stats_to_text(s, &text, NULL), 0);
    ck_assert_ptr_nonnull(strstr(text, "行政权力事项 4 项，公共服务事项 2 项"));
    ck_assert_ptr_nonnull(strstr(text, "最多跑一次（≤1 次）4 项，占 80.0%"));
    ck_assert_ptr_nonnull(strstr(text, "  未进驻原因：场地受限 2 项"));
    govsvc_free(text);
    govsvc_stats_free(s);
}
END_TEST

START_TEST(items_valid_on_a_date)
{
    govsvc_stats_options o = GOVSVC_STATS_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&o.date, "2025-01-01"), 0);
    govsvc_stats *s;
    ck_assert_int_eq(govsvc_stats_compute(&s, rb, &o), 0);
    ck_assert_uint_eq(govsvc_stats_items(s), 5);
    group_is(s, GOVSVC_STATS_TYPE, "license:2,confirmation:1,public_service:2");
    near(govsvc_stats_get(s, GOVSVC_STATS_STATUTORY_DAYS), 15);
    near(govsvc_stats_get(s, GOVSVC_STATS_REDUCTION), 1 - 8.0 / 45.0);
    govsvc_stats_free(s);
    govsvc_date bad = {2025, 2, 30};
    o.date = bad;
    ck_assert_int_eq(govsvc_stats_compute(&s, rb, &o), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_stats_compute(&s, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_uint_eq(govsvc_stats_items(NULL), 0);
    ck_assert_ptr_null(govsvc_stats_group_key(NULL, GOVSVC_STATS_TYPE, 0));
    govsvc_stats_free(NULL);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, counts_of_every_item);
    tcase_add_test(tc, items_valid_on_a_date);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
