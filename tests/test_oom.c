/*
 * test_oom.c - out of memory at every allocation (sqlite's discipline).
 *
 * Through the allocator hooks (govsvc_set_allocator) each scenario is run
 * again and again, failing the 1st allocation, then the 2nd, the 3rd...,
 * until a run makes no allocation fail. Every run must end cleanly:
 *  - with GOVSVC_ENOMEM (or, where the library can do without the memory,
 *    with the same result as a run without failures: a missing
 *    did-you-mean hint or a pcre2 JIT that falls back to the interpreter);
 *  - leaking nothing: the hooks count live allocations, and once the
 *    products are freed the count is back where it started;
 *  - corrupting nothing: run it under AddressSanitizer (CI does).
 *
 * libyaml allocates with the C library's malloc (it has no hooks), so the
 * failures of its parser's buffers cannot be injected here; its memory
 * errors are mapped to GOVSVC_ENOMEM in yaml_read.c. realpath() in the
 * loader allocates with malloc too. Both are freed before a load returns.
 *
 * The scenarios cover what the load and query tests do: loading the
 * shipped rulebook and the query test rulebook, a rulebook full of errors
 * (the diagnostic paths), calendars, facts (setters and files, good and
 * bad), queries (plain, with unknown facts, with --explain, failing ones),
 * JSON and text output, and a registry reload.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "govsvc.h"
#include "testutil.h"

static const char *srcroot = ".";

static char *path(const char *rel)
{
    static char p[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", srcroot, rel);
    return p[k];
}

/* -- the driver ------------------------------------------------------------- */

typedef struct scenario {
    const char *name;
    int (*run)(void);   /* the operation: returns a status, keeps its products */
    int (*same)(void);  /* 1 when the products equal the reference run's */
    void (*drop)(void); /* frees the products */
} scenario;

/* Runs s failing allocation k = 1, 2, ... until a run injects no failure.
 * Returns the number of allocations the full run makes. */
static long drive(const scenario *s)
{
    long base = tu_alloc.live;
    long k;
    for (k = 1;; k++) {
        tu_alloc.calls = 0;
        tu_alloc.injected = 0;
        tu_alloc.fail_at = k;
        int r = s->run();
        tu_alloc.fail_at = 0;
        if (!tu_alloc.injected) {
            ck_assert_msg(r == 0, "%s: status %d without any failure", s->name, r);
            ck_assert_msg(s->same(), "%s: the run without failures differs", s->name);
            s->drop();
            ck_assert_msg(tu_alloc.live == base, "%s: %ld blocks leaked", s->name,
                          tu_alloc.live - base);
            break;
        }
        ck_assert_msg(r == GOVSVC_ENOMEM || (r == 0 && s->same()),
                      "%s: allocation %ld failed: status %d (%s)", s->name, k, r,
                      govsvc_strerror(r));
        s->drop();
        ck_assert_msg(tu_alloc.live == base, "%s: allocation %ld failed: %ld blocks leaked",
                      s->name, k, tu_alloc.live - base);
    }
    fprintf(stderr, "oom %-28s %5ld allocations, each failed once\n", s->name, k - 1);
    return k - 1;
}

/* Products of the scenarios, and the reference (a run without failures). */
static govsvc_rulebook *rb, *base_rb;
static govsvc_diag_list *diags;
static govsvc_facts *facts;
static govsvc_answer *answer;
static govsvc_calendar *cal;
static govsvc_registry *reg;
static char *text, *ref_text;
static size_t text_len;
static char ref_digest[80];
static size_t ref_diags;
static char ref_codes[64][8];
static govsvc_date out_date;

static void drop_all(void)
{
    govsvc_answer_free(answer);
    answer = NULL;
    govsvc_facts_free(facts);
    facts = NULL;
    govsvc_rulebook_unref(rb);
    rb = NULL;
    govsvc_diag_list_free(diags);
    diags = NULL;
    govsvc_calendar_free(cal);
    cal = NULL;
    govsvc_free(text);
    text = NULL;
}

/* -- loading ----------------------------------------------------------------- */

static const char *load_path;

