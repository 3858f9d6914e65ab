/*
 * ruletest.c - govsvc_test_run(): finding rule tests, loading the rulebooks
 * they test (a version history included), running every case
 * (ruletest_case.c), and the report with its coverage.
 *
 * A rulebook directory is one unit: its top files (one rulebook, or the
 * versions of one) and the YAML files of its tests/ directory. A test file pins its cases to one
 * version with `target:`; without it, a directory with one top file tests
 * that one, and a version history picks for each case the version in force
 * on the case's date, as a query of the history would.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ruletest_int.h"

static const char *const FILE_KEYS[] = {"govsvc", "target", "tests", NULL};
enum { F_GOVSVC, F_TARGET, F_TESTS };

enum { EN_DIAG = 0, EN_PASS, EN_GAP, EN_SUMMARY };

typedef struct rt_entry {
    int kind;
    size_t diag;      /* EN_DIAG: index in the report's list */
    const char *text; /* EN_DIAG: the difference, or NULL; others: the line */
} rt_entry;

struct govsvc_test_report {
    gs_arena arena;
    govsvc_diag_list *diags;
    size_t synced; /* diagnostics already given an entry */
    rt_entry *entries;
    size_t nentries, ecap;
    size_t passed, failed;
    govsvc_test_coverage *cov;
    size_t ncov, covcap;
    govsvc_test_gap *gaps;
    size_t ngaps, gapcap;
    int io, oom;
};

/* -- the report ------------------------------------------------------------ */

static void add_entry(govsvc_test_report *rep, int kind, size_t diag, const char *text)
{
    if (gs_grow((void **)&rep->entries, &rep->ecap, rep->nentries + 1, sizeof *rep->entries) <
        0) {
        rep->oom = 1;
        return;
    }
    rep->entries[rep->nentries++] = (rt_entry){kind, diag, text};
}

/* Gives each diagnostic added since the last call its place in the report. */
static void sync(rt_run *R)
{
    govsvc_test_report *rep = R->rep;
    for (; rep->synced < govsvc_diag_list_count(R->diags); rep->synced++) {
        if (strcmp(govsvc_diag_list_get(R->diags, rep->synced)->code, "E001") == 0)
            rep->io = 1;
        add_entry(rep, EN_DIAG, rep->synced, NULL);
    }
}

int rt_record_failure(rt_run *R, const char *diff)
{
    sync(R);
    const char *copy = gs_arena_strdup(R->arena, diff);
    if (!copy || !R->rep->nentries)
        return -1;
    R->rep->entries[R->rep->nentries - 1].text = copy;
    return 0;
}

static void add_line(rt_run *R, int kind, const char *fmt, ...) GS_PRINTF(3, 4);
static void add_line(rt_run *R, int kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    const char *s = b.oom ? NULL : gs_arena_strdup(R->arena, b.data);
    gs_buf_free(&b);
    if (!s)
        R->rep->oom = 1;
    else
        add_entry(R->rep, kind, 0, s);
}

void govsvc_test_report_free(govsvc_test_report *r)
{
    if (!r)
        return;
    govsvc_diag_list_free(r->diags);
    gs_free(r->entries);
    gs_free(r->cov);
    gs_free(r->gaps);
    gs_arena_free(&r->arena);
    gs_free(r);
}

const govsvc_diag_list *govsvc_test_report_diags(const govsvc_test_report *r)
{
    return r && r->diags && r->diags->count ? r->diags : NULL;
}

size_t govsvc_test_report_passed(const govsvc_test_report *r) { return r ? r->passed : 0; }
size_t govsvc_test_report_failed(const govsvc_test_report *r) { return r ? r->failed : 0; }
size_t govsvc_test_report_rulebook_count(const govsvc_test_report *r) { return r ? r->ncov : 0; }
size_t govsvc_test_report_gap_count(const govsvc_test_report *r) { return r ? r->ngaps : 0; }

