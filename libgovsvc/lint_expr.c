/*
 * lint_expr.c - what a condition can and cannot do: never true, always
 * true, two conditions that can hold together, one that implies another.
 *
 * A condition is turned into the set of fact assignments that make it true
 * (and, separately, false), written in disjunctive normal form: a union of
 * "cubes", each a conjunction of constraints on single facts (an interval,
 * with excluded points, on a number or a date; a set of enum values;
 * true/false; the fact given or not). A cube is satisfiable exactly when
 * each fact's constraints leave a value, which is decided per type with the
 * declared ranges and values. Kleene logic is kept exact by giving every
 * fact without a default a "not given" state: a comparison is true or false
 * only when its fact is given, and known(f) tests that state.
 *
 * Comparisons this reasoning cannot see into (a fact against another fact,
 * `matches`) become independent atoms. That only ever makes more
 * assignments possible, so "never" and "always" claims stay sound: a
 * warning is given only when it is proved. Sets that grow past LX_MAX_CUBES
 * cubes are "unknown" and prove nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

#define LX_MAX_CUBES 256
#define LX_MAX_LITS 64
#define LX_MAX_ENUM 4096 /* enum values tried one by one */

enum { LK_ABSENT = 0, LK_PRESENT, LK_CMP, LK_BOOL, LK_ATOM };

typedef struct lx_lit {
    uint32_t key;       /* fact slot; atom id for LK_ATOM */
    uint8_t kind;       /* LK_* */
    uint8_t op;         /* LK_CMP: gs_eop with the fact on the left; LK_BOOL, LK_ATOM: 0/1 */
    const gs_expr *val; /* LK_CMP: the literal or the list */
} lx_lit;

typedef struct lx_cube {
    uint32_t n;
    const lx_lit *l;
} lx_cube;

struct gs_lx_set {
    uint32_t n;
    uint8_t unknown;
    const lx_cube *c;
};

typedef struct lx_memo {
    const gs_expr *e;
    const gs_lx_set *s[4]; /* by mode */
} lx_memo;

struct gs_lx {
    const struct govsvc_rulebook *rb;
    const gs_schema *schema;
    gs_arena arena;      /* sets, cubes and memo entries: freed by gs_lx_reset */
    lx_memo *memo;       /* open addressing by node address */
    size_t memo_cap, memo_n;
    gs_arena atom_arena; /* atom names: kept for the analyser's life */
    gs_strmap atoms;
    uint32_t natoms;
    lx_lit *scratch;
    size_t scratch_cap;
    int oom;
};

static const lx_cube EMPTY_CUBE = {0, NULL};
static const gs_lx_set SET_ALWAYS = {1, 0, &EMPTY_CUBE};
static const gs_lx_set SET_NEVER = {0, 0, NULL};
static const gs_lx_set SET_UNKNOWN = {0, 1, NULL};

gs_lx *gs_lx_new(const struct govsvc_rulebook *rb)
{
    gs_lx *x = gs_calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->rb = rb;
    x->schema = &rb->schema;
    gs_arena_init(&x->arena);
    gs_arena_init(&x->atom_arena);
    gs_strmap_init(&x->atoms);
    return x;
}

void gs_lx_reset(gs_lx *x)
{
    gs_arena_free(&x->arena);
    gs_arena_init(&x->arena);
    gs_free(x->memo);
    x->memo = NULL;
    x->memo_cap = x->memo_n = 0;
}

void gs_lx_free(gs_lx *x)
{
    if (!x)
        return;
    gs_lx_reset(x);
    gs_arena_free(&x->arena);
    gs_arena_free(&x->atom_arena);
    gs_strmap_free(&x->atoms);
    gs_free(x->scratch);
    gs_free(x);
}

int gs_lx_oom(const gs_lx *x)
{
    return x->oom;
}

int gs_lx_sat(const gs_lx_set *s)
{
    if (!s || s->unknown)
        return GS_LX_UNKNOWN;
    return s->n ? GS_LX_SAT : GS_LX_UNSAT;
}

/* -- satisfiability of one cube ------------------------------------------ */

