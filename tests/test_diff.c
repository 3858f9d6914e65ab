/*
 * test_diff.c - the semantic diff on a hand-written pair
 * (tests/data/lifecycle/diff/old.yaml → new.yaml, every change known), the
 * situation enumeration (interval cases of numbers, sets of enum values,
 * the grouping, the cap), the shipped fire rulebook's versions, and the
 * situation engine's answers checked against govsvc_query_item() on every
 * situation of the shipped rulebooks.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_int.h"
#include "diff_cases.h"
#include "facts_int.h"
#include "govsvc.h"
#include "testutil.h"

static char root[1024];

static govsvc_diff_report *pair(size_t cap)
{
    govsvc_rulebook *a = tu_load(root, "tests/data/lifecycle/diff/old.yaml");
    govsvc_rulebook *b = tu_load(root, "tests/data/lifecycle/diff/new.yaml");
    govsvc_diff_options o = GOVSVC_DIFF_OPTIONS_INIT;
    o.max_situations = cap;
    govsvc_diff_report *d = NULL;
    ck_assert_int_eq(govsvc_diff(&d, a, b, &o, NULL), 0);
    govsvc_rulebook_unref(a); /* the report holds its own references */
    govsvc_rulebook_unref(b);
    return d;
}

static char *render(const govsvc_diff_report *d, int which)
{
    char *s = NULL;
    size_t len = 0;
    int r = which == 0   ? govsvc_diff_to_text(d, &s, &len)
            : which == 1 ? govsvc_diff_to_json(d, &s, &len)
                         : govsvc_diff_to_markdown(d, &s, &len);
    ck_assert_int_eq(r, 0);
    ck_assert_uint_eq(strlen(s), len);
    return s;
}

static void has(const char *s, const char *part)
{
    ck_assert_msg(strstr(s, part) != NULL, "missing «%s»", part);
}

START_TEST(items_and_totals)
{
    govsvc_diff_report *d = pair(0);
    /* Changed, in the new order (D-4 did not change), then the removed. */
    static const char *const codes[] = {"D-1", "D-3", "D-5", "D-6", "D-2"};
    static const char *const kinds[] = {"changed", "added", "changed", "changed", "removed"};
    ck_assert_uint_eq(govsvc_diff_item_count(d), 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(govsvc_diff_item_code(d, i), codes[i]);
        ck_assert_str_eq(govsvc_diff_item_change(d, i), kinds[i]);
    }
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_ITEMS_CHANGED), 3);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_ITEMS_ADDED), 1);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_ITEMS_REMOVED), 1);
    /* id_card removed from D-1, the licence now fetched by the hall. The
     * certificate of D-5 only changed its id. */
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_PROOFS_CANCELLED), 2);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_DAYS_SAVED), 5 + 2);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_DAYS_ADDED), 0);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_SITUATIONS), 5 + 1);
    ck_assert_int_eq(govsvc_diff_get_total(d, (govsvc_diff_total)99), 0);
    govsvc_diff_free(d);
}
END_TEST

