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

/* The comparisons rulebooks are mostly made of, a fact against a literal
 * (enum ==, !=, in, not in; number ==, !=, <, <=, >, >=), decided without
 * the general path's operand lookups. Same results as compare(); returns 0
 * for anything else, which compare() then decides. */
static inline int compare_fast(const gs_expr *e, const gs_env *env, gs_tri *out)
{
    const gs_expr *l = e->kids[0], *r = e->kids[1];
    if (l->kind != GS_E_FACT)
        return 0;
    const gs_value *a = gs_env_value(env, l->slot);
    int c;
    if (e->ck == GS_CK_ENUM) {
        if (!a || a->type != GS_T_ENUM) {
            *out = GS_UNKNOWN;
            return 1;
        }
        if (r->kind == GS_E_LIST) {
            if (e->op != GS_OP_IN && e->op != GS_OP_NOT_IN)
                return 0;
            int found = 0;
            for (uint32_t i = 0; i < r->n && !found; i++)
                found = r->kids[i]->lit.type == GS_T_ENUM && r->kids[i]->lit.u.e == a->u.e;
            *out = tri(found != (e->op == GS_OP_NOT_IN));
            return 1;
        }
        if (r->kind != GS_E_LIT || r->lit.type != GS_T_ENUM)
            return 0;
        c = (a->u.e > r->lit.u.e) - (a->u.e < r->lit.u.e);
    } else if (e->ck == GS_CK_NUM) {
        if (r->kind != GS_E_LIT || (r->lit.type != GS_T_INT && r->lit.type != GS_T_NUMBER))
            return 0;
        if (!a || (a->type != GS_T_INT && a->type != GS_T_NUMBER)) {
            *out = GS_UNKNOWN;
            return 1;
        }
        c = order(GS_CK_NUM, a, &r->lit);
        if (c == 2) {
            *out = GS_UNKNOWN;
            return 1;
        }
    } else {
        return 0;
    }
    switch ((gs_eop)e->op) {
    case GS_OP_EQ: *out = tri(c == 0); return 1;
    case GS_OP_NE: *out = tri(c != 0); return 1;
    case GS_OP_LT: *out = tri(c < 0); return 1;
    case GS_OP_LE: *out = tri(c <= 0); return 1;
    case GS_OP_GT: *out = tri(c > 0); return 1;
    case GS_OP_GE: *out = tri(c >= 0); return 1;
    default: return 0;
    }
}

/* An operand of and/or: the common leaves (a comparison, a bool fact, not
 * a bool fact) without a call per node; anything else recursively. */
static inline gs_tri eval_operand(const gs_expr *k, const gs_env *env)
{
    gs_tri t;
    if (k->kind == GS_E_CMP && compare_fast(k, env, &t))
        return t;
    int neg = 0;
    if (k->kind == GS_E_NOT && k->kids[0]->kind == GS_E_FACT) {
        neg = 1;
        k = k->kids[0];
    }
    if (k->kind == GS_E_FACT) {
        const gs_value *v = gs_env_value(env, k->slot);
        return v && v->type == GS_T_BOOL ? tri((v->u.b != 0) != neg) : GS_UNKNOWN;
    }
    return gs_expr_eval(k, env);
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
            gs_tri t = eval_operand(e->kids[i], env);
            if (t == decide)
                return decide;
            if (t == GS_UNKNOWN)
                res = GS_UNKNOWN;
        }
        return res;
    }
    case GS_E_CMP: {
        gs_tri t;
        return compare_fast(e, env, &t) ? t : compare(e, env);
    }
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

/* -- printing for people -------------------------------------------------- */

const char *gs_fact_label(const gs_fact *f, gs_lang lang)
{
    if (lang == GS_LANG_EN && f->label_en)
        return f->label_en;
    return f->label ? f->label : f->name;
}

typedef struct lprint {
    const gs_schema *schema;
    gs_lang lang;
    gs_buf *b;
} lprint;

static void lprint_node(const lprint *P, const gs_expr *e, int ctx, int negate);

static void lprint_fact(const lprint *P, uint32_t slot)
{
    gs_buf_puts(P->b, gs_fact_label(&P->schema->facts[slot], P->lang));
}

