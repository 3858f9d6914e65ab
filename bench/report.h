/*
 * report.h - what one run of govsvc-bench measured, and its output: the
 * table (text or markdown, for docs/performance.md) and the JSON, each
 * with the targets and the ratio of every figure to its target.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stddef.h>
#include <stdio.h>

enum { NPAIRS = 4096, MAX_DIRS = 8, MAX_THREADS = 64 };

/* One rulebook loaded in a fresh process (govsvc-bench.c, load_child). */
typedef struct load_result {
    char dir[512];
    size_t nitems, source_bytes, table_bytes;
    unsigned long load_allocs;
    long rss0_kb, rss_kb;
    double load_ns, load_min_ns, raw_ns, raw_min_ns;
    int reps;
} load_result;

/* Queries over the NPAIRS pairs: latency of each query timed alone, and
 * throughput of the same number untimed. */
typedef struct qstats {
    double p50, p99, mean, qps;
    double allocs; /* per query */
    double mats;   /* material lines per answer */
} qstats;

typedef struct jstats {
    double into_p50, into_mean, alloc_mean, bytes;
    double allocs; /* per answer, caller buffer */
} jstats;

typedef struct results {
    int nload;
    load_result load[MAX_DIRS];
    size_t nitems;
    qstats lib, lib_alloc, lib_partial, flr;
    double timer_ns;
    int nthreads[4], nthr;
    double tqps[4];
    double tcpu[4]; /* CPU ns per query, summed over the threads */
    jstats js;
    double cal_ns, cal_natural_ns;
    long mismatches;
} results;

/* Prints the run as tables (markdown when md) or as JSON. */
void print_text(const results *R, int md);
void print_json(const results *R, FILE *out);

#endif
