/*
 * expr_eval.c - using compiled conditions: three-valued evaluation, the
 * residual condition left by unknown facts, printing in the condition
 * language, and the facts a condition reads.
 *
 * Everything here only reads the tree and the environment, so any number
 * of threads may evaluate the same condition at once. Evaluation itself
 * allocates nothing; only `matches` calls into pcre2, which needs per-call
 * match data (pattern.c).
 */
#include <string.h>

#include "expr_int.h"

/* -- evaluation ----------------------------------------------------------- */

/* Whether a value's type is the one the comparison kind reads. Values are
 * checked when set (fact_value.c), so a mismatch only comes from a caller
 * that bypassed the checks; it is treated as unknown rather than read as
 * the wrong union member. */
static int fits(int ck, const gs_value *v)
{
    switch (ck) {
    case GS_CK_NUM: return v->type == GS_T_INT || v->type == GS_T_NUMBER;
    case GS_CK_STR: return v->type == GS_T_STRING;
    case GS_CK_ENUM: return v->type == GS_T_ENUM;
    case GS_CK_DATE: return v->type == GS_T_DATE;
    default: return v->type == GS_T_BOOL;
    }
}

/* One comparison operand: a pointer to its value (the literal's, the
 * fact's, or *tmp for a condition operand), NULL when unknown. */
static const gs_value *operand(const gs_expr *e, int ck, const gs_env *env, gs_value *tmp)
{
    if (ck == GS_CK_BOOL) {
        gs_tri t = gs_expr_eval(e, env);
        if (t == GS_UNKNOWN)
            return NULL;
        memset(tmp, 0, sizeof *tmp);
        tmp->known = 1;
        tmp->type = GS_T_BOOL;
        tmp->u.b = t == GS_TRUE;
        return tmp;
    }
    const gs_value *v = e->kind == GS_E_LIT ? &e->lit : gs_env_value(env, e->slot);
    return v && fits(ck, v) ? v : NULL;
}

static double as_double(const gs_value *v)
{
    return v->type == GS_T_INT ? (double)v->u.i : v->u.n;
}

/* -1, 0 or 1; 2 when the two are unordered (a NaN, which checked values
 * never are). Two ints compare exactly; an int against a number compares
 * as doubles (exact for every int up to 2^53). Strings are only ever
 * tested for equality: 0 equal, 1 not. */
static int order(int ck, const gs_value *a, const gs_value *b)
{
    switch (ck) {
    case GS_CK_NUM: {
        if (a->type == GS_T_INT && b->type == GS_T_INT)
            return (a->u.i > b->u.i) - (a->u.i < b->u.i);
        double x = as_double(a), y = as_double(b);
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
    }
    case GS_CK_STR:
        return !(a->u.s.len == b->u.s.len && memcmp(a->u.s.p, b->u.s.p, a->u.s.len) == 0);
    case GS_CK_ENUM: return (a->u.e > b->u.e) - (a->u.e < b->u.e);
    case GS_CK_DATE: return (a->u.d > b->u.d) - (a->u.d < b->u.d);
    default: return (!!a->u.b > !!b->u.b) - (!!a->u.b < !!b->u.b);
    }
}

static gs_tri tri(int b)
{
    return b ? GS_TRUE : GS_FALSE;
}

static gs_tri compare(const gs_expr *e, const gs_env *env)
{
    gs_value ta, tb;
    const gs_expr *r = e->kids[1];
    const gs_value *a = operand(e->kids[0], e->ck, env, &ta);
    if (!a)
        return GS_UNKNOWN;
    switch ((gs_eop)e->op) {
    case GS_OP_MATCHES: {
        /* A match that hits pcre2's limits cannot tell: unknown, never a
         * guess either way. */
        int m = gs_pattern_match(e->pattern, a->u.s.p, a->u.s.len);
        return m < 0 ? GS_UNKNOWN : tri(m);
    }
    case GS_OP_IN:
    case GS_OP_NOT_IN: {
        int found = 0;
        for (uint32_t i = 0; i < r->n && !found; i++) {
            const gs_value *b = operand(r->kids[i], e->ck, env, &tb);
            found = b && order(e->ck, a, b) == 0;
        }
        return tri(found != (e->op == GS_OP_NOT_IN));
    }
    default: break;
    }
    const gs_value *b = operand(r, e->ck, env, &tb);
    if (!b)
        return GS_UNKNOWN;
    int c = order(e->ck, a, b);
    if (c == 2)
        return GS_UNKNOWN;
    switch ((gs_eop)e->op) {
    case GS_OP_EQ: return tri(c == 0);
    case GS_OP_NE: return tri(c != 0);
    case GS_OP_LT: return tri(c < 0);
    case GS_OP_LE: return tri(c <= 0);
    case GS_OP_GT: return tri(c > 0);
    case GS_OP_GE: return tri(c >= 0);
    default: return GS_UNKNOWN;
    }
}

