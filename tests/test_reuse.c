/*
 * test_reuse.c - the steady state of a server: one answer reused query
 * after query (govsvc_answer_new, govsvc_query_item_into) and JSON written
 * into the caller's buffer (govsvc_answer_write_json). A reused answer must
 * say exactly what a new one says, be left empty by a failure, keep its
 * rulebook alive, and, once warm, make a query allocate nothing.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static char root[1024];

/* One query of a workload: an item, facts as "name=value" strings, a date
 * and the query flags. */
typedef struct qcase {
    const char *item;
    const char *facts[8];
    const char *date;
    unsigned flags;
} qcase;

/* hlj-fire: every status, both deadline routes, unknown facts (conditional
 * lines, `ask`) and --explain; answers of different sizes one after the
 * other, so that a reused answer shrinks and grows. */
static const qcase HLJ[] = {
    {"230100-XF-002",
     {"applicant.type=enterprise", "applicant.commitment_chosen=true",
      "application.channel=window", "shared.business_license=true", "premises.area=200"},
     "2026-02-13", 0},
    {"230100-XF-001", {"applicant.type=person"}, "2025-06-30", 0},
    {"230100-XF-002", {NULL}, "2026-02-13", 0},
    {"230100-XF-003", {"applicant.type=enterprise", "project.kind=new_build"}, "2024-12-31", 0},
    {"230100-XF-002",
     {"applicant.type=individual_business", "applicant.credit=D", "premises.area=450"},
     "2026-02-13", GOVSVC_QUERY_EXPLAIN},
    {"230100-XF-001", {"applicant.type=enterprise", "project.special_fire_design=true"},
     "2026-02-13", GOVSVC_QUERY_EXPLAIN},
    {"230100-XF-002", {"applicant.commitment_chosen=true"}, "2026-02-13", 0},
};

/* tests/data/notice.yaml: a `matches` condition (pcre2) and conditions
 * sharing comparisons. */
static const qcase NOTICE[] = {
    {"N-1", {"applicant.region=230102", "applicant.type=enterprise"}, "2026-02-13", 0},
    {"N-1", {"applicant.region=110101"}, "2026-02-13", GOVSVC_QUERY_EXPLAIN},
    {"N-1", {NULL}, "2026-02-13", 0},
};

static govsvc_query_options options(const qcase *c)
{
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&o.date, c->date), 0);
    o.flags = c->flags;
    return o;
}

/* The JSON of a new answer for c (freed by the caller). */
static char *fresh_json(govsvc_rulebook *rb, const qcase *c)
{
    govsvc_facts *f = tu_facts(rb, c->facts);
    govsvc_query_options o = options(c);
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_query_item(&a, rb, c->item, f, &o, NULL), 0);
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    govsvc_answer_free(a);
    govsvc_facts_free(f);
    return json;
}

