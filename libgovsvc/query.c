/*
 * query.c - deciding the answer: for each material line of the item, the
 * one status of SPEC section 6, and the due dates.
 *
 * The order of the statuses is the law of the hall: what the hall can fetch
 * itself is never asked of the applicant (免提交, 《优化营商环境条例》第十九条
 * and 国发〔2021〕7号 on data sharing); what a signed commitment may replace
 * is offered next (告知承诺制, 国办发〔2020〕42号); what may come later is
 * deferred (容缺受理); everything else is required at acceptance.
 */
#include <string.h>

#include "answer_int.h"
#include "diag.h"
#include "facts_int.h"

typedef struct qctx {
    govsvc_answer *a;
    gs_env env;
    uint8_t *asked; /* [schema.count] */
    uint32_t ask_cap;
    int oom;
} qctx;

static void note_unknown(uint32_t slot, void *ud)
{
    qctx *q = ud;
    if (q->asked[slot])
        return;
    q->asked[slot] = 1;
    q->a->ask[q->a->nask++] = slot;
}

/* Evaluates a status condition; unknown counts as not met (the applicant
 * is told the stricter status) and its facts go to `ask`. */
static gs_tri status_cond(qctx *q, const gs_expr *e)
{
    if (!e)
        return GS_TRUE;
    gs_tri t = gs_expr_eval(e, &q->env);
    if (t == GS_UNKNOWN)
        gs_expr_unknown_facts(e, &q->env, note_unknown, q);
    return t;
}

static const char *print_expr(qctx *q, const gs_expr *e)
{
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(e, &b);
    const char *s = b.oom ? NULL : gs_arena_strndup(&q->a->arena, b.data ? b.data : "", b.len);
    gs_buf_free(&b);
    if (!s)
        q->oom = 1;
    return s;
}

static void add_reason(qctx *q, gs_amat *m, const char *name, const gs_expr *e, gs_tri v,
                       gs_pos pos)
{
    if (!(q->a->flags & GOVSVC_QUERY_EXPLAIN) || !e)
        return;
    gs_reason *r = &m->reasons[m->nreasons++];
    r->name = name;
    r->condition = print_expr(q, e);
    r->value = v;
    r->pos = pos;
}

static const char *residual_text(qctx *q, const gs_expr *e)
{
    const gs_expr *res;
    if (gs_expr_residual(e, &q->env, &q->a->arena, &res) < 0 || !res) {
        q->oom = 1;
        return NULL;
    }
    return print_expr(q, res);
}

static int range_error(govsvc_diag_list *d, const struct govsvc_rulebook *rb, gs_day from,
                       gs_duration dur, const char *what)
{
    char f[11], a[11], b[11], t[32];
    gs_date_format(from, f);
    gs_date_format(rb->calendar.from, a);
    gs_date_format(rb->calendar.to, b);
    gs_duration_format(dur, t);
    gs_pos none = {NULL, 0, 0};
    gs_diag_error(d, "E071", none, "add the next year's holiday notice to the calendar",
                  "cannot count %s (%s) from %s: calendar '%s' ends on %s (it covers %s to %s)",
                  what, t, f, rb->calendar.id, b, a, b);
    return GOVSVC_ERANGE;
}

/* Adds a duration on the rulebook's calendar, reporting E071 outside. */
static int count(const struct govsvc_rulebook *rb, govsvc_diag_list *d, gs_day from,
                 gs_duration dur, const char *what, gs_day *out)
{
    if (!rb->has_calendar || gs_calendar_add_days(&rb->calendar, from, dur, out) != 0)
        return range_error(d, rb, from, dur, what);
    return 0;
}

