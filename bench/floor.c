/*
 * floor.c - reading floor.txt (bench/gen) and the hand-written evaluation.
 *
 * floor.txt is line-oriented, tokens separated by spaces:
 *   govsvc-floor 1
 *   files N PATH...                 relative to the rulebook's directory
 *   facts N
 *   fact NAME enum K V1..VK | fact NAME int|number MIN MAX | fact NAME bool
 *   policy commitment COND          policy deferral COND
 *   materials N
 *   mat ID SHARED_FACT|-1 COMMIT(0|1) VERIFY_WORKING_DAYS
 *   items N
 *   item CODE FORBIDDEN PROMISED_UNIT(w|i) PROMISED STATUTORY(w) NLINES
 *   line MAT DEFER_WORKING_DAYS|-1 COND
 * COND is NCLAUSES, then per clause NTERMS and the terms; a term is FACT OP
 * ARGS with OP eq|ne VALUE, in K VALUES..., ge NUMBER, t or f (a bool).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "govsvc-bench: %s: malformed floor description (%s)\n", path, what);
    return -1;
}

static int read_cond(floor_book *fb, FILE *f, fl_cond *c)
{
    unsigned nc;
    if (fscanf(f, "%u", &nc) != 1)
        return -1;
    c->first_clause = fb->nclauses;
    c->nclauses = nc;
    for (unsigned i = 0; i < nc; i++) {
        unsigned nt;
        if (fscanf(f, "%u", &nt) != 1)
            return -1;
        if (fb->nclauses == fb->cclauses) {
            fb->cclauses = fb->cclauses ? fb->cclauses * 2 : 1024;
            fl_clause *p = realloc(fb->clauses, fb->cclauses * sizeof *p);
            if (!p)
                return -1;
            fb->clauses = p;
        }
        fl_clause *cl = &fb->clauses[fb->nclauses++];
        cl->first_term = fb->nterms;
        cl->nterms = nt;
        for (unsigned k = 0; k < nt; k++) {
            unsigned fact;
            char op[8];
            if (fscanf(f, "%u %7s", &fact, op) != 2 || fact >= (unsigned)fb->nfacts)
                return -1;
            if (fb->nterms == fb->cterms) {
                fb->cterms = fb->cterms ? fb->cterms * 2 : 4096;
                fl_term *p = realloc(fb->terms, fb->cterms * sizeof *p);
                if (!p)
                    return -1;
                fb->terms = p;
            }
            fl_term *t = &fb->terms[fb->nterms++];
            memset(t, 0, sizeof *t);
            t->fact = (uint8_t)fact;
            unsigned v, n;
            if (strcmp(op, "eq") == 0 || strcmp(op, "ne") == 0) {
                if (fscanf(f, "%u", &v) != 1 || v >= FL_MAX_VALUES)
                    return -1;
                uint32_t all = (1u << fb->facts[fact].nvalues) - 1;
                t->mask = op[0] == 'e' ? 1u << v : all & ~(1u << v);
            } else if (strcmp(op, "in") == 0) {
                if (fscanf(f, "%u", &n) != 1)
                    return -1;
                for (unsigned j = 0; j < n; j++) {
                    if (fscanf(f, "%u", &v) != 1 || v >= FL_MAX_VALUES)
                        return -1;
                    t->mask |= 1u << v;
                }
            } else if (strcmp(op, "ge") == 0) {
                if (fscanf(f, "%lf", &t->ge) != 1)
                    return -1;
                t->is_num = 1;
            } else if (strcmp(op, "t") == 0) {
                t->mask = 2; /* bit 1: true */
            } else if (strcmp(op, "f") == 0) {
                t->mask = 1; /* bit 0: false */
            } else {
                return -1;
            }
        }
    }
    return 0;
}

