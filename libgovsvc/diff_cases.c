/*
 * diff_cases.c - the applicant situations two versions of an item tell
 * apart, and each version's answer in each (see diff_cases.h).
 *
 * The answer here is the one of SPEC section 6 without dates: for each
 * material line whose `when` is not false, shared > commitment > deferred >
 * required in that order of trial, conditional when `when` is unknown; and
 * the first deadline variant whose `when` holds. query.c decides the same
 * way for one facts set (with dates); tests/test_diff.c checks that both
 * agree on every situation of the shipped rulebooks.
 */
#include <stdio.h>
#include <string.h>

#include "diff_cases.h"

/* -- collecting the conditions ------------------------------------------- */

typedef void (*cond_fn)(const gs_expr *e, void *ud);

/* Every condition that can change side s's answer for the item. */
static void each_condition(const struct govsvc_rulebook *rb, const gs_item *it, cond_fn fn,
                           void *ud)
{
    int commitment = 0, deferral = 0;
    for (uint32_t i = 0; i < it->nlines; i++) {
        const gs_line *ln = &it->lines[i];
        const gs_material *m = &rb->materials[ln->material];
        if (ln->when)
            fn(ln->when, ud);
        if (m->shared_when)
            fn(m->shared_when, ud);
        commitment |= m->commitment_allowed && !it->commitment_forbidden;
        deferral |= ln->deferrable;
    }
    if (commitment && rb->commitment_eligible)
        fn(rb->commitment_eligible, ud);
    if (deferral && rb->deferral_eligible)
        fn(rb->deferral_eligible, ud);
    for (uint32_t i = 0; i < it->ndeadlines; i++)
        if (it->deadlines[i].when)
            fn(it->deadlines[i].when, ud);
}

/* A fact being collected: its literals, by kind. */
typedef struct coll_fact {
    const char *name;
    uint32_t slot[2];
    double *num;          /* numbers, integers and dates (as day numbers) */
    size_t nnum, cnum;
    const char **str;     /* strings and enum values, by text */
    size_t nstr, cstr;
} coll_fact;

typedef struct collect {
    const struct govsvc_rulebook *rb;
    int side;
    coll_fact *f;
    size_t n, cap;
    gs_strmap index; /* name -> index in f */
    int oom;
} collect;

static coll_fact *fact_of(collect *c, uint32_t slot)
{
    const gs_fact *fd = &c->rb->schema.facts[slot];
    uint32_t idx;
    if (gs_strmap_get(&c->index, fd->name, fd->name_len, &idx)) {
        c->f[idx].slot[c->side] = slot;
        return &c->f[idx];
    }
    if (gs_grow((void **)&c->f, &c->cap, c->n + 1, sizeof *c->f) < 0 ||
        gs_strmap_put(&c->index, fd->name, fd->name_len, (uint32_t)c->n, NULL) < 0) {
        c->oom = 1;
        return NULL;
    }
    coll_fact *f = &c->f[c->n++];
    memset(f, 0, sizeof *f);
    f->name = fd->name;
    f->slot[0] = f->slot[1] = GS_NO_SLOT;
    f->slot[c->side] = slot;
    return f;
}

static void on_fact(uint32_t slot, void *ud)
{
    (void)fact_of(ud, slot);
}

static void add_str(collect *c, coll_fact *f, const char *s)
{
    for (size_t i = 0; i < f->nstr; i++)
        if (strcmp(f->str[i], s) == 0)
            return;
    if (gs_grow((void **)&f->str, &f->cstr, f->nstr + 1, sizeof *f->str) < 0) {
        c->oom = 1;
        return;
    }
    f->str[f->nstr++] = s;
}

static void add_num(collect *c, coll_fact *f, double x)
{
    for (size_t i = 0; i < f->nnum; i++)
        if (f->num[i] == x)
            return;
    if (gs_grow((void **)&f->num, &f->cnum, f->nnum + 1, sizeof *f->num) < 0) {
        c->oom = 1;
        return;
    }
    f->num[f->nnum++] = x;
}

