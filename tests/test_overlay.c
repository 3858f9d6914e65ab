/*
 * test_overlay.c - three-level overlays (SPEC section 8): a county rulebook
 * narrows a city one, which narrows a province one. Each narrowing rule
 * allowed (a shorter deadline, a dropped material, a new waiver, a display
 * override), and each stricter rule accepted once justified. The rejected
 * ones are files in tests/bad/overlay-* (test_load.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "govsvc.h"
#include "testutil.h"

static char root[1024];
static char tmp[256];

static int load(govsvc_rulebook **rb, const char *path)
{
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(rb, path, NULL, &d);
    tu_print_diags(d);
    /* An allowed narrowing says nothing at all. */
    if (r == 0)
        ck_assert_uint_eq(govsvc_diag_list_count(d), 0);
    govsvc_diag_list_free(d);
    return r;
}

static govsvc_rulebook *fixture(const char *level)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/tests/data/lifecycle/overlay/%s/rulebook.yaml", root, level);
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(load(&rb, path), 0);
    return rb;
}

/* The answer's JSON for item (or bundle) code with the facts given. */
static char *answer_json(govsvc_rulebook *rb, const char *code, int bundle,
                         const char *const *kv)
{
    govsvc_facts *f = tu_facts(rb, kv);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&o.date, "2026-03-02"), 0);
    govsvc_answer *a = NULL;
    int r = bundle ? govsvc_query_bundle(&a, rb, code, f, &o, NULL)
                   : govsvc_query_item(&a, rb, code, f, &o, NULL);
    ck_assert_int_eq(r, 0);
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    govsvc_answer_free(a);
    govsvc_facts_free(f);
    return json;
}

static void has(const char *json, const char *part)
{
    ck_assert_msg(strstr(json, part) != NULL, "missing %s in\n%s", part, json);
}

static void lacks(const char *json, const char *part)
{
    ck_assert_msg(strstr(json, part) == NULL, "unexpected %s in\n%s", part, json);
}

START_TEST(three_levels_narrow)
{
    govsvc_rulebook *county = fixture("county"), *city = fixture("city");
    govsvc_rulebook *province = fixture("province");
    /* The county's own items and its bases': P-1, P-2 (province), C-1 (city). */
    ck_assert_uint_eq(govsvc_rulebook_item_count(county), 3);
    ck_assert_str_eq(govsvc_rulebook_item_code(county, 2), "C-1");
    /* The name is the city's, the department the county's. */
    ck_assert_str_eq(govsvc_rulebook_item_name(county, 0), "市级名称");
    static const char *const kv[] = {"applicant.type=enterprise", "premises.area=450",
                                     "shared.license=true", NULL};
    char *j = answer_json(county, "P-1", 0, kv);
    has(j, "\"promised\": {\"duration\": \"5 working days\"");  /* 10 → 7 → 5 */
    has(j, "\"id\": \"license\", \"name\": \"营业执照\", \"status\": \"shared\""); /* city */
    lacks(j, "\"id\": \"plan\"");                                 /* dropped by the city */
    has(j, "\"id\": \"lease\", \"name\": \"租赁合同\", \"status\": \"deferred\""); /* county */
    has(j, "\"visits\": 1");
    has(j, "\"online\": \"full\"");
    free(j);
    /* The province alone still asks for the plan, the licence, ten days. */
    static const char *const pkv[] = {"applicant.type=enterprise", "premises.area=450", NULL};
    j = answer_json(province, "P-1", 0, pkv);
    has(j, "\"promised\": {\"duration\": \"10 working days\"");
    has(j, "\"id\": \"plan\"");
    has(j, "\"id\": \"license\", \"name\": \"营业执照\", \"status\": \"required\"");
    free(j);
    /* The justified addition, and the faster bundle. */
    j = answer_json(county, "P-2", 0, NULL);
    has(j, "\"id\": \"id_card\"");
    free(j);
    j = answer_json(county, "PB", 1, kv);
    has(j, "\"promised\": {\"duration\": \"3 working days\"");
    free(j);
    /* The calendar comes from the province; the digest covers every file. */
    ck_assert_ptr_nonnull(govsvc_rulebook_calendar(county));
    ck_assert_str_ne(govsvc_rulebook_digest(county), govsvc_rulebook_digest(city));
    ck_assert_str_eq(govsvc_rulebook_id(county), "t-county");
    govsvc_rulebook_unref(county);
    govsvc_rulebook_unref(city);
    govsvc_rulebook_unref(province);
}
END_TEST

/* -- justified: stricter rules an overlay may keep when it says why -------- */