static int run_load(void)
{
    return govsvc_rulebook_load(&rb, load_path, NULL, &diags);
}

static int same_load(void)
{
    return rb && strcmp(govsvc_rulebook_digest(rb), ref_digest) == 0 &&
           govsvc_diag_list_count(diags) == 0;
}

/* A rulebook with many errors: the run fails with ERULEBOOK and exactly
 * the reference diagnostics, or with ENOMEM. */
static int ref_status;

/* The failing load, then every diagnostic formatted as the command line
 * prints it (govsvc_diag_format returns NULL when out of memory). */
static int run_load_bad(void)
{
    int r = govsvc_rulebook_load(&rb, load_path, NULL, &diags);
    if (r != ref_status)
        return r;
    for (size_t i = 0; i < govsvc_diag_list_count(diags); i++) {
        char *t = govsvc_diag_format(govsvc_diag_list_get(diags, i));
        if (!t)
            return GOVSVC_ENOMEM;
        govsvc_free(t);
    }
    return 0;
}

/* The same diagnostics as the reference run: count, and each code. */
static int same_load_bad(void)
{
    int same = !rb && govsvc_diag_list_count(diags) == ref_diags;
    for (size_t i = 0; same && i < ref_diags && i < 64; i++)
        same = strcmp(govsvc_diag_list_get(diags, i)->code, ref_codes[i]) == 0;
    if (!same) {
        fprintf(stderr, "oom: %s: %zu diagnostics, %zu without failures:\n", load_path,
                govsvc_diag_list_count(diags), ref_diags);
        for (size_t i = 0; i < govsvc_diag_list_count(diags) && i < 5; i++) {
            char *t = govsvc_diag_format(govsvc_diag_list_get(diags, i));
            fprintf(stderr, "  %s\n", t ? t : "?");
            govsvc_free(t);
        }
    }
    return same;
}

static void reference_load(const char *rel, int bad)
{
    load_path = path(rel);
    int r = govsvc_rulebook_load(&rb, load_path, NULL, &diags);
    ck_assert_msg(bad ? r != 0 && r != GOVSVC_ENOMEM : r == 0, "%s: status %d", rel, r);
    ref_status = r;
    for (size_t i = 0; i < govsvc_diag_list_count(diags) && i < 64; i++)
        snprintf(ref_codes[i], sizeof ref_codes[i], "%s", govsvc_diag_list_get(diags, i)->code);
    ref_diags = govsvc_diag_list_count(diags);
    if (!bad)
        snprintf(ref_digest, sizeof ref_digest, "%s", govsvc_rulebook_digest(rb));
    drop_all();
}

/* Every rulebook the load tests load: the shipped ones (an overlay among
 * them), the query test's, and every malformed case of tests/bad (each
 * fails with its own status and diagnostics, or with ENOMEM). */
static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