START_TEST(empty_answer)
{
    govsvc_answer *a = NULL;
    ck_assert_int_eq(govsvc_answer_new(NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(govsvc_answer_material_count(a), 0);
    ck_assert_ptr_null(govsvc_answer_item_code(a));
    ck_assert_ptr_null(govsvc_answer_item_name(a));
    ck_assert_uint_eq(govsvc_answer_ask_count(a), 0);
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, NULL, NULL), 0);
    char *s = (char *)1;
    ck_assert_int_eq(govsvc_answer_to_json(a, &s, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(s);
    s = (char *)1;
    ck_assert_int_eq(govsvc_answer_to_text(a, &s, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(s);
    char buf[64];
    size_t len = 7;
    ck_assert_int_eq(govsvc_answer_write_json(a, buf, sizeof buf, &len), GOVSVC_EINVAL);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(govsvc_query_item_into(NULL, NULL, "x", NULL, NULL, NULL), GOVSVC_EINVAL);
    govsvc_answer_free(a);
}
END_TEST

/* A single answer reused across a workload gives, byte for byte, the JSON
 * of a new answer per query, also when written into a buffer. */
static void same_as_new(const char *rel, const qcase *cases, size_t n)
{
    govsvc_rulebook *rb = tu_load(root, rel);
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    char buf[1 << 16];
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            const qcase *c = &cases[round ? n - 1 - i : i];
            char *want = fresh_json(rb, c);
            govsvc_facts *f = tu_facts(rb, c->facts);
            govsvc_query_options o = options(c);
            ck_assert_int_eq(govsvc_query_item_into(a, rb, c->item, f, &o, NULL), 0);
            ck_assert_str_eq(govsvc_answer_item_code(a), c->item);
            char *got;
            size_t len = 0, wlen = 0;
            ck_assert_int_eq(govsvc_answer_to_json(a, &got, &len), 0);
            ck_assert_str_eq(got, want);
            ck_assert_int_eq(govsvc_answer_write_json(a, buf, sizeof buf, &wlen), 0);
            ck_assert_uint_eq(wlen, len);
            ck_assert_str_eq(buf, want);
            govsvc_free(got);
            govsvc_free(want);
            govsvc_facts_free(f);
        }
    }
    govsvc_answer_free(a);
    govsvc_rulebook_unref(rb);
}

START_TEST(into_equals_new)
{
    same_as_new("rules/hlj-fire/rulebook.yaml", HLJ, sizeof HLJ / sizeof HLJ[0]);
    same_as_new("tests/data/notice.yaml", NOTICE, sizeof NOTICE / sizeof NOTICE[0]);
}
END_TEST

START_TEST(failure_leaves_answer_empty)
{
    govsvc_rulebook *rb = tu_load(root, "rules/hlj-fire/rulebook.yaml"),
                    *other = tu_load(root, "tests/data/query.yaml");
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    govsvc_facts *f = tu_facts(rb, HLJ[0].facts);
    govsvc_query_options o = options(&HLJ[0]);
    ck_assert_int_eq(govsvc_query_item_into(a, rb, HLJ[0].item, f, &o, NULL), 0);
    ck_assert_uint_gt(govsvc_answer_material_count(a), 0);

    /* An unknown item: the answer is emptied, the diagnostic says why. */
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_query_item_into(a, rb, "230100-XF-009", f, &o, &d), GOVSVC_ENOTFOUND);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E070");
    govsvc_diag_list_free(d);
    ck_assert_uint_eq(govsvc_answer_material_count(a), 0);
    ck_assert_ptr_null(govsvc_answer_item_code(a));
    char buf[256];
    ck_assert_int_eq(govsvc_answer_write_json(a, buf, sizeof buf, NULL), GOVSVC_EINVAL);

    /* An invalid date, facts of another rulebook: refused, still empty. */
    govsvc_query_options bad = o;
    bad.date.month = 13;
    ck_assert_int_eq(govsvc_query_item_into(a, rb, HLJ[0].item, f, &bad, &d), GOVSVC_EINVAL);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E072");
    govsvc_diag_list_free(d);
    ck_assert_int_eq(govsvc_query_item_into(a, other, "T-1", f, &o, &d), GOVSVC_EINVAL);
    ck_assert_ptr_null(d);
    ck_assert_uint_eq(govsvc_answer_material_count(a), 0);

    /* And usable again. */
    ck_assert_int_eq(govsvc_query_item_into(a, rb, HLJ[0].item, f, &o, &d), 0);
    ck_assert_ptr_null(d);
    ck_assert_str_eq(govsvc_answer_item_code(a), HLJ[0].item);
    govsvc_facts_free(f);
    govsvc_answer_free(a);
    govsvc_rulebook_unref(other);
    govsvc_rulebook_unref(rb);
}
END_TEST

/* The answer holds its own reference: it outlives the caller's, and moves
 * to another rulebook when asked of one. */
START_TEST(answer_keeps_its_rulebook)
{
    govsvc_rulebook *rb = tu_load(root, "rules/hlj-fire/rulebook.yaml");
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    ck_assert_int_eq(govsvc_query_item_into(a, rb, "230100-XF-001", NULL, NULL, NULL), 0);
    govsvc_rulebook_unref(rb); /* the answer's reference keeps it */
    ck_assert_str_eq(govsvc_answer_item_name(a), "特殊建设工程消防设计审查");
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"hlj-fire\""));
    govsvc_free(json);
    govsvc_rulebook *other = tu_load(root, "tests/data/query.yaml");
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&o.date, "2026-02-13");
    ck_assert_int_eq(govsvc_query_item_into(a, other, "T-1", NULL, &o, NULL), 0);
    govsvc_rulebook_unref(other);
    ck_assert_str_eq(govsvc_answer_item_code(a), "T-1");
    govsvc_answer_free(a); /* drops the last reference to `other` */
}
END_TEST

START_TEST(write_json_sizes)
{
    govsvc_rulebook *rb = tu_load(root, "rules/hlj-fire/rulebook.yaml");
    char *want = fresh_json(rb, &HLJ[0]);
    size_t n = strlen(want);
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    govsvc_facts *f = tu_facts(rb, HLJ[0].facts);
    govsvc_query_options o = options(&HLJ[0]);
    ck_assert_int_eq(govsvc_query_item_into(a, rb, HLJ[0].item, f, &o, NULL), 0);
    size_t len = 0;
    /* Asking with no buffer tells the length needed. */
    ck_assert_int_eq(govsvc_answer_write_json(a, NULL, 0, &len), GOVSVC_ELIMIT);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(govsvc_answer_write_json(a, NULL, 10, &len), GOVSVC_EINVAL);
    char *buf = malloc(n + 1);
    /* One byte short: the NUL does not fit. */
    ck_assert_int_eq(govsvc_answer_write_json(a, buf, n, &len), GOVSVC_ELIMIT);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(govsvc_answer_write_json(a, buf, 1, &len), GOVSVC_ELIMIT);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(govsvc_answer_write_json(a, buf, n + 1, &len), 0);
    ck_assert_uint_eq(len, n);
    ck_assert_str_eq(buf, want);
    free(buf);
    govsvc_free(want);
    govsvc_facts_free(f);
    govsvc_answer_free(a);
    govsvc_rulebook_unref(rb);
}
END_TEST