static double lit_num(const gs_value *v)
{
    switch (v->type) {
    case GS_T_INT: return (double)v->u.i;
    case GS_T_DATE: return (double)v->u.d;
    default: return v->u.n;
    }
}

/* A candidate value for one fact. */
typedef struct cand {
    double num;
    uint32_t e;
    int b;
    const char *s;
    uint32_t slen;
} cand;

static int same_value(gs_type t, const gs_value *v, const cand *c)
{
    switch (t) {
    case GS_T_ENUM: return v->type == GS_T_ENUM && v->u.e == c->e;
    case GS_T_STRING: return v->u.s.len == c->slen && memcmp(v->u.s.p, c->s, c->slen) == 0;
    case GS_T_BOOL: return !!v->u.b == !!c->b;
    default: return lit_num(v) == c->num;
    }
}

/* Whether the constraint `fact op val` holds for candidate c. */
static int lit_holds(gs_type t, const lx_lit *l, const cand *c)
{
    if (l->kind == LK_BOOL)
        return !!c->b == l->op;
    if (l->kind != LK_CMP)
        return 1;
    const gs_expr *v = l->val;
    switch ((gs_eop)l->op) {
    case GS_OP_IN:
    case GS_OP_NOT_IN: {
        int found = 0;
        for (uint32_t i = 0; i < v->n && !found; i++)
            found = same_value(t, &v->kids[i]->lit, c);
        return found == (l->op == GS_OP_IN);
    }
    case GS_OP_EQ: return same_value(t, &v->lit, c);
    case GS_OP_NE: return !same_value(t, &v->lit, c);
    default: break;
    }
    double a = c->num, b = lit_num(&v->lit);
    switch ((gs_eop)l->op) {
    case GS_OP_LT: return a < b;
    case GS_OP_LE: return a <= b;
    case GS_OP_GT: return a > b;
    case GS_OP_GE: return a >= b;
    default: return 1;
    }
}

static int all_hold(gs_type t, const lx_lit *l, size_t n, const cand *c)
{
    for (size_t i = 0; i < n; i++)
        if (!lit_holds(t, &l[i], c))
            return 0;
    return 1;
}

/* Tries each value of a finite set literal (== or in) as the candidate. */
static int try_set(gs_type t, const lx_lit *set, const lx_lit *l, size_t n)
{
    const gs_expr *v = set->val;
    size_t m = set->op == GS_OP_IN ? v->n : 1;
    for (size_t i = 0; i < m; i++) {
        const gs_value *x = set->op == GS_OP_IN ? &v->kids[i]->lit : &v->lit;
        cand c;
        memset(&c, 0, sizeof c);
        if (t == GS_T_ENUM)
            c.e = x->u.e;
        else if (t == GS_T_STRING) {
            c.s = x->u.s.p;
            c.slen = x->u.s.len;
        } else
            c.num = lit_num(x);
        if (all_hold(t, l, n, &c))
            return 1;
    }
    return 0;
}

/* Numbers and dates: the interval left by the order constraints, less the
 * excluded points; whole numbers for int facts and dates. */
