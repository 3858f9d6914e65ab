/*
 * history.c - the versions of one rulebook through time (SPEC section 8).
 *
 * Service standards change every half year; each change is a new version
 * with the day it takes effect. A history is a directory of such versions
 * (top files: YAML files with a top-level `rulebook:` key, as `govsvc lint`
 * finds them, and the files they include); a query on a date uses the
 * version in force that day: the one whose `effective` is the latest not
 * after it. The checks here keep that choice well defined: one id, one
 * version per day, distinct version names, and `supersedes` naming the
 * version actually before.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "table.h"

struct govsvc_history {
    govsvc_rulebook **v; /* by effective, oldest first */
    char **path;
    size_t n;
};

/* A top file has a `rulebook:` key at the start of a line (the same test
 * as `govsvc lint` uses on directories). */
static int is_top_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int top = 0;
    while (f && !top && fgets(line, sizeof line, f))
        top = strncmp(line, "rulebook:", 9) == 0;
    if (f)
        fclose(f);
    return top;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void adopt(govsvc_diag_list *to, const govsvc_diag_list *from)
{
    for (size_t i = 0; i < govsvc_diag_list_count(from); i++) {
        const govsvc_diag *g = govsvc_diag_list_get(from, i);
        gs_pos p = {g->file, g->line, g->column};
        gs_diag_add(to, g->severity, g->code, p, g->hint, "%s", g->message);
        if (g->fact)
            gs_diag_set_fact(to, g->fact);
    }
}

void govsvc_history_free(govsvc_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        govsvc_rulebook_unref(h->v[i]);
        gs_free(h->path[i]);
    }
    gs_free(h->v);
    gs_free(h->path);
    gs_free(h);
}

/* The names of the top files in dir, sorted. Returns 0, GOVSVC_EIO (E001)
 * or GOVSVC_ENOMEM. */
static int top_files(const char *dir, char ***out, size_t *count, govsvc_diag_list *d)
{
    gs_pos at = {dir, 0, 0};
    struct stat st;
    DIR *dp = NULL;
    const char *why = NULL;
    if (stat(dir, &st) != 0)
        why = strerror(errno);
    else if (!S_ISDIR(st.st_mode))
        why = "not a directory";
    else if (!(dp = opendir(dir)))
        why = strerror(errno);
    if (why) {
        gs_diag_error(d, "E001", at, "name the directory that holds the rulebook's versions",
                      "cannot read directory '%s': %s", dir, why);
        return GOVSVC_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int r = 0;
    while (r == 0 && (e = readdir(dp))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        char *p = gs_malloc(strlen(dir) + len + 2);
        if (!p || gs_grow((void **)&names, &cap, n + 1, sizeof *names) < 0) {
            gs_free(p);
            r = GOVSVC_ENOMEM;
            break;
        }
        snprintf(p, strlen(dir) + len + 2, "%s/%s", dir, e->d_name);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && is_top_file(p))
            names[n++] = p;
        else
            gs_free(p);
    }
    closedir(dp);
    if (r) {
        for (size_t i = 0; i < n; i++)
            gs_free(names[i]);
        gs_free(names);
        return r;
    }
    qsort(names, n, sizeof *names, cmp_name);
    *out = names;
    *count = n;
    return 0;
}

static void where(char *buf, size_t size, gs_pos p)
{
    snprintf(buf, size, "%s:%u:%u", p.file ? p.file : "?", p.line, p.col);
}

/* The checks across versions (the versions are sorted by effective). */
static void check_versions(const govsvc_history *h, govsvc_diag_list *d)
{
    char other[600], hint[800];
    for (size_t i = 1; i < h->n; i++) {
        const struct govsvc_rulebook *a = h->v[0], *b = h->v[i];
        if (strcmp(a->id, b->id) != 0) {
            where(other, sizeof other, a->id_pos);
            snprintf(hint, sizeof hint,
                     "every version in one directory is of the same rulebook ('%s' at %s); "
                     "move this one to its own directory",
                     a->id, other);
            gs_diag_error(d, "E101", b->id_pos, hint,
                          "rulebook.id '%s' differs from the other versions' '%s'", b->id,
                          a->id);
        }
    }
    for (size_t i = 1; i < h->n; i++) {
        const struct govsvc_rulebook *a = h->v[i - 1], *b = h->v[i];
        if (a->effective == b->effective) {
            char day[11];
            gs_date_format(b->effective, day);
            where(other, sizeof other, a->effective_pos);
            snprintf(hint, sizeof hint,
                     "version '%s' (%s) takes effect the same day; give each version its own "
                     "'effective' date",
                     a->version, other);
            gs_diag_error(d, "E100", b->effective_pos, hint,
                          "two versions take effect on %s: a query on that day could not "
                          "choose",
                          day);
        }
    }
    for (size_t i = 0; i < h->n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(h->v[i]->version, h->v[j]->version) == 0) {
                where(other, sizeof other, h->v[j]->version_pos);
                snprintf(hint, sizeof hint, "the other is at %s; name each version once",
                         other);
                gs_diag_error(d, "E104", h->v[i]->version_pos, hint,
                              "two versions are named '%s'", h->v[i]->version);
                break;
            }
    for (size_t i = 1; i < h->n; i++) {
        const struct govsvc_rulebook *a = h->v[i - 1], *b = h->v[i];
        if (!b->supersedes || strcmp(b->supersedes, a->version) == 0 ||
            a->effective == b->effective)
            continue;
        where(other, sizeof other, a->version_pos);
        snprintf(hint, sizeof hint,
                 "the version in force before this one is '%s' (%s); write supersedes: \"%s\"",
                 a->version, other, a->version);
        gs_diag_error(d, "E103", b->supersedes_pos, hint,
                      "version '%s' supersedes '%s', but the version before it is '%s'",
                      b->version, b->supersedes, a->version);
    }
}