START_TEST(written_changes)
{
    govsvc_diff_report *d = pair(0);
    char *j = render(d, 1);
    has(j, "{\"kind\": \"field\", \"field\": \"policy.commitment_eligible\", \"from\": "
           "\"applicant.credit != 'D'\", \"to\": \"applicant.credit in ['A', 'B']\"}");
    has(j, "{\"kind\": \"field\", \"field\": \"fact\", \"key\": \"application.online\", "
           "\"from\": null, \"to\": \"bool\"}");
    has(j, "{\"kind\": \"deadline\", \"field\": \"promised\", \"variant\": null, \"from\": "
           "\"10 working days\", \"to\": \"5 working days\"}");
    has(j, "{\"kind\": \"material_lines\", \"field\": \"when\", \"material\": \"plan\", "
           "\"from\": \"when premises.area >= 300\", \"to\": \"when premises.area >= 500\"}");
    has(j, "{\"kind\": \"material_catalogue\", \"field\": \"shared_when\", \"material\": "
           "\"license\", \"from\": null, \"to\": \"shared.license\"}");
    has(j, "{\"kind\": \"material_added\", \"field\": \"material\", \"material\": \"photo\", "
           "\"from\": null, \"to\": \"照片\"}");
    has(j, "{\"kind\": \"material_removed\", \"field\": \"material\", \"material\": \"id_card\"");
    has(j, "{\"kind\": \"field\", \"field\": \"name\", \"from\": \"旧名称\", \"to\": \"新名称\"}");
    has(j, "{\"kind\": \"field\", \"field\": \"reform\", \"from\": \"none\", \"to\": "
           "\"notify_commit\"}");
    has(j, "{\"kind\": \"material_renamed\", \"field\": \"id\", \"material\": \"cert\", "
           "\"from\": \"cert_old\", \"to\": \"cert\"}");
    /* The last variant of a list is the default route: variant "". */
    has(j, "{\"kind\": \"deadline\", \"field\": \"promised\", \"variant\": \"\", \"from\": "
           "\"5 working days\", \"to\": \"3 working days\"}");
    has(j, "\"totals\": {\"items_changed\": 3, \"items_added\": 1, \"items_removed\": 1, "
           "\"proofs_cancelled\": 2, \"days_saved\": 7, \"days_added\": 0, \"situations\": 6}");
    govsvc_free(j);
    govsvc_diff_free(d);
}
END_TEST

/* The heart: which applicants' answers changed, each group shown by the
 * facts that matter to it. */
START_TEST(situations_enumerated_and_grouped)
{
    govsvc_diff_report *d = pair(0);
    ck_assert_uint_eq(govsvc_diff_item_situation_count(d, 0), 5);
    char *t = render(d, 0);
    /* premises.area: 299, 300, 301, 500, 501, unknown (6 cases: below,
     * at, between and above the literals 300 and 500); applicant.type:
     * the named enterprise and individual, person standing for the values
     * no condition names, unknown (4); shared.license: false, true (2). */
    has(t, "答复变化的情形（5 类，比较了 48 种组合）");
    has(t, "1. 所有情形（48 种组合）：身份证 需提交 → 不需要；照片 不需要 → 需提交；"
           "承诺办结时限 10 → 5 个工作日");
    /* Interval reasoning: [300, 500) lost the plan; 300 and 301 stand for it. */
    has(t, "2. premises.area = 300（16 种组合）：平面图 需提交 → 不需要");
    /* Sets on enums: 'individual' joined the licence's condition. */
    has(t, "applicant.type = 'enterprise', shared.license = true（6 种组合）：营业执照 需提交 → "
           "免提交");
    has(t, "applicant.type = 'individual', shared.license = false（6 种组合）：营业执照 不需要 → "
           "需提交");
    /* Only the default route of D-6 changed: below the variant's 1000. */
    has(t, "premises.area = 999（1 种组合）：承诺办结时限 5 → 3 个工作日");
    /* D-5's certificate only changed its id: the same material, no change. */
    ck_assert_ptr_null(strstr(t, "资格证明 需提交 → 不需要"));
    govsvc_free(t);
    char *j = render(d, 1);
    has(j, "\"situations\": {\"combinations\": 48, \"enumerated\": 48, \"capped\": false");
    has(j, "{\"facts\": {\"premises.area\": 300}, \"combinations\": 16, \"materials\": "
           "[{\"id\": \"plan\", \"name\": \"平面图\", \"from\": \"required\", \"to\": null}]}");
    has(j, "{\"facts\": {}, \"combinations\": 48, \"materials\": [{\"id\": \"id_card\"");
    has(j, "\"deadline\": {\"from\": {\"promised\": \"10 working days\", \"statutory\": "
           "\"20 working days\"}, \"to\": {\"promised\": \"5 working days\", \"statutory\": "
           "\"20 working days\"}}");
    govsvc_free(j);
    govsvc_diff_free(d);
}
END_TEST

