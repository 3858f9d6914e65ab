/*
 * report.c - govsvc-bench's output: the figures of one run as tables or
 * JSON, and the targets with the ratio of each figure to its goal
 * (a ratio <= 1 meets a "<=" target, >= 1 a ">=" one).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"


typedef struct target {
    const char *name;
    double figure;
    const char *unit;
    const char *op; /* "<=" or ">=" */
    double goal;
    double ratio; /* figure / goal: <= 1 meets a "<=" target, >= 1 a ">=" one */
    int met;
} target;

static int targets(const results *R, target *t)
{
    int n = 0;
#define T(nm, fig, un, o, g)                                                                    \
    do {                                                                                        \
        double f_ = (fig), g_ = (g);                                                            \
        t[n] = (target){nm, f_, un, o, g_, g_ != 0 ? f_ / g_ : (f_ == 0 ? 0 : 1e9), 0};        \
        t[n].met = o[0] == '<' ? f_ <= g_ : f_ >= g_;                                           \
        n++;                                                                                    \
    } while (0)
    const load_result *l0 = &R->load[0], *ln = &R->load[R->nload - 1];
    T("query p50 (2k items)", R->lib.p50, "ns", "<=", 1000);
    T("query p99 (2k items)", R->lib.p99, "ns", "<=", 5000);
    T("queries/s, one core", R->lib.qps, "q/s", ">=", 1e6);
    T("query time / hand-written floor", R->flr.qps / R->lib.qps, "x", "<=", 3);
    T("heap allocations per query (steady state)", R->lib.allocs, "", "<=", 0);
    T("JSON serialisation per answer", R->js.into_mean, "ns", "<=", 2000);
    T("load+compile / libyaml raw parse (2k)", l0->load_min_ns / l0->raw_min_ns, "x", "<=", 1.5);
    if (R->nload > 1)
        T("load time per item, largest / 2k", (ln->load_min_ns / (double)ln->nitems) /
                                                  (l0->load_min_ns / (double)l0->nitems),
          "x", "<=", 1.25);
    T("peak RSS during load / source bytes (2k)",
      (double)l0->rss_kb * 1024 / (double)l0->source_bytes, "x", "<=", 3);
    T("table bytes / source bytes (2k)", (double)l0->table_bytes / (double)l0->source_bytes,
      "x", "<=", 1);
    T("working-day addition", R->cal_ns, "ns", "<=", 20);
    T("2 threads / 1 thread throughput", R->tqps[1] / R->tqps[0], "x", ">=", 1.8);
#undef T
    return n;
}