static int num_sat(const gs_fact *f, const lx_lit *l, size_t n)
{
    double lo = -INFINITY, hi = INFINITY;
    int lo_open = 0, hi_open = 0, integral = f->type != GS_T_NUMBER;
    size_t excluded = 0;
    if (f->has_min)
        lo = f->type == GS_T_INT ? (double)f->imin : f->min;
    if (f->has_max)
        hi = f->type == GS_T_INT ? (double)f->imax : f->max;
    const lx_lit *set = NULL;
    for (size_t i = 0; i < n; i++) {
        if (l[i].kind != LK_CMP)
            continue;
        const gs_expr *v = l[i].val;
        double b = l[i].op == GS_OP_IN || l[i].op == GS_OP_NOT_IN ? 0 : lit_num(&v->lit);
        switch ((gs_eop)l[i].op) {
        case GS_OP_EQ:
        case GS_OP_IN:
            if (!set)
                set = &l[i];
            break;
        case GS_OP_NE: excluded++; break;
        case GS_OP_NOT_IN: excluded += v->n; break;
        case GS_OP_LT:
            if (b < hi || (b == hi && !hi_open)) {
                hi = b;
                hi_open = 1;
            }
            break;
        case GS_OP_LE:
            if (b < hi) {
                hi = b;
                hi_open = 0;
            }
            break;
        case GS_OP_GT:
            if (b > lo || (b == lo && !lo_open)) {
                lo = b;
                lo_open = 1;
            }
            break;
        case GS_OP_GE:
            if (b > lo) {
                lo = b;
                lo_open = 0;
            }
            break;
        default: break;
        }
    }
    /* The declared range, as constraints the candidates must meet too. */
    if (set) {
        const gs_expr *v = set->val;
        size_t m = set->op == GS_OP_IN ? v->n : 1;
        for (size_t i = 0; i < m; i++) {
            cand c;
            memset(&c, 0, sizeof c);
            c.num = lit_num(set->op == GS_OP_IN ? &v->kids[i]->lit : &v->lit);
            int inside = (lo_open ? c.num > lo : c.num >= lo) && (hi_open ? c.num < hi : c.num <= hi);
            if (inside && (!integral || c.num == floor(c.num)) && all_hold(f->type, l, n, &c))
                return 1;
        }
        return 0;
    }
    if (integral) {
        double L = lo_open ? floor(lo) + 1 : ceil(lo);
        double H = hi_open ? ceil(hi) - 1 : floor(hi);
        if (L > H)
            return 0;
        if (H - L + 1 > (double)excluded)
            return 1;
        for (double v = L; v <= H; v++) { /* at most `excluded` values */
            cand c;
            memset(&c, 0, sizeof c);
            c.num = v;
            if (all_hold(f->type, l, n, &c))
                return 1;
        }
        return 0;
    }
    if (lo < hi)
        return 1; /* a real interval: finitely many exclusions cannot empty it */
    if (lo == hi && !lo_open && !hi_open) {
        cand c;
        memset(&c, 0, sizeof c);
        c.num = lo;
        return all_hold(f->type, l, n, &c);
    }
    return 0;
}

/* The constraints of one cube on one fact (l[0..n) share the slot). */
static int fact_sat(const gs_fact *f, const lx_lit *l, size_t n)
{
    int absent = 0, present = 0, value = 0;
    for (size_t i = 0; i < n; i++) {
        absent |= l[i].kind == LK_ABSENT;
        present |= l[i].kind == LK_PRESENT;
        value |= l[i].kind == LK_CMP || l[i].kind == LK_BOOL;
    }
    if (absent && (present || value || f->def.known))
        return 0; /* a fact with a default always has a value */
    if (!value)
        return 1;
    cand c;
    memset(&c, 0, sizeof c);
    switch (f->type) {
    case GS_T_BOOL:
        for (c.b = 0; c.b < 2; c.b++)
            if (all_hold(f->type, l, n, &c))
                return 1;
        return 0;
    case GS_T_ENUM:
        if (f->nvalues > LX_MAX_ENUM)
            return 1;
        for (c.e = 0; c.e < f->nvalues; c.e++)
            if (all_hold(f->type, l, n, &c))
                return 1;
        return 0;
    case GS_T_STRING:
        for (size_t i = 0; i < n; i++)
            if (l[i].kind == LK_CMP && (l[i].op == GS_OP_EQ || l[i].op == GS_OP_IN))
                return try_set(f->type, &l[i], l, n);
        return 1; /* only exclusions: some other string remains */
    case GS_T_INT:
    case GS_T_NUMBER:
    case GS_T_DATE:
        return num_sat(f, l, n);
    default:
        return 1;
    }
}

