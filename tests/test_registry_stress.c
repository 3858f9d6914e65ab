/*
 * test_registry_stress.c - queries keep being answered while the rulebook
 * is reloaded, each by exactly one complete version.
 *
 * Two versions of one rulebook differ in what they answer: version "v1"
 * asks for material m_v1 and names its item "事项 v1", version "v2" asks
 * for m_v2 and names it "事项 v2". Several query threads acquire the
 * current rulebook from a govsvc_registry, query, and check that the
 * answer's content belongs to the version the rulebook says it is; one
 * thread reloads the two versions from disk in turn. Every allocation is
 * counted (atomically) through the allocator hooks: once the registry is
 * freed nothing may be left, so every replaced version was freed when its
 * last query ended. CI runs this under ThreadSanitizer as well.
 */
#include <check.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "govsvc.h"

static atomic_long live;

static void *t_malloc(size_t n, void *ud)
{
    (void)ud;
    void *p = malloc(n);
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

static void *t_realloc(void *p, size_t n, void *ud)
{
    (void)ud;
    void *q = realloc(p, n);
    if (q && !p)
        atomic_fetch_add(&live, 1);
    return q;
}

static void t_free(void *p, void *ud)
{
    (void)ud;
    if (p) {
        atomic_fetch_sub(&live, 1);
        free(p);
    }
}

static char dir[64], path_v[2][128];
static const char *srcroot = ".";

static void write_version(int v)
{
    snprintf(path_v[v], sizeof path_v[v], "%s/v%d.yaml", dir, v + 1);
    FILE *f = fopen(path_v[v], "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f,
            "govsvc: 1\n"
            "rulebook: {id: stress, version: \"v%d\", effective: 2026-01-01}\n"
            "calendar: %s/rules/calendars/cn.yaml\n"
            "facts: {applicant.type: {type: enum, values: [person, enterprise]}}\n"
            "materials:\n"
            "  m_v%d: {name: 材料 v%d}\n"
            "  common: {name: 申请表}\n"
            "items:\n"
            "  - code: X\n"
            "    name: 事项 v%d\n"
            "    type: license\n"
            "    deadline: {statutory: %d working days, promised: %d working days}\n"
            "    materials:\n"
            "      - ref: common\n"
            "      - ref: m_v%d\n"
            "        when: applicant.type == 'enterprise'\n",
            v + 1, srcroot, v + 1, v + 1, v + 1, 10 * (v + 1), 5 * (v + 1), v + 1);
    fclose(f);
}

static govsvc_registry *reg;
static atomic_int stop;
static atomic_long answered[2], mismatches, reloads;
static int last_installed; /* written by the reload thread, read after join */

/* Checks that everything in the answer comes from the version rb says. */
static int consistent(const govsvc_rulebook *rb, const govsvc_answer *a)
{
    const char *ver = govsvc_rulebook_version(rb);
    int v = strcmp(ver, "v1") == 0 ? 0 : strcmp(ver, "v2") == 0 ? 1 : -1;
    if (v < 0)
        return -1;
    char want_mat[8], want_name[32];
    snprintf(want_mat, sizeof want_mat, "m_v%d", v + 1);
    snprintf(want_name, sizeof want_name, "事项 v%d", v + 1);
    govsvc_date due;
    const char *dur;
    char want_dur[32];
    snprintf(want_dur, sizeof want_dur, "%d working days", 5 * (v + 1));
    if (govsvc_answer_material_count(a) != 2 ||
        strcmp(govsvc_answer_material_id(a, 1), want_mat) != 0 ||
        strcmp(govsvc_answer_item_name(a), want_name) != 0 ||
        !govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &due, &dur) ||
        strcmp(dur, want_dur) != 0)
        return -1;
    /* And the JSON names the same version. */
    char *json = NULL;
    if (govsvc_answer_to_json(a, &json, NULL) != 0)
        return -1;
    char want_ver[32];
    snprintf(want_ver, sizeof want_ver, "\"version\": \"%s\"", ver);
    int ok = strstr(json, want_ver) != NULL && strstr(json, want_mat) != NULL;
    govsvc_free(json);
    return ok ? v : -1;
}

static void *query_thread(void *arg)
{
    (void)arg;
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = (govsvc_date){2026, 3, 2};
    long n = 0;
    while (!atomic_load(&stop) || n == 0) {
        govsvc_rulebook *rb = govsvc_registry_acquire(reg);
        if (!rb) {
            atomic_fetch_add(&mismatches, 1);
            break;
        }
        govsvc_facts *f = NULL;
        govsvc_answer *a = NULL;
        int v = -1;
        if (govsvc_facts_new(&f, rb) == 0 &&
            govsvc_facts_set_string(f, "applicant.type", "enterprise") == 0 &&
            govsvc_query_item(&a, rb, "X", f, &o, NULL) == 0)
            v = consistent(rb, a);
        if (v < 0)
            atomic_fetch_add(&mismatches, 1);
        else
            atomic_fetch_add(&answered[v], 1);
        govsvc_answer_free(a);
        govsvc_facts_free(f);
        govsvc_rulebook_unref(rb); /* may free a version swapped out meanwhile */
        n++;
    }
    return NULL;
}