static int collect_cases(const char *rel, char names[][512], int max, int tops_only)
{
    DIR *d = opendir(path(rel));
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) && n < max) {
        if (e->d_name[0] == '.')
            continue;
        char sub[1600];
        struct stat st;
        snprintf(sub, sizeof sub, "%s/%s/%s/rulebook.yaml", srcroot, rel, e->d_name);
        if (stat(sub, &st) == 0)
            snprintf(names[n++], 512, "%s/%.200s/rulebook.yaml", rel, e->d_name);
        else if (!tops_only && strncmp(e->d_name, "case-", 5) == 0 &&
                 strstr(e->d_name, ".yaml"))
            snprintf(names[n++], 512, "%s/%.200s", rel, e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    return n;
}

START_TEST(oom_load)
{
    static char good[32][512], bad[128][512];
    int ngood = collect_cases("rules", good, 30, 1);
    snprintf(good[ngood++], 512, "tests/data/query.yaml");
    ck_assert_int_ge(ngood, 2);
    for (int i = 0; i < ngood; i++) {
        reference_load(good[i], 0);
        scenario s = {good[i], run_load, same_load, drop_all};
        ck_assert_int_gt(drive(&s), 20);
    }
    int nbad = collect_cases("tests/bad", bad, 126, 0);
    ck_assert_int_ge(nbad, 20);
    snprintf(bad[nbad++], 512, "tests/bad"); /* a directory: E001 */
    for (int i = 0; i < nbad; i++) {
        reference_load(bad[i], 1);
        ck_assert_uint_gt(ref_diags, 0);
        scenario s = {bad[i], run_load_bad, same_load_bad, drop_all};
        drive(&s);
    }
}
END_TEST

static int run_calendar(void)
{
    int r = govsvc_calendar_load(&cal, path("rules/calendars/cn.yaml"), NULL, &diags);
    if (r == 0)
        r = govsvc_calendar_add(cal, (govsvc_date){2026, 2, 13}, "7 working days", &out_date);
    return r;
}

static int same_calendar(void)
{
    return cal && out_date.year == 2026 && out_date.month == 3 && out_date.day == 2;
}

/* A calendar file with errors (its diagnostics must not be lost). */
static int run_calendar_bad(void)
{
    int r = govsvc_calendar_load(&cal, path("tests/bad/case-calendar.yaml"), NULL, &diags);
    return r == ref_status ? 0 : r;
}

static int same_calendar_bad(void)
{
    return !cal && govsvc_diag_list_count(diags) == ref_diags;
}

/* A load stopped by a limit (E013): its diagnostic must not be lost. */
static const govsvc_load_options *limited;

static int run_load_limited(void)
{
    int r = govsvc_rulebook_load(&rb, load_path, limited, &diags);
    return r == GOVSVC_ELIMIT ? 0 : r;
}

START_TEST(oom_limits)
{
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_file_bytes = 64;
    limited = &o;
    load_path = path("tests/data/query.yaml");
    ck_assert_int_eq(govsvc_rulebook_load(&rb, load_path, &o, &diags), GOVSVC_ELIMIT);
    ref_diags = govsvc_diag_list_count(diags);
    snprintf(ref_codes[0], sizeof ref_codes[0], "%s", govsvc_diag_list_get(diags, 0)->code);
    ck_assert_str_eq(ref_codes[0], "E013");
    drop_all();
    scenario s = {"load over max_file_bytes", run_load_limited, same_load_bad, drop_all};
    drive(&s);
    o.max_file_bytes = 0;
    o.max_items = 1; /* query.yaml has three */
    ck_assert_int_eq(govsvc_rulebook_load(&rb, load_path, &o, &diags), GOVSVC_ELIMIT);
    ref_diags = govsvc_diag_list_count(diags);
    for (size_t i = 0; i < ref_diags && i < 64; i++)
        snprintf(ref_codes[i], sizeof ref_codes[i], "%s", govsvc_diag_list_get(diags, i)->code);
    drop_all();
    scenario t = {"load over max_items", run_load_limited, same_load_bad, drop_all};
    drive(&t);
}
END_TEST

START_TEST(oom_calendar)
{
    scenario s = {"calendar cn.yaml", run_calendar, same_calendar, drop_all};
    drive(&s);
    ref_status = govsvc_calendar_load(&cal, path("tests/bad/case-calendar.yaml"), NULL, &diags);
    ck_assert_int_ne(ref_status, 0);
    ref_diags = govsvc_diag_list_count(diags);
    ck_assert_uint_gt(ref_diags, 0);
    drop_all();
    scenario b = {"calendar with errors", run_calendar_bad, same_calendar_bad, drop_all};
    drive(&b);
}
END_TEST

/* -- facts and queries (the rulebook loaded once, without failures) ------------ */

typedef struct query_case {
    const char *name;
    const char *rulebook;
    const char *item;
    const char *facts_file; /* may be NULL */
    const char *const *sets; /* NAME=VALUE, NULL-terminated; may be NULL */
    unsigned flags;
    int status; /* the status the query itself ends with */
    int bundle; /* `item` is a bundle's code */
    govsvc_date date; /* {0}: 2026-02-13 */
} query_case;

static const query_case *qc;

/* What setting the facts gave in the reference run: a later run must give
 * the same or GOVSVC_ENOMEM, never a refusal that lost its diagnostic. */
enum { LOST = -100 }; /* status of a run that lost a diagnostic */
static int reference, ref_file_status, ref_set_status[16];
static size_t ref_file_diags;

static int apply_facts(void)
{
    int r = govsvc_facts_new(&facts, base_rb);
    if (r)
        return r;
    if (qc->facts_file) {
        r = govsvc_facts_set_from_file(facts, path(qc->facts_file), &diags);
        size_t n = govsvc_diag_list_count(diags);
        govsvc_diag_list_free(diags);
        diags = NULL;
        if (r == GOVSVC_ENOMEM)
            return r;
        if (reference) {
            ref_file_status = r;
            ref_file_diags = n;
        } else if (r != ref_file_status || n != ref_file_diags) {
            return LOST;
        }
    }
    int i = 0;
    for (const char *const *p = qc->sets; p && *p; p++, i++) {
        const char *eq = strchr(*p, '=');
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(eq - *p), *p);
        r = govsvc_facts_set_text(facts, name, eq + 1);
        if (r == GOVSVC_ENOMEM)
            return r;
        if (reference) {
            ref_set_status[i] = r;
        } else if (r != ref_set_status[i] || (r && !govsvc_facts_last_error(facts))) {
            fprintf(stderr, "oom: --fact %s gave %d, %d without failures\n", *p, r,
                    ref_set_status[i]);
            return LOST;
        }
    }
    return 0;
}