static int cmp_lit(const void *pa, const void *pb)
{
    const lx_lit *a = pa, *b = pb;
    int ga = a->kind == LK_ATOM, gb = b->kind == LK_ATOM;
    if (ga != gb)
        return ga - gb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

static int cube_sat(gs_lx *x, const lx_lit *in, size_t n)
{
    if (n == 0)
        return 1;
    if (gs_grow((void **)&x->scratch, &x->scratch_cap, n, sizeof *x->scratch) < 0) {
        x->oom = 1;
        return 1; /* claim nothing */
    }
    memcpy(x->scratch, in, n * sizeof *in);
    qsort(x->scratch, n, sizeof *in, cmp_lit);
    const lx_lit *l = x->scratch;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && (l[j].kind == LK_ATOM) == (l[i].kind == LK_ATOM) && l[j].key == l[i].key)
            j++;
        if (l[i].kind == LK_ATOM) {
            for (size_t k = i + 1; k < j; k++)
                if (l[k].op != l[i].op)
                    return 0;
        } else if (l[i].key < x->schema->count &&
                   !fact_sat(&x->schema->facts[l[i].key], l + i, j - i)) {
            return 0;
        }
        i = j;
    }
    return 1;
}

/* -- building sets -------------------------------------------------------- */

static const gs_lx_set *new_set(gs_lx *x, const lx_cube *c, uint32_t n)
{
    if (n == 0)
        return &SET_NEVER;
    gs_lx_set *s = gs_arena_alloc(&x->arena, sizeof *s);
    lx_cube *cc = gs_arena_calloc(&x->arena, n, sizeof *cc);
    if (!s || !cc) {
        x->oom = 1;
        return &SET_UNKNOWN;
    }
    memcpy(cc, c, n * sizeof *c);
    s->n = n;
    s->unknown = 0;
    s->c = cc;
    return s;
}

/* A set of one cube made of the given literals (NEVER when they conflict). */
static const gs_lx_set *cube_set(gs_lx *x, const lx_lit *l, uint32_t n)
{
    if (!cube_sat(x, l, n))
        return &SET_NEVER;
    lx_lit *copy = gs_arena_calloc(&x->arena, n, sizeof *copy);
    if (!copy) {
        x->oom = 1;
        return &SET_UNKNOWN;
    }
    memcpy(copy, l, n * sizeof *l);
    lx_cube c = {n, copy};
    return new_set(x, &c, 1);
}

static const gs_lx_set *set_or(gs_lx *x, const gs_lx_set *a, const gs_lx_set *b)
{
    if (a->unknown || b->unknown)
        return &SET_UNKNOWN;
    if (a->n == 0)
        return b;
    if (b->n == 0)
        return a;
    if (a->n + b->n > LX_MAX_CUBES)
        return &SET_UNKNOWN;
    lx_cube *c = gs_arena_calloc(&x->arena, a->n + b->n, sizeof *c);
    if (!c) {
        x->oom = 1;
        return &SET_UNKNOWN;
    }
    memcpy(c, a->c, a->n * sizeof *c);
    memcpy(c + a->n, b->c, b->n * sizeof *c);
    gs_lx_set *s = gs_arena_alloc(&x->arena, sizeof *s);
    if (!s) {
        x->oom = 1;
        return &SET_UNKNOWN;
    }
    s->n = a->n + b->n;
    s->unknown = 0;
    s->c = c;
    return s;
}

const gs_lx_set *gs_lx_and(gs_lx *x, const gs_lx_set *a, const gs_lx_set *b)
{
    /* A product with an empty side is empty whatever the other is. */
    if ((a->n == 0 && !a->unknown) || (b->n == 0 && !b->unknown))
        return &SET_NEVER;
    if (a->unknown || b->unknown)
        return &SET_UNKNOWN;
    if (a == &SET_ALWAYS)
        return b;
    if (b == &SET_ALWAYS)
        return a;
    lx_cube *out = NULL;
    size_t n = 0, cap = 0;
    lx_lit buf[LX_MAX_LITS];
    const gs_lx_set *res = NULL;
    for (uint32_t i = 0; i < a->n && !res; i++) {
        for (uint32_t j = 0; j < b->n && !res; j++) {
            const lx_cube *p = &a->c[i], *q = &b->c[j];
            if (p->n + q->n > LX_MAX_LITS) {
                res = &SET_UNKNOWN;
                break;
            }
            memcpy(buf, p->l, p->n * sizeof *buf);
            memcpy(buf + p->n, q->l, q->n * sizeof *buf);
            uint32_t m = p->n + q->n;
            if (!cube_sat(x, buf, m))
                continue;
            if (n == LX_MAX_CUBES) {
                res = &SET_UNKNOWN;
                break;
            }
            lx_lit *copy = m ? gs_arena_calloc(&x->arena, m, sizeof *copy) : NULL;
            if ((m && !copy) || gs_grow((void **)&out, &cap, n + 1, sizeof *out) < 0) {
                x->oom = 1;
                res = &SET_UNKNOWN;
                break;
            }
            if (m)
                memcpy(copy, buf, m * sizeof *buf);
            out[n].n = m;
            out[n].l = copy;
            n++;
        }
    }
    if (!res)
        res = new_set(x, out, (uint32_t)n);
    gs_free(out);
    return res;
}

