/*
 * ruletest_case.c - one rule test: the case's facts and date, the query,
 * the expected notice against the actual one, and what the case covered.
 *
 * Both sides are rendered as the same short lines ("materials:",
 * "  floor_plan: {status: deferred, due: 2026-03-19}", "deadline:",
 * "  promised: 2026-02-26") and compared line by line, so a failure prints
 * as a difference a policy officer can read: - expected, + actual.
 */
#include <stdlib.h>
#include <string.h>

#include "answer_int.h"
#include "facts_int.h"
#include "ruletest_int.h"

static const char *const CASE_KEYS[] = {"name", "item",   "bundle", "date",
                                        "facts", "expect", "note",   NULL};
enum { C_NAME, C_ITEM, C_BUNDLE, C_DATE, C_FACTS, C_EXPECT, C_NOTE };
static const char *const EXPECT_KEYS[] = {"materials", "deadline", "ask", "error", NULL};
enum { X_MATERIALS, X_DEADLINE, X_ASK, X_ERROR };
static const char *const MAT_KEYS[] = {"status", "due", "verify_due", "condition", "items", NULL};
enum { M_STATUS, M_DUE, M_VERIFY, M_COND, M_ITEMS };
static const char *const DEADLINE_KEYS[] = {"promised", "statutory", "condition", NULL};
static const char *const STATUSES[] = {"shared",      "commitment", "deferred", "required",
                                       "conditional", "absent",     NULL};

/* -- coverage points ------------------------------------------------------- */

static int32_t add_point(rt_run *R, rt_book *b, size_t *cap, int kind, gs_pos pos,
                         const char *fmt, ...) GS_PRINTF(6, 7);
static int32_t add_point(rt_run *R, rt_book *b, size_t *cap, int kind, gs_pos pos,
                         const char *fmt, ...)
{
    if (gs_grow((void **)&b->points, cap, b->npoints + 1, sizeof *b->points) < 0)
        return -2;
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    rt_point *p = &b->points[b->npoints];
    p->kind = (uint8_t)kind;
    p->hit = 0;
    p->pos = pos;
    p->what = gs_arena_strdup(R->arena, what);
    if (!p->what)
        return -2;
    return (int32_t)b->npoints++;
}

static const char *clip_expr(const gs_expr *e, char *buf, size_t size)
{
    gs_buf t;
    gs_buf_init(&t);
    gs_expr_print(e, &t);
    snprintf(buf, size, "%s", t.data && !t.oom ? t.data : "?");
    gs_buf_free(&t);
    return buf;
}

int rt_book_points(rt_run *R, rt_book *b)
{
    const struct govsvc_rulebook *rb = b->rb;
    size_t cap = 0;
    b->slots = gs_arena_calloc(R->arena, rb->nitems ? rb->nitems : 1, sizeof *b->slots);
    if (!b->slots)
        return GOVSVC_ENOMEM;
    char e[200];
#define ADD(slot, ...)                                                                             \
    do {                                                                                           \
        int32_t ix_ = add_point(R, b, &cap, __VA_ARGS__);                                          \
        if (ix_ == -2)                                                                             \
            return GOVSVC_ENOMEM;                                                                  \
        (slot) = ix_;                                                                              \
    } while (0)
    for (uint32_t i = 0; i < rb->nitems; i++) {
        const gs_item *it = &rb->items[i];
        size_t n = (size_t)it->ndeadlines * S_NVAR + (size_t)it->nlines * S_NLINE;
        int32_t *s = gs_arena_calloc(R->arena, n ? n : 1, sizeof *s);
        if (!s)
            return GOVSVC_ENOMEM;
        for (size_t k = 0; k < n; k++)
            s[k] = -1;
        b->slots[i] = s;
        for (uint32_t v = 0; v < it->ndeadlines; v++) {
            const gs_deadline *d = &it->deadlines[v];
            int32_t *vs = s + (size_t)v * S_NVAR;
            gs_pos at = d->when ? d->when_pos : d->pos;
            if (it->ndeadlines > 1)
                ADD(vs[V_APPLIES], RT_LINE, at, "item '%s': deadline variant %u never applied",
                    it->code, v + 1);
            if (d->when) {
                clip_expr(d->when, e, sizeof e);
                ADD(vs[V_TRUE], RT_COND, at, "item '%s': deadline 'when: %s' never true",
                    it->code, e);
                ADD(vs[V_FALSE], RT_COND, at, "item '%s': deadline 'when: %s' never false",
                    it->code, e);
            }
        }
        for (uint32_t k = 0; k < it->nlines; k++) {
            const gs_line *ln = &it->lines[k];
            const gs_material *m = &rb->materials[ln->material];
            int32_t *ls = s + (size_t)it->ndeadlines * S_NVAR + (size_t)k * S_NLINE;
            ADD(ls[S_LINE], RT_LINE, ln->pos, "item '%s': material line '%s' never applied",
                it->code, m->id);
            if (ln->when) {
                clip_expr(ln->when, e, sizeof e);
                ADD(ls[S_TRUE], RT_COND, ln->when_pos, "item '%s': '%s' when: %s never true",
                    it->code, m->id, e);
                ADD(ls[S_FALSE], RT_COND, ln->when_pos, "item '%s': '%s' when: %s never false",
                    it->code, m->id, e);
            }
            if (m->shared_when)
                ADD(ls[S_SHARED], RT_WAIVER, ln->pos, "item '%s': '%s' never shared", it->code,
                    m->id);
            if (m->commitment_allowed && !it->commitment_forbidden)
                ADD(ls[S_COMMIT], RT_WAIVER, ln->pos,
                    "item '%s': '%s' never replaced by a commitment", it->code, m->id);
            if (ln->deferrable)
                ADD(ls[S_DEFER], RT_DEFERRAL, ln->pos, "item '%s': '%s' never deferred",
                    it->code, m->id);
        }
    }
#undef ADD
    return 0;
}

