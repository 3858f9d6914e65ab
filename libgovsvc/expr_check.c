/*
 * expr_check.c - the compile-time type checker of conditions: fact names
 * resolved against the declared schema, operand types matched, enum
 * literals checked against the values, `matches` patterns compiled once.
 * See the typing rules at the top of expr_parse.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_parse.h"

/* -- type checking -------------------------------------------------------- */

static const char *a_an(int t)
{
    return t == GS_T_INT || t == GS_T_ENUM ? "an" : "a";
}

/* Did-you-mean over the declared fact names. */
static const char *closest_fact(parser *P, const char *name)
{
    const gs_schema *s = P->ctx->schema;
    const govsvc_diag_list *l = P->ctx->diags;
    if (!s->count)
        return NULL;
    /* Past the hint budget (diag.h) the list of names is not even made. */
    if (l && (l->capped || s->count > GS_DYM_BUDGET - l->dym_spent))
        return NULL;
    if (!P->names) {
        P->names = gs_calloc(s->count, sizeof *P->names);
        if (!P->names) {
            P->oom = 1;
            return NULL;
        }
        for (uint32_t i = 0; i < s->count; i++)
            P->names[i] = s->facts[i].name;
    }
    return gs_diag_did_you_mean(P->ctx->diags, name, P->names, s->count);
}

static const gs_fact *resolve(parser *P, gs_expr *e)
{
    const gs_fact *f = gs_schema_find(P->ctx->schema, e->text, e->text_len);
    if (f) {
        e->slot = f->slot;
        return f;
    }
    char hint[512];
    const char *near = closest_fact(P, e->text);
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    else
        snprintf(hint, sizeof hint, "declare it under 'facts:'");
    gs_expr_report(P, "E031", e->off, e->text, hint, "unknown fact '%s'", e->text);
    return NULL;
}

/* "applicant.age (int)", "'abc' (string)", "300 (int)", "a condition". */
static void describe(const gs_expr *e, int t, char *buf, size_t size)
{
    if (e->kind == GS_E_FACT)
        snprintf(buf, size, "'%s' (%s)", e->text, gs_type_name((gs_type)t));
    else if (e->kind == GS_E_LIT && t == GS_T_STRING)
        snprintf(buf, size, "'%.*s' (string)", gs_expr_clip(e->text, e->text_len, 40), e->text);
    else if (e->kind == GS_E_LIT)
        snprintf(buf, size, "%s (%s)", e->text, gs_type_name((gs_type)t));
    else if (t == TY_LIST)
        snprintf(buf, size, "a list");
    else
        snprintf(buf, size, "a condition (bool)");
}

static void not_condition(parser *P, const gs_expr *e, int t)
{
    char hint[512];
    if (t == TY_LIST) {
        gs_expr_report(P, "E035", e->off, NULL, "use a list after 'in', e.g. x in ['A', 'B']",
               "a list is not a condition");
        return;
    }
    if (e->kind == GS_E_FACT) {
        const gs_fact *f = &P->ctx->schema->facts[e->slot];
        if (t == GS_T_ENUM && f->nvalues)
            snprintf(hint, sizeof hint, "compare it, e.g. %s == '%s'", e->text, f->values[0]);
        else if (t == GS_T_DATE)
            snprintf(hint, sizeof hint, "compare it, e.g. %s >= 2024-01-01", e->text);
        else if (t == GS_T_STRING)
            snprintf(hint, sizeof hint, "compare it, e.g. %s == '...', or test known(%s)",
                     e->text, e->text);
        else
            snprintf(hint, sizeof hint, "compare it, e.g. %s > 0", e->text);
        gs_expr_report(P, "E035", e->off, e->text, hint, "'%s' is %s %s fact, not a condition", e->text,
               a_an(t), gs_type_name((gs_type)t));
        return;
    }
    char what[96];
    describe(e, t, what, sizeof what);
    gs_expr_report(P, "E035", e->off, NULL, "a condition is true or false, e.g. premises.area >= 300",
           "%s is not a condition", what);
}

static int check(parser *P, gs_expr *e);

void gs_expr_check_cond(parser *P, gs_expr *e)
{
    int t = check(P, e);
    if (t != GS_T_NONE && t != GS_T_BOOL)
        not_condition(P, e, t);
}

static int same_values(const gs_fact *a, const gs_fact *b)
{
    if (a->nvalues != b->nvalues)
        return 0;
    for (uint32_t i = 0; i < a->nvalues; i++)
        if (strcmp(a->values[i], b->values[i]) != 0)
            return 0;
    return 1;
}

/* The enum literal `lit` (a string) against enum fact f: converted to the
 * value's index, or E033 naming the values. */