static int run_query(void)
{
    int r = apply_facts();
    if (r)
        return r;
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = qc->date.year ? qc->date : (govsvc_date){2026, 2, 13};
    o.flags = qc->flags;
    r = qc->bundle ? govsvc_query_bundle(&answer, base_rb, qc->item, facts, &o, &diags)
                   : govsvc_query_item(&answer, base_rb, qc->item, facts, &o, &diags);
    if (r == qc->status && r != 0)
        return 0;
    if (r)
        return r;
    r = govsvc_answer_to_json(answer, &text, &text_len);
    return r;
}

static int same_query(void)
{
    if (qc->status)
        return !answer && govsvc_diag_list_count(diags) == 1;
    return text && strcmp(text, ref_text) == 0 && strlen(text) == text_len;
}

static void drop_query(void)
{
    govsvc_answer_free(answer);
    answer = NULL;
    govsvc_facts_free(facts);
    facts = NULL;
    govsvc_diag_list_free(diags);
    diags = NULL;
    govsvc_free(text);
    text = NULL;
}

START_TEST(oom_query)
{
    static const char *const enterprise[] = {"applicant.type=enterprise",
                                             "applicant.commitment_chosen=true",
                                             "application.channel=window",
                                             "shared.business_license=true", NULL};
    static const char *const some[] = {"applicant.type=enterprise", "premises.area=450",
                                       "applicant.credit=A", "applicant.region=230103",
                                       "applicant.age=40", "application.birth=1990-02-28", NULL};
    static const char *const wrong[] = {"applicant.typo=x", "premises.area=big",
                                        "applicant.age=300", "applicant.credit=E",
                                        "applicant.region=12", NULL};
    static const query_case cases[] = {
        {"query hlj-fire enterprise", "rules/hlj-fire/rulebook.yaml", "230100-XF-002", NULL,
         enterprise, 0, 0, 0, {0, 0, 0}},
        {"query hlj-fire facts file", "rules/hlj-fire/rulebook.yaml", "230100-XF-002",
         "rules/hlj-fire/facts-example.yaml", NULL, GOVSVC_QUERY_EXPLAIN, 0, 0, {0, 0, 0}},
        {"query hlj-fire all unknown", "rules/hlj-fire/rulebook.yaml", "230100-XF-002", NULL,
         NULL, GOVSVC_QUERY_EXPLAIN, 0, 0, {0, 0, 0}},
        {"query test T-1 unknown", "tests/data/query.yaml", "T-1", NULL, NULL, 0, 0, 0, {0, 0, 0}},
        {"query test T-1 facts", "tests/data/query.yaml", "T-1", NULL, some,
         GOVSVC_QUERY_EXPLAIN, 0, 0, {0, 0, 0}},
        {"query test T-2 variants", "tests/data/query.yaml", "T-2", NULL, NULL, 0, 0, 0, {0, 0, 0}},
        {"query test bad facts", "tests/data/query.yaml", "T-1", "tests/data/facts-bad.yaml",
         wrong, 0, 0, 0, {0, 0, 0}},
        {"query test json facts", "tests/data/query.yaml", "T-1", "tests/data/facts-good.json",
         NULL, 0, 0, 0, {0, 0, 0}},
        {"query unknown item", "tests/data/query.yaml", "T-9", NULL, NULL, 0, GOVSVC_ENOTFOUND, 0,
         {0, 0, 0}},
        {"query item not valid", "tests/data/query.yaml", "T-3", NULL, NULL, 0, GOVSVC_ENOTFOUND,
         0, {0, 0, 0}},
        {"query city bundle", "rules/city/rulebook.yaml", "990100-QYKB",
         "rules/city/facts-example-enterprise.yaml", NULL, GOVSVC_QUERY_EXPLAIN, 0, 1, {0, 0, 0}},
        {"query city bundle unknown", "rules/city/rulebook.yaml", "990100-QYKB", NULL, NULL, 0,
         0, 1, {0, 0, 0}},
        {"query county overlay", "rules/county/rulebook.yaml", NULL, NULL, NULL,
         GOVSVC_QUERY_EXPLAIN, 0, 0, {0, 0, 0}},
        {"query past the calendar", "tests/data/query.yaml", "T-1", NULL, NULL, 0,
         GOVSVC_ERANGE, 0, {2026, 12, 31}},
        {"query invalid date", "tests/data/query.yaml", "T-1", NULL, NULL, 0, GOVSVC_EINVAL, 0,
         {2026, 2, 30}},
    };
    static query_case county;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qc = &cases[i];
        ck_assert_int_eq(govsvc_rulebook_load(&base_rb, path(qc->rulebook), NULL, NULL), 0);
        if (!qc->item) { /* the overlay's first item, whatever it is called */
            county = *qc;
            county.item = govsvc_rulebook_item_code(base_rb, 0);
            qc = &county;
        }
        long base = tu_alloc.live;
        reference = 1;
        ck_assert_int_eq(run_query(), 0);
        reference = 0;
        /* The reference is kept outside the library's memory, so that the
         * count of live blocks is the library's alone. */
        if (!qc->status)
            ck_assert_ptr_nonnull(ref_text = strdup(text));
        drop_query();
        ck_assert_int_eq(tu_alloc.live, base);
        scenario s = {qc->name, run_query, same_query, drop_query};
        drive(&s);
        free(ref_text);
        ref_text = NULL;
        govsvc_rulebook_unref(base_rb);
        base_rb = NULL;
    }
}
END_TEST