static void hit(rt_book *b, int32_t ix)
{
    if (ix >= 0)
        b->points[ix].hit = 1;
}

/* What an item answer exercised, decided as query.c decides it. */
static void observe(rt_book *b, const govsvc_answer *a, const gs_env *env)
{
    const struct govsvc_rulebook *rb = b->rb;
    if (!a || !a->item)
        return;
    const gs_item *it = a->item;
    const int32_t *s = b->slots[it - rb->items];
    for (uint32_t v = 0; v < it->ndeadlines; v++) {
        const gs_deadline *d = &it->deadlines[v];
        const int32_t *vs = s + (size_t)v * S_NVAR;
        gs_tri t = d->when ? gs_expr_eval(d->when, env) : GS_TRUE;
        if (t == GS_FALSE) {
            hit(b, vs[V_FALSE]);
            continue;
        }
        if (t == GS_TRUE) {
            hit(b, vs[V_TRUE]);
            hit(b, vs[V_APPLIES]);
        }
        break; /* applied, or undecided: the later variants are not reached */
    }
    for (uint32_t k = 0; k < it->nlines; k++) {
        const gs_line *ln = &it->lines[k];
        const int32_t *ls = s + (size_t)it->ndeadlines * S_NVAR + (size_t)k * S_NLINE;
        gs_tri t = ln->when ? gs_expr_eval(ln->when, env) : GS_TRUE;
        if (t == GS_FALSE)
            hit(b, ls[S_FALSE]);
        if (t != GS_TRUE)
            continue;
        hit(b, ls[S_TRUE]);
        hit(b, ls[S_LINE]);
        for (uint32_t m = 0; m < a->nmats; m++) {
            if (a->mats[m].line != ln)
                continue;
            if (a->mats[m].status == GOVSVC_STATUS_SHARED)
                hit(b, ls[S_SHARED]);
            else if (a->mats[m].status == GOVSVC_STATUS_COMMITMENT)
                hit(b, ls[S_COMMIT]);
            else if (a->mats[m].status == GOVSVC_STATUS_DEFERRED)
                hit(b, ls[S_DEFER]);
        }
    }
}

/* -- facts ----------------------------------------------------------------- */