const govsvc_test_coverage *govsvc_test_report_coverage(const govsvc_test_report *r, size_t i)
{
    return r && i < r->ncov ? &r->cov[i] : NULL;
}

const govsvc_test_gap *govsvc_test_report_gap(const govsvc_test_report *r, size_t i)
{
    return r && i < r->ngaps ? &r->gaps[i] : NULL;
}

double govsvc_test_coverage_percent(const govsvc_test_coverage *c)
{
    if (!c)
        return 0;
    size_t all = c->lines + c->waivers + c->deferrals + c->conditions;
    size_t hit = c->lines_hit + c->waivers_hit + c->deferrals_hit + c->conditions_hit;
    return all ? 100.0 * (double)hit / (double)all : 100.0;
}

int govsvc_test_report_to_text(const govsvc_test_report *r, unsigned flags, char **out,
                               size_t *len)
{
    if (out)
        *out = NULL;
    if (!r || !out)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, "");
    for (size_t i = 0; i < r->nentries; i++) {
        const rt_entry *e = &r->entries[i];
        if (e->kind == EN_PASS && !(flags & GOVSVC_TEST_VERBOSE))
            continue;
        if (e->kind != EN_DIAG) {
            gs_buf_printf(&b, "%s\n", e->text);
            continue;
        }
        /* The diagnostic, the difference under its first line, the hint. */
        govsvc_diag d = *govsvc_diag_list_get(r->diags, e->diag);
        const char *hint = d.hint;
        d.hint = NULL;
        char *s = govsvc_diag_format(&d);
        if (!s) {
            b.oom = 1;
            break;
        }
        gs_buf_printf(&b, "%s\n", s);
        govsvc_free(s);
        if (e->text)
            gs_buf_puts(&b, e->text);
        if (hint)
            gs_buf_printf(&b, "hint: %s\n", hint);
    }
    gs_buf_printf(&b, "tests: %zu passed, %zu failed\n", r->passed, r->failed);
    if (b.oom) {
        gs_buf_free(&b);
        return GOVSVC_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

/* -- finding units ----------------------------------------------------------- */

typedef struct unit {
    char *dir;
    char **tops; /* sorted */
    size_t ntops;
    const char *only_top;  /* the path named a top file */
    const char *only_test; /* the path named a test file */
} unit;

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Whether a file has a top-level key `key:` (a line that starts with it). */
static int has_top_key(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[512];
    size_t n = strlen(key);
    int found = 0, fresh = 1;
    while (!found && fgets(line, sizeof line, f)) {
        found = fresh && strncmp(line, key, n) == 0 && line[n] == ':';
        size_t l = strlen(line);
        fresh = l > 0 && line[l - 1] == '\n';
    }
    fclose(f);
    return found;
}

static char *join(const char *dir, const char *name)
{
    char *p = gs_malloc(strlen(dir) + strlen(name) + 2);
    if (p) {
        if (strcmp(dir, ".") == 0)
            strcpy(p, name);
        else
            sprintf(p, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", name);
    }
    return p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gs_strdup(".");
    return gs_strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir, sorted, as joined paths; NULL on error (errno). */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = join(dir, e->d_name);
        if (!p || gs_grow((void **)&names, &cap, *n + 1, sizeof *names) < 0) {
            gs_free(p);
            break;
        }
        names[(*n)++] = p;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_str);
    if (!names)
        names = gs_calloc(1, sizeof *names);
    return names;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; l && i < n; i++)
        gs_free(l[i]);
    gs_free(l);
}

/* The top files directly in dir. */
static char **tops_of(const char *dir, size_t *n)
{
    size_t all;
    char **names = list_dir(dir, &all);
    *n = 0;
    for (size_t i = 0; names && i < all; i++) {
        struct stat st;
        if ((ends_with(names[i], ".yaml") || ends_with(names[i], ".yml")) &&
            stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && has_top_key(names[i], "rulebook"))
            names[(*n)++] = names[i];
        else
            gs_free(names[i]);
    }
    return names;
}