int govsvc_history_load(govsvc_history **out, const char *dir, const govsvc_load_options *opts,
                        govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!dir)
        return GOVSVC_EINVAL;
    govsvc_diag_list *d = gs_diag_list_new();
    govsvc_history *h = gs_calloc(1, sizeof *h);
    char **names = NULL;
    size_t n = 0;
    int r = d && h ? 0 : GOVSVC_ENOMEM;
    if (r == 0)
        r = top_files(dir, &names, &n, d);
    if (r == 0 && n == 0) {
        gs_pos at = {dir, 0, 0};
        gs_diag_error(d, "E102", at,
                      "a history holds top files (with 'rulebook:'), e.g. rulebook.yaml and "
                      "rulebook-2022.yaml",
                      "directory '%s' holds no rulebook top file", dir);
        r = GOVSVC_ERULEBOOK;
    }
    if (r == 0) {
        h->v = gs_calloc(n, sizeof *h->v);
        h->path = gs_calloc(n, sizeof *h->path);
        if (!h->v || !h->path)
            r = GOVSVC_ENOMEM;
    }
    /* Every version, each reporting all its diagnostics; the worst
     * status wins (I/O over limits over rulebook errors). */
    int worst = 0;
    for (size_t i = 0; r == 0 && i < n; i++) {
        govsvc_rulebook *rb = NULL;
        govsvc_diag_list *vd = NULL;
        int s = govsvc_rulebook_load(&rb, names[i], opts, &vd);
        adopt(d, vd);
        govsvc_diag_list_free(vd);
        if (s == GOVSVC_ENOMEM)
            r = s;
        else if (s && (!worst || s == GOVSVC_EIO || (s == GOVSVC_ELIMIT && worst != GOVSVC_EIO)))
            worst = s;
        if (s == 0) {
            /* Insert by effective; equal dates keep the names' order. */
            size_t k = h->n;
            while (k > 0 && h->v[k - 1]->effective > rb->effective) {
                h->v[k] = h->v[k - 1];
                h->path[k] = h->path[k - 1];
                k--;
            }
            h->v[k] = rb;
            h->path[k] = names[i];
            names[i] = NULL;
            h->n++;
        }
    }
    if (r == 0 && worst)
        r = worst;
    if (r == 0) {
        check_versions(h, d);
        if (gs_diag_errors(d))
            r = GOVSVC_ERULEBOOK;
    }
    if (r == 0 && d->oom)
        r = GOVSVC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        gs_free(names[i]);
    gs_free(names);
    if (r) {
        govsvc_history_free(h);
        h = NULL;
    }
    if (diags && d && d->count)
        *diags = d;
    else
        govsvc_diag_list_free(d);
    *out = h;
    return r;
}

size_t govsvc_history_count(const govsvc_history *h)
{
    return h ? h->n : 0;
}

govsvc_rulebook *govsvc_history_get(const govsvc_history *h, size_t i)
{
    return h && i < h->n ? h->v[i] : NULL;
}

const char *govsvc_history_path(const govsvc_history *h, size_t i)
{
    return h && i < h->n ? h->path[i] : NULL;
}

govsvc_rulebook *govsvc_history_select(const govsvc_history *h, govsvc_date date)
{
    if (!h || !gs_date_valid(date.year, date.month, date.day))
        return NULL;
    gs_day day = gs_day_from_ymd(date.year, date.month, date.day);
    govsvc_rulebook *in_force = NULL;
    for (size_t i = 0; i < h->n && h->v[i]->effective <= day; i++)
        in_force = h->v[i];
    return in_force;
}

int govsvc_history_at(govsvc_rulebook **out, const govsvc_history *h, govsvc_date date,
                      govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!h || h->n == 0)
        return GOVSVC_EINVAL;
    govsvc_diag_list *d = gs_diag_list_new();
    if (!d)
        return GOVSVC_ENOMEM;
    gs_pos none = {NULL, 0, 0};
    int r = 0;
    if (!gs_date_valid(date.year, date.month, date.day)) {
        gs_diag_error(d, "E072", none, "write the date as YYYY-MM-DD",
                      "the date %04d-%02d-%02d is not a valid date", date.year, date.month,
                      date.day);
        r = GOVSVC_EINVAL;
    } else if (!(*out = govsvc_history_select(h, date))) {
        char first[11];
        gs_date_format(h->v[0]->effective, first);
        gs_diag_error(d, "E105", none, "query a date on or after the first version's 'effective'",
                      "no version of rulebook '%s' is in force on %04d-%02d-%02d: the first, "
                      "'%s', takes effect on %s",
                      h->v[0]->id, date.year, date.month, date.day, h->v[0]->version, first);
        r = GOVSVC_ENOTFOUND;
    }
    if (diags && d->count)
        *diags = d;
    else
        govsvc_diag_list_free(d);
    return r;
}

govsvc_rulebook *govsvc_history_find(const govsvc_history *h, const char *version)
{
    for (size_t i = 0; h && version && i < h->n; i++)
        if (strcmp(h->v[i]->version, version) == 0)
            return h->v[i];
    return NULL;
}