/* -- allocation counting ------------------------------------------------ */

/* Runs the workload into one answer and its JSON into one buffer; returns
 * the allocations made. */
static long run(govsvc_rulebook *rb, govsvc_answer *a, govsvc_facts **f, const qcase *cases,
                size_t n, char *buf, size_t size)
{
    long before = tu_alloc.calls;
    for (size_t i = 0; i < n; i++) {
        govsvc_query_options o = options(&cases[i]);
        ck_assert_int_eq(govsvc_query_item_into(a, rb, cases[i].item, f[i], &o, NULL), 0);
        ck_assert_int_eq(govsvc_answer_write_json(a, buf, size, NULL), 0);
    }
    return tu_alloc.calls - before;
}

static void steady(const char *rel, const qcase *cases, size_t n)
{
    govsvc_rulebook *rb = tu_load(root, rel);
    govsvc_facts *f[16];
    for (size_t i = 0; i < n; i++)
        f[i] = tu_facts(rb, cases[i].facts);
    govsvc_answer *a;
    ck_assert_int_eq(govsvc_answer_new(&a), 0);
    char buf[1 << 16];
    ck_assert_int_gt(run(rb, a, f, cases, n, buf, sizeof buf), 0); /* warm-up */
    ck_assert_int_eq(run(rb, a, f, cases, n, buf, sizeof buf), 0);
    ck_assert_int_eq(run(rb, a, f, cases, n, buf, sizeof buf), 0);
    /* The allocating calls still allocate (and free) as before. */
    long before = tu_alloc.calls;
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    govsvc_free(json);
    ck_assert_int_gt(tu_alloc.calls, before);
    govsvc_answer_free(a);
    for (size_t i = 0; i < n; i++)
        govsvc_facts_free(f[i]);
    govsvc_rulebook_unref(rb);
}

START_TEST(steady_state_allocates_nothing)
{
    ck_assert_int_eq(tu_alloc_install(), 0);
    steady("rules/hlj-fire/rulebook.yaml", HLJ, sizeof HLJ / sizeof HLJ[0]);
    steady("tests/data/notice.yaml", NOTICE, sizeof NOTICE / sizeof NOTICE[0]);
    ck_assert_int_eq(govsvc_set_allocator(NULL, NULL, NULL, NULL), 0);
}
END_TEST

/* -- threads sharing one rulebook --------------------------------------- */

typedef struct worker {
    govsvc_rulebook *rb;
    const qcase *cases;
    size_t n;
    char **want;
    char *buf; /* 64 KiB */
    int bad;
} worker;

static void *work(void *v)
{
    worker *w = v;
    govsvc_answer *a;
    if (govsvc_answer_new(&a) != 0) {
        w->bad = 1;
        return NULL;
    }
    char *mine = w->buf;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < w->n; i++) {
            const qcase *c = &w->cases[i];
            govsvc_facts *f;
            if (govsvc_facts_new(&f, w->rb) != 0) {
                w->bad = 1;
                continue;
            }
            w->bad |= tu_facts_set(f, c->facts) != NULL; /* no ck_assert off the test's thread */
            govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
            govsvc_date_parse(&o.date, c->date);
            o.flags = c->flags;
            w->bad |= govsvc_query_item_into(a, w->rb, c->item, f, &o, NULL) != 0 ||
                      govsvc_answer_write_json(a, mine, 1 << 16, NULL) != 0 ||
                      strcmp(mine, w->want[i]) != 0;
            govsvc_facts_free(f);
        }
    }
    govsvc_answer_free(a);
    return NULL;
}

START_TEST(threads_share_one_rulebook)
{
    govsvc_rulebook *rb = tu_load(root, "tests/data/notice.yaml");
    size_t n = sizeof NOTICE / sizeof NOTICE[0];
    char *want[8];
    for (size_t i = 0; i < n; i++)
        want[i] = fresh_json(rb, &NOTICE[i]);
    pthread_t t[4];
    worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (worker){rb, NOTICE, n, want, malloc(1 << 16), 0};
        ck_assert_ptr_nonnull(w[i].buf);
        ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(w[i].bad, 0);
        free(w[i].buf);
    }
    for (size_t i = 0; i < n; i++)
        govsvc_free(want[i]);
    govsvc_rulebook_unref(rb);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("reuse");
    TCase *tc = tcase_create("reuse");
    tcase_add_test(tc, empty_answer);
    tcase_add_test(tc, into_equals_new);
    tcase_add_test(tc, failure_leaves_answer_empty);
    tcase_add_test(tc, answer_keeps_its_rulebook);
    tcase_add_test(tc, write_json_sizes);
    tcase_add_test(tc, steady_state_allocates_nothing);
    tcase_add_test(tc, threads_share_one_rulebook);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