/* -- one unit ---------------------------------------------------------------- */

static void path_diag(rt_run *R, const char *code, const char *path, const char *hint,
                      const char *fmt, ...) GS_PRINTF(5, 6);
static void path_diag(rt_run *R, const char *code, const char *path, const char *hint,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_pos pos = {path, 0, 0};
    gs_diag_vadd(R->diags, GOVSVC_SEVERITY_ERROR, code, pos, hint, fmt, ap);
    va_end(ap);
    sync(R);
}

/* Loader diagnostics, with the top file's name where the loader gives none. */
static void take_diags(rt_run *R, const govsvc_diag_list *l, const char *path)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        gs_pos pos = {d->file ? d->file : path, d->line, d->column};
        gs_diag_add(R->diags, d->severity, d->code, pos, d->hint, "%s", d->message);
    }
    sync(R);
}

typedef struct books {
    rt_book *b;
    size_t n;
    govsvc_history *history;
} books;

static int load_books(rt_run *R, const unit *u, books *bk)
{
    bk->b = gs_calloc(u->ntops, sizeof *bk->b);
    if (!bk->b)
        return GOVSVC_ENOMEM;
    bk->n = u->ntops;
    govsvc_diag_list *d = NULL;
    if (u->ntops > 1) {
        int r = govsvc_history_load(&bk->history, u->dir, R->opts->load, &d);
        if (r == GOVSVC_ENOMEM)
            return r;
        if (r == 0) {
            govsvc_diag_list_free(d);
            d = NULL;
            for (size_t i = 0; i < bk->n && i < govsvc_history_count(bk->history); i++) {
                bk->b[i].rb = govsvc_rulebook_ref(govsvc_history_get(bk->history, i));
                bk->b[i].path = gs_arena_strdup(R->arena, govsvc_history_path(bk->history, i));
            }
        } else {
            /* Not one history (two rulebooks side by side): load each, so
             * test files that name their target still run. */
            govsvc_diag_list_free(d);
            d = NULL;
        }
    }
    for (size_t i = 0; i < bk->n; i++) {
        rt_book *b = &bk->b[i];
        if (!b->path) {
            b->path = gs_arena_strdup(R->arena, u->tops[i]);
            int r = govsvc_rulebook_load(&b->rb, u->tops[i], R->opts->load, &d);
            if (r == GOVSVC_ENOMEM) {
                govsvc_diag_list_free(d);
                return r;
            }
            take_diags(R, d, u->tops[i]);
            govsvc_diag_list_free(d);
            d = NULL;
        }
        if (!b->path)
            return GOVSVC_ENOMEM;
        b->real = realpath(b->path, NULL);
        if (b->rb && rt_book_points(R, b) != 0)
            return GOVSVC_ENOMEM;
    }
    return 0;
}

static void free_books(books *bk)
{
    for (size_t i = 0; bk->b && i < bk->n; i++) {
        govsvc_rulebook_unref(bk->b[i].rb);
        free(bk->b[i].real); /* from realpath(): the C library's malloc */
        gs_free(bk->b[i].points);
    }
    gs_free(bk->b);
    govsvc_history_free(bk->history);
}

/* The book a case runs on. NULL after a diagnostic, or with *none set to
 * the history's answer (E105) when no version is in force on the case's
 * date: the case is then checked against that answer. */