static int enum_literal(parser *P, const gs_fact *f, gs_expr *lit)
{
    int idx = gs_fact_enum_index(f, lit->lit.u.s.p, lit->lit.u.s.len);
    if (idx >= 0) {
        lit->lit.type = GS_T_ENUM;
        lit->lit.u.e = (uint32_t)idx;
        lit->type = GS_T_ENUM;
        return 0;
    }
    gs_buf hint;
    gs_buf_init(&hint);
    const char *near = gs_diag_did_you_mean(P->ctx->diags, lit->text, f->values, f->nvalues);
    if (near) {
        gs_buf_printf(&hint, "did you mean '%s'?", near);
    } else {
        /* The list stops where a hint would be cut anyway (diag.c keeps
         * about 1000 bytes): an enum of a million values made each error
         * build megabytes. */
        gs_buf_puts(&hint, "its values are ");
        for (uint32_t i = 0; i < f->nvalues && hint.len < 1000; i++)
            gs_buf_printf(&hint, "%s'%s'", i ? ", " : "", f->values[i]);
    }
    if (hint.oom)
        P->oom = 1;
    gs_expr_report(P, "E033", lit->off, f->name, hint.data, "'%.*s' is not a value of '%s'",
           gs_expr_clip(lit->text, lit->text_len, 60), lit->text, f->name);
    gs_buf_free(&hint);
    return -1;
}

static const char *unlike_hint(int ta, const gs_expr *b, int tb)
{
    if (b->kind != GS_E_LIT || tb != GS_T_STRING)
        return NULL;
    switch (ta) {
    case GS_T_DATE: return "write dates without quotes, e.g. 2024-07-01";
    case GS_T_INT:
    case GS_T_NUMBER: return "write numbers without quotes";
    case GS_T_BOOL: return "write true or false without quotes";
    default: return NULL;
    }
}

/* How `a op b` compares (a gs_ecmp), converting an enum literal to its
 * index; E032/E033 at the right place and -1 when they cannot be compared.
 * `ordered`: the operator is < <= > >=. */
static int pair(parser *P, size_t at, gs_expr *a, int ta, gs_expr *b, int tb, int ordered)
{
    char da[96], db[96];
    const gs_schema *s = P->ctx->schema;
    int num_a = ta == GS_T_INT || ta == GS_T_NUMBER, num_b = tb == GS_T_INT || tb == GS_T_NUMBER;
    if (num_a && num_b)
        return GS_CK_NUM;
    if (ta == tb && (ta == GS_T_DATE || ta == GS_T_BOOL || ta == GS_T_STRING)) {
        if (!ordered)
            return ta == GS_T_DATE ? GS_CK_DATE : ta == GS_T_BOOL ? GS_CK_BOOL : GS_CK_STR;
        if (ta == GS_T_DATE)
            return GS_CK_DATE;
        if (ta == GS_T_BOOL)
            gs_expr_report(P, "E032", at, NULL, "use == or !=, or the fact itself as a condition",
                   "true/false values compare only with == and !=");
        else
            gs_expr_report(P, "E032", at, NULL, "order is not defined for strings",
                   "strings compare only with ==, !=, in and matches");
        return -1;
    }
    if (ta == GS_T_ENUM || tb == GS_T_ENUM) {
        /* Put the enum fact first. */
        if (ta != GS_T_ENUM) {
            gs_expr *x = a;
            a = b;
            b = x;
            int y = ta;
            ta = tb;
            tb = y;
        }
        const gs_fact *fa = &s->facts[a->slot];
        if (tb == GS_T_ENUM) {
            const gs_fact *fb = &s->facts[b->slot];
            if (!same_values(fa, fb)) {
                gs_expr_report(P, "E032", at, fa->name, "compare each with one of its values instead",
                       "'%s' and '%s' are enums with different values", fa->name, fb->name);
                return -1;
            }
        } else if (tb != GS_T_STRING || b->kind != GS_E_LIT) {
            describe(a, ta, da, sizeof da);
            describe(b, tb, db, sizeof db);
            gs_expr_report(P, "E032", at, fa->name, "compare an enum with one of its values in quotes",
                   "cannot compare %s with %s", da, db);
            return -1;
        }
        if (ordered) {
            gs_expr_report(P, "E032", at, fa->name, "enum values have no order",
                   "enum facts compare only with == != in");
            return -1;
        }
        if (tb == GS_T_STRING && enum_literal(P, fa, b) < 0)
            return -1;
        return GS_CK_ENUM;
    }
    describe(a, ta, da, sizeof da);
    describe(b, tb, db, sizeof db);
    const char *hint = unlike_hint(ta, b, tb);
    if (!hint)
        hint = unlike_hint(tb, a, ta);
    gs_expr_report(P, "E032", at, NULL, hint ? hint : "both sides of a comparison need the same type",
           "cannot compare %s with %s", da, db);
    return -1;
}