static int decide_material(qctx *q, const gs_line *ln, govsvc_diag_list *d)
{
    govsvc_answer *a = q->a;
    const struct govsvc_rulebook *rb = a->rb;
    const gs_material *mat = &rb->materials[ln->material];
    gs_tri when = ln->when ? gs_expr_eval(ln->when, &q->env) : GS_TRUE;
    if (when == GS_FALSE)
        return 0; /* not needed: left out of the answer */
    gs_amat *m = &a->mats[a->nmats++];
    m->mat = mat;
    m->line = ln;
    m->copies = ln->copies ? ln->copies : mat->copies;
    m->form = ln->form ? ln->form : mat->form;
    if (a->flags & GOVSVC_QUERY_EXPLAIN) {
        m->reasons = gs_arena_calloc(&a->arena, 4, sizeof *m->reasons);
        if (!m->reasons)
            return GOVSVC_ENOMEM;
    }
    add_reason(q, m, "when", ln->when, when, ln->when_pos);
    if (when == GS_UNKNOWN) {
        m->status = GOVSVC_STATUS_CONDITIONAL;
        m->condition = residual_text(q, ln->when);
        gs_expr_unknown_facts(ln->when, &q->env, note_unknown, q);
        return q->oom ? GOVSVC_ENOMEM : 0;
    }
    gs_tri t = status_cond(q, mat->shared_when);
    if (mat->shared_when) {
        add_reason(q, m, "shared_when", mat->shared_when, t, mat->shared_when_pos);
        if (t == GS_TRUE) {
            m->status = GOVSVC_STATUS_SHARED;
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
    }
    if (mat->commitment_allowed && !a->item->commitment_forbidden) {
        t = status_cond(q, rb->commitment_eligible);
        add_reason(q, m, "policy.commitment_eligible", rb->commitment_eligible, t,
                   rb->commitment_eligible_pos);
        if (t == GS_TRUE) {
            m->status = GOVSVC_STATUS_COMMITMENT;
            if (mat->has_verify) {
                int r = count(rb, d, a->date, mat->verify_within, "verification", &m->verify_due);
                if (r)
                    return r;
                m->has_verify = 1;
            }
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
    }
    if (ln->deferrable) {
        t = status_cond(q, rb->deferral_eligible);
        add_reason(q, m, "policy.deferral_eligible", rb->deferral_eligible, t,
                   rb->deferral_eligible_pos);
        if (t == GS_TRUE) {
            m->status = GOVSVC_STATUS_DEFERRED;
            int r = count(rb, d, a->date, ln->defer, "deferral", &m->due);
            if (r)
                return r;
            m->has_due = 1;
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
    }
    m->status = GOVSVC_STATUS_REQUIRED;
    return q->oom ? GOVSVC_ENOMEM : 0;
}

static int decide_deadline(qctx *q, govsvc_diag_list *d)
{
    govsvc_answer *a = q->a;
    const gs_item *it = a->item;
    for (uint32_t i = 0; i < it->ndeadlines; i++) {
        const gs_deadline *v = &it->deadlines[i];
        gs_tri t = v->when ? gs_expr_eval(v->when, &q->env) : GS_TRUE;
        if (t == GS_FALSE)
            continue;
        if (t == GS_UNKNOWN) {
            /* The route (办理情形) is not known yet: say on what it turns. */
            a->deadline_condition = residual_text(q, v->when);
            gs_expr_unknown_facts(v->when, &q->env, note_unknown, q);
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
        a->deadline = v;
        char buf[32];
        if (v->has_promised) {
            int r = count(a->rb, d, a->date, v->promised, "the promised time limit",
                          &a->promised_due);
            if (r)
                return r;
            a->has_promised_due = 1;
            gs_duration_format(v->promised, buf);
            a->promised_text = gs_arena_strdup(&a->arena, buf);
        }
        if (v->has_statutory) {
            int r = count(a->rb, d, a->date, v->statutory, "the statutory time limit",
                          &a->statutory_due);
            if (r)
                return r;
            a->has_statutory_due = 1;
            gs_duration_format(v->statutory, buf);
            a->statutory_text = gs_arena_strdup(&a->arena, buf);
        }
        if ((v->has_promised && !a->promised_text) || (v->has_statutory && !a->statutory_text))
            return GOVSVC_ENOMEM;
        if (v->nspecial) {
            a->special_text = gs_arena_calloc(&a->arena, v->nspecial, sizeof *a->special_text);
            if (!a->special_text)
                return GOVSVC_ENOMEM;
            for (uint32_t k = 0; k < v->nspecial; k++) {
                gs_duration_format(v->special[k].max, buf);
                if (!(a->special_text[k] = gs_arena_strdup(&a->arena, buf)))
                    return GOVSVC_ENOMEM;
            }
        }
        return 0;
    }
    return 0;
}

static gs_day day_of(govsvc_date d)
{
    return gs_day_from_ymd(d.year, d.month, d.day);
}

int govsvc_query_item(govsvc_answer **out, const govsvc_rulebook *rb, const char *code,
                      const govsvc_facts *facts, const govsvc_query_options *opts,
                      govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!rb || !code || (facts && facts->rb != rb))
        return GOVSVC_EINVAL;
    govsvc_diag_list *d = gs_diag_list_new();
    if (!d)
        return GOVSVC_ENOMEM;
    gs_pos none = {NULL, 0, 0};
    int r = 0;
    govsvc_date date = opts ? opts->date : (govsvc_date){0, 0, 0};
    if (date.year == 0 && date.month == 0 && date.day == 0)
        date = govsvc_date_today();
    long idx = gs_rulebook_find_item(rb, code);
    if (!gs_date_valid(date.year, date.month, date.day)) {
        gs_diag_error(d, "E072", none, "write the date as YYYY-MM-DD",
                      "the acceptance date %04d-%02d-%02d is not a valid date", date.year,
                      date.month, date.day);
        r = GOVSVC_EINVAL;
    } else if (idx < 0) {
        const char **codes = gs_calloc(rb->nitems + 1, sizeof *codes);
        const char *dym = NULL;
        if (codes) {
            for (uint32_t i = 0; i < rb->nitems; i++)
                codes[i] = rb->items[i].code;
            dym = gs_did_you_mean(code, codes, 0);
        }
        char hint[256];
        if (dym)
            snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
        else
            snprintf(hint, sizeof hint, "list the items with 'govsvc query %s --list'",
                     "RULEBOOK");
        gs_diag_error(d, "E070", none, hint, "no item '%.100s' in rulebook '%s'", code, rb->id);
        gs_free(codes);
        r = GOVSVC_ENOTFOUND;
    }
    gs_day day = r ? 0 : day_of(date);
    const gs_item *it = r ? NULL : &rb->items[idx];
    if (it && (day < it->valid_from || day > it->valid_until)) {
        char a[11], f[11] = "…", u[11] = "…";
        gs_date_format(day, a);
        if (it->valid_from != GS_DAY_MIN)
            gs_date_format(it->valid_from, f);
        if (it->valid_until != GS_DAY_MAX)
            gs_date_format(it->valid_until, u);
        gs_diag_error(d, "E073", none, "query a date within the item's validity",
                      "item '%s' is not valid on %s (valid %s to %s)", code, a, f, u);
        r = GOVSVC_ENOTFOUND;
    }
    govsvc_answer *a = NULL;
    if (r == 0) {
        a = gs_calloc(1, sizeof *a);
        if (!a)
            r = GOVSVC_ENOMEM;
    }
    qctx q;
    memset(&q, 0, sizeof q);
    if (r == 0) {
        gs_arena_init(&a->arena);
        a->rb = govsvc_rulebook_ref((govsvc_rulebook *)rb);
        a->item = it;
        a->date = day;
        a->flags = opts ? opts->flags : 0;
        a->mats = gs_arena_calloc(&a->arena, it->nlines ? it->nlines : 1, sizeof *a->mats);
        a->ask = gs_arena_calloc(&a->arena, rb->schema.count ? rb->schema.count : 1,
                                 sizeof *a->ask);
        q.asked = gs_arena_calloc(&a->arena, rb->schema.count ? rb->schema.count : 1, 1);
        if (!a->mats || !a->ask || !q.asked)
            r = GOVSVC_ENOMEM;
        q.a = a;
        q.env.schema = &rb->schema;
        q.env.vals = facts ? facts->vals : NULL;
    }
    for (uint32_t i = 0; r == 0 && i < it->nlines; i++)
        r = decide_material(&q, &it->lines[i], d);
    if (r == 0)
        r = decide_deadline(&q, d);
    if (r == 0 && q.oom)
        r = GOVSVC_ENOMEM;
    if (r) {
        govsvc_answer_free(a);
        if (diags && d->count)
            *diags = d;
        else
            govsvc_diag_list_free(d);
        return r;
    }
    govsvc_diag_list_free(d);
    *out = a;
    return 0;
}

void govsvc_answer_free(govsvc_answer *a)
{
    if (!a)
        return;
    gs_arena_free(&a->arena);
    govsvc_rulebook_unref(a->rb);
    gs_free(a);
}