static void on_literal(uint32_t slot, const gs_value *lit, void *ud)
{
    collect *c = ud;
    coll_fact *f = fact_of(c, slot);
    if (!f)
        return;
    const gs_fact *fd = &c->rb->schema.facts[slot];
    switch ((gs_type)lit->type) {
    case GS_T_ENUM:
        if (lit->u.e < fd->nvalues)
            add_str(c, f, fd->values[lit->u.e]);
        break;
    case GS_T_STRING: add_str(c, f, lit->u.s.p); break;
    case GS_T_INT: add_num(c, f, (double)lit->u.i); break;
    case GS_T_NUMBER: add_num(c, f, lit->u.n); break;
    case GS_T_DATE: add_num(c, f, (double)lit->u.d); break;
    default: break;
    }
}

static void on_condition(const gs_expr *e, void *ud)
{
    gs_expr_facts(e, on_fact, ud);
    gs_expr_literals(e, on_literal, ud);
}

/* -- building each fact's cases ------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* floor() without libm, for the magnitudes a rulebook writes. */
static double whole(double x)
{
    if (x >= 9e15 || x <= -9e15)
        return x;
    double t = (double)(long long)x;
    return t > x ? t - 1 : t;
}

static double absval(double x)
{
    return x < 0 ? -x : x;
}

/* The representative points of an ordered domain split at the literals t:
 * below the first, each literal, one between consecutive ones, above the
 * last; inside [lo, hi] when bounded. Integers and days step by whole
 * units (a literal 17.5 against an int splits between 17 and 18). */
static size_t points(double *t, size_t nt, int integral, int has_lo, double lo, int has_hi,
                     double hi, double *out)
{
    size_t n = 0;
    if (integral)
        for (size_t i = 0; i < nt; i++)
            t[i] = whole(t[i]);
    qsort(t, nt, sizeof *t, cmp_double);
    size_t u = 0;
    for (size_t i = 0; i < nt; i++)
        if (u == 0 || t[u - 1] != t[i])
            t[u++] = t[i];
    nt = u;
    if (nt == 0) {
        out[n++] = has_lo ? lo : has_hi && hi < 0 ? hi : 0;
        return n;
    }
    if (!has_lo || t[0] - 1 >= lo)
        out[n++] = t[0] - 1;
    else if (lo < t[0])
        out[n++] = lo;
    for (size_t i = 0; i < nt; i++) {
        if ((has_lo && t[i] < lo) || (has_hi && t[i] > hi))
            continue;
        out[n++] = t[i];
        if (i + 1 < nt) {
            double mid = t[i] + 1 < t[i + 1] ? t[i] + 1 : (t[i] + t[i + 1]) / 2;
            if (integral && mid != whole(mid))
                continue; /* consecutive integers: nothing lies between */
            if (mid > t[i] && mid < t[i + 1] && !(has_hi && mid > hi) && !(has_lo && mid < lo))
                out[n++] = mid;
        }
    }
    if (!has_hi || t[nt - 1] + 1 <= hi)
        out[n++] = t[nt - 1] + 1;
    else if (hi > t[nt - 1])
        out[n++] = hi;
    return n;
}

/* Side s's value for a case given in the primary side's terms; known = 0
 * when the side's declaration cannot hold it. */
static void side_value(const gs_fact *fd, gs_type type, double num, const char *str, int b,
                       gs_arena *arena, gs_value *v)
{
    memset(v, 0, sizeof *v);
    if (!fd)
        return;
    switch (fd->type) {
    case GS_T_BOOL:
        if (type != GS_T_BOOL)
            return;
        v->u.b = b;
        break;
    case GS_T_ENUM: {
        if (type != GS_T_ENUM && type != GS_T_STRING)
            return;
        int k = gs_fact_enum_index(fd, str, strlen(str));
        if (k < 0)
            return;
        v->u.e = (uint32_t)k;
        break;
    }
    case GS_T_STRING:
        if (type != GS_T_STRING && type != GS_T_ENUM)
            return;
        v->u.s.p = gs_arena_strdup(arena, str);
        v->u.s.len = (uint32_t)strlen(str);
        if (!v->u.s.p)
            return;
        break;
    case GS_T_INT:
        if ((type != GS_T_INT && type != GS_T_NUMBER) || num != whole(num) || absval(num) > 9e15)
            return;
        v->u.i = (int64_t)num;
        break;
    case GS_T_NUMBER:
        if (type != GS_T_INT && type != GS_T_NUMBER)
            return;
        v->u.n = num;
        break;
    case GS_T_DATE:
        if (type != GS_T_DATE)
            return;
        v->u.d = (gs_day)num;
        break;
    default: return;
    }
    v->type = (uint8_t)fd->type;
    v->known = 1;
}

