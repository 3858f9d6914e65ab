/*
 * bench_lint - lint time against load time on a large rulebook.
 *
 *   bench/gen-lint-bench.py /tmp/lint-bench     # 2,000 items, about 6 MB
 *   bench-lint /tmp/lint-bench/rulebook.yaml [RUNS]
 *
 * Loads the rulebook RUNS times (default 7) and lints it RUNS times,
 * alternating, and reports the median of each and their ratio. Lint is a
 * load with the semantic checks run inside it, so the ratio is what the
 * checks cost on top of loading (the target is under 2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <govsvc.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RULEBOOK [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 7;
    if (runs < 1 || runs > 1000) {
        fprintf(stderr, "RUNS must be from 1 to 1000\n");
        return 2;
    }
    double *load = malloc(sizeof *load * (size_t)runs), *lint = malloc(sizeof *lint * (size_t)runs);
    if (!load || !lint)
        return 2;
    size_t ndiags = 0, nwarn = 0, nitems = 0;
    for (int i = 0; i < runs; i++) {
        govsvc_rulebook *rb = NULL;
        govsvc_diag_list *d = NULL;
        double t0 = now_ms();
        int r = govsvc_rulebook_load(&rb, argv[1], NULL, &d);
        load[i] = now_ms() - t0;
        if (r) {
            fprintf(stderr, "load failed: %s\n", govsvc_strerror(r));
            for (size_t k = 0; k < govsvc_diag_list_count(d) && k < 5; k++) {
                char *s = govsvc_diag_format(govsvc_diag_list_get(d, k));
                fprintf(stderr, "%s\n", s ? s : "?");
                govsvc_free(s);
            }
            return 1;
        }
        nitems = govsvc_rulebook_item_count(rb);
        govsvc_rulebook_unref(rb);
        govsvc_diag_list_free(d);

        t0 = now_ms();
        r = govsvc_lint(&d, argv[1], NULL);
        lint[i] = now_ms() - t0;
        if (r != 0 && r != GOVSVC_ERULEBOOK) {
            fprintf(stderr, "lint failed: %s\n", govsvc_strerror(r));
            return 1;
        }
        ndiags = govsvc_diag_list_count(d);
        nwarn = govsvc_diag_list_count_severity(d, GOVSVC_SEVERITY_WARNING);
        govsvc_diag_list_free(d);
    }
    qsort(load, (size_t)runs, sizeof *load, cmp_double);
    qsort(lint, (size_t)runs, sizeof *lint, cmp_double);
    double l = load[runs / 2], t = lint[runs / 2];
    printf("rulebook   %s: %zu items\n", argv[1], nitems);
    printf("load       median %.1f ms over %d runs\n", l, runs);
    printf("lint       median %.1f ms over %d runs (%zu diagnostics, %zu warnings)\n", t, runs,
           ndiags, nwarn);
    printf("lint/load  %.2f (target: under 2)\n", t / l);
    free(load);
    free(lint);
    return 0;
}