static rt_book *pick(rt_run *R, books *bk, rt_book *target, const gs_ynode *c, int *warned,
                     govsvc_diag_list **none)
{
    if (target)
        return target;
    if (bk->n == 1)
        return &bk->b[0];
    const gs_ynode *date = c->kind == GS_YMAP ? gs_ymap_get(c, "date") : NULL;
    gs_day day;
    if (!bk->history) {
        if (!*warned)
            gs_diag_error(R->diags, "E226", c->pos,
                          "add 'target: ../FILE.yaml' naming the rulebook these tests are for",
                          "this directory holds several rulebooks: the test file must name its "
                          "target");
        *warned = 1;
        return NULL;
    }
    if (!date || date->kind != GS_YSCALAR || gs_date_parse(date->str, date->len, &day) != 0)
        return &bk->b[0]; /* the case itself reports the missing or bad date */
    govsvc_date dd;
    gs_ymd_from_day(day, &dd.year, &dd.month, &dd.day);
    govsvc_rulebook *rb = NULL;
    int r = govsvc_history_at(&rb, bk->history, dd, none);
    for (size_t i = 0; r == 0 && rb && i < bk->n; i++)
        if (bk->b[i].rb == rb)
            return &bk->b[i];
    if (r == GOVSVC_ENOMEM)
        R->rep->oom = 1;
    if (r == 0 || !*none) {
        gs_diag_error(R->diags, "E226", date->pos,
                      "test a date on which a version is in force, or pin the file with "
                      "'target:'",
                      "no version of this rulebook is in force on %s", date->str);
        govsvc_diag_list_free(*none);
        *none = NULL;
    }
    return NULL;
}

static int run_file(rt_run *R, const unit *u, books *bk, const char *path)
{
    gs_loader L;
    memset(&L, 0, sizeof L);
    govsvc_load_options_init(&L.opts);
    L.opts.max_file_bytes = (size_t)16 << 20;
    L.opts.max_total_bytes = (size_t)16 << 20;
    L.opts.max_files = 1;
    L.ylim.max_depth = 32;
    L.ylim.max_aliases = 1000;
    L.ylim.max_nodes = (size_t)1 << 22;
    L.ylim.max_scalar_bytes = (size_t)1 << 20;
    L.diags = R->diags;
    L.arena = R->arena;
    gs_arena_init(&L.tmp);
    sha256_init(&L.sha);
    const gs_ynode *root = NULL;
    int r = gs_loader_read_one(&L, path, &root);
    const gs_ynode *v[GS_ARRAY_LEN(FILE_KEYS)];
    rt_book *target = NULL;
    int ok = r == 0 && root && gs_check_map(&L, root, "a test file", FILE_KEYS, v) == 0;
    if (r == 0 && !root)
        gs_diag_error(R->diags, "E004", (gs_pos){path, 1, 1}, "start the file with 'govsvc: 1'",
                      "the file is empty");
    if (ok && (!v[F_GOVSVC] || v[F_GOVSVC]->kind != GS_YSCALAR ||
               strcmp(v[F_GOVSVC]->str, "1") != 0)) {
        gs_diag_error(R->diags, "E004", v[F_GOVSVC] ? v[F_GOVSVC]->pos : root->pos,
                      "start the file with 'govsvc: 1'", "missing or unsupported format version");
        ok = 0;
    }
    if (ok && v[F_TARGET] && gs_need_scalar(&L, v[F_TARGET], "target")) {
        char *tdir = dir_of(path), *t = tdir ? join(tdir, v[F_TARGET]->str) : NULL;
        char *real = t ? realpath(t, NULL) : NULL;
        for (size_t i = 0; real && i < bk->n; i++)
            if (bk->b[i].real && strcmp(bk->b[i].real, real) == 0)
                target = &bk->b[i];
        if (!target)
            gs_diag_error(R->diags, "E226", v[F_TARGET]->pos,
                          "name a top file of the rulebook directory, e.g. ../rulebook.yaml",
                          "target '%s' is not a rulebook of %s", v[F_TARGET]->str, u->dir);
        free(real);
        gs_free(t);
        gs_free(tdir);
        ok = target != NULL;
    } else if (ok && v[F_TARGET]) {
        ok = 0;
    }
    if (ok && !v[F_TESTS]) {
        gs_missing(&L, root, "tests", "a test file");
        ok = 0;
    }
    if (ok && gs_need_seq(&L, v[F_TESTS], "tests") < 0)
        ok = 0;
    sync(R);
    int warned = 0;
    for (size_t k = 0; ok && k < v[F_TESTS]->n; k++) {
        const gs_ynode *c = v[F_TESTS]->kids[k];
        const gs_ynode *nm = c->kind == GS_YMAP ? gs_ymap_get(c, "name") : NULL;
        const char *name = nm && nm->kind == GS_YSCALAR ? nm->str : NULL;
        if (c->kind == GS_YMAP && !name)
            gs_missing(&L, c, "name", "a test case");
        for (size_t j = 0; name && j < k; j++) {
            const gs_ynode *o = v[F_TESTS]->kids[j];
            const gs_ynode *on = o->kind == GS_YMAP ? gs_ymap_get(o, "name") : NULL;
            if (on && on->kind == GS_YSCALAR && strcmp(on->str, name) == 0) {
                char hint[300];
                snprintf(hint, sizeof hint, "the first is on line %u; give each case its own name",
                         on->pos.line);
                gs_diag_error(R->diags, "E228", nm->pos, hint,
                              "two test cases are named '%s'", name);
                break;
            }
        }
        govsvc_diag_list *none = NULL;
        rt_book *b = pick(R, bk, target, c, &warned, &none);
        if (b && u->only_top && strcmp(b->path, u->only_top) != 0) {
            sync(R);
            continue; /* another version's case */
        }
        int res = 0;
        if (none) {
            res = c->kind == GS_YMAP && name
                      ? rt_run_case(R, &L, NULL, c, name, govsvc_diag_list_get(none, 0))
                      : 0;
            govsvc_diag_list_free(none);
            if (res == GOVSVC_ENOMEM) {
                r = res;
                break;
            }
        } else if (b && !b->rb) {
            gs_diag_error(R->diags, "E227", c->pos, "fix the rulebook's errors above first",
                          "test '%s' was not run: its rulebook does not load",
                          name ? name : "?");
        } else if (b) {
            size_t before = govsvc_diag_list_count(R->diags);
            res = c->kind == GS_YMAP && name ? rt_run_case(R, &L, b, c, name, NULL) : 0;
            if (c->kind != GS_YMAP)
                gs_diag_error(R->diags, "E007", c->pos, "write each case as a mapping",
                              "a test case must be a mapping");
            if (res == GOVSVC_ENOMEM) {
                r = res;
                break;
            }
            if (res == 1 && govsvc_diag_list_count(R->diags) > before)
                res = 0;
            b->cases++;
            b->failed += res != 1;
        }
        sync(R);
        if (res == 1) {
            R->rep->passed++;
            add_line(R, EN_PASS, "%s:%u:%u: passed: %s", path, c->pos.line, c->pos.col, name);
        } else {
            R->rep->failed++;
        }
    }
    sync(R);
    gs_arena_free(&L.tmp);
    gs_free(L.files);
    return r == GOVSVC_ENOMEM ? r : 0;
}