static int build_cases(gs_cmp *c, gs_fcase *fc, coll_fact *cf, int unknown)
{
    int p = cf->slot[1] != GS_NO_SLOT ? 1 : 0;
    for (int s = 0; s < 2; s++)
        fc->fact[s] = cf->slot[s] == GS_NO_SLOT ? NULL : &c->rb[s]->schema.facts[cf->slot[s]];
    const gs_fact *fd = fc->fact[p];
    fc->name = fd->name;
    fc->slot[0] = cf->slot[0];
    fc->slot[1] = cf->slot[1];
    /* Case values in the primary side's terms. */
    size_t max = 8 + cf->nstr + fd->nvalues + 3 * cf->nnum;
    double *num = gs_arena_calloc(c->arena, max, sizeof *num);
    const char **str = gs_arena_calloc(c->arena, max, sizeof *str);
    double *tmp = gs_arena_calloc(c->arena, cf->nnum + 1, sizeof *tmp);
    if (!num || !str || !tmp)
        return GOVSVC_ENOMEM;
    size_t n = 0;
    switch (fd->type) {
    case GS_T_BOOL:
        num[n++] = 0;
        num[n++] = 1;
        break;
    case GS_T_ENUM: {
        /* The values conditions name, and one they do not ("any other"). */
        int other = 0;
        for (uint32_t i = 0; i < fd->nvalues; i++) {
            int named = 0;
            for (size_t k = 0; k < cf->nstr && !named; k++)
                named = strcmp(cf->str[k], fd->values[i]) == 0;
            if (named || !other) {
                other |= !named;
                str[n++] = fd->values[i];
            }
        }
        for (size_t k = 0; k < cf->nstr; k++) /* named only by the other side */
            if (gs_fact_enum_index(fd, cf->str[k], strlen(cf->str[k])) < 0)
                str[n++] = cf->str[k];
        break;
    }
    case GS_T_STRING: {
        int empty = 0;
        for (size_t k = 0; k < cf->nstr; k++) {
            str[n++] = cf->str[k];
            empty |= cf->str[k][0] == '\0';
        }
        str[n++] = empty ? "-" : ""; /* a value no condition names */
        break;
    }
    case GS_T_INT:
    case GS_T_NUMBER:
    case GS_T_DATE: {
        memcpy(tmp, cf->num, cf->nnum * sizeof *tmp);
        int integral = fd->type != GS_T_NUMBER;
        int has_lo = fd->type == GS_T_INT ? fd->has_min : fd->type == GS_T_NUMBER && fd->has_min;
        int has_hi = fd->type == GS_T_INT ? fd->has_max : fd->type == GS_T_NUMBER && fd->has_max;
        double lo = fd->type == GS_T_INT ? (double)fd->imin : fd->min;
        double hi = fd->type == GS_T_INT ? (double)fd->imax : fd->max;
        if (fd->type == GS_T_DATE && cf->nnum == 0) {
            num[n++] = gs_day_from_ymd(2000, 1, 1);
            break;
        }
        n = points(tmp, cf->nnum, integral, has_lo, lo, has_hi, hi, num);
        break;
    }
    default:
        num[n++] = 0;
        break;
    }
    int no_default = 0;
    for (int s = 0; s < 2; s++)
        no_default |= fc->fact[s] && !fc->fact[s]->def.known;
    size_t total = n + (unknown && no_default);
    fc->n = (uint32_t)total;
    fc->unknown = gs_arena_calloc(c->arena, total, 1);
    for (int s = 0; s < 2; s++)
        fc->v[s] = gs_arena_calloc(c->arena, total, sizeof *fc->v[s]);
    if (!fc->unknown || !fc->v[0] || !fc->v[1])
        return GOVSVC_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        const char *sv = str[k] ? str[k] : "";
        for (int s = 0; s < 2; s++)
            side_value(fc->fact[s], fd->type, num[k], sv, num[k] != 0, c->arena, &fc->v[s][k]);
    }
    if (total > n)
        fc->unknown[n] = 1;
    return 0;
}