int floor_read(floor_book *fb, const char *dir)
{
    memset(fb, 0, sizeof *fb);
    char path[600];
    snprintf(path, sizeof path, "%s/floor.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char word[64];
    int version, r = -1;
    if (fscanf(f, "govsvc-floor %d files %d", &version, &fb->nfiles) != 2 || version != 1 ||
        fb->nfiles < 1 || fb->nfiles > FL_MAX_FILES) {
        fclose(f);
        return fail("header", path);
    }
    for (int i = 0; i < fb->nfiles; i++) {
        char rel[400];
        if (fscanf(f, "%399s", rel) != 1)
            goto out;
        snprintf(fb->files[i], sizeof fb->files[i], "%s/%s", dir, rel);
    }
    if (fscanf(f, " facts %d", &fb->nfacts) != 1 || fb->nfacts < 1 || fb->nfacts > FL_MAX_FACTS)
        goto out;
    for (int i = 0; i < fb->nfacts; i++) {
        fl_fact *x = &fb->facts[i];
        char type[16];
        if (fscanf(f, " fact %63s %15s", x->name, type) != 2)
            goto out;
        if (strcmp(type, "enum") == 0) {
            x->type = FL_ENUM;
            if (fscanf(f, "%d", &x->nvalues) != 1 || x->nvalues < 1 || x->nvalues > FL_MAX_VALUES)
                goto out;
            for (int k = 0; k < x->nvalues; k++)
                if (fscanf(f, "%31s", x->values[k]) != 1)
                    goto out;
        } else if (strcmp(type, "int") == 0 || strcmp(type, "number") == 0) {
            x->type = type[0] == 'i' ? FL_INT : FL_NUMBER;
            if (fscanf(f, "%lf %lf", &x->min, &x->max) != 2)
                goto out;
        } else if (strcmp(type, "bool") == 0) {
            x->type = FL_BOOL;
            x->nvalues = 2;
        } else {
            goto out;
        }
    }
    if (fscanf(f, " policy %63s", word) != 1 || strcmp(word, "commitment") != 0 ||
        read_cond(fb, f, &fb->commit_eligible) < 0)
        goto out;
    if (fscanf(f, " policy %63s", word) != 1 || strcmp(word, "deferral") != 0 ||
        read_cond(fb, f, &fb->defer_eligible) < 0)
        goto out;
    if (fscanf(f, " materials %u", &fb->nmats) != 1)
        goto out;
    fb->mats = calloc(fb->nmats ? fb->nmats : 1, sizeof *fb->mats);
    if (!fb->mats)
        goto out;
    for (uint32_t i = 0; i < fb->nmats; i++) {
        fl_mat *m = &fb->mats[i];
        if (fscanf(f, " mat %31s %d %d %d", m->id, &m->shared_fact, &m->commit, &m->verify_wd) !=
                4 ||
            m->shared_fact >= fb->nfacts)
            goto out;
    }
    if (fscanf(f, " items %u", &fb->nitems) != 1)
        goto out;
    fb->items = calloc(fb->nitems ? fb->nitems : 1, sizeof *fb->items);
    size_t clines = 1024;
    fb->lines = malloc(clines * sizeof *fb->lines);
    if (!fb->items || !fb->lines)
        goto out;
    for (uint32_t i = 0; i < fb->nitems; i++) {
        fl_item *it = &fb->items[i];
        char pu[4], su[4];
        unsigned nl;
        if (fscanf(f, " item %31s %d %3s %d %3s %d %u", it->code, &it->forbidden, pu,
                   &it->promised, su, &it->statutory, &nl) != 7 || nl > 64)
            goto out;
        it->promised_unit = pu[0];
        it->first_line = fb->nlines;
        it->nlines = nl;
        for (unsigned k = 0; k < nl; k++) {
            if (fb->nlines == clines) {
                clines *= 2;
                fl_line *p = realloc(fb->lines, clines * sizeof *p);
                if (!p)
                    goto out;
                fb->lines = p;
            }
            fl_line *ln = &fb->lines[fb->nlines++];
            if (fscanf(f, " line %u %d", &ln->mat, &ln->defer_wd) != 2 || ln->mat >= fb->nmats ||
                read_cond(fb, f, &ln->when) < 0)
                goto out;
        }
    }
    r = 0;
out:
    fclose(f);
    if (r < 0) {
        floor_free(fb);
        return fail("body", path);
    }
    return 0;
}

void floor_free(floor_book *fb)
{
    free(fb->terms);
    free(fb->clauses);
    free(fb->mats);
    free(fb->items);
    free(fb->lines);
    free(fb->cum);
    free(fb->nth);
    memset(fb, 0, sizeof *fb);
}

int floor_calendar(floor_book *fb, const govsvc_calendar *cal)
{
    govsvc_date from, to;
    govsvc_calendar_covers(cal, &from, &to);
    /* Walk the covered days once (proleptic Gregorian), asking the library
     * which are working days; the floor then counts with two array reads. */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    govsvc_date d;
    int32_t ndays = 0, cap = 366 * 10;
    fb->cum = malloc((size_t)cap * sizeof *fb->cum);
    fb->nth = malloc((size_t)cap * sizeof *fb->nth);
    if (!fb->cum || !fb->nth)
        return -1;
    int32_t work = 0;
    d = from;
    for (;;) {
        if (ndays == cap)
            return -1;
        int w = govsvc_calendar_is_working_day(cal, d);
        if (w < 0)
            return -1;
        if (w)
            fb->nth[work++] = ndays;
        fb->cum[ndays++] = work;
        if (d.year == to.year && d.month == to.month && d.day == to.day)
            break;
        int leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
        int ml = mdays[d.month - 1] + (d.month == 2 && leap);
        if (++d.day > ml) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
    }
    fb->cal_from = from;
    fb->ndays = ndays;
    fb->nwork = work;
    return 0;
}

/* The whole evaluation: a condition holds when each clause has a term that
 * holds. */
static inline int holds(const floor_book *fb, fl_cond c, const fl_facts *f)
{
    const fl_clause *cl = fb->clauses + c.first_clause;
    for (uint32_t i = 0; i < c.nclauses; i++) {
        const fl_term *t = fb->terms + cl[i].first_term;
        int any = 0;
        for (uint32_t k = 0; k < cl[i].nterms && !any; k++)
            any = t[k].is_num ? f->num[t[k].fact] >= t[k].ge : (f->bits[t[k].fact] & t[k].mask) != 0;
        if (!any)
            return 0;
    }
    return 1;
}

/* N working days after day i, the start not counted. */
static inline int32_t add_wd(const floor_book *fb, int32_t i, int n)
{
    if (n == 0)
        return i;
    int64_t k = (int64_t)fb->cum[i] + n - 1;
    return k < fb->nwork ? fb->nth[k] : -1;
}

int floor_query(const floor_book *fb, uint32_t item, const fl_facts *f, int32_t day,
                fl_answer *out)
{
    const fl_item *it = &fb->items[item];
    int commit = !it->forbidden && holds(fb, fb->commit_eligible, f);
    int defer = holds(fb, fb->defer_eligible, f);
    uint32_t n = 0;
    const fl_line *ln = fb->lines + it->first_line;
    for (uint32_t i = 0; i < it->nlines; i++) {
        if (!holds(fb, ln[i].when, f))
            continue;
        const fl_mat *m = &fb->mats[ln[i].mat];
        fl_status *s = &out->m[n++];
        s->mat = ln[i].mat;
        s->due = -1;
        if (m->shared_fact >= 0 && (f->bits[m->shared_fact] & 2)) {
            s->status = GOVSVC_STATUS_SHARED;
        } else if (m->commit && commit) {
            s->status = GOVSVC_STATUS_COMMITMENT;
            if ((s->due = add_wd(fb, day, m->verify_wd)) < 0)
                return -1;
        } else if (ln[i].defer_wd >= 0 && defer) {
            s->status = GOVSVC_STATUS_DEFERRED;
            if ((s->due = add_wd(fb, day, ln[i].defer_wd)) < 0)
                return -1;
        } else {
            s->status = GOVSVC_STATUS_REQUIRED;
        }
    }
    out->n = n;
    out->promised_due = it->promised_unit == 'i' ? day : add_wd(fb, day, it->promised);
    out->statutory_due = add_wd(fb, day, it->statutory);
    return out->promised_due < 0 || out->statutory_due < 0 ? -1 : 0;
}