/* NULL is the condition that is not written: always true. */
gs_tri gs_expr_eval(const gs_expr *e, const gs_env *env)
{
    if (!e)
        return GS_TRUE;
    switch ((gs_ekind)e->kind) {
    case GS_E_LIT:
        return e->lit.type == GS_T_BOOL ? tri(e->lit.u.b) : GS_UNKNOWN;
    case GS_E_FACT: {
        const gs_value *v = gs_env_value(env, e->slot);
        return v && v->type == GS_T_BOOL ? tri(v->u.b) : GS_UNKNOWN;
    }
    case GS_E_KNOWN:
        /* SPEC 6: a default counts as a value. */
        return tri(gs_env_value(env, e->slot) != NULL);
    case GS_E_NOT: {
        gs_tri t = gs_expr_eval(e->kids[0], env);
        return t == GS_UNKNOWN ? GS_UNKNOWN : tri(t == GS_FALSE);
    }
    case GS_E_AND:
    case GS_E_OR: {
        /* Kleene: one deciding operand (false for and, true for or) settles
         * the result whatever the unknown ones are. */
        gs_tri decide = e->kind == GS_E_AND ? GS_FALSE : GS_TRUE;
        gs_tri res = e->kind == GS_E_AND ? GS_TRUE : GS_FALSE;
        for (uint32_t i = 0; i < e->n; i++) {
            gs_tri t = gs_expr_eval(e->kids[i], env);
            if (t == decide)
                return decide;
            if (t == GS_UNKNOWN)
                res = GS_UNKNOWN;
        }
        return res;
    }
    case GS_E_CMP:
        return compare(e, env);
    case GS_E_LIST:
        break;
    }
    return GS_UNKNOWN;
}

/* -- residual ------------------------------------------------------------- */

/* The residual of e, which is unknown under env. Comparisons and facts stay
 * as they are (shared, not copied): a comparison is unknown as a whole.
 * and/or keep only their unknown operands (the known ones are true in an
 * and, false in an or, or the whole would not be unknown); a single one
 * left stands alone, and an and left inside an and is spliced in, so the
 * residual prints as the author would have written it. */
static const gs_expr *residual(const gs_expr *e, const gs_env *env, gs_arena *arena)
{
    if (e->kind == GS_E_NOT) {
        const gs_expr *k = residual(e->kids[0], env, arena);
        if (!k || k == e->kids[0])
            return k ? e : NULL;
        gs_expr *n = gs_arena_calloc(arena, 1, sizeof *n);
        struct gs_expr **kids = gs_arena_calloc(arena, 1, sizeof *kids);
        if (!n || !kids)
            return NULL;
        *n = *e;
        kids[0] = (struct gs_expr *)k;
        n->kids = kids;
        return n;
    }
    if (e->kind != GS_E_AND && e->kind != GS_E_OR)
        return e;
    const gs_expr **res = gs_arena_calloc(arena, e->n, sizeof *res);
    if (!res)
        return NULL;
    uint32_t m = 0, total = 0;
    int same = 1;
    for (uint32_t i = 0; i < e->n; i++) {
        if (gs_expr_eval(e->kids[i], env) != GS_UNKNOWN) {
            same = 0;
            continue;
        }
        const gs_expr *k = residual(e->kids[i], env, arena);
        if (!k)
            return NULL;
        same &= k == e->kids[i];
        total += k->kind == e->kind ? k->n : 1;
        res[m++] = k;
    }
    if (same)
        return e;
    if (m == 1)
        return res[0];
    gs_expr *n = gs_arena_calloc(arena, 1, sizeof *n);
    struct gs_expr **kids = gs_arena_calloc(arena, total, sizeof *kids);
    if (!n || !kids)
        return NULL;
    *n = *e;
    n->kids = kids;
    n->n = total;
    uint32_t j = 0;
    for (uint32_t i = 0; i < m; i++) {
        if (res[i]->kind == e->kind) {
            for (uint32_t k = 0; k < res[i]->n; k++)
                kids[j++] = res[i]->kids[k];
        } else {
            kids[j++] = (struct gs_expr *)res[i];
        }
    }
    return n;
}

int gs_expr_residual(const gs_expr *e, const gs_env *env, gs_arena *arena, const gs_expr **out)
{
    *out = NULL;
    if (gs_expr_eval(e, env) != GS_UNKNOWN)
        return 0;
    *out = residual(e, env, arena);
    return *out ? 0 : GOVSVC_ENOMEM;
}

/* -- printing ------------------------------------------------------------- */

/* How tightly a node binds: it needs parentheses where the context asks
 * for more. Contexts: 0 the whole condition, 1 an operand of and/or, 2 the
 * operand of not, 3 an operand of a comparison. `not a == b` reads as
 * not (a == b), so a comparison under not needs none. */
static int binding(const gs_expr *e)
{
    switch ((gs_ekind)e->kind) {
    case GS_E_OR: return 0;
    case GS_E_AND: return 1;
    case GS_E_NOT:
    case GS_E_CMP: return 2;
    default: return 3;
    }
}

