/*
 * util.c - govsvc-bench's helpers: the counting allocator installed with
 * govsvc_set_allocator(), the clock, percentiles, a deterministic random
 * generator and the load limits for large rulebooks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"

/* -- counting allocator --------------------------------------------------- */

typedef struct hdr {
    size_t size;
    size_t pad; /* keeps the user block 16-byte aligned */
} hdr;

_Thread_local unsigned long t_allocs;
_Thread_local long long t_live;

void *cnt_malloc(size_t n, void *ud)
{
    (void)ud;
    hdr *h = malloc(sizeof *h + n);
    if (!h)
        return NULL;
    h->size = n;
    t_allocs++;
    t_live += (long long)n;
    return h + 1;
}

void *cnt_realloc(void *p, size_t n, void *ud)
{
    if (!p)
        return cnt_malloc(n, ud);
    hdr *h = (hdr *)p - 1;
    size_t old = h->size;
    hdr *nh = realloc(h, sizeof *nh + n);
    if (!nh)
        return NULL;
    nh->size = n;
    t_allocs++;
    t_live += (long long)n - (long long)old;
    return nh + 1;
}

void cnt_free(void *p, void *ud)
{
    (void)ud;
    if (!p)
        return;
    hdr *h = (hdr *)p - 1;
    t_live -= (long long)h->size;
    free(h);
}

/* -- small helpers -------------------------------------------------------- */

double now_ns(void)
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

double pct(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

double median(double *v, size_t n)
{
    return pct(v, n, 0.5);
}

long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

uint64_t rnd(void)
{
    /* xorshift64*: deterministic across runs and platforms. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

double rnd01(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

void big_limits(govsvc_load_options *o)
{
    /* The 100,000-item rulebook is ~320 MB in one items file: far over the
     * default limits, which guard against hostile input, not large books. */
    govsvc_load_options_init(o);
    o->max_file_bytes = (size_t)1 << 31;
    o->max_total_bytes = (size_t)1 << 32;
    o->max_nodes = (size_t)1 << 30;
}

int print_diags(govsvc_diag_list *d)
{
    size_t n = govsvc_diag_list_count(d);
    for (size_t i = 0; i < n && i < 20; i++) {
        char *m = govsvc_diag_format(govsvc_diag_list_get(d, i));
        fprintf(stderr, "%s\n", m ? m : "(out of memory)");
        govsvc_free(m);
    }
    govsvc_diag_list_free(d);
    return (int)n;
}