/* -- output alone: the answer built once, each output failed at every step ---- */

static int text_format;

static int run_output(void)
{
    return text_format ? govsvc_answer_to_text(answer, &text, &text_len)
                       : govsvc_answer_to_json(answer, &text, &text_len);
}

static int same_output(void)
{
    return text && strcmp(text, ref_text) == 0;
}

static void drop_output(void)
{
    govsvc_free(text);
    text = NULL;
}

START_TEST(oom_output)
{
    ck_assert_int_eq(govsvc_rulebook_load(&base_rb, path("tests/data/query.yaml"), NULL, NULL), 0);
    ck_assert_int_eq(govsvc_facts_new(&facts, base_rb), 0);
    ck_assert_int_eq(govsvc_facts_set_text(facts, "applicant.type", "enterprise"), 0);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = (govsvc_date){2026, 2, 13};
    o.flags = GOVSVC_QUERY_EXPLAIN;
    ck_assert_int_eq(govsvc_query_item(&answer, base_rb, "T-1", facts, &o, NULL), 0);
    for (text_format = 0; text_format < 2; text_format++) {
        ck_assert_int_eq(run_output(), 0);
        ref_text = text;
        text = NULL;
        scenario s = {text_format ? "output text" : "output json", run_output, same_output,
                      drop_output};
        ck_assert_int_gt(drive(&s), 0);
        govsvc_free(ref_text);
        ref_text = NULL;
    }
    govsvc_answer_free(answer);
    answer = NULL;
    govsvc_facts_free(facts);
    facts = NULL;
    govsvc_rulebook_unref(base_rb);
    base_rb = NULL;
}
END_TEST