static void check_matches(parser *P, gs_expr *e, int tl, int tr)
{
    gs_expr *l = e->kids[0], *r = e->kids[1];
    char d[96];
    int bad = 0;
    if (tl != GS_T_STRING) {
        describe(l, tl, d, sizeof d);
        gs_expr_report(P, "E032", l->off, NULL, "e.g. applicant.region matches '^23'",
               "'matches' needs a string on its left, not %s", d);
        bad = 1;
    }
    if (r->kind != GS_E_LIT || tr != GS_T_STRING) {
        gs_expr_report(P, "E032", r->off, NULL, "e.g. applicant.region matches '^23'",
               "'matches' needs a pattern in quotes on its right");
        bad = 1;
    }
    if (bad)
        return;
    if (!P->ctx->patterns) {
        gs_expr_report(P, "E034", r->off, NULL, "test the value with == or in instead",
               "patterns cannot be used in this condition");
        return;
    }
    char msg[256] = "";
    size_t eoff = 0;
    gs_pattern *pat = NULL;
    gs_arena *arena = P->ctx->pattern_arena ? P->ctx->pattern_arena : P->ctx->arena;
    int rc = gs_pattern_compile(P->ctx->patterns, arena, r->lit.u.s.p, r->lit.u.s.len,
                                &pat, msg, sizeof msg, &eoff);
    /* Only "does not compile" fills in pcre2's message (which also tells it
     * from out of memory should the pattern module report it as -1). */
    if (rc == GOVSVC_ENOMEM && !msg[0]) {
        P->oom = 1;
        return;
    }
    if (rc != 0) {
        gs_expr_report(P, "E034", r->off, NULL, "patterns use pcre2 syntax",
               "pattern '%.*s' does not compile: %s (at offset %zu)",
               gs_expr_clip(r->text, r->text_len, 60), r->text, msg, eoff);
        return;
    }
    e->pattern = pat;
    e->ck = GS_CK_STR;
}

static void check_cmp(parser *P, gs_expr *e)
{
    gs_expr *l = e->kids[0], *r = e->kids[1];
    int tl = check(P, l), tr = check(P, r);
    if (tl == GS_T_NONE || tr == GS_T_NONE)
        return;
    const char *listmsg = "a list can only stand right of 'in' or 'not in'";
    if (e->op == GS_OP_MATCHES) {
        check_matches(P, e, tl, tr);
        return;
    }
    if (tl == TY_LIST) {
        gs_expr_report(P, "E032", l->off, NULL, "write the fact first: x in ['A', 'B']", "%s", listmsg);
        return;
    }
    if (e->op == GS_OP_IN || e->op == GS_OP_NOT_IN) {
        if (r->kind != GS_E_LIST) {
            gs_expr_report(P, "E032", r->off, NULL, "e.g. applicant.credit in ['A', 'B']",
                   "'%s' needs a list in brackets on its right",
                   e->op == GS_OP_IN ? "in" : "not in");
            return;
        }
        int ck = -1;
        for (uint32_t i = 0; i < r->n; i++) {
            gs_expr *x = r->kids[i];
            int c = pair(P, x->off, l, tl, x, x->type, 0);
            if (c >= 0)
                ck = c;
        }
        if (ck >= 0)
            e->ck = (uint8_t)ck;
        return;
    }
    if (tr == TY_LIST) {
        gs_expr_report(P, "E032", r->off, NULL, "write 'in' before a list", "%s", listmsg);
        return;
    }
    int ordered = e->op >= GS_OP_LT && e->op <= GS_OP_GE;
    int ck = pair(P, e->off, l, tl, r, tr, ordered);
    if (ck >= 0)
        e->ck = (uint8_t)ck;
}

/* Resolves facts and checks types below e. Returns e's type (a gs_type, or
 * TY_LIST), or GS_T_NONE when an error below it was already reported. */
static int check(parser *P, gs_expr *e)
{
    switch ((gs_ekind)e->kind) {
    case GS_E_LIT:
        return e->type;
    case GS_E_FACT: {
        const gs_fact *f = resolve(P, e);
        if (!f)
            return GS_T_NONE;
        e->type = (uint8_t)f->type;
        return (int)f->type;
    }
    case GS_E_LIST:
        return TY_LIST;
    case GS_E_KNOWN:
        (void)resolve(P, e); /* still a condition: no cascade */
        e->type = GS_T_BOOL;
        return GS_T_BOOL;
    case GS_E_NOT:
    case GS_E_AND:
    case GS_E_OR:
        for (uint32_t i = 0; i < e->n; i++)
            gs_expr_check_cond(P, e->kids[i]);
        e->type = GS_T_BOOL;
        return GS_T_BOOL;
    case GS_E_CMP:
        check_cmp(P, e);
        e->type = GS_T_BOOL;
        return GS_T_BOOL;
    }
    return GS_T_NONE;
}