/* One `fact: value` of a case, read as a facts file reads it. */
static int set_fact(rt_run *R, govsvc_facts *f, const gs_ynode *k, const gs_ynode *v)
{
    if (k->kind != GS_YSCALAR || v->kind != GS_YSCALAR) {
        gs_diag_error(R->diags, "E061", v->pos, "write 'fact.name: value'",
                      "a fact must be a name with a single value");
        return GOVSVC_EFACT;
    }
    if (v->style == GS_YPLAIN &&
        (v->len == 0 || strcmp(v->str, "null") == 0 || strcmp(v->str, "~") == 0))
        return govsvc_facts_type(f, k->str) ? govsvc_facts_unset(f, k->str)
                                            : govsvc_facts_set_text(f, k->str, "");
    govsvc_fact_type t = govsvc_facts_type(f, k->str);
    if ((v->style == GS_YSINGLE || v->style == GS_YDOUBLE) && t && t != GOVSVC_FACT_STRING &&
        t != GOVSVC_FACT_ENUM && t != GOVSVC_FACT_DATE) {
        gs_diag_error(R->diags, "E061", v->pos, "remove the quotes",
                      "fact '%s' is of type %s; write the value without quotes", k->str,
                      gs_type_name((gs_type)t));
        return GOVSVC_EFACT;
    }
    int r = govsvc_facts_set_text(f, k->str, v->str);
    if (r == GOVSVC_EFACT) {
        const govsvc_diag *e = govsvc_facts_last_error(f);
        int undeclared = e && strcmp(e->code, "E060") == 0;
        gs_diag_error(R->diags, e ? e->code : "E061", undeclared ? k->pos : v->pos,
                      e ? e->hint : NULL, "%s", e ? e->message : "invalid fact");
        gs_diag_set_fact(R->diags, k->str);
    }
    return r;
}

/* -- the two sides ---------------------------------------------------------- */

typedef struct side {
    const char **l;
    size_t n, cap;
    int oom;
} side;

static void put(rt_run *R, side *s, const char *fmt, ...) GS_PRINTF(3, 4);
static void put(rt_run *R, side *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    const char *line = b.oom ? NULL : gs_arena_strdup(R->arena, b.data ? b.data : "");
    gs_buf_free(&b);
    if (!line || gs_grow((void **)&s->l, &s->cap, s->n + 1, sizeof *s->l) < 0) {
        s->oom = 1;
        return;
    }
    s->l[s->n++] = line;
}

static const char *fmt_date(govsvc_date d, char buf[11])
{
    if (govsvc_date_format(&d, buf) != 0)
        strcpy(buf, "none");
    return buf;
}

/* The value of key k of an expected material as text ("none" when the
 * answer has none). */
static void actual_field(const govsvc_answer *a, size_t i, int k, gs_buf *b)
{
    govsvc_date d;
    char buf[11];
    switch (k) {
    case M_STATUS: gs_buf_puts(b, govsvc_status_name(govsvc_answer_material_status(a, i))); break;
    case M_DUE:
        gs_buf_puts(b, govsvc_answer_material_due(a, i, &d) ? fmt_date(d, buf) : "none");
        break;
    case M_VERIFY:
        gs_buf_puts(b, govsvc_answer_material_verify_due(a, i, &d) ? fmt_date(d, buf) : "none");
        break;
    case M_COND: {
        const char *c = govsvc_answer_material_condition(a, i);
        if (c)
            gs_buf_printf(b, "\"%s\"", c);
        else
            gs_buf_puts(b, "none");
        break;
    }
    case M_ITEMS: {
        gs_buf_putc(b, '[');
        size_t n = govsvc_answer_material_item_count(a, i);
        for (size_t j = 0; j < n; j++)
            gs_buf_printf(b, "%s%s", j ? ", " : "", govsvc_answer_material_item(a, i, j));
        gs_buf_putc(b, ']');
        break;
    }
    default: break;
    }
}

/* The expected value of key k, normalised as the actual one is printed. */
static void expected_field(const gs_ynode *v, int k, gs_buf *b)
{
    if (k == M_COND && v->kind == GS_YSCALAR) {
        gs_buf_printf(b, "\"%s\"", v->str);
    } else if (k == M_ITEMS && v->kind == GS_YSEQ) {
        gs_buf_putc(b, '[');
        for (size_t j = 0; j < v->n; j++)
            gs_buf_printf(b, "%s%s", j ? ", " : "",
                          v->kids[j]->kind == GS_YSCALAR ? v->kids[j]->str : "?");
        gs_buf_putc(b, ']');
    } else {
        gs_buf_puts(b, v->kind == GS_YSCALAR ? v->str : "?");
    }
}

/* Renders one material of both sides: `exp` the expectation (NULL when the
 * case does not list it), `ai` the answer's index (-1 when absent). The
 * shape (status alone, or a mapping of the keys the case gives) follows the
 * expectation. */
