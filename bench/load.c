/*
 * load.c - load+compile measured in a fresh process (govsvc-bench
 * --load-child DIR REPS), so that each rulebook's peak RSS is its own: the
 * first load's high-water mark, the bytes the table keeps allocated (the
 * counting allocator's live bytes), the median load time, and libyaml's
 * raw event parse of the same files for reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <yaml.h>

#include "bench.h"
#include "floor.h"
#include "report.h"

/* -- load, in a child process --------------------------------------------- */



/* Reads only the `files` line of floor.txt, so that the child's baseline
 * RSS does not include the floor's description. */
static int read_files(const char *dir, char files[][512], int *n)
{
    char path[600];
    snprintf(path, sizeof path, "%s/floor.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    int v;
    if (fscanf(f, "govsvc-floor %d files %d", &v, n) != 2 || *n < 1 || *n > FL_MAX_FILES) {
        fclose(f);
        return -1;
    }
    for (int i = 0; i < *n; i++) {
        char rel[400];
        if (fscanf(f, "%399s", rel) != 1) {
            fclose(f);
            return -1;
        }
        snprintf(files[i], 512, "%s/%s", dir, rel);
    }
    fclose(f);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return b;
}

/* libyaml's event parse of one buffer, events dropped: the reference the
 * loader is measured against. */
static int raw_parse(const char *bytes, size_t len)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return -1;
    yaml_parser_set_input_string(&p, (const unsigned char *)bytes, len);
    int done = 0, r = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            r = -1;
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return r;
}

int load_child(const char *dir, int reps)
{
    char files[FL_MAX_FILES][512];
    int nfiles;
    if (read_files(dir, files, &nfiles) < 0)
        return 1;
    char path[600];
    snprintf(path, sizeof path, "%s/rulebook.yaml", dir);
    govsvc_load_options o;
    big_limits(&o);
    load_result r;
    memset(&r, 0, sizeof r);
    r.reps = reps;
    r.rss0_kb = maxrss_kb();
    double *t = calloc((size_t)reps, sizeof *t), *tr = calloc((size_t)reps, sizeof *tr);
    if (!t || !tr)
        return 1;
    govsvc_rulebook *rb = NULL;
    for (int i = 0; i < reps; i++) {
        govsvc_rulebook_unref(rb);
        rb = NULL;
        long long live0 = t_live;
        unsigned long a0 = t_allocs;
        govsvc_diag_list *d = NULL;
        double t0 = now_ns();
        int e = govsvc_rulebook_load(&rb, path, &o, &d);
        t[i] = now_ns() - t0;
        if (e || d) {
            fprintf(stderr, "govsvc-bench: %s: load gave %d diagnostic(s), status %s\n", path,
                    print_diags(d), govsvc_strerror(e));
            return 1;
        }
        if (i == 0) {
            /* The first load of a fresh process: its high-water mark. */
            r.rss_kb = maxrss_kb();
            r.table_bytes = (size_t)(t_live - live0);
            r.load_allocs = t_allocs - a0;
        }
    }
    r.nitems = govsvc_rulebook_item_count(rb);
    govsvc_rulebook_unref(rb);
    char *buf[FL_MAX_FILES];
    size_t len[FL_MAX_FILES];
    for (int i = 0; i < nfiles; i++) {
        if (!(buf[i] = slurp(files[i], &len[i]))) {
            perror(files[i]);
            return 1;
        }
        r.source_bytes += len[i];
    }
    for (int k = 0; k < reps; k++) {
        double t0 = now_ns();
        for (int i = 0; i < nfiles; i++)
            if (raw_parse(buf[i], len[i]) < 0) {
                fprintf(stderr, "govsvc-bench: libyaml cannot parse %s\n", files[i]);
                return 1;
            }
        tr[k] = now_ns() - t0;
    }
    for (int i = 0; i < nfiles; i++)
        free(buf[i]);
    double lmin = t[0], rmin = tr[0];
    for (int i = 1; i < reps; i++) {
        lmin = t[i] < lmin ? t[i] : lmin;
        rmin = tr[i] < rmin ? tr[i] : rmin;
    }
    printf("%zu %zu %zu %lu %ld %ld %.0f %.0f %.0f %.0f\n", r.nitems, r.source_bytes,
           r.table_bytes, r.load_allocs, r.rss0_kb, r.rss_kb, median(t, (size_t)reps), lmin,
           median(tr, (size_t)reps), rmin);
    free(t);
    free(tr);
    return 0;
}

int run_load_child(const char *self, const char *dir, int reps, load_result *r)
{
    int fd[2];
    if (pipe(fd) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char rs[16];
        snprintf(rs, sizeof rs, "%d", reps);
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execl(self, self, "--load-child", dir, rs, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *f = fdopen(fd[0], "r");
    memset(r, 0, sizeof *r);
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    r->reps = reps;
    int n = f ? fscanf(f, "%zu %zu %zu %lu %ld %ld %lf %lf %lf %lf", &r->nitems,
                       &r->source_bytes, &r->table_bytes, &r->load_allocs, &r->rss0_kb,
                       &r->rss_kb, &r->load_ns, &r->load_min_ns, &r->raw_ns, &r->raw_min_ns)
               : 0;
    if (f)
        fclose(f);
    int st;
    waitpid(pid, &st, 0);
    return n == 10 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