/* -- the comparison ------------------------------------------------------ */

static uint32_t union_index(const gs_cmp *c, const char *id)
{
    for (uint32_t i = 0; i < c->nmats; i++)
        if (strcmp(c->mat_ids[i], id) == 0)
            return i;
    return GS_NO_SLOT;
}

int gs_cmp_init(gs_cmp *c, gs_arena *arena, const struct govsvc_rulebook *rb_a,
                const gs_item *a, const struct govsvc_rulebook *rb_b, const gs_item *b,
                int unknown, size_t cap)
{
    memset(c, 0, sizeof *c);
    c->arena = arena;
    c->rb[0] = rb_a;
    c->rb[1] = rb_b;
    c->it[0] = a;
    c->it[1] = b;
    if (!cap)
        cap = 4096;

    /* The union of materials, by id, in the order the items list them. */
    c->mat_ids = gs_arena_calloc(arena, (size_t)a->nlines + b->nlines + 1, sizeof *c->mat_ids);
    if (!c->mat_ids)
        return GOVSVC_ENOMEM;
    for (int s = 0; s < 2; s++)
        for (uint32_t i = 0; i < c->it[s]->nlines; i++) {
            const char *id = c->rb[s]->materials[c->it[s]->lines[i].material].id;
            if (union_index(c, id) == GS_NO_SLOT)
                c->mat_ids[c->nmats++] = id;
        }

    collect col;
    memset(&col, 0, sizeof col);
    gs_strmap_init(&col.index);
    for (int s = 0; s < 2; s++) {
        col.rb = c->rb[s];
        col.side = s;
        each_condition(c->rb[s], c->it[s], on_condition, &col);
    }
    int r = col.oom ? GOVSVC_ENOMEM : 0;
    c->facts = gs_arena_calloc(arena, col.n ? col.n : 1, sizeof *c->facts);
    if (!c->facts)
        r = GOVSVC_ENOMEM;
    for (size_t i = 0; r == 0 && i < col.n; i++)
        r = build_cases(c, &c->facts[c->nfacts++], &col.f[i], unknown);
    for (size_t i = 0; i < col.n; i++) {
        gs_free(col.f[i].num);
        gs_free(col.f[i].str);
    }
    gs_free(col.f);
    gs_strmap_free(&col.index);
    if (r)
        return r;

    c->total = 1;
    for (uint32_t f = 0; f < c->nfacts; f++)
        c->total = c->total > SIZE_MAX / c->facts[f].n ? SIZE_MAX : c->total * c->facts[f].n;
    c->count = c->total > cap ? cap : c->total;
    c->capped = c->total > cap;
    c->digit = gs_arena_calloc(arena, c->nfacts ? c->nfacts : 1, sizeof *c->digit);
    for (int s = 0; s < 2; s++) {
        uint32_t nslots = c->rb[s]->schema.count;
        c->vals[s] = gs_arena_calloc(arena, nslots ? nslots : 1, sizeof *c->vals[s]);
    }
    if (!c->digit || !c->vals[0] || !c->vals[1])
        return GOVSVC_ENOMEM;
    return 0;
}