/* -- conditions to sets --------------------------------------------------- */

static uint32_t atom_id(gs_lx *x, const gs_expr *e)
{
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(e, &b);
    uint32_t id = UINT32_MAX;
    if (!b.oom && b.data) {
        uint32_t have;
        if (gs_strmap_get(&x->atoms, b.data, b.len, &have)) {
            id = have;
        } else {
            char *key = gs_arena_strndup(&x->atom_arena, b.data, b.len);
            if (key && gs_strmap_put(&x->atoms, key, b.len, x->natoms, NULL) >= 0)
                id = x->natoms++;
        }
    }
    gs_buf_free(&b);
    if (id == UINT32_MAX)
        x->oom = 1;
    return id;
}

static gs_eop flip(gs_eop op) /* a op b  ==  b flip(op) a */
{
    switch (op) {
    case GS_OP_LT: return GS_OP_GT;
    case GS_OP_LE: return GS_OP_GE;
    case GS_OP_GT: return GS_OP_LT;
    case GS_OP_GE: return GS_OP_LE;
    default: return op;
    }
}

static gs_eop negate(gs_eop op)
{
    switch (op) {
    case GS_OP_EQ: return GS_OP_NE;
    case GS_OP_NE: return GS_OP_EQ;
    case GS_OP_LT: return GS_OP_GE;
    case GS_OP_LE: return GS_OP_GT;
    case GS_OP_GT: return GS_OP_LE;
    case GS_OP_GE: return GS_OP_LT;
    case GS_OP_IN: return GS_OP_NOT_IN;
    case GS_OP_NOT_IN: return GS_OP_IN;
    default: return op;
    }
}

static const gs_lx_set *cond(gs_lx *x, const gs_expr *e, int mode);
static const gs_lx_set *with_absent(gs_lx *x, const gs_expr *e, const gs_lx_set *s);

static const gs_lx_set *bool_cmp(gs_lx *x, const gs_expr *e, int pol)
{
    const gs_expr *a = e->kids[0], *b = e->kids[1];
    if (e->op == GS_OP_EQ || e->op == GS_OP_NE) {
        int want_equal = (e->op == GS_OP_EQ) == !!pol;
        const gs_lx_set *s1 = gs_lx_and(x, cond(x, a, 1), cond(x, b, want_equal));
        const gs_lx_set *s2 = gs_lx_and(x, cond(x, a, 0), cond(x, b, !want_equal));
        return set_or(x, s1, s2);
    }
    if ((e->op == GS_OP_IN || e->op == GS_OP_NOT_IN) && b->kind == GS_E_LIST) {
        int has_t = 0, has_f = 0;
        for (uint32_t i = 0; i < b->n; i++) {
            has_t |= b->kids[i]->lit.u.b != 0;
            has_f |= b->kids[i]->lit.u.b == 0;
        }
        int member = (e->op == GS_OP_IN) == !!pol; /* we want a in list */
        int take_t = member ? has_t : !has_t, take_f = member ? has_f : !has_f;
        return set_or(x, take_t ? cond(x, a, 1) : &SET_NEVER, take_f ? cond(x, a, 0) : &SET_NEVER);
    }
    return &SET_UNKNOWN;
}