static void lprint_lit(const lprint *P, const gs_expr *e)
{
    int zh = P->lang == GS_LANG_ZH;
    switch (e->lit.type) {
    case GS_T_BOOL:
        gs_buf_puts(P->b, e->lit.u.b ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
        break;
    case GS_T_STRING:
        /* Free text is quoted so that it cannot be read as part of the
         * sentence; enum values are words the rulebook defines. */
        gs_buf_puts(P->b, zh ? "“" : "\"");
        gs_buf_append(P->b, e->text, e->text_len);
        gs_buf_puts(P->b, zh ? "”" : "\"");
        break;
    default:
        gs_buf_append(P->b, e->text, e->text_len);
        break;
    }
}

static void lprint_operand(const lprint *P, const gs_expr *e)
{
    if (e->kind == GS_E_FACT)
        lprint_fact(P, e->slot);
    else if (e->kind == GS_E_LIT)
        lprint_lit(P, e);
    else
        lprint_node(P, e, 3, 0);
}

/* A comparison, or its opposite when `negate` (so that `not a == b` reads
 * "a ≠ b", which is what the applicant is asked). */
static void lprint_cmp(const lprint *P, const gs_expr *e, int negate)
{
    /* ==, !=, <, <=, >, >=; the opposite of op i is opposite[i]. */
    static const char *const sym[] = {"=", "≠", "<", "≤", ">", "≥"};
    static const uint8_t opposite[] = {GS_OP_NE, GS_OP_EQ, GS_OP_GE, GS_OP_GT, GS_OP_LE, GS_OP_LT};
    int zh = P->lang == GS_LANG_ZH;
    gs_eop op = (gs_eop)e->op;
    const gs_expr *r = e->kids[1];
    lprint_operand(P, e->kids[0]);
    if (op <= GS_OP_GE) {
        gs_buf_putc(P->b, ' ');
        gs_buf_puts(P->b, sym[negate ? opposite[op] : op]);
        gs_buf_putc(P->b, ' ');
        lprint_operand(P, r);
        return;
    }
    if (op == GS_OP_MATCHES) {
        int no = negate;
        gs_buf_puts(P->b, zh ? (no ? " 不符合格式 " : " 符合格式 ") : (no ? " does not match " : " matches "));
        gs_buf_append(P->b, r->text, r->text_len);
        return;
    }
    int in = (op == GS_OP_IN) != negate;
    if (r->n == 1) { /* one value: plain (in)equality */
        gs_buf_puts(P->b, in ? " = " : " ≠ ");
        lprint_operand(P, r->kids[0]);
        return;
    }
    if (zh)
        gs_buf_puts(P->b, in ? " 为 " : " 不为 ");
    else
        gs_buf_puts(P->b, in ? " is one of " : " is none of ");
    for (uint32_t i = 0; i < r->n; i++) {
        if (i)
            gs_buf_puts(P->b, zh ? "、" : ", ");
        lprint_operand(P, r->kids[i]);
    }
    if (zh)
        gs_buf_puts(P->b, " 之一");
}

/* ctx as in print(): 0 whole, 1 operand of and/or, 2 operand of not. */
static void lprint_node(const lprint *P, const gs_expr *e, int ctx, int negate)
{
    int zh = P->lang == GS_LANG_ZH;
    if (negate && (e->kind == GS_E_AND || e->kind == GS_E_OR)) {
        /* `not` over a compound operand: keep the author's grouping rather
         * than apply De Morgan. "非（…）" binds as tightly as `not`. */
        gs_buf_puts(P->b, zh ? "非（" : "not (");
        lprint_node(P, e, 0, 0);
        gs_buf_puts(P->b, zh ? "）" : ")");
        return;
    }
    int paren = binding(e) < ctx;
    if (paren)
        gs_buf_puts(P->b, zh ? "（" : "(");
    switch ((gs_ekind)e->kind) {
    case GS_E_LIT:
        if (negate && e->lit.type == GS_T_BOOL)
            gs_buf_puts(P->b, e->lit.u.b ? (zh ? "否" : "no") : (zh ? "是" : "yes"));
        else
            lprint_lit(P, e);
        break;
    case GS_E_LIST:
        break; /* only ever read by lprint_cmp */
    case GS_E_FACT:
        if (negate)
            gs_buf_puts(P->b, zh ? "非" : "not ");
        lprint_fact(P, e->slot);
        break;
    case GS_E_KNOWN:
        if (zh) {
            gs_buf_puts(P->b, "「");
            lprint_fact(P, e->slot);
            gs_buf_puts(P->b, negate ? "」未知" : "」已知");
        } else {
            lprint_fact(P, e->slot);
            gs_buf_puts(P->b, negate ? " is not known" : " is known");
        }
        break;
    case GS_E_NOT:
        lprint_node(P, e->kids[0], 2, !negate);
        break;
    case GS_E_AND:
    case GS_E_OR:
        for (uint32_t i = 0; i < e->n; i++) {
            if (i)
                gs_buf_puts(P->b, e->kind == GS_E_AND ? (zh ? " 且 " : " and ")
                                                      : (zh ? " 或 " : " or "));
            lprint_node(P, e->kids[i], 1, 0);
        }
        break;
    case GS_E_CMP:
        lprint_cmp(P, e, negate);
        break;
    }
    if (paren)
        gs_buf_puts(P->b, zh ? "）" : ")");
}

int gs_expr_print_labels(const gs_expr *e, const gs_schema *schema, gs_lang lang, gs_buf *b)
{
    lprint P = {schema, lang, b};
    if (!e)
        gs_buf_puts(b, lang == GS_LANG_ZH ? "是" : "yes");
    else
        lprint_node(&P, e, 0, 0);
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
    GS_WORK(1);
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
    uint32_t slot;
    uint32_t at; /* visits before the first that reads slot */
} seek;

static int seek_visit(const gs_expr *n, void *ud)
{
    seek *s = ud;
    if (n->slot == s->slot)
        return 1;
    s->at++;
    return 0;
}

/* Slots already reported, as an open-addressed set on the stack (slot + 1;
 * 0 is empty). A condition reading more distinct facts than it holds falls
 * back to walking again for the rest. */
enum { SEEN_CAP = 1024, SEEN_MAX = 768 };

typedef struct report_walk {
    const gs_expr *root;
    const gs_env *env;
    void (*fn)(uint32_t slot, void *ud);
    void *ud;
    uint32_t visit; /* ordinal of the visit being reported */
    uint32_t nseen;
    uint32_t seen[SEEN_CAP];
} report_walk;

/* 1 when slot was reported before; else records it and returns 0; -1 when
 * the set is full (the caller then walks again to find out). */
static int seen_before(report_walk *r, uint32_t slot)
{
    uint32_t i = (slot * 2654435761u) & (SEEN_CAP - 1);
    for (; r->seen[i]; i = (i + 1) & (SEEN_CAP - 1))
        if (r->seen[i] == slot + 1)
            return 1;
    if (r->nseen >= SEEN_MAX)
        return -1;
    r->seen[i] = slot + 1;
    r->nseen++;
    return 0;
}

/* Reports a slot at its first visit only. Whether it came up before is
 * found by walking again up to the first visit of that slot: quadratic in
 * the number of fact references, which conditions keep small, and it needs
 * no memory. Visits are told apart by their order, not by node address:
 * one shared node (expr_intern.c) may be visited twice in a condition. */
static int report_visit(const gs_expr *n, void *ud)
{
    report_walk *r = ud;
    /* The set answers first: walking again for every visit made a query
     * over conditions of 450 facts each take milliseconds per line (a
     * 4 MB rulebook, 2.5 s per query). */
    int before = seen_before(r, n->slot);
    if (before < 0) {
        seek s = {n->slot, 0};
        walk(r->root, r->env, seek_visit, &s);
        before = s.at != r->visit;
    }
    if (!before)
        r->fn(n->slot, r->ud);
    r->visit++;
    return 0;
}

void gs_expr_facts(const gs_expr *e, void (*fn)(uint32_t slot, void *ud), void *ud)
{
    if (!e)
        return;
    report_walk r = {e, NULL, fn, ud, 0, 0, {0}};
    walk(e, NULL, report_visit, &r);
}

void gs_expr_unknown_facts(const gs_expr *e, const gs_env *env,
                           void (*fn)(uint32_t slot, void *ud), void *ud)
{
    if (!e)
        return;
    report_walk r = {e, env, fn, ud, 0, 0, {0}};
    walk(e, env, report_visit, &r);
}
