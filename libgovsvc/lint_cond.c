/*
 * lint_cond.c - W101-W104, the checks on one condition: never true, always
 * true, two parts that contradict each other, a part implied by another.
 *
 * The condition is walked as its negation normal form would be, without
 * building it: a `not` flips the polarity, and under a flipped polarity an
 * `and` reads as an `or` (De Morgan). Each part is judged with the sets of
 * lint_expr.c, so every claim is proved, never guessed.
 */
#include <string.h>

#include "lint_int.h"

/* -- positions and text --------------------------------------------------- */

uint32_t gs_lx_start(const gs_expr *e)
{
    while ((e->kind == GS_E_CMP || e->kind == GS_E_AND || e->kind == GS_E_OR) && e->n)
        e = e->kids[0];
    return e->off;
}

gs_pos gs_lx_pos(const gs_ynode *src, uint32_t off)
{
    gs_pos p = src->pos;
    /* As gs_read_expr sets the parser's base: after the opening quote; a
     * block scalar's text starts on the next line. */
    if (src->style == GS_YSINGLE || src->style == GS_YDOUBLE)
        p.col++;
    else if (src->style == GS_YBLOCK)
        p.line++;
    size_t line_start = 0, end = off < src->len ? off : src->len;
    uint32_t lines = 0;
    for (size_t i = 0; i < end; i++) {
        if (src->str[i] == '\n') {
            lines++;
            line_start = i + 1;
        }
    }
    if (lines) {
        p.line += lines;
        p.col = 1;
    }
    p.col += (uint32_t)gs_utf8_count(src->str + line_start, end - line_start);
    return p;
}

const char *gs_lint_expr_text(const gs_expr *e, char *buf, size_t size)
{
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(e, &b);
    const char *s = b.data && !b.oom ? b.data : "?";
    size_t n = strlen(s);
    if (n >= size) {
        /* Clip on a character boundary and say so. */
        n = size > 4 ? size - 4 : 0;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(buf, s, n);
        memcpy(buf + n, "...", size > 4 ? 4 : 0);
    } else {
        memcpy(buf, s, n + 1);
    }
    gs_buf_free(&b);
    return buf;
}

/* -- W101-W104 ------------------------------------------------------------ */

typedef struct check_ctx {
    gs_lx *x;
    const gs_ynode *src;
    govsvc_diag_list *diags;
} check_ctx;

/* The node under a chain of `not`s, and its polarity. */
static const gs_expr *unwrap(const gs_expr *e, int *pol)
{
    while (e->kind == GS_E_NOT) {
        e = e->kids[0];
        *pol = !*pol;
    }
    return e;
}

/* and/or as seen through the polarity (De Morgan): 1 and, 2 or, 0 other. */
static int view(const gs_expr *e, int pol)
{
    if (e->kind == GS_E_AND)
        return pol ? 1 : 2;
    if (e->kind == GS_E_OR)
        return pol ? 2 : 1;
    return 0;
}

static void warn(check_ctx *c, const char *code, const gs_expr *at, const char *hint,
                 const char *fmt, ...) GS_PRINTF(5, 6);
static void warn(check_ctx *c, const char *code, const gs_expr *at, const char *hint,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_diag_vadd(c->diags, GOVSVC_SEVERITY_WARNING, code, gs_lx_pos(c->src, gs_lx_start(at)), hint,
                 fmt, ap);
    va_end(ap);
}

/* A conjunction (in the view) that can never hold: name two parts that
 * contradict each other when there are such, and report at the second.
 * Returns 1 when it reported. */
static int report_contradiction(check_ctx *c, const gs_expr *e, int pol, const char *tail)
{
    const gs_expr *n = unwrap(e, &pol);
    if (view(n, pol) != 1)
        return 0;
    for (uint32_t j = 1; j < n->n; j++) {
        int pj = pol;
        const gs_expr *kj = unwrap(n->kids[j], &pj);
        for (uint32_t i = 0; i < j; i++) {
            int pi = pol;
            const gs_expr *ki = unwrap(n->kids[i], &pi);
            const gs_lx_set *both = gs_lx_and(c->x, gs_lx_cond(c->x, ki, pi), gs_lx_cond(c->x, kj, pj));
            if (gs_lx_sat(both) != GS_LX_UNSAT)
                continue;
            char a[120], b[120];
            gs_lint_expr_text(n->kids[i], a, sizeof a);
            gs_lint_expr_text(n->kids[j], b, sizeof b);
            warn(c, "W103", n->kids[j],
                 "one of the two is wrong: check the numbers, the direction of < and >, and "
                 "the values compared",
                 "'%s' contradicts '%s': they cannot both hold, so %s", b, a, tail);
            return 1;
        }
    }
    return 0;
}