void print_json(const results *R, FILE *out)
{
    fprintf(out, "{\n  \"schema\": \"govsvc.bench/1\",\n  \"loads\": [");
    for (int i = 0; i < R->nload; i++) {
        const load_result *l = &R->load[i];
        fprintf(out, "%s\n    {\"dir\": \"%s\", \"items\": %zu, \"source_bytes\": %zu, "
               "\"table_bytes\": %zu, \"load_allocations\": %lu, \"rss_before_kb\": %ld, "
               "\"peak_rss_kb\": %ld, \"load_ns\": %.0f, \"load_min_ns\": %.0f, "
               "\"libyaml_raw_ns\": %.0f, \"libyaml_raw_min_ns\": %.0f, \"repetitions\": %d}",
               i ? "," : "", l->dir, l->nitems, l->source_bytes, l->table_bytes, l->load_allocs,
               l->rss0_kb, l->rss_kb, l->load_ns, l->load_min_ns, l->raw_ns, l->raw_min_ns,
               l->reps);
    }
    const qstats *q[] = {&R->lib, &R->lib_alloc, &R->lib_partial, &R->flr};
    const char *qn[] = {"library_reused_answer", "library_new_answer", "library_partial_facts",
                        "hand_written_floor"};
    fprintf(out, "\n  ],\n  \"timer_ns\": %.0f,\n  \"queries\": {", R->timer_ns);
    for (int i = 0; i < 4; i++)
        fprintf(out, "%s\n    \"%s\": {\"p50_ns\": %.0f, \"p99_ns\": %.0f, \"mean_ns\": %.1f, "
               "\"queries_per_s\": %.0f, \"allocations_per_query\": %.3f, "
               "\"materials_per_answer\": %.2f}",
               i ? "," : "", qn[i], q[i]->p50, q[i]->p99, q[i]->mean, q[i]->qps, q[i]->allocs,
               q[i]->mats);
    fprintf(out, "\n  },\n  \"floor_mismatches\": %ld,\n  \"threads\": [", R->mismatches);
    for (int i = 0; i < R->nthr; i++)
        fprintf(out, "%s{\"threads\": %d, \"queries_per_s\": %.0f, \"cpu_ns_per_query\": %.1f}",
                i ? ", " : "", R->nthreads[i], R->tqps[i], R->tcpu[i]);
    fprintf(out, "],\n  \"json\": {\"caller_buffer_mean_ns\": %.0f, \"caller_buffer_p50_ns\": %.0f, "
           "\"allocating_mean_ns\": %.0f, \"bytes_per_answer\": %.0f, "
           "\"allocations_per_answer\": %.3f},\n",
           R->js.into_mean, R->js.into_p50, R->js.alloc_mean, R->js.bytes, R->js.allocs);
    fprintf(out, "  \"calendar\": {\"working_day_add_ns\": %.1f, \"natural_day_add_ns\": %.1f},\n",
           R->cal_ns, R->cal_natural_ns);
    target t[16];
    int n = targets(R, t);
    fprintf(out, "  \"targets\": [");
    for (int i = 0; i < n; i++)
        fprintf(out, "%s\n    {\"name\": \"%s\", \"figure\": %.4g, \"unit\": \"%s\", \"target\": \"%s "
               "%g\", \"ratio\": %.3f, \"met\": %s}",
               i ? "," : "", t[i].name, t[i].figure, t[i].unit, t[i].op, t[i].goal, t[i].ratio,
               t[i].met ? "true" : "false");
    fprintf(out, "\n  ]\n}\n");
}