static void print_string(gs_buf *b, const char *s, size_t n)
{
    gs_buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\')
            gs_buf_putc(b, '\\');
        gs_buf_putc(b, s[i]);
    }
    gs_buf_putc(b, '\'');
}

static void print(const gs_expr *e, gs_buf *b, int ctx)
{
    static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">=", "in", "not in", "matches"};
    int paren = binding(e) < ctx;
    if (paren)
        gs_buf_putc(b, '(');
    switch ((gs_ekind)e->kind) {
    case GS_E_LIT:
        /* Enum literals were strings in the source and print as strings;
         * numbers and dates print exactly as written. */
        if (e->lit.type == GS_T_STRING || e->lit.type == GS_T_ENUM)
            print_string(b, e->text, e->text_len);
        else
            gs_buf_append(b, e->text, e->text_len);
        break;
    case GS_E_FACT:
        gs_buf_append(b, e->text, e->text_len);
        break;
    case GS_E_KNOWN:
        gs_buf_puts(b, "known(");
        gs_buf_append(b, e->text, e->text_len);
        gs_buf_putc(b, ')');
        break;
    case GS_E_LIST:
        gs_buf_putc(b, '[');
        for (uint32_t i = 0; i < e->n; i++) {
            if (i)
                gs_buf_puts(b, ", ");
            print(e->kids[i], b, 3);
        }
        gs_buf_putc(b, ']');
        break;
    case GS_E_NOT:
        gs_buf_puts(b, "not ");
        print(e->kids[0], b, 2);
        break;
    case GS_E_AND:
    case GS_E_OR:
        for (uint32_t i = 0; i < e->n; i++) {
            if (i)
                gs_buf_puts(b, e->kind == GS_E_AND ? " and " : " or ");
            print(e->kids[i], b, 1);
        }
        break;
    case GS_E_CMP:
        print(e->kids[0], b, 3);
        gs_buf_putc(b, ' ');
        gs_buf_puts(b, e->op < GS_ARRAY_LEN(ops) ? ops[e->op] : "?");
        gs_buf_putc(b, ' ');
        print(e->kids[1], b, 3);
        break;
    }
    if (paren)
        gs_buf_putc(b, ')');
}

/* NULL (no condition) prints as `true`. */
int gs_expr_print(const gs_expr *e, gs_buf *b)
{
    if (!e)
        gs_buf_puts(b, "true");
    else
        print(e, b, 0);
    return b->oom ? -1 : 0;
}

/* -- facts read ----------------------------------------------------------- */

typedef int (*visit_fn)(const gs_expr *node, void *ud);

/* Visits the nodes that read a fact (GS_E_FACT, GS_E_KNOWN) left to right.
 * With env, only those that are unknown and that the result still depends
 * on: a condition operand that is settled (true or false) is skipped with
 * everything below it, and known(f) is always settled. Stops when fn
 * returns nonzero, and returns that. */
static int walk(const gs_expr *e, const gs_env *env, visit_fn fn, void *ud)
{
    if (env && e->type == GS_T_BOOL && gs_expr_eval(e, env) != GS_UNKNOWN)
        return 0;
    switch ((gs_ekind)e->kind) {
    case GS_E_FACT:
        if (env && gs_env_value(env, e->slot))
            return 0;
        return fn(e, ud);
    case GS_E_KNOWN:
        return env ? 0 : fn(e, ud);
    case GS_E_LIT:
    case GS_E_LIST:
        return 0;
    default:
        for (uint32_t i = 0; i < e->n; i++) {
            int r = walk(e->kids[i], env, fn, ud);
            if (r)
                return r;
        }
        return 0;
    }
}

typedef struct seek {
    const gs_expr *target;
    int seen; /* the target's slot came up before the target */
} seek;

static int seek_visit(const gs_expr *n, void *ud)
{
    seek *s = ud;
    if (n == s->target)
        return 1;
    if (n->slot == s->target->slot) {
        s->seen = 1;
        return 1;
    }
    return 0;
}

typedef struct report_walk {
    const gs_expr *root;
    const gs_env *env;
    void (*fn)(uint32_t slot, void *ud);
    void *ud;
} report_walk;

/* Reports a slot at its first visit only. Whether it came up before is
 * found by walking again up to this node: quadratic in the number of fact
 * references, which conditions keep small, and it needs no memory. */
static int report_visit(const gs_expr *n, void *ud)
{
    report_walk *r = ud;
    seek s = {n, 0};
    walk(r->root, r->env, seek_visit, &s);
    if (!s.seen)
        r->fn(n->slot, r->ud);
    return 0;
}

void gs_expr_facts(const gs_expr *e, void (*fn)(uint32_t slot, void *ud), void *ud)
{
    if (!e)
        return;
    report_walk r = {e, NULL, fn, ud};
    walk(e, NULL, report_visit, &r);
}

void gs_expr_unknown_facts(const gs_expr *e, const gs_env *env,
                           void (*fn)(uint32_t slot, void *ud), void *ud)
{
    if (!e)
        return;
    report_walk r = {e, env, fn, ud};
    walk(e, env, report_visit, &r);
}
