/*
 * bench.h - what the parts of govsvc-bench share (util.c, load.c).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include <govsvc.h>

#include "report.h"

/* The counting allocator (util.c): calls and live bytes, per thread. */
extern _Thread_local unsigned long t_allocs;
extern _Thread_local long long t_live;
void *cnt_malloc(size_t n, void *ud);
void *cnt_realloc(void *p, size_t n, void *ud);
void cnt_free(void *p, void *ud);

double now_ns(void);              /* CLOCK_MONOTONIC */
double pct(double *v, size_t n, double p); /* sorts v */
double median(double *v, size_t n);
long maxrss_kb(void);
uint64_t rnd(void);               /* xorshift64*, fixed seed */
double rnd01(void);
/* Default limits, raised for the 100,000-item rulebook. */
void big_limits(govsvc_load_options *o);
/* Prints (up to 20) and frees a diagnostics list; returns its count. */
int print_diags(govsvc_diag_list *d);

/* load.c */
int load_child(const char *dir, int reps);
int run_load_child(const char *self, const char *dir, int reps, load_result *r);

#endif