/* -- a reload into a registry: a failed load leaves the old rulebook ---------- */

static int run_reload(void)
{
    int r = govsvc_registry_reload(reg, path("tests/data/query.yaml"), NULL, &diags);
    govsvc_rulebook *cur = govsvc_registry_acquire(reg);
    /* Whatever happened, the registry holds a whole rulebook. */
    int whole = cur && govsvc_rulebook_item_count(cur) > 0;
    govsvc_rulebook_unref(cur);
    return whole ? r : GOVSVC_EINVAL;
}

static int same_reload(void)
{
    govsvc_rulebook *cur = govsvc_registry_acquire(reg);
    int ok = cur && strcmp(govsvc_rulebook_id(cur), "test-query") == 0;
    govsvc_rulebook_unref(cur);
    return ok;
}

static void drop_reload(void)
{
    govsvc_diag_list_free(diags);
    diags = NULL;
    /* Back to the first rulebook, so that every run starts alike. */
    ck_assert_int_eq(govsvc_registry_swap(reg, base_rb), 0);
}

START_TEST(oom_registry)
{
    ck_assert_int_eq(govsvc_rulebook_load(&base_rb, path("rules/hlj-fire/rulebook.yaml"), NULL,
                                          NULL),
                     0);
    long before = tu_alloc.live;
    tu_alloc.calls = 0;
    tu_alloc.fail_at = 1;
    tu_alloc.injected = 0;
    ck_assert_int_eq(govsvc_registry_new(&reg, base_rb), GOVSVC_ENOMEM);
    ck_assert_ptr_null(reg);
    ck_assert_int_eq(tu_alloc.live, before);
    tu_alloc.fail_at = 0;
    ck_assert_int_eq(govsvc_registry_new(&reg, base_rb), 0);
    scenario s = {"registry reload", run_reload, same_reload, drop_reload};
    drive(&s);
    govsvc_registry_free(reg);
    reg = NULL;
    govsvc_rulebook_unref(base_rb);
    base_rb = NULL;
}
END_TEST

int main(int argc, char **argv)
{
    srcroot = argc > 1 ? argv[1] : ".";
    /* Before any other libgovsvc call, as the header requires. */
    if (tu_alloc_install() != 0)
        return EXIT_FAILURE;
    /* pattern.c keeps one pcre2 match data per thread, made at the thread's
     * first match and freed when the thread ends: made here, before any
     * count is taken, it is not mistaken for a leak of the first scenario
     * that matches. */
    govsvc_rulebook *warm = NULL;
    govsvc_facts *wf = NULL;
    if (govsvc_rulebook_load(&warm, path("tests/data/query.yaml"), NULL, NULL) != 0 ||
        govsvc_facts_new(&wf, warm) != 0 ||
        govsvc_facts_set_text(wf, "applicant.region", "230103") != 0)
        return EXIT_FAILURE;
    govsvc_facts_free(wf);
    govsvc_rulebook_unref(warm);
    long resident = tu_alloc.live;
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("oom");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, oom_load);
    tcase_add_test(tc, oom_limits);
    tcase_add_test(tc, oom_calendar);
    tcase_add_test(tc, oom_query);
    tcase_add_test(tc, oom_output);
    tcase_add_test(tc, oom_registry);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    long left = tu_alloc.live - resident;
    govsvc_set_allocator(NULL, NULL, NULL, NULL);
    /* With CK_FORK=no everything ran here: nothing may be left behind. */
    if (getenv("CK_FORK") && strcmp(getenv("CK_FORK"), "no") == 0 && left != 0) {
        fprintf(stderr, "oom: %ld blocks still allocated at exit\n", left);
        return EXIT_FAILURE;
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