START_TEST(cap_is_reported)
{
    govsvc_diff_report *d = pair(10);
    char *j = render(d, 1);
    has(j, "\"situations\": {\"combinations\": 48, \"enumerated\": 10, \"capped\": true");
    govsvc_free(j);
    char *t = render(d, 0);
    has(t, "答复变化的情形（5 类，组合共 48 种，超过上限，只比较了前 10 种）");
    govsvc_free(t);
    govsvc_diff_free(d);
}
END_TEST

START_TEST(markdown_tables)
{
    govsvc_diff_report *d = pair(0);
    char *m = render(d, 2);
    has(m, "# 规则比较：test-diff 1 → test-diff 2\n");
    has(m, "| 事项 | 变化 | 承诺办结时限 | 法定办结时限 | 材料 | 答复变化的情形 |\n"
           "|---|---|---|---|---|---|\n"
           "| D-1 改了很多的事项 | 变更 | 10 → 5 个工作日 | — | 新增 1，删除 1，调整 3 | 5 |\n");
    has(m, "| D-6 分情形的事项 | 变更 | 5 → 3 个工作日（其他情形） | — | — | 1 |\n");
    has(m, "| 2 | `premises.area = 300` | 16 | 平面图 需提交 → 不需要 |\n");
    has(m, "| 取消证明材料 | 2 |\n| 压缩承诺办结时限（工作日） | 7 |\n");
    /* A '|' in a cell is escaped, so the table keeps its columns. */
    ck_assert_ptr_null(strstr(m, "when premises.area >= 300 |"));
    govsvc_free(m);
    govsvc_diff_free(d);
}
END_TEST