static const char *const KIND_NAMES[] = {"line", "waiver", "deferral", "condition"};

static int report_book(rt_run *R, const unit *u, rt_book *b)
{
    govsvc_test_report *rep = R->rep;
    if (u->only_top && strcmp(b->path, u->only_top) != 0)
        return 0;
    if (u->only_test && b->cases == 0)
        return 0;
    if (!b->rb)
        return 0;
    if (gs_grow((void **)&rep->cov, &rep->covcap, rep->ncov + 1, sizeof *rep->cov) < 0)
        return GOVSVC_ENOMEM;
    govsvc_test_coverage *c = &rep->cov[rep->ncov++];
    memset(c, 0, sizeof *c);
    c->rulebook = b->path;
    c->cases = b->cases;
    c->failed = b->failed;
    for (size_t i = 0; i < b->npoints; i++) {
        const rt_point *p = &b->points[i];
        switch (p->kind) {
        case RT_LINE:
            c->lines++;
            c->lines_hit += p->hit;
            break;
        case RT_WAIVER:
            c->waivers++;
            c->waivers_hit += p->hit;
            break;
        case RT_DEFERRAL:
            c->deferrals++;
            c->deferrals_hit += p->hit;
            break;
        default:
            c->conditions++;
            c->conditions_hit += p->hit;
            break;
        }
        if (p->hit || b->cases == 0)
            continue;
        if (gs_grow((void **)&rep->gaps, &rep->gapcap, rep->ngaps + 1, sizeof *rep->gaps) < 0)
            return GOVSVC_ENOMEM;
        govsvc_test_gap *g = &rep->gaps[rep->ngaps++];
        g->rulebook = b->path;
        g->kind = KIND_NAMES[p->kind];
        g->what = p->what;
        /* The rulebook goes with the unit: copy its file name. */
        g->file = p->pos.file ? gs_arena_strdup(R->arena, p->pos.file) : NULL;
        if (p->pos.file && !g->file)
            return GOVSVC_ENOMEM;
        g->line = p->pos.line;
        g->column = p->pos.col;
        add_line(R, EN_GAP, "%s:%u:%u: not covered (%s): %s", g->file ? g->file : b->path,
                 g->line, g->column, g->kind, g->what);
    }
    double pct = govsvc_test_coverage_percent(c);
    if (b->cases == 0 && !u->only_test)
        path_diag(R, "E221", b->path,
                  "add test cases in the rulebook's tests/ directory (docs/rule-tests.md)",
                  "rulebook '%s' has no tests", govsvc_rulebook_id(b->rb));
    else if (R->opts->coverage_min > 0 && pct + 1e-9 < R->opts->coverage_min)
        path_diag(R, "E225", b->path, "add cases for the points listed as not covered",
                  "coverage %.1f%% is below the minimum of %.1f%%", pct, R->opts->coverage_min);
    add_line(R, EN_SUMMARY,
             "%s: %zu case%s, %zu passed, %zu failed; coverage %.1f%% (lines %zu/%zu, waivers "
             "%zu/%zu, deferrals %zu/%zu, conditions %zu/%zu)",
             b->path, b->cases, b->cases == 1 ? "" : "s", b->cases - b->failed, b->failed, pct,
             c->lines_hit, c->lines, c->waivers_hit, c->waivers, c->deferrals_hit, c->deferrals,
             c->conditions_hit, c->conditions);
    return 0;
}