void gs_cmp_set(gs_cmp *c, uint32_t f, uint32_t k)
{
    const gs_fcase *fc = &c->facts[f];
    c->digit[f] = k;
    for (int s = 0; s < 2; s++)
        if (fc->slot[s] != GS_NO_SLOT)
            c->vals[s][fc->slot[s]] = fc->unknown[k] ? (gs_value){0} : fc->v[s][k];
}

void gs_cmp_select(gs_cmp *c, size_t k)
{
    /* Mixed radix, the first fact the most significant digit. */
    for (uint32_t f = c->nfacts; f-- > 0;) {
        gs_cmp_set(c, f, (uint32_t)(k % c->facts[f].n));
        k /= c->facts[f].n;
    }
}

int gs_outcome_init(const gs_cmp *c, gs_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->status = gs_arena_calloc(c->arena, c->nmats ? c->nmats : 1, 1);
    o->line = gs_arena_calloc(c->arena, c->nmats ? c->nmats : 1, sizeof *o->line);
    return o->status && o->line ? 0 : GOVSVC_ENOMEM;
}

int gs_status_rank(int status)
{
    switch (status) {
    case GOVSVC_STATUS_SHARED: return 1;
    case GOVSVC_STATUS_COMMITMENT: return 2;
    case GOVSVC_STATUS_DEFERRED: return 3;
    case GOVSVC_STATUS_CONDITIONAL: return 4;
    case GOVSVC_STATUS_REQUIRED: return 5;
    default: return 0;
    }
}

void gs_cmp_eval(const gs_cmp *c, int s, gs_outcome *o)
{
    const struct govsvc_rulebook *rb = c->rb[s];
    const gs_item *it = c->it[s];
    gs_env env = {&rb->schema, c->vals[s]};
    memset(o->status, 0, c->nmats ? c->nmats : 1);
    memset(o->line, 0, (c->nmats ? c->nmats : 1) * sizeof *o->line);
    for (uint32_t i = 0; i < it->nlines; i++) {
        const gs_line *ln = &it->lines[i];
        const gs_material *m = &rb->materials[ln->material];
        gs_tri when = gs_expr_eval(ln->when, &env);
        if (when == GS_FALSE)
            continue;
        int st;
        /* SPEC section 6, in query.c's order; an unknown status condition
         * counts as not met. */
        if (when == GS_UNKNOWN)
            st = GOVSVC_STATUS_CONDITIONAL;
        else if (m->shared_when && gs_expr_eval(m->shared_when, &env) == GS_TRUE)
            st = GOVSVC_STATUS_SHARED;
        else if (m->commitment_allowed && !it->commitment_forbidden &&
                 gs_expr_eval(rb->commitment_eligible, &env) == GS_TRUE)
            st = GOVSVC_STATUS_COMMITMENT;
        else if (ln->deferrable && gs_expr_eval(rb->deferral_eligible, &env) == GS_TRUE)
            st = GOVSVC_STATUS_DEFERRED;
        else
            st = GOVSVC_STATUS_REQUIRED;
        const char *id = m->id;
        for (size_t r = 0; s == 0 && c->renamed && c->renamed[r]; r += 2)
            if (strcmp(c->renamed[r], id) == 0)
                id = c->renamed[r + 1];
        uint32_t u = union_index(c, id);
        if (!o->line[u] || gs_status_rank(st) > gs_status_rank(o->status[u])) {
            o->status[u] = (uint8_t)st;
            o->line[u] = ln;
        }
    }
    o->deadline = NULL;
    o->deadline_unknown = 0;
    for (uint32_t i = 0; i < it->ndeadlines; i++) {
        gs_tri t = gs_expr_eval(it->deadlines[i].when, &env);
        if (t == GS_FALSE)
            continue;
        o->deadline = &it->deadlines[i];
        o->deadline_unknown = t == GS_UNKNOWN;
        break;
    }
}

static int same_duration(int ha, gs_duration a, int hb, gs_duration b)
{
    return ha == hb && (!ha || (a.unit == b.unit && a.n == b.n));
}