START_TEST(unchanged_and_errors)
{
    govsvc_rulebook *a = tu_load(root, "tests/data/lifecycle/diff/old.yaml");
    govsvc_diff_report *d = NULL;
    ck_assert_int_eq(govsvc_diff(&d, a, a, NULL, NULL), 0);
    ck_assert_uint_eq(govsvc_diff_item_count(d), 0);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_SITUATIONS), 0);
    char *t = render(d, 0);
    has(t, "事项：无变化");
    govsvc_free(t);
    govsvc_diff_free(d);
    ck_assert_int_eq(govsvc_diff(&d, a, NULL, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_diff(NULL, a, a, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_diff_to_json(NULL, &t, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(govsvc_diff_item_code(NULL, 0));
    govsvc_diff_free(NULL);
    govsvc_rulebook_unref(a);
}
END_TEST

/* The shipped fire rulebook's versions (seed 000): 20 → 7 → 3. */
START_TEST(fire_versions)
{
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/rules/hlj-fire", root);
    govsvc_history *h = NULL;
    ck_assert_int_eq(govsvc_history_load(&h, dir, NULL, NULL), 0);
    ck_assert_uint_eq(govsvc_history_count(h), 3);
    govsvc_diff_report *d = NULL;
    ck_assert_int_eq(govsvc_diff(&d, govsvc_history_find(h, "2022.1"),
                                 govsvc_history_find(h, "2023.1"), NULL, NULL),
                     0);
    char *t = render(d, 0);
    has(t, "[变更] 230100-XF-001 特殊建设工程消防设计审查\n"
           "  承诺办结时限：20 → 7 个工作日（原未作承诺，按法定时限）\n");
    has(t, "承诺办结时限（其他情形）：13 → 5 个工作日");
    /* 13 + 8 + 13 + 13 working days. */
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_DAYS_SAVED), 47);
    govsvc_free(t);
    char *j = render(d, 1);
    has(j, "\"from\": \"20 working days\", \"to\": \"7 working days\", \"from_statutory\": true");
    govsvc_free(j);
    govsvc_diff_free(d);
    ck_assert_int_eq(govsvc_diff(&d, govsvc_history_find(h, "2023.1"),
                                 govsvc_history_find(h, "2023.2"), NULL, NULL),
                     0);
    ck_assert_int_eq(govsvc_diff_get_total(d, GOVSVC_DIFF_DAYS_SAVED), 4 + 2 + 2);
    govsvc_diff_free(d);
    govsvc_history_free(h);
}
END_TEST

/* -- the situation engine agrees with the query --------------------------- */

static int rank(int st)
{
    return gs_status_rank(st);
}

/* Every situation of every item of rb: the dateless answer of
 * diff_cases.c against govsvc_query_item() with the same facts. */
static size_t cross_check(const char *rel)
{
    govsvc_rulebook *rb = tu_load(root, rel);
    size_t checked = 0;
    for (uint32_t i = 0; i < rb->nitems; i++) {
        const gs_item *it = &rb->items[i];
        gs_arena a;
        gs_arena_init(&a);
        gs_cmp c;
        gs_outcome o;
        ck_assert_int_eq(gs_cmp_init(&c, &a, rb, it, rb, it, 1, 4096), 0);
        ck_assert_int_eq(gs_outcome_init(&c, &o), 0);
        /* A day the item is valid and the calendar covers. */
        gs_day day = gs_day_from_ymd(2026, 3, 2);
        if (day > it->valid_until)
            day = it->valid_until - 30;
        if (day < it->valid_from)
            day = it->valid_from;
        govsvc_query_options qo = GOVSVC_QUERY_OPTIONS_INIT;
        gs_ymd_from_day(day, &qo.date.year, &qo.date.month, &qo.date.day);
        govsvc_facts *f;
        ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
        for (size_t k = 0; k < c.count; k++) {
            gs_cmp_select(&c, k);
            gs_cmp_eval(&c, 0, &o);
            memcpy(f->vals, c.vals[0], rb->schema.count * sizeof *f->vals);
            govsvc_answer *ans = NULL;
            ck_assert_int_eq(govsvc_query_item(&ans, rb, it->code, f, &qo, NULL), 0);
            /* Per material, the strictest of its lines. */
            for (uint32_t u = 0; u < c.nmats; u++) {
                int want = GS_OUT_ABSENT;
                for (uint32_t m = 0; m < ans->nmats; m++)
                    if (strcmp(ans->mats[m].mat->id, c.mat_ids[u]) == 0 &&
                        rank(ans->mats[m].status) > rank(want))
                        want = ans->mats[m].status;
                ck_assert_msg(want == o.status[u], "%s %s combination %zu: query %d, cases %d",
                              rel, it->code, k, want, o.status[u]);
            }
            if (o.deadline_unknown)
                ck_assert_ptr_nonnull(ans->deadline_condition);
            else
                ck_assert_ptr_eq(ans->deadline, o.deadline);
            govsvc_answer_free(ans);
            checked++;
        }
        govsvc_facts_free(f);
        gs_arena_free(&a);
    }
    govsvc_rulebook_unref(rb);
    return checked;
}

START_TEST(engine_agrees_with_query)
{
    ck_assert_uint_gt(cross_check("rules/hlj-fire/rulebook.yaml"), 600);
    ck_assert_uint_gt(cross_check("tests/data/query.yaml"), 10);
    ck_assert_uint_gt(cross_check("tests/data/lifecycle/diff/new.yaml"), 30);
    ck_assert_uint_gt(cross_check("tests/data/lifecycle/overlay/county/rulebook.yaml"), 10);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("diff");
    TCase *tc = tcase_create("diff");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, items_and_totals);
    tcase_add_test(tc, written_changes);
    tcase_add_test(tc, situations_enumerated_and_grouped);
    tcase_add_test(tc, cap_is_reported);
    tcase_add_test(tc, markdown_tables);
    tcase_add_test(tc, unchanged_and_errors);
    tcase_add_test(tc, fire_versions);
    tcase_add_test(tc, engine_agrees_with_query);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