static void descend(check_ctx *c, const gs_expr *e, int pol);

/* Checks the parts of an `and` (conj) or an `or` (!conj) under polarity
 * pol, last to first: of two equal parts, the later one is reported. A
 * part of an `and` that is always true, or of an `or` that is never true,
 * adds nothing; a part is redundant when another one, not yet reported,
 * implies it (`and`) or covers it (`or`). The parts not reported are
 * checked in turn. */
static void check_junction(check_ctx *c, const gs_expr *n, int pol, int conj)
{
    uint8_t *done = gs_calloc(n->n, 1);
    if (!done) {
        gs_lx_fail(c->x);
        return;
    }
    for (uint32_t i = n->n; i-- > 0;) {
        int pi = pol;
        const gs_expr *ki = unwrap(n->kids[i], &pi);
        char a[120], b[120];
        if (gs_lx_sat(gs_lx_cond(c->x, ki, conj ? !pi : pi)) == GS_LX_UNSAT) {
            if (conj)
                warn(c, "W102", n->kids[i], "remove it from the condition",
                     "'%s' is always true: it adds nothing to the condition",
                     gs_lint_expr_text(n->kids[i], a, sizeof a));
            else if (!report_contradiction(c, n->kids[i], pol, "this alternative never applies"))
                warn(c, "W101", n->kids[i], "remove this alternative, or correct it",
                     "'%s' can never be true: this alternative never applies",
                     gs_lint_expr_text(n->kids[i], a, sizeof a));
            done[i] = 1;
            continue;
        }
        for (uint32_t j = 0; j < n->n; j++) {
            if (j == i || done[j])
                continue;
            int pj = pol;
            const gs_expr *kj = unwrap(n->kids[j], &pj);
            /* `and`: part j true while part i is not; `or`: part i true
             * while part j is not. Never: i is redundant. */
            const gs_expr *holds = conj ? kj : ki, *fails = conj ? ki : kj;
            int ph = conj ? pj : pi, pf = conj ? pi : pj;
            if (gs_lx_sat(gs_lx_and(c->x, gs_lx_cond(c->x, holds, ph),
                                    gs_lx_cond(c->x, fails,
                                               pf ? GS_LX_NOT_TRUE : GS_LX_NOT_FALSE))) !=
                GS_LX_UNSAT)
                continue;
            warn(c, "W104", n->kids[i],
                 conj ? "remove it: the other comparison says more"
                      : "remove it: the other alternative already covers it",
                 "'%s' is redundant: '%s' already %s",
                 gs_lint_expr_text(n->kids[i], a, sizeof a),
                 gs_lint_expr_text(n->kids[j], b, sizeof b), conj ? "implies it" : "covers it");
            done[i] = 1;
            break;
        }
    }
    for (uint32_t i = 0; i < n->n; i++)
        if (!done[i])
            descend(c, n->kids[i], pol);
    gs_free(done);
}

static void descend(check_ctx *c, const gs_expr *e, int pol)
{
    const gs_expr *n = unwrap(e, &pol);
    int v = view(n, pol);
    if (v == 1 || v == 2)
        check_junction(c, n, pol, v == 1);
}

int gs_lx_check(gs_lx *x, const gs_expr *e, const gs_ynode *src, const char *never,
                const char *always, govsvc_diag_list *diags)
{
    if (!e || !src || src->kind != GS_YSCALAR)
        return 0;
    check_ctx c = {x, src, diags};
    if (gs_lx_sat(gs_lx_true(x, e)) == GS_LX_UNSAT) {
        if (!report_contradiction(&c, e, 1, never)) {
            char hint[200];
            snprintf(hint, sizeof hint, "compare the condition with the facts' declared values "
                                        "and ranges; remove what never applies");
            gs_diag_add(diags, GOVSVC_SEVERITY_WARNING, "W101", gs_lx_pos(src, gs_lx_start(e)),
                        hint, "condition can never be true: %s", never);
        }
        return 1;
    }
    if (gs_lx_sat(gs_lx_false(x, e)) == GS_LX_UNSAT) {
        gs_diag_add(diags, GOVSVC_SEVERITY_WARNING, "W102", gs_lx_pos(src, gs_lx_start(e)),
                    "remove the condition, or correct it so that it can fail",
                    "condition is always true (it can never be false): %s", always);
        return 1;
    }
    descend(&c, e, 1);
    return 0;
}