static int run_unit(rt_run *R, const unit *u)
{
    books bk;
    memset(&bk, 0, sizeof bk);
    int r = load_books(R, u, &bk);
    size_t n = 0;
    char **files = NULL;
    if (r == 0 && u->only_test) {
        r = run_file(R, u, &bk, u->only_test);
    } else if (r == 0) {
        char *tdir = join(u->dir, "tests");
        files = tdir ? list_dir(tdir, &n) : NULL;
        gs_free(tdir);
        for (size_t i = 0; r == 0 && i < n; i++)
            if (ends_with(files[i], ".yaml") || ends_with(files[i], ".yml"))
                r = run_file(R, u, &bk, files[i]);
    }
    for (size_t i = 0; r == 0 && i < bk.n; i++)
        r = report_book(R, u, &bk.b[i]);
    free_list(files, n);
    free_books(&bk);
    return r;
}

static int add_unit_dir(rt_run *R, const char *dir, const char *only_top, const char *only_test)
{
    unit u;
    memset(&u, 0, sizeof u);
    u.dir = (char *)dir;
    u.tops = tops_of(dir, &u.ntops);
    u.only_top = only_top;
    u.only_test = only_test;
    int r = 0;
    if (!u.tops)
        r = GOVSVC_ENOMEM;
    else if (u.ntops == 0)
        path_diag(R, "E226", only_test ? only_test : dir,
                  "keep test files in the tests/ directory of a rulebook",
                  "no rulebook found in '%s' for these tests", dir);
    else
        r = run_unit(R, &u);
    free_list(u.tops, u.ntops);
    return r;
}

