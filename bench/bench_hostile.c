/*
 * bench_hostile - time of the hostile inputs (hostile.h) at full size.
 *
 *   bench-hostile [ROUNDS]
 *
 * Each input once cost quadratic time (minutes at these sizes). The unit
 * test tests/test_limits.c asserts that their work steps grow linearly;
 * this measures the time, best of ROUNDS (default 3), against a target of
 * one second each (release build, one core), and prints one line per
 * input. Exits 1 when an input misses its target, 2 on a setup error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <govsvc.h>

#include "hostile.h"

#define TARGET_S 1.0

static char dir[64];

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *path_of(const char *name)
{
    static char p[2][128];
    static int k;
    k ^= 1;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static int write_text(const char *name, char *text)
{
    if (!text) {
        fprintf(stderr, "bench-hostile: out of memory\n");
        return -1;
    }
    FILE *f = fopen(path_of(name), "wb");
    size_t len = strlen(text);
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    free(text);
    if (!ok)
        perror(path_of(name));
    return ok ? 0 : -1;
}

static int failures;

static void report(const char *what, int size, double best)
{
    int met = best <= TARGET_S;
    failures += !met;
    printf("%-22s n=%-7d %8.3f s  (target %.1f s: %s)\n", what, size, best, TARGET_S,
           met ? "met" : "NOT MET");
}

/* Best time of rounds loads of rb.yaml (their status is not checked:
 * these rulebooks have errors on purpose). */
static double time_load(int rounds)
{
    double best = 1e30;
    for (int r = 0; r < rounds; r++) {
        govsvc_rulebook *rb = NULL;
        govsvc_diag_list *d = NULL;
        double t0 = now_s();
        govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, &d);
        double t = now_s() - t0;
        govsvc_diag_list_free(d);
        govsvc_rulebook_unref(rb);
        if (t < best)
            best = t;
    }
    return best;
}

static int run(int rounds)
{
    const int n = 100000;
    if (write_text(HOSTILE_SAME_INCLUDE_FILE, strdup(HOSTILE_SAME_INCLUDE_TEXT)) < 0)
        return -1;
    for (int shape = 0; shape < HOSTILE_NSHAPES; shape++) {
        /* Misspelt names: a quarter, as each costs a hint search. */
        int size = shape == HOSTILE_FACT_TYPOS || shape == HOSTILE_MATERIAL_TYPOS ? n / 4 : n;
        if (write_text("rb.yaml", hostile_rulebook(shape, size)) < 0)
            return -1;
        report(hostile_shape_names[shape], size, time_load(rounds));
    }

    /* A facts file of unknown names against many facts. */
    if (write_text("rb.yaml", hostile_facts_rulebook(n / 4)) < 0 ||
        write_text("facts.yaml", hostile_facts_file(n / 3)) < 0)
        return -1;
    govsvc_rulebook *rb = NULL;
    if (govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL) != 0)
        return -1;
    double best = 1e30;
    for (int r = 0; r < rounds; r++) {
        govsvc_facts *f = NULL;
        if (govsvc_facts_new(&f, rb) != 0)
            return -1;
        govsvc_diag_list *d = NULL;
        double t0 = now_s();
        govsvc_facts_set_from_file(f, path_of("facts.yaml"), &d);
        double t = now_s() - t0;
        best = t < best ? t : best;
        govsvc_diag_list_free(d);
        govsvc_facts_free(f);
    }
    govsvc_rulebook_unref(rb);
    report("unknown facts", n / 3, best);

    /* Anchors and aliases, loaded as a rulebook (it is not one: the time
     * is the YAML reader's and the schema's first errors). */
    if (write_text("rb.yaml", hostile_anchors(4 * n)) < 0)
        return -1;
    report("anchors", 4 * n, time_load(rounds));

    /* A calendar of many long holiday ranges. */
    if (write_text("cal.yaml", hostile_calendar(20000)) < 0)
        return -1;
    best = 1e30;
    for (int r = 0; r < rounds; r++) {
        govsvc_calendar *cal = NULL;
        double t0 = now_s();
        int rc = govsvc_calendar_load(&cal, path_of("cal.yaml"), NULL, NULL);
        double t = now_s() - t0;
        govsvc_calendar_free(cal);
        if (rc != 0)
            return -1;
        best = t < best ? t : best;
    }
    report("calendar ranges", 20000, best);

    /* One query over catastrophic patterns and wide conditions. */
    if (write_text("rb.yaml", hostile_query_rulebook(300)) < 0)
        return -1;
    if (govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL) != 0)
        return -1;
    govsvc_facts *f = NULL;
    govsvc_query_options q = GOVSVC_QUERY_OPTIONS_INIT;
    if (govsvc_facts_new(&f, rb) != 0 ||
        govsvc_facts_set_string(f, "s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!") != 0 ||
        govsvc_date_parse(&q.date, "2026-03-02") != 0)
        return -1;
    best = 1e30;
    for (int r = 0; r < rounds; r++) {
        govsvc_answer *a = NULL;
        char *json = NULL;
        double t0 = now_s();
        int rc = govsvc_query_item(&a, rb, "I", f, &q, NULL);
        if (rc == 0)
            rc = govsvc_answer_to_json(a, &json, NULL);
        double t = now_s() - t0;
        govsvc_free(json);
        govsvc_answer_free(a);
        if (rc != 0)
            return -1;
        best = t < best ? t : best;
    }
    govsvc_facts_free(f);
    govsvc_rulebook_unref(rb);
    report("query", 300, best);
    return 0;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    if (argc > 2 || rounds < 1) {
        fprintf(stderr, "usage: %s [ROUNDS]\n", argv[0]);
        return 2;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/govsvc-hostile-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    int rc = run(rounds);
    const char *files[] = {"rb.yaml", "facts.yaml", "cal.yaml", HOSTILE_SAME_INCLUDE_FILE};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(path_of(files[i]));
    rmdir(dir);
    if (rc < 0) {
        fprintf(stderr, "bench-hostile: a setup step failed\n");
        return 2;
    }
    return failures ? 1 : 0;
}