static void *reload_thread(void *arg)
{
    long rounds = *(long *)arg;
    for (long i = 0; i < rounds; i++) {
        govsvc_diag_list *d = NULL;
        if (govsvc_registry_reload(reg, path_v[(i + 1) % 2], NULL, &d) != 0)
            atomic_fetch_add(&mismatches, 1);
        last_installed = (int)((i + 1) % 2);
        govsvc_diag_list_free(d);
        atomic_fetch_add(&reloads, 1);
        /* A swap of a rulebook loaded here, too: the other entry point. */
        if (i % 10 == 5) {
            govsvc_rulebook *rb = NULL;
            if (govsvc_rulebook_load(&rb, path_v[i % 2], NULL, NULL) == 0) {
                govsvc_registry_swap(reg, rb);
                last_installed = (int)(i % 2);
            }
            govsvc_rulebook_unref(rb);
        }
    }
    atomic_store(&stop, 1);
    return NULL;
}

START_TEST(reload_under_queries)
{
    strcpy(dir, "/tmp/govsvc-stress-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_version(0);
    write_version(1);
    govsvc_rulebook *first = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&first, path_v[0], NULL, NULL), 0);
    ck_assert_int_eq(govsvc_registry_new(&reg, first), 0);
    govsvc_rulebook_unref(first); /* the registry holds it */
    ck_assert_uint_eq(govsvc_registry_generation(reg), 1);

    const char *env = getenv("GOVSVC_STRESS_ROUNDS");
    long rounds = env ? atol(env) : 300;
    enum { NQ = 4 };
    pthread_t q[NQ], r;
    for (int i = 0; i < NQ; i++)
        ck_assert_int_eq(pthread_create(&q[i], NULL, query_thread, NULL), 0);
    ck_assert_int_eq(pthread_create(&r, NULL, reload_thread, &rounds), 0);
    pthread_join(r, NULL);
    for (int i = 0; i < NQ; i++)
        pthread_join(q[i], NULL);

    fprintf(stderr, "stress: %ld reloads; %ld answers from v1, %ld from v2; %ld mismatches\n",
            atomic_load(&reloads), atomic_load(&answered[0]), atomic_load(&answered[1]),
            atomic_load(&mismatches));
    ck_assert_int_eq(atomic_load(&mismatches), 0);
    ck_assert_int_eq(atomic_load(&reloads), rounds);
    ck_assert_int_gt(atomic_load(&answered[0]) + atomic_load(&answered[1]), NQ);
    ck_assert_uint_eq(govsvc_registry_generation(reg),
                      1 + (uint64_t)rounds + (uint64_t)(rounds + 4) / 10);

    /* The registry holds what was installed last. */
    govsvc_rulebook *cur = govsvc_registry_acquire(reg);
    ck_assert_str_eq(govsvc_rulebook_version(cur), last_installed ? "v2" : "v1");
    /* A failed reload leaves the current rulebook in force. */
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_registry_reload(reg, "/nonexistent.yaml", NULL, &d), GOVSVC_EIO);
    govsvc_diag_list_free(d);
    govsvc_rulebook *again = govsvc_registry_acquire(reg);
    ck_assert_ptr_eq(again, cur);
    govsvc_rulebook_unref(again);
    /* Emptied, then freed while a reference is still held elsewhere. */
    ck_assert_int_eq(govsvc_registry_swap(reg, NULL), 0);
    ck_assert_ptr_null(govsvc_registry_acquire(reg));
    ck_assert_int_eq(govsvc_registry_swap(reg, cur), 0);
    govsvc_registry_free(reg);
    reg = NULL;
    ck_assert_str_eq(govsvc_rulebook_id(cur), "stress"); /* still ours */
    govsvc_rulebook_unref(cur);
    ck_assert_int_eq(atomic_load(&live), 0); /* every version was freed */

    ck_assert_int_eq(govsvc_registry_new(NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_registry_swap(NULL, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(govsvc_registry_acquire(NULL));
    govsvc_registry_free(NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(int argc, char **argv)
{
    /* Absolute: the rulebooks written under /tmp name the calendar by it. */
    static char root[4096];
    if (!realpath(argc > 1 ? argv[1] : ".", root))
        return EXIT_FAILURE;
    srcroot = root;
    if (govsvc_set_allocator(t_malloc, t_realloc, t_free, NULL) != 0)
        return EXIT_FAILURE;
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("stress");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, reload_under_queries);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