static void write_file(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    mkdir(dir, 0700);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void fresh(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/govsvc-overlay-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void cleanup(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static const char BASE[] =
    "govsvc: 1\n"
    "rulebook: {id: base, version: \"1\", level: city, effective: 2026-01-01}\n"
    "calendar: {id: c, covers: {from: 2026-01-01, to: 2026-12-31}}\n"
    "policy:\n"
    "  commitment_eligible: \"applicant.credit != 'D'\"\n"
    "facts:\n"
    "  applicant.credit: {type: enum, values: [A, B, C, D], default: B}\n"
    "materials:\n"
    "  form: {name: 申请表}\n"
    "  lease: {name: 租赁合同, commitment: {allowed: true}}\n"
    "  id_card: {name: 身份证}\n"
    "items:\n"
    "  - code: B-1\n"
    "    name: 基础事项\n"
    "    type: license\n"
    "    deadline: {statutory: 20 working days, promised: 10 working days}\n"
    "    visits: 1\n"
    "    online: full\n"
    "    materials: [{ref: form}, {ref: lease}]\n"
    "bundles:\n"
    "  - {code: BB, name: 一件事, items: [B-1], deadline: 3 working days}\n";

static const char HEAD[] = "govsvc: 1\n"
                           "rulebook: {id: county, version: \"1\", level: county, "
                           "effective: 2026-01-01, extends: ../base/rulebook.yaml}\n";

/* Loads an overlay whose body is `body`; returns the status and the first
 * diagnostic's code. */
static int overlay(const char *body, char code[8])
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD, body);
    write_file("county/rulebook.yaml", text);
    char path[512];
    snprintf(path, sizeof path, "%s/county/rulebook.yaml", tmp);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, path, NULL, &d);
    snprintf(code, 8, "%s", d ? govsvc_diag_list_get(d, 0)->code : "");
    govsvc_diag_list_free(d);
    govsvc_rulebook_unref(rb);
    return r;
}

START_TEST(stricter_rules_pass_when_justified)
{
    static const struct {
        const char *stricter, *justified, *code;
    } rows[] = {
        {"items:\n  - code: B-1\n    deadline: {statutory: 20 working days, promised: 12 "
         "working days}\n",
         "items:\n  - code: B-1\n    deadline: {statutory: 20 working days, promised: 12 "
         "working days, justification: 需现场勘验}\n",
         "E113"},
        {"items:\n  - code: B-1\n    materials: [{ref: form}, {ref: lease}, {ref: id_card}]\n",
         "items:\n  - code: B-1\n    materials: [{ref: form}, {ref: lease}, {ref: id_card, "
         "justification: 县级要求}]\n",
         "E114"},
        {"materials:\n  lease: {commitment: {allowed: false}}\n",
         "materials:\n  lease: {commitment: {allowed: false}, justification: 本县不适用告知承诺}\n",
         "E114"},
        {"policy:\n  commitment_eligible: \"applicant.credit == 'A'\"\n",
         "policy:\n  commitment_eligible: \"applicant.credit == 'A'\"\n  justification: 从严\n",
         "E114"},
        {"items:\n  - code: B-1\n    visits: 2\n",
         "items:\n  - code: B-1\n    visits: 2\n    justification: 需两次到场\n", "E115"},
        {"bundles:\n  - {code: BB, deadline: 5 working days}\n",
         "bundles:\n  - {code: BB, deadline: 5 working days, justification: 跨部门}\n", "E118"},
    };
    fresh();
    write_file("base/rulebook.yaml", BASE);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char code[8];
        ck_assert_int_eq(overlay(rows[i].stricter, code), GOVSVC_ERULEBOOK);
        ck_assert_str_eq(code, rows[i].code);
        ck_assert_msg(overlay(rows[i].justified, code) == 0, "row %zu: %s", i, code);
    }
    /* Allowed without a word: narrower in every way at once. */
    char code[8];
    ck_assert_int_eq(overlay("items:\n  - code: B-1\n    name: 县级名称\n"
                             "    deadline: {statutory: 20 working days, promised: immediate}\n"
                             "    visits: 0\n    materials: [{ref: form}]\n"
                             "bundles:\n  - {code: BB, deadline: 1 working day}\n",
                             code),
                     0);
    cleanup();
}
END_TEST

START_TEST(chain_too_long)
{
    fresh();
    for (int i = 0; i <= 9; i++) {
        char name[32], text[512];
        snprintf(name, sizeof name, "r/r%d.yaml", i);
        if (i < 9)
            snprintf(text, sizeof text,
                     "govsvc: 1\nrulebook: {id: r%d, version: \"1\", effective: 2026-01-01, "
                     "extends: r%d.yaml}\n",
                     i, i + 1);
        else
            snprintf(text, sizeof text,
                     "govsvc: 1\nrulebook: {id: r9, version: \"1\", effective: 2026-01-01}\n"
                     "calendar: {id: c, covers: {from: 2026-01-01, to: 2026-12-31}}\n");
        write_file(name, text);
    }
    char path[512];
    snprintf(path, sizeof path, "%s/r/r0.yaml", tmp);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path, NULL, &d), GOVSVC_ERULEBOOK);
    const govsvc_diag *g = govsvc_diag_list_get(d, 0);
    ck_assert_str_eq(g->code, "E112");
    ck_assert_str_eq(g->file + strlen(g->file) - 7, "r8.yaml");
    govsvc_diag_list_free(d);
    /* Eight levels are fine. */
    snprintf(path, sizeof path, "%s/r/r1.yaml", tmp);
    ck_assert_int_eq(load(&rb, path), 0);
    ck_assert_str_eq(govsvc_rulebook_id(rb), "r1");
    govsvc_rulebook_unref(rb);
    cleanup();
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("overlay");
    TCase *tc = tcase_create("overlay");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, three_levels_narrow);
    tcase_add_test(tc, stricter_rules_pass_when_justified);
    tcase_add_test(tc, chain_too_long);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