static const gs_lx_set *cmp(gs_lx *x, const gs_expr *e, int pol)
{
    if (e->ck == GS_CK_BOOL && e->op != GS_OP_MATCHES)
        return bool_cmp(x, e, pol);
    const gs_expr *l = e->kids[0], *r = e->kids[1];
    gs_eop op = (gs_eop)e->op;
    const gs_expr *fact = NULL, *val = NULL;
    if (l->kind == GS_E_FACT && (r->kind == GS_E_LIT || r->kind == GS_E_LIST)) {
        fact = l;
        val = r;
    } else if (l->kind == GS_E_LIT && r->kind == GS_E_FACT) {
        fact = r;
        val = l;
        op = flip(op);
    }
    if (l->kind != GS_E_FACT && r->kind != GS_E_FACT) {
        /* No fact at all: the comparison has one value, whatever the applicant. */
        gs_env env = {x->schema, NULL};
        gs_tri t = gs_expr_eval(e, &env);
        return t == (pol ? GS_TRUE : GS_FALSE) ? &SET_ALWAYS : &SET_NEVER;
    }
    if (op == GS_OP_MATCHES || !fact) {
        /* A pattern, or a fact against a fact: an independent atom that is
         * true or false once its facts are given. */
        lx_lit lits[3];
        uint32_t n = 0;
        if (l->kind == GS_E_FACT)
            lits[n++] = (lx_lit){l->slot, LK_PRESENT, 0, NULL};
        if (r->kind == GS_E_FACT)
            lits[n++] = (lx_lit){r->slot, LK_PRESENT, 0, NULL};
        uint32_t id = atom_id(x, e);
        if (id == UINT32_MAX)
            return &SET_UNKNOWN;
        lits[n++] = (lx_lit){id, LK_ATOM, (uint8_t)!!pol, NULL};
        return cube_set(x, lits, n);
    }
    if (!pol)
        op = negate(op);
    lx_lit lit = {fact->slot, LK_CMP, (uint8_t)op, val};
    return cube_set(x, &lit, 1);
}

static const gs_lx_set *compute(gs_lx *x, const gs_expr *e, int mode)
{
    switch ((gs_ekind)e->kind) {
    case GS_E_LIT:
        /* A literal is never unknown: "not true" is "false". */
        if (e->lit.type != GS_T_BOOL)
            return &SET_UNKNOWN;
        return !!e->lit.u.b == (mode == GS_LX_TRUE || mode == GS_LX_NOT_FALSE) ? &SET_ALWAYS
                                                                        : &SET_NEVER;
    case GS_E_KNOWN: {
        lx_lit lit = {e->slot, mode == GS_LX_TRUE || mode == GS_LX_NOT_FALSE ? LK_PRESENT : LK_ABSENT, 0,
                      NULL};
        return cube_set(x, &lit, 1);
    }
    case GS_E_NOT:
        /* not swaps true and false, and so "not true" and "not false". */
        return cond(x, e->kids[0], mode ^ 1);
    case GS_E_AND:
    case GS_E_OR: {
        /* and is true when all are, false when one is; not-true when one is
         * not true, not-false when none is false; or the duals. */
        int product = (e->kind == GS_E_AND) == (mode == GS_LX_TRUE || mode == GS_LX_NOT_FALSE);
        const gs_lx_set *s = product ? &SET_ALWAYS : &SET_NEVER;
        for (uint32_t i = 0; i < e->n; i++) {
            const gs_lx_set *k = cond(x, e->kids[i], mode);
            s = product ? gs_lx_and(x, s, k) : set_or(x, s, k);
        }
        return s;
    }
    case GS_E_FACT:
    case GS_E_CMP: {
        /* A leaf is unknown exactly when one of its facts is not given (a
         * fact against a literal, a bool fact); for comparisons of
         * conditions that is an over-approximation, which only ever makes
         * fewer claims. */
        int want_true = mode == GS_LX_TRUE || mode == GS_LX_NOT_FALSE;
        const gs_lx_set *s;
        if (e->kind == GS_E_FACT) {
            lx_lit lit = {e->slot, LK_BOOL, (uint8_t)(mode == GS_LX_TRUE || mode == GS_LX_NOT_FALSE),
                          NULL};
            s = cube_set(x, &lit, 1);
        } else {
            s = cmp(x, e, want_true);
        }
        return mode >= GS_LX_NOT_FALSE ? with_absent(x, e, s) : s;
    }
    case GS_E_LIST:
        break;
    }
    return &SET_UNKNOWN;
}