static void render_material(rt_run *R, side *E, side *A, const char *id, const gs_ynode *exp,
                            const govsvc_answer *a, long ai)
{
    gs_buf eb, ab;
    gs_buf_init(&eb);
    gs_buf_init(&ab);
    if (!exp || exp->kind == GS_YSCALAR) {
        if (exp)
            gs_buf_puts(&eb, exp->str);
        if (ai >= 0)
            actual_field(a, (size_t)ai, M_STATUS, &ab);
        else
            gs_buf_puts(&ab, "absent");
    } else {
        gs_buf_putc(&eb, '{');
        gs_buf_putc(&ab, '{');
        int first = 1;
        for (int k = 0; MAT_KEYS[k]; k++) {
            const gs_ynode *v = gs_ymap_get(exp, MAT_KEYS[k]);
            if (!v)
                continue;
            gs_buf_printf(&eb, "%s%s: ", first ? "" : ", ", MAT_KEYS[k]);
            gs_buf_printf(&ab, "%s%s: ", first ? "" : ", ", MAT_KEYS[k]);
            first = 0;
            expected_field(v, k, &eb);
            if (ai >= 0)
                actual_field(a, (size_t)ai, k, &ab);
            else
                gs_buf_puts(&ab, k == M_STATUS ? "absent" : "none");
        }
        gs_buf_putc(&eb, '}');
        gs_buf_putc(&ab, '}');
    }
    if (exp)
        put(R, E, "  %s: %s", id, eb.data ? eb.data : "");
    /* An expected material the answer lacks shows as `absent` on the
     * actual side, in the expectation's shape. */
    if (A && (ai >= 0 || exp))
        put(R, A, "  %s: %s", id, ab.data ? ab.data : "");
    if (eb.oom || ab.oom)
        E->oom = 1;
    gs_buf_free(&eb);
    gs_buf_free(&ab);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Both sides of a case. `a` is NULL when the query failed with `err`. */
static void render(rt_run *R, side *E, side *A, const gs_ynode *const *x, const govsvc_answer *a,
                   const govsvc_diag *err)
{
    const gs_ynode *mats = x[X_MATERIALS];
    if (mats) {
        put(R, E, "materials:");
        if (a)
            put(R, A, "materials:");
        size_t n = a ? govsvc_answer_material_count(a) : 0;
        for (size_t i = 0; i < n; i++) {
            const char *id = govsvc_answer_material_id(a, i);
            const gs_ynode *exp = NULL;
            /* The expectation belongs to the material's first line only. */
            int first = 1;
            for (size_t j = 0; j < i; j++)
                first &= strcmp(govsvc_answer_material_id(a, j), id) != 0;
            if (first)
                exp = gs_ymap_get(mats, id);
            render_material(R, E, A, id, exp, a, (long)i);
        }
        for (size_t k = 0; k + 1 < mats->n; k += 2) {
            const char *id = mats->kids[k]->str;
            int in_answer = 0;
            for (size_t i = 0; i < n && !in_answer; i++)
                in_answer = strcmp(govsvc_answer_material_id(a, i), id) == 0;
            if (!in_answer)
                render_material(R, E, a ? A : NULL, id, mats->kids[k + 1], a, -1);
        }
    }
    const gs_ynode *dl = x[X_DEADLINE];
    if (dl) {
        put(R, E, "deadline:");
        if (a)
            put(R, A, "deadline:");
        for (int k = 0; DEADLINE_KEYS[k]; k++) {
            const gs_ynode *v = gs_ymap_get(dl, DEADLINE_KEYS[k]);
            if (!v)
                continue;
            if (k == 2)
                put(R, E, "  condition: \"%s\"", v->str);
            else
                put(R, E, "  %s: %s", DEADLINE_KEYS[k], v->str);
            if (!a)
                continue;
            govsvc_date d;
            char buf[11];
            const char *cond = govsvc_answer_deadline_condition(a);
            if (k == 2)
                put(R, A, cond ? "  condition: \"%s\"" : "  condition: %s", cond ? cond : "none");
            else
                put(R, A, "  %s: %s", DEADLINE_KEYS[k],
                    govsvc_answer_deadline(a, k == 0 ? GOVSVC_DEADLINE_PROMISED
                                                     : GOVSVC_DEADLINE_STATUTORY,
                                           &d, NULL)
                        ? fmt_date(d, buf)
                        : "none");
        }
    }
    const gs_ynode *ask = x[X_ASK];
    if (ask) {
        const char *v[64];
        size_t n = 0;
        for (size_t i = 0; i < ask->n && n < 64; i++)
            v[n++] = ask->kids[i]->str;
        qsort(v, n, sizeof *v, cmp_str);
        gs_buf b;
        gs_buf_init(&b);
        for (size_t i = 0; i < n; i++)
            gs_buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
        put(R, E, "ask: [%s]", b.data ? b.data : "");
        gs_buf_free(&b);
        if (a) {
            n = 0;
            for (size_t i = 0; i < govsvc_answer_ask_count(a) && n < 64; i++)
                v[n++] = govsvc_answer_ask_fact(a, i);
            qsort(v, n, sizeof *v, cmp_str);
            gs_buf_init(&b);
            for (size_t i = 0; i < n; i++)
                gs_buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
            put(R, A, "ask: [%s]", b.data ? b.data : "");
            gs_buf_free(&b);
        }
    }
    const gs_ynode *want_err = x[X_ERROR];
    if (want_err || err) {
        put(R, E, "error: %s", want_err ? want_err->str : "none");
        if (err)
            put(R, A, "error: %s", err->code);
        else
            put(R, A, "error: none");
    }
}

/* The difference of two sides (longest common subsequence), "  " for a
 * line both have, "- " expected only, "+ " actual only. Returns the number
 * of differing lines. */
static size_t diff(const side *E, const side *A, gs_buf *out)
{
    size_t n = E->n, m = A->n;
    uint16_t *t = gs_calloc((n + 1) * (m + 1), sizeof *t);
    size_t changes = 0;
    if (!t) {
        out->oom = 1;
        return 1;
    }
#define T(i, j) t[(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            T(i, j) = strcmp(E->l[i], A->l[j]) == 0
                          ? (uint16_t)(T(i + 1, j + 1) + 1)
                          : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && strcmp(E->l[i], A->l[j]) == 0) {
            gs_buf_printf(out, "    %s\n", E->l[i]);
            i++;
            j++;
        } else if (i < n && (j >= m || T(i + 1, j) >= T(i, j + 1))) {
            gs_buf_printf(out, "  - %s\n", E->l[i++]);
            changes++;
        } else {
            gs_buf_printf(out, "  + %s\n", A->l[j++]);
            changes++;
        }
    }