int gs_deadline_same(const gs_outcome *a, const gs_outcome *b)
{
    if (!a->deadline || !b->deadline)
        return !a->deadline && !b->deadline;
    if (a->deadline_unknown || b->deadline_unknown)
        return a->deadline_unknown && b->deadline_unknown;
    const gs_deadline *x = a->deadline, *y = b->deadline;
    return same_duration(x->has_promised, x->promised, y->has_promised, y->promised) &&
           same_duration(x->has_statutory, x->statutory, y->has_statutory, y->statutory);
}

void gs_fcase_print(const gs_fcase *f, uint32_t k, int json, gs_buf *b)
{
    if (f->unknown[k]) {
        gs_buf_puts(b, json ? "null" : "unknown");
        return;
    }
    int s = f->v[1][k].known ? 1 : 0;
    const gs_value *v = &f->v[s][k];
    const gs_fact *fd = f->fact[s];
    if (!v->known) {
        gs_buf_puts(b, json ? "null" : "unknown");
        return;
    }
    switch ((gs_type)v->type) {
    case GS_T_BOOL: gs_buf_puts(b, v->u.b ? "true" : "false"); break;
    case GS_T_INT: gs_buf_printf(b, "%lld", (long long)v->u.i); break;
    case GS_T_NUMBER:
        if (v->u.n == whole(v->u.n) && absval(v->u.n) < 1e15)
            gs_buf_printf(b, "%.0f", v->u.n);
        else
            gs_buf_printf(b, "%.17g", v->u.n);
        break;
    case GS_T_DATE: {
        char d[11];
        gs_date_format(v->u.d, d);
        if (json)
            gs_buf_json_str(b, d);
        else
            gs_buf_puts(b, d);
        break;
    }
    case GS_T_ENUM:
    case GS_T_STRING: {
        const char *t = v->type == GS_T_ENUM ? fd->values[v->u.e] : v->u.s.p;
        if (json) {
            gs_buf_json_str(b, t);
        } else {
            gs_buf_putc(b, '\'');
            gs_buf_puts(b, t);
            gs_buf_putc(b, '\'');
        }
        break;
    }
    default: gs_buf_puts(b, json ? "null" : "?"); break;
    }
}

static void describe_fact(const gs_cmp *c, uint32_t f, int json, int first, gs_buf *b)
{
    if (!first)
        gs_buf_puts(b, ", ");
    if (json) {
        gs_buf_json_str(b, c->facts[f].name);
        gs_buf_puts(b, ": ");
    } else {
        gs_buf_puts(b, c->facts[f].name);
        gs_buf_puts(b, c->facts[f].unknown[c->digit[f]] ? " " : " = ");
    }
    gs_fcase_print(&c->facts[f], c->digit[f], json, b);
}

int gs_cmp_describe(gs_cmp *c, gs_cmp_pred holds, void *ud, int json, gs_buf *b)
{
    int printed = 0;
    for (uint32_t f = 0; f < c->nfacts; f++) {
        uint32_t cur = c->digit[f];
        int matters = 0;
        for (uint32_t k = 0; k < c->facts[f].n && !matters; k++) {
            if (k == cur)
                continue;
            gs_cmp_set(c, f, k);
            matters = !holds(c, ud);
        }
        gs_cmp_set(c, f, cur);
        if (matters)
            describe_fact(c, f, json, !printed++, b);
    }
    if (printed || c->nfacts == 0)
        return printed;
    /* No single fact matters: either nothing does, or several together. */
    uint32_t *saved = gs_arena_calloc(c->arena, c->nfacts, sizeof *saved);
    if (!saved) {
        b->oom = 1;
        return 0;
    }
    memcpy(saved, c->digit, c->nfacts * sizeof *saved);
    int everywhere = 1;
    for (size_t x = 0; x < c->count && everywhere; x++) {
        gs_cmp_select(c, x);
        everywhere = holds(c, ud);
    }
    for (uint32_t f = 0; f < c->nfacts; f++)
        gs_cmp_set(c, f, saved[f]);
    if (everywhere)
        return 0;
    for (uint32_t f = 0; f < c->nfacts; f++)
        describe_fact(c, f, json, !printed++, b);
    return printed;
}