/* Memoised by node: the checks ask about the same subtrees many times. */
static lx_memo *memo_slot(gs_lx *x, const gs_expr *e)
{
    if (x->memo_n * 2 >= x->memo_cap) {
        size_t ncap = x->memo_cap ? x->memo_cap * 2 : 64;
        lx_memo *nm = gs_calloc(ncap, sizeof *nm);
        if (!nm)
            return NULL;
        for (size_t i = 0; i < x->memo_cap; i++) {
            if (!x->memo[i].e)
                continue;
            size_t h = ((uintptr_t)x->memo[i].e >> 3) & (ncap - 1);
            while (nm[h].e)
                h = (h + 1) & (ncap - 1);
            nm[h] = x->memo[i];
        }
        gs_free(x->memo);
        x->memo = nm;
        x->memo_cap = ncap;
    }
    size_t h = ((uintptr_t)e >> 3) & (x->memo_cap - 1);
    while (x->memo[h].e && x->memo[h].e != e)
        h = (h + 1) & (x->memo_cap - 1);
    if (!x->memo[h].e) {
        x->memo[h].e = e;
        x->memo_n++;
    }
    return &x->memo[h];
}

static const gs_lx_set *cond(gs_lx *x, const gs_expr *e, int mode)
{
    lx_memo *m = memo_slot(x, e);
    if (!m) {
        x->oom = 1;
        return &SET_UNKNOWN;
    }
    if (!m->s[mode]) {
        const gs_lx_set *s = compute(x, e, mode);
        m = memo_slot(x, e); /* compute may have grown the table */
        if (!m) {
            x->oom = 1;
            return &SET_UNKNOWN;
        }
        m->s[mode] = s;
    }
    return m->s[mode];
}

const gs_lx_set *gs_lx_true(gs_lx *x, const gs_expr *e)
{
    return e ? cond(x, e, 1) : &SET_ALWAYS;
}

const gs_lx_set *gs_lx_false(gs_lx *x, const gs_expr *e)
{
    return e ? cond(x, e, 0) : &SET_NEVER;
}

typedef struct absent_ctx {
    gs_lx *x;
    const gs_lx_set *s;
} absent_ctx;

static void add_absent(uint32_t slot, void *ud)
{
    absent_ctx *a = ud;
    if (a->x->schema->facts[slot].def.known)
        return;
    lx_lit lit = {slot, LK_ABSENT, 0, NULL};
    a->s = set_or(a->x, a->s, cube_set(a->x, &lit, 1));
}

/* s, or any of the facts e reads is not given. */
static const gs_lx_set *with_absent(gs_lx *x, const gs_expr *e, const gs_lx_set *s)
{
    absent_ctx a = {x, s};
    gs_expr_facts(e, add_absent, &a);
    return a.s;
}

const gs_lx_set *gs_lx_cond(gs_lx *x, const gs_expr *e, int mode)
{
    return cond(x, e, mode);
}

void gs_lx_fail(gs_lx *x)
{
    x->oom = 1;
}

const gs_lx_set *gs_lx_not_true(gs_lx *x, const gs_expr *e)
{
    return e ? cond(x, e, GS_LX_NOT_TRUE) : &SET_NEVER;
}

int gs_lx_never_true(gs_lx *x, const gs_expr *e)
{
    return gs_lx_sat(gs_lx_true(x, e)) == GS_LX_UNSAT;
}

int gs_lx_may_overlap(gs_lx *x, const gs_expr *a, const gs_expr *b)
{
    return gs_lx_sat(gs_lx_and(x, gs_lx_true(x, a), gs_lx_true(x, b))) == GS_LX_SAT;
}

int gs_lx_implies(gs_lx *x, const gs_expr *a, const gs_expr *b)
{
    return gs_lx_sat(gs_lx_and(x, gs_lx_true(x, a), gs_lx_not_true(x, b))) == GS_LX_UNSAT;
}