#undef T
    gs_free(t);
    return changes;
}

/* -- checking the expectation against the rulebook --------------------------- */

/* An expected date, or `none` for "the answer has none". */
static int read_date_or_none(gs_loader *L, const gs_ynode *n, const char *what)
{
    gs_day d;
    if (n->kind == GS_YSCALAR && n->style == GS_YPLAIN && strcmp(n->str, "none") == 0)
        return 0;
    return gs_read_date(L, n, what, &d);
}

static int check_expect(rt_run *R, gs_loader *L, const struct govsvc_rulebook *rb,
                        const gs_ynode *expect, const gs_ynode **x)
{
    if (gs_check_map(L, expect, "expect", EXPECT_KEYS, x) < 0)
        return GS_REPORTED;
    int bad = 0;
    const gs_ynode *mats = x[X_MATERIALS];
    if (mats && mats->kind != GS_YMAP) {
        gs_diag_error(R->diags, "E007", mats->pos, "write one 'material_id: status' per line",
                      "expect.materials must be a mapping");
        return GS_REPORTED;
    }
    for (size_t k = 0; mats && k + 1 < mats->n; k += 2) {
        const gs_ynode *key = mats->kids[k], *v = mats->kids[k + 1];
        uint32_t idx;
        if (key->kind != GS_YSCALAR ||
            (rb && !gs_strmap_get(&rb->material_index, key->str, key->len, &idx))) {
            const char **ids = rb ? gs_calloc(rb->nmaterials + 1, sizeof *ids) : NULL;
            for (uint32_t i = 0; ids && i < rb->nmaterials; i++)
                ids[i] = rb->materials[i].id;
            const char *dym = ids && key->kind == GS_YSCALAR ? gs_did_you_mean(key->str, ids, 0)
                                                              : NULL;
            char hint[300];
            snprintf(hint, sizeof hint, dym ? "did you mean '%s'?" : "%s",
                     dym ? dym : "name a material of the rulebook's catalogue");
            gs_diag_error(R->diags, "E223", key->pos, hint,
                          "'%s' is not a material of rulebook '%s'",
                          key->kind == GS_YSCALAR ? key->str : "?", rb ? rb->id : "?");
            gs_free(ids);
            bad = 1;
            continue;
        }
        const gs_ynode *status = v;
        if (v->kind == GS_YMAP) {
            const gs_ynode *mv[GS_ARRAY_LEN(MAT_KEYS)];
            if (gs_check_map(L, v, "an expected material", MAT_KEYS, mv) < 0) {
                bad = 1;
                continue;
            }
            status = mv[M_STATUS];
            if (!status) {
                gs_missing(L, v, "status", "an expected material");
                bad = 1;
                continue;
            }
            if ((mv[M_DUE] && read_date_or_none(L, mv[M_DUE], "due") < 0) ||
                (mv[M_VERIFY] && read_date_or_none(L, mv[M_VERIFY], "verify_due") < 0) ||
                (mv[M_COND] && !gs_need_scalar(L, mv[M_COND], "condition")) ||
                (mv[M_ITEMS] && gs_need_seq(L, mv[M_ITEMS], "items") < 0))
                bad = 1;
        }
        int s;
        if (gs_need_scalar(L, status, "a status") == NULL) {
            bad = 1;
            continue;
        }
        for (s = 0; STATUSES[s] && strcmp(STATUSES[s], status->str) != 0; s++)
            ;
        if (!STATUSES[s]) {
            const char *dym = gs_did_you_mean(status->str, STATUSES, 0);
            char hint[200];
            snprintf(hint, sizeof hint, "%s%s%sone of required, shared, commitment, deferred, "
                                        "conditional, absent",
                     dym ? "did you mean '" : "", dym ? dym : "", dym ? "'? " : "");
            gs_diag_error(R->diags, "E224", status->pos, hint, "'%s' is not a status",
                          status->str);
            bad = 1;
        }
    }
    const gs_ynode *dl = x[X_DEADLINE];
    if (dl) {
        const gs_ynode *dv[GS_ARRAY_LEN(DEADLINE_KEYS)];
        if (gs_check_map(L, dl, "expect.deadline", DEADLINE_KEYS, dv) < 0 ||
            (dv[0] && read_date_or_none(L, dv[0], "deadline.promised") < 0) ||
            (dv[1] && read_date_or_none(L, dv[1], "deadline.statutory") < 0) ||
            (dv[2] && !gs_need_scalar(L, dv[2], "deadline.condition")))
            bad = 1;
    }
    if (x[X_ASK]) {
        if (gs_need_seq(L, x[X_ASK], "expect.ask") < 0)
            bad = 1;
        for (size_t i = 0; !bad && i < x[X_ASK]->n; i++)
            bad |= !gs_need_scalar(L, x[X_ASK]->kids[i], "a fact name");
    }
    if (x[X_ERROR] && !gs_need_scalar(L, x[X_ERROR], "expect.error"))
        bad = 1;
    return bad ? GS_REPORTED : 0;
}

