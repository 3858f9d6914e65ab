/*
 * server-reload.c - a long-running host that answers queries from several
 * threads and swaps in a new rulebook version without stopping.
 *
 * This is an example to copy. It uses only the public API of libgovsvc and
 * builds against the installed library:
 *
 *     cc -std=c11 -pthread server-reload.c $(pkg-config --cflags --libs govsvc) \
 *        -o server-reload
 *
 * Usage:
 *
 *     server-reload ITEM RULEBOOK-A RULEBOOK-B [--threads N] [--queries N] [--reloads M]
 *                   [--date YYYY-MM-DD] [--fact NAME=VALUE]...
 *
 * N worker threads answer queries for ITEM, as request handlers of a hall
 * server would: each answers at least --queries queries, and goes on until
 * the reloads are over. Meanwhile the main thread reloads the rulebook
 * --reloads times, alternating between RULEBOOK-A and RULEBOOK-B (say, two
 * versions of one rulebook: rules/city/rulebook-2023.yaml and
 * rules/city/rulebook.yaml), as an operator publishing a new version would.
 * Then every thread ends and the program prints what it saw. It is bounded so
 * that CI can run it; a real server would loop until told to stop.
 *
 * The rule that makes this safe: a query takes its own reference to the
 * rulebook in force (govsvc_registry_acquire), answers from that one
 * rulebook, and drops the reference when done. A reload installs the new
 * rulebook and drops the registry's reference to the old one, which is freed
 * when the last query holding it ends. So a query sees one complete version,
 * never a mixture, no query waits for a load, and none is lost.
 *
 * The program checks that rule as it goes: for each rulebook version it
 * remembers the promised deadline and material count of the first answer,
 * and every later answer from that version must match them.
 *
 * Exit status: 0 every query was answered and consistent; 1 a query failed or
 * an answer did not match its version; 2 usage or load error.
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep() under -std=c11 */

#include <govsvc.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_THREADS = 64, MAX_VERSIONS = 8, MAX_FACTS = 32 };

/* What one version of the rulebook answered first. */
typedef struct seen {
    char digest[80];
    char version[32];
    char promised[32];
    size_t materials;
    unsigned long count;
} seen;

typedef struct shared {
    govsvc_registry *reg;
    const char *item;
    govsvc_query_options opts;
    long queries;                 /* at least this many per thread */
    atomic_int stop;              /* set when the reloads are over */
    const char *facts[MAX_FACTS]; /* "NAME=VALUE", the same for every request */
    int nfacts;
    pthread_mutex_t lock; /* guards `versions` and `failures` only */
    seen versions[MAX_VERSIONS];
    int nversions;
    long failures;
    long answered;
} shared;

/* Records one answer under its version, or reports it when it differs from
 * the first answer that version gave. Returns 0 or 1. */
