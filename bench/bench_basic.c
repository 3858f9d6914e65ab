/*
 * bench_basic - load time and query latency on a shipped rulebook.
 *
 *   bench-basic RULEBOOK ITEM [LOADS [QUERIES]]
 *
 * Loads the rulebook LOADS times (default 200) and reports the median load
 * time; then answers ITEM QUERIES times (default 200000) with a fixed set of
 * facts, timing each query alone, and reports p50/p99 latency, throughput
 * and the JSON serialisation time. The full benchmark suite (generated
 * rulebooks, floors, threads) lives in the performance issue's bench/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <govsvc.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RULEBOOK ITEM [LOADS [QUERIES]]\n", argv[0]);
        return 2;
    }
    int loads = argc > 3 ? atoi(argv[3]) : 200;
    int queries = argc > 4 ? atoi(argv[4]) : 200000;
    if (loads < 1 || queries < 1) {
        fprintf(stderr, "LOADS and QUERIES must be positive\n");
        return 2;
    }
    double *t = malloc(sizeof *t * (size_t)(loads > queries ? loads : queries));
    if (!t)
        return 2;
    govsvc_rulebook *rb = NULL;
    for (int i = 0; i < loads; i++) {
        govsvc_rulebook_unref(rb);
        double t0 = now_ns();
        int r = govsvc_rulebook_load(&rb, argv[1], NULL, NULL);
        t[i] = now_ns() - t0;
        if (r) {
            fprintf(stderr, "load failed: %s\n", govsvc_strerror(r));
            return 1;
        }
    }
    qsort(t, (size_t)loads, sizeof *t, cmp_double);
    printf("load+compile  %s: median %.1f us over %d loads\n", argv[1], t[loads / 2] / 1e3,
           loads);

    govsvc_facts *facts;
    if (govsvc_facts_new(&facts, rb))
        return 1;
    /* A typical enterprise applicant; facts the rulebook lacks are skipped. */
    const char *set[][2] = {{"applicant.type", "enterprise"}, {"applicant.credit", "A"},
                            {"premises.area", "450"},         {"applicant.commitment_chosen", "true"},
                            {"application.channel", "window"}};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (govsvc_facts_type(facts, set[i][0]))
            govsvc_facts_set_text(facts, set[i][0], set[i][1]);
    govsvc_query_options qo = GOVSVC_QUERY_OPTIONS_INIT;
    govsvc_date_parse(&qo.date, "2026-02-13");
    govsvc_answer *a = NULL;
    for (int i = 0; i < 1000; i++) { /* warm-up */
        govsvc_answer_free(a);
        if (govsvc_query_item(&a, rb, argv[2], facts, &qo, NULL)) {
            fprintf(stderr, "query failed for item %s\n", argv[2]);
            return 1;
        }
    }
    govsvc_answer_free(a);
    double total0 = now_ns();
    for (int i = 0; i < queries; i++) {
        double t0 = now_ns();
        govsvc_query_item(&a, rb, argv[2], facts, &qo, NULL);
        govsvc_answer_free(a);
        t[i] = now_ns() - t0;
    }
    double total = now_ns() - total0;
    qsort(t, (size_t)queries, sizeof *t, cmp_double);
    printf("query %s: p50 %.0f ns, p99 %.0f ns, %.0f queries/s (one core, %d queries, "
           "answer freed each time)\n",
           argv[2], t[queries / 2], t[(size_t)queries * 99 / 100], queries / (total / 1e9),
           queries);

    govsvc_query_item(&a, rb, argv[2], facts, &qo, NULL);
    int n = queries / 10 > 0 ? queries / 10 : 1;
    double j0 = now_ns();
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        char *json;
        size_t len;
        govsvc_answer_to_json(a, &json, &len);
        bytes = len;
        govsvc_free(json);
    }
    printf("json: %.0f ns per answer (%zu bytes)\n", (now_ns() - j0) / n, bytes);
    govsvc_answer_free(a);
    govsvc_facts_free(facts);
    govsvc_rulebook_unref(rb);
    free(t);
    return 0;
}