int rt_run_case(rt_run *R, gs_loader *L, rt_book *b, const gs_ynode *c, const char *name,
                const govsvc_diag *no_version)
{
    const struct govsvc_rulebook *rb = b ? b->rb : NULL;
    const gs_ynode *v[GS_ARRAY_LEN(CASE_KEYS)];
    const gs_ynode *x[GS_ARRAY_LEN(EXPECT_KEYS)];
    memset(x, 0, sizeof x);
    size_t before = govsvc_diag_list_count(R->diags);
    if (gs_check_map(L, c, "a test case", CASE_KEYS, v) < 0)
        return 0;
    const gs_ynode *target = v[C_ITEM] ? v[C_ITEM] : v[C_BUNDLE];
    gs_day day = 0;
    if (v[C_ITEM] && v[C_BUNDLE])
        gs_diag_error(R->diags, "E009", v[C_BUNDLE]->pos, "a case tests one item or one bundle",
                      "test '%s' names both an item and a bundle", name);
    else if (!target)
        gs_missing(L, c, "item", "a test case (or 'bundle')");
    else if (gs_need_scalar(L, target, "item") && rb) {
        uint32_t ix;
        int found = v[C_ITEM] ? gs_strmap_get(&rb->item_index, target->str, target->len, &ix)
                              : gs_strmap_get(&rb->bundle_index, target->str, target->len, &ix);
        if (!found) {
            const char *dym = v[C_ITEM]
                                  ? GS_DYM_FIELD(target->str, rb->items, rb->nitems, gs_item, code)
                                  : GS_DYM_FIELD(target->str, rb->bundles, rb->nbundles, gs_bundle, code);
            char hint[300];
            snprintf(hint, sizeof hint, dym ? "did you mean '%s'?" : "%s",
                     dym ? dym : "list the codes with 'govsvc query RULEBOOK --list'");
            gs_diag_error(R->diags, "E222", target->pos, hint, "rulebook '%s' has no %s '%s'",
                          rb->id, v[C_ITEM] ? "item" : "bundle", target->str);
        }
    }
    if (!v[C_DATE])
        gs_missing(L, c, "date", "a test case");
    else
        gs_read_date(L, v[C_DATE], "date", &day);
    if (!v[C_EXPECT])
        gs_missing(L, c, "expect", "a test case");
    else
        check_expect(R, L, rb, v[C_EXPECT], x);
    govsvc_facts *facts = NULL;
    int r = b ? govsvc_facts_new(&facts, b->rb) : 0;
    if (r)
        return GOVSVC_ENOMEM;
    const gs_ynode *fn = v[C_FACTS];
    if (fn && fn->kind != GS_YMAP)
        gs_diag_error(R->diags, "E007", fn->pos, "write one 'fact.name: value' per line",
                      "facts must be a mapping");
    for (size_t k = 0; facts && fn && fn->kind == GS_YMAP && k + 1 < fn->n; k += 2)
        if (set_fact(R, facts, fn->kids[k], fn->kids[k + 1]) == GOVSVC_ENOMEM)
            r = GOVSVC_ENOMEM;
    if (r || govsvc_diag_list_count(R->diags) > before) {
        govsvc_facts_free(facts);
        return r ? r : 0; /* the case is wrong: reported, counted as failed */
    }

    govsvc_query_options qo = GOVSVC_QUERY_OPTIONS_INIT;
    gs_ymd_from_day(day, &qo.date.year, &qo.date.month, &qo.date.day);
    govsvc_answer *a = NULL;
    govsvc_diag_list *qd = NULL;
    /* No version of a history in force on the date: that is the answer. */
    int q = !b          ? GOVSVC_ENOTFOUND
            : v[C_ITEM] ? govsvc_query_item(&a, rb, target->str, facts, &qo, &qd)
                        : govsvc_query_bundle(&a, rb, target->str, facts, &qo, &qd);
    if (q == GOVSVC_ENOMEM) {
        govsvc_facts_free(facts);
        govsvc_diag_list_free(qd);
        return GOVSVC_ENOMEM;
    }
    const govsvc_diag *qe = !b ? no_version : q ? govsvc_diag_list_get(qd, 0) : NULL;
    if (b) {
        gs_env env = {&rb->schema, facts->vals};
        if (a && a->item)
            observe(b, a, &env);
        for (size_t i = 0; a && a->bundle && i < a->bundle->nitems; i++)
            observe(b, a->parts[i], &env);
    }

    side E = {0}, A = {0};
    render(R, &E, &A, x, q == 0 ? a : NULL, qe);
    gs_buf d;
    gs_buf_init(&d);
    size_t changes = diff(&E, &A, &d);
    int passed = changes == 0 && !E.oom && !A.oom && !d.oom;
    int ret = passed;
    if (E.oom || A.oom || d.oom) {
        ret = GOVSVC_ENOMEM;
    } else if (!passed) {
        char date[11];
        gs_date_format(day, date);
        gs_pos at = v[C_NAME] ? v[C_NAME]->pos : c->pos;
        gs_diag_error(R->diags, "E220", at,
                      qe ? qe->message
                         : "the lines marked - are expected, + are what the rulebook answers: "
                           "correct the rulebook or the test",
                      "test '%s' failed: %s '%s' on %s (%zu line%s differ)", name,
                      v[C_ITEM] ? "item" : "bundle", target->str, date, changes,
                      changes == 1 ? "" : "s");
        if (rt_record_failure(R, d.data ? d.data : "") < 0)
            ret = GOVSVC_ENOMEM;
    }
    gs_free(E.l);
    gs_free(A.l);
    gs_buf_free(&d);
    govsvc_answer_free(a);
    govsvc_diag_list_free(qd);
    govsvc_facts_free(facts);
    return ret;
}