void print_text(const results *R, int md)
{
    const char *h = md ? "| " : "";
    const char *s = md ? " | " : "  ";
    const char *e = md ? " |" : "";
    printf(md ? "### Load and compile\n\n"
              : "Load and compile (each in a fresh process; best of its repetitions)\n");
    printf("%s%-8s%s%10s%s%10s%s%10s%s%12s%s%12s%s%8s%s%10s%s%8s%s%9s%s\n", h, "items", s,
           "source MB", s, "load ms", s, "libyaml ms", s, "load/libyaml", s, "us per item", s,
           "RSS MB", s, "RSS/source", s, "table MB", s, "table/src", e);
    if (md)
        printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < R->nload; i++) {
        const load_result *l = &R->load[i];
        printf("%s%-8zu%s%10.2f%s%10.1f%s%10.1f%s%12.2f%s%12.2f%s%8.1f%s%10.2f%s%8.2f%s%9.2f%s\n",
               h, l->nitems, s, (double)l->source_bytes / 1e6, s, l->load_min_ns / 1e6, s,
               l->raw_min_ns / 1e6, s, l->load_min_ns / l->raw_min_ns, s, l->load_min_ns / 1e3 / (double)l->nitems,
               s, (double)l->rss_kb / 1024, s, (double)l->rss_kb * 1024 / (double)l->source_bytes,
               s, (double)l->table_bytes / 1e6, s,
               (double)l->table_bytes / (double)l->source_bytes, e);
    }
    printf(md ? "\n### Queries (%zu items, %d random pairs, one core unless stated)\n\n"
              : "\nQueries (%zu items, %d random pairs, one core unless stated)\n",
           R->nitems, NPAIRS);
    printf("%s%-36s%s%8s%s%8s%s%9s%s%12s%s%12s%s%10s%s\n", h, "workload", s, "p50 ns", s,
           "p99 ns", s, "mean ns", s, "queries/s", s, "allocs/query", s, "lines/ans", e);
    if (md)
        printf("|---|---:|---:|---:|---:|---:|---:|\n");
    const qstats *q[] = {&R->lib, &R->lib_alloc, &R->lib_partial, &R->flr};
    const char *qn[] = {"library, reused answer", "library, new answer each query",
                        "library, 1 fact in 5 unknown", "hand-written C floor"};
    for (int i = 0; i < 4; i++)
        printf("%s%-36s%s%8.0f%s%8.0f%s%9.1f%s%12.0f%s%12.3f%s%10.2f%s\n", h, qn[i], s,
               q[i]->p50, s, q[i]->p99, s, q[i]->mean, s, q[i]->qps, s, q[i]->allocs, s,
               q[i]->mats, e);
    for (int i = 0; i < R->nthr; i++)
        printf("%s%-36s%s%8s%s%8s%s%9.1f%s%12.0f%s%12s%s%10s%s\n", h,
               R->nthreads[i] == 1 ? "1 thread" : R->nthreads[i] == 2 ? "2 threads, one rulebook"
                                                                       : "all cores, one rulebook",
               s, "", s, "", s, R->tcpu[i], s, R->tqps[i], s, "", s, "", e);
    printf(md ? "\nTimer cost included in each latency: %.0f ns. Library and floor agreed on "
                "%d of %d answers. For the thread rows, *mean ns* is the CPU time per query "
                "summed over the threads: it stays as with one thread when the threads do not "
                "slow each other down, whatever cores the machine gave them.\n\n"
              : "timer cost included in each latency: %.0f ns; library and floor agreed on %d of "
                "%d answers; thread rows: mean = CPU ns per query over all threads\n",
           R->timer_ns, NPAIRS - (int)R->mismatches, NPAIRS);
    printf(md ? "### JSON and calendar\n\n" : "\nJSON and calendar\n");
    printf("%s%-44s%s%12s%s\n", h, "operation", s, "figure", e);
    if (md)
        printf("|---|---:|\n");
    printf("%s%-44s%s%9.0f ns%s\n", h, "JSON into a caller buffer, mean", s, R->js.into_mean, e);
    printf("%s%-44s%s%9.0f ns%s\n", h, "JSON into a caller buffer, p50", s, R->js.into_p50, e);
    printf("%s%-44s%s%9.0f ns%s\n", h, "JSON, new buffer (govsvc_answer_to_json)", s,
           R->js.alloc_mean, e);
    printf("%s%-44s%s%6.0f bytes%s\n", h, "JSON answer size, mean", s, R->js.bytes, e);
    printf("%s%-44s%s%12.3f%s\n", h, "allocations per JSON into a caller buffer", s,
           R->js.allocs, e);
    printf("%s%-44s%s%9.1f ns%s\n", h, "working-day addition (govsvc_calendar_add)", s,
           R->cal_ns, e);
    printf("%s%-44s%s%9.1f ns%s\n", h, "natural-day addition (govsvc_calendar_add)", s,
           R->cal_natural_ns, e);
    target t[16];
    int n = targets(R, t);
    printf(md ? "\n### Targets\n\n" : "\nTargets\n");
    printf("%s%-44s%s%12s%s%10s%s%8s%s%4s%s\n", h, "target", s, "measured", s, "goal", s,
           "ratio", s, "met", e);
    if (md)
        printf("|---|---:|---:|---:|:---:|\n");
    for (int i = 0; i < n; i++) {
        char fig[32], goal[32];
        snprintf(fig, sizeof fig, "%.3g %s", t[i].figure, t[i].unit);
        snprintf(goal, sizeof goal, "%s %g", t[i].op, t[i].goal);
        printf("%s%-44s%s%12s%s%10s%s%8.2f%s%4s%s\n", h, t[i].name, s, fig, s, goal, s,
               t[i].ratio, s, t[i].met ? "yes" : "NO", e);
    }
}