/* Every directory below `dir` that holds a top file is a unit. */
static int walk(rt_run *R, const char *dir, int depth, size_t *found)
{
    size_t ntops = 0, n = 0;
    char **tops = tops_of(dir, &ntops);
    free_list(tops, ntops);
    int r = 0;
    if (ntops) {
        (*found)++;
        r = add_unit_dir(R, dir, NULL, NULL);
    }
    char **names = list_dir(dir, &n);
    for (size_t i = 0; r == 0 && names && i < n; i++) {
        struct stat st;
        if (depth < 16 && stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            r = walk(R, names[i], depth + 1, found);
    }
    free_list(names, n);
    return r;
}

static int run_path(rt_run *R, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        path_diag(R, "E001", path, "check the path", "cannot read '%s': %s", path,
                  strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t found = 0;
        size_t len = strlen(path);
        while (len > 1 && path[len - 1] == '/')
            len--;
        if (len >= 5 && strncmp(path + len - 5, "tests", 5) == 0 &&
            (len == 5 || path[len - 6] == '/')) {
            /* A rulebook's tests/ directory: that rulebook's tests. */
            char *trimmed = gs_strndup(path, len);
            char *up = trimmed ? dir_of(trimmed) : NULL;
            gs_free(trimmed);
            size_t n = 0;
            char **tops = up ? tops_of(up, &n) : NULL;
            free_list(tops, n);
            int r = up && n ? add_unit_dir(R, up, NULL, NULL) : up ? 0 : GOVSVC_ENOMEM;
            gs_free(up);
            if (r || n)
                return r;
        }
        int r = walk(R, path, 0, &found);
        if (r == 0 && !found)
            path_diag(R, "E221", path, "name a rulebook directory",
                      "no rulebook found in '%s'", path);
        return r;
    }
    char *dir = dir_of(path);
    if (!dir)
        return GOVSVC_ENOMEM;
    int r = 0;
    if (has_top_key(path, "tests")) {
        /* A test file: its rulebook directory is the one above tests/. */
        char *up = dir_of(dir);
        r = up ? add_unit_dir(R, up, NULL, path) : GOVSVC_ENOMEM;
        gs_free(up);
    } else if (has_top_key(path, "rulebook")) {
        r = add_unit_dir(R, dir, path, NULL);
    } else {
        path_diag(R, "E226", path,
                  "name a rulebook directory, a rulebook's top file or a test file",
                  "'%s' is neither a rulebook nor a test file", path);
    }
    gs_free(dir);
    return r;
}

int govsvc_test_run(govsvc_test_report **out, const char *const *paths, size_t npaths,
                    const govsvc_test_options *opts)
{
    if (out)
        *out = NULL;
    govsvc_test_options o = GOVSVC_TEST_OPTIONS_INIT;
    if (opts && opts->version >= 1)
        o = *opts;
    if (!out || (!paths && npaths) || !(o.coverage_min >= 0 && o.coverage_min <= 100))
        return GOVSVC_EINVAL;
    for (size_t i = 0; i < npaths; i++)
        if (!paths[i])
            return GOVSVC_EINVAL;
    govsvc_test_report *rep = gs_calloc(1, sizeof *rep);
    if (!rep)
        return GOVSVC_ENOMEM;
    gs_arena_init(&rep->arena);
    rep->diags = gs_diag_list_new();
    rt_run R = {rep, &o, &rep->arena, rep->diags};
    int r = rep->diags ? 0 : GOVSVC_ENOMEM;
    for (size_t i = 0; r == 0 && i < npaths; i++)
        r = run_path(&R, paths[i]);
    sync(&R);
    if (r == 0 && (rep->oom || rep->diags->oom))
        r = GOVSVC_ENOMEM;
    if (r) {
        govsvc_test_report_free(rep);
        return r;
    }
    *out = rep;
    if (rep->io)
        return GOVSVC_EIO;
    return gs_diag_errors(rep->diags) || rep->failed ? GOVSVC_ERULEBOOK : 0;
}