static int record(shared *s, const govsvc_rulebook *rb, const govsvc_answer *a)
{
    const char *dur = "";
    govsvc_date due;
    if (!govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, &due, &dur))
        dur = "(none)";
    size_t nmat = govsvc_answer_material_count(a);
    const char *digest = govsvc_rulebook_digest(rb);
    int bad = 0;

    pthread_mutex_lock(&s->lock);
    int i;
    for (i = 0; i < s->nversions; i++)
        if (strcmp(s->versions[i].digest, digest) == 0)
            break;
    if (i == s->nversions && i < MAX_VERSIONS) {
        seen *v = &s->versions[s->nversions++];
        snprintf(v->digest, sizeof v->digest, "%s", digest);
        snprintf(v->version, sizeof v->version, "%s", govsvc_rulebook_version(rb));
        snprintf(v->promised, sizeof v->promised, "%s", dur);
        v->materials = nmat;
    }
    if (i < MAX_VERSIONS) {
        seen *v = &s->versions[i];
        v->count++;
        if (strcmp(v->promised, dur) != 0 || v->materials != nmat) {
            fprintf(stderr, "server-reload: version %s answered %s/%zu, first %s/%zu\n",
                    v->version, dur, nmat, v->promised, v->materials);
            bad = 1;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return bad;
}

/* A request handler: acquire the rulebook in force, answer, release. */
static void *worker(void *arg)
{
    shared *s = arg;
    long failures = 0, q;
    for (q = 0; q < s->queries || !atomic_load(&s->stop); q++) {
        govsvc_rulebook *rb = govsvc_registry_acquire(s->reg);
        if (!rb) {
            failures++;
            continue;
        }
        /* A facts set is per request and per rulebook: it is checked against
         * the declarations of the version this request answers from. */
        govsvc_facts *facts = NULL;
        govsvc_answer *a = NULL;
        int ok = govsvc_facts_new(&facts, rb) == 0;
        for (int f = 0; ok && f < s->nfacts; f++) {
            char name[128];
            const char *eq = strchr(s->facts[f], '=');
            snprintf(name, sizeof name, "%.*s", (int)(eq - s->facts[f]), s->facts[f]);
            ok = govsvc_facts_set_text(facts, name, eq + 1) == 0;
        }
        if (ok && govsvc_query_item(&a, rb, s->item, facts, &s->opts, NULL) == 0) {
            /* Serialise as a server would, to exercise the whole answer. */
            char *json = NULL;
            if (govsvc_answer_to_json(a, &json, NULL) != 0)
                failures++;
            govsvc_free(json);
            failures += record(s, rb, a);
        } else {
            failures++;
        }
        govsvc_answer_free(a);
        govsvc_facts_free(facts);
        govsvc_rulebook_unref(rb); /* the old version is freed by the last holder */
    }
    pthread_mutex_lock(&s->lock);
    s->failures += failures;
    s->answered += q;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static long number(const char *text, long min, long max)
{
    char *end;
    long v = strtol(text, &end, 10);
    return *text && !*end && v >= min && v <= max ? v : -1;
}

static void print_diags(const govsvc_diag_list *diags)
{
    for (size_t i = 0; i < govsvc_diag_list_count(diags); i++) {
        char *text = govsvc_diag_format(govsvc_diag_list_get(diags, i));
        if (text)
            fprintf(stderr, "%s\n", text);
        govsvc_free(text);
    }
}

int main(int argc, char **argv)
{
    static shared s = {.queries = 200};
    long threads = 4, reloads = 20;
    const char *paths[2];
    if (argc < 4) {
        fputs("usage: server-reload ITEM RULEBOOK-A RULEBOOK-B [--threads N] [--queries N] "
              "[--reloads M] [--date YYYY-MM-DD] [--fact NAME=VALUE]...\n",
              stderr);
        return 2;
    }
    s.item = argv[1];
    paths[0] = argv[2];
    paths[1] = argv[3];
    s.opts = (govsvc_query_options)GOVSVC_QUERY_OPTIONS_INIT;
    for (int i = 4; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : "";
        long n = 0;
        if (strcmp(argv[i], "--threads") == 0 && (n = number(v, 1, MAX_THREADS)) > 0)
            threads = n;
        else if (strcmp(argv[i], "--queries") == 0 && (n = number(v, 1, 10000000)) > 0)
            s.queries = n;
        else if (strcmp(argv[i], "--reloads") == 0 && (n = number(v, 0, 1000000)) >= 0)
            reloads = n;
        else if (strcmp(argv[i], "--date") == 0 && govsvc_date_parse(&s.opts.date, v) == 0)
            ;
        else if (strcmp(argv[i], "--fact") == 0 && strchr(v, '=') && strchr(v, '=') != v &&
                 strchr(v, '=') - v < 128 && s.nfacts < MAX_FACTS)
            s.facts[s.nfacts++] = v;
        else {
            fprintf(stderr, "server-reload: bad option or value: %s %s\n", argv[i], v);
            return 2;
        }
        i++;
    }

    /* Start from version A. The registry takes its own reference. */
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *diags = NULL;
    if (govsvc_rulebook_load(&rb, paths[0], NULL, &diags) != 0) {
        print_diags(diags);
        govsvc_diag_list_free(diags);
        return 2;
    }
    govsvc_diag_list_free(diags);
    if (govsvc_registry_new(&s.reg, rb) != 0) {
        govsvc_rulebook_unref(rb);
        return 2;
    }
    govsvc_rulebook_unref(rb);
    pthread_mutex_init(&s.lock, NULL);

    pthread_t tid[MAX_THREADS];
    long started = 0;
    for (; started < threads; started++)
        if (pthread_create(&tid[started], NULL, worker, &s) != 0)
            break;

    /* The operator: publish B, then A again, ... while the workers answer.
     * A load that fails leaves the version in force untouched. */
    int status = started == threads ? 0 : 2;
    long done = 0;
    for (long r = 0; r < reloads && status == 0; r++) {
        const struct timespec pause = {0, 2 * 1000 * 1000}; /* 2 ms */
        nanosleep(&pause, NULL);
        diags = NULL;
        if (govsvc_registry_reload(s.reg, paths[(r + 1) % 2], NULL, &diags) != 0) {
            print_diags(diags);
            status = 2;
        } else {
            done++;
        }
        govsvc_diag_list_free(diags);
    }
    atomic_store(&s.stop, 1);
    for (long t = 0; t < started; t++)
        pthread_join(tid[t], NULL);

    printf("%ld threads answered %ld queries for %s; %ld reloads; generation %llu\n", started,
           s.answered, s.item, done,
           (unsigned long long)govsvc_registry_generation(s.reg));
    for (int i = 0; i < s.nversions; i++)
        printf("  version %s: %lu answers, promised %s, %zu materials\n", s.versions[i].version,
               s.versions[i].count, s.versions[i].promised, s.versions[i].materials);
    printf("%ld failures\n", s.failures);
    if (status == 0 && s.failures)
        status = 1;

    govsvc_registry_free(s.reg);
    pthread_mutex_destroy(&s.lock);
    return status;
}
