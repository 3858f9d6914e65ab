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
#include "deadline_int.h"
#include "diag.h"
#include "facts_int.h"

typedef struct qctx {
    govsvc_answer *a;
    gs_env env;
    uint8_t *asked;    /* [schema.count] */
    uint32_t *settles; /* [schema.count]: decisions each unknown fact would settle */
    gs_reason *reason; /* the explanation being filled (read_fact), or NULL */
    int oom;
    /* Status conditions already evaluated in this query: the policy's two
     * (and a material's shared_when, often one shared node) are the same
     * for every line, and the facts do not change during a query. */
    const gs_expr *memo_e[4];
    gs_tri memo_t[4];
    unsigned memo_next;
} qctx;

/* Called once per unknown fact of one undecided decision (a `when`, a
 * status condition, a deadline variant): the fact goes to `ask` at its
 * first sight, and its count of decisions grows. */
static void note_unknown(uint32_t slot, void *ud)
{
    qctx *q = ud;
    q->settles[slot]++;
    if (q->asked[slot])
        return;
    q->asked[slot] = 1;
    q->a->ask[q->a->nask++] = slot;
}

/* A condition's value: by its program (expr_prog.c) when it has one, by
 * its tree otherwise; the same result either way. */
static gs_tri cond_value(const qctx *q, const gs_expr *e, uint32_t prog)
{
    if (!e)
        return GS_TRUE;
    return prog ? gs_prog_eval(&q->a->rb->progs, prog, &q->env) : gs_expr_eval(e, &q->env);
}

/* Evaluates a status condition; unknown counts as not met (the applicant
 * is told the stricter status) and its facts go to `ask`. */
static gs_tri status_cond(qctx *q, const gs_expr *e, uint32_t prog)
{
    if (!e)
        return GS_TRUE;
    gs_tri t;
    unsigned k = 0;
    while (k < GS_ARRAY_LEN(q->memo_e) && q->memo_e[k] != e)
        k++;
    if (k < GS_ARRAY_LEN(q->memo_e)) {
        t = q->memo_t[k];
    } else {
        t = cond_value(q, e, prog);
        k = q->memo_next++ % GS_ARRAY_LEN(q->memo_e);
        q->memo_e[k] = e;
        q->memo_t[k] = t;
    }
    if (t == GS_UNKNOWN)
        gs_expr_unknown_facts(e, &q->env, note_unknown, q);
    return t;
}

static const char *print_expr(qctx *q, const gs_expr *e)
{
    /* Printed in the answer's scratch buffer, kept when the answer is
     * reused: once grown, printing allocates nothing. */
    gs_buf *b = &q->a->scratch;
    b->len = 0;
    b->oom = 0;
    gs_expr_print(e, b);
    const char *s = b->oom ? NULL : gs_arena_strndup(&q->a->arena, b->data ? b->data : "", b->len);
    if (!s)
        q->oom = 1;
    return s;
}

static void count_fact(uint32_t slot, void *ud)
{
    (void)slot;
    ((gs_reason *)ud)->nfacts++;
}

/* Records a fact the condition reads and the value it has now; strings are
 * copied, since the answer outlives the caller's facts. */
static void read_fact(uint32_t slot, void *ud)
{
    qctx *q = ud;
    gs_read_fact *f = &q->reason->facts[q->reason->nfacts++];
    f->slot = slot;
    const gs_value *v = gs_env_value(&q->env, slot);
    if (!v)
        return;
    f->from = q->env.vals && q->env.vals[slot].known ? GS_FROM_CALLER : GS_FROM_DEFAULT;
    f->value = *v;
    if (v->type == GS_T_STRING &&
        !(f->value.u.s.p = gs_arena_strndup(&q->a->arena, v->u.s.p, v->u.s.len)))
        q->oom = 1;
}

/* Adds a condition to the material's explanation; returns its index, or -1
 * when not explaining or there is no condition. */
static int add_reason(qctx *q, gs_amat *m, const char *name, const gs_expr *e, gs_tri v,
                      gs_pos pos)
{
    if (!(q->a->flags & GOVSVC_QUERY_EXPLAIN) || !e)
        return -1;
    gs_reason *r = &m->reasons[m->nreasons];
    r->name = name;
    r->condition = print_expr(q, e);
    r->expr = e;
    r->value = v;
    r->pos = pos;
    gs_expr_facts(e, count_fact, r);
    if (r->nfacts) {
        r->facts = gs_arena_calloc(&q->a->arena, r->nfacts, sizeof *r->facts);
        if (!r->facts) {
            q->oom = 1;
            return -1;
        }
        r->nfacts = 0;
        q->reason = r;
        gs_expr_facts(e, read_fact, q);
        q->reason = NULL;
    }
    return (int)m->nreasons++;
}

/* Records how a candidate status fared, for the explanation. */
static void step(qctx *q, gs_amat *m, govsvc_material_status status, gs_step_result result,
                 int reason)
{
    if (!(q->a->flags & GOVSVC_QUERY_EXPLAIN) || m->nsteps >= GS_ARRAY_LEN(m->steps))
        return;
    gs_step *s = &m->steps[m->nsteps++];
    s->status = status;
    s->result = result;
    s->reason = reason;
}

static gs_step_result step_result(gs_tri t)
{
    return t == GS_TRUE ? GS_STEP_CHOSEN : t == GS_FALSE ? GS_STEP_FALSE : GS_STEP_UNKNOWN;
}

/* The residual of e, printed; the tree goes to *tree (for labels). */
static const char *residual_text(qctx *q, const gs_expr *e, const gs_expr **tree)
{
    const gs_expr *res;
    if (gs_expr_residual(e, &q->env, &q->a->arena, &res) < 0 || !res) {
        q->oom = 1;
        return NULL;
    }
    *tree = res;
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
    gs_tri when = cond_value(q, ln->when, ln->when_prog);
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
    int why = add_reason(q, m, "when", ln->when, when, ln->when_pos);
    if (when == GS_UNKNOWN) {
        /* `conditional` comes only from an unknown `when` (SPEC 6). */
        step(q, m, GOVSVC_STATUS_CONDITIONAL, GS_STEP_CHOSEN, why);
        m->status = GOVSVC_STATUS_CONDITIONAL;
        m->condition = residual_text(q, ln->when, &m->condition_expr);
        gs_expr_unknown_facts(ln->when, &q->env, note_unknown, q);
        return q->oom ? GOVSVC_ENOMEM : 0;
    }
    gs_tri t = status_cond(q, mat->shared_when, mat->shared_when_prog);
    if (mat->shared_when) {
        why = add_reason(q, m, "shared_when", mat->shared_when, t, mat->shared_when_pos);
        step(q, m, GOVSVC_STATUS_SHARED, step_result(t), why);
        if (t == GS_TRUE) {
            m->status = GOVSVC_STATUS_SHARED;
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
    } else {
        step(q, m, GOVSVC_STATUS_SHARED, GS_STEP_NOT_OFFERED, -1);
    }
    if (!mat->commitment_allowed)
        step(q, m, GOVSVC_STATUS_COMMITMENT, GS_STEP_NOT_OFFERED, -1);
    else if (a->item->commitment_forbidden)
        step(q, m, GOVSVC_STATUS_COMMITMENT, GS_STEP_FORBIDDEN, -1);
    if (mat->commitment_allowed && !a->item->commitment_forbidden) {
        t = status_cond(q, rb->commitment_eligible, rb->commitment_eligible_prog);
        why = add_reason(q, m, "policy.commitment_eligible", rb->commitment_eligible, t,
                         rb->commitment_eligible_pos);
        step(q, m, GOVSVC_STATUS_COMMITMENT, step_result(t), why);
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
    if (!ln->deferrable)
        step(q, m, GOVSVC_STATUS_DEFERRED, GS_STEP_NOT_OFFERED, -1);
    if (ln->deferrable) {
        t = status_cond(q, rb->deferral_eligible, rb->deferral_eligible_prog);
        why = add_reason(q, m, "policy.deferral_eligible", rb->deferral_eligible, t,
                         rb->deferral_eligible_pos);
        step(q, m, GOVSVC_STATUS_DEFERRED, step_result(t), why);
        if (t == GS_TRUE) {
            m->status = GOVSVC_STATUS_DEFERRED;
            int r = count(rb, d, a->date, ln->defer, "deferral", &m->due);
            if (r)
                return r;
            m->has_due = 1;
            return q->oom ? GOVSVC_ENOMEM : 0;
        }
    }
    step(q, m, GOVSVC_STATUS_REQUIRED, GS_STEP_CHOSEN, -1);
    m->status = GOVSVC_STATUS_REQUIRED;
    return q->oom ? GOVSVC_ENOMEM : 0;
}

static int decide_deadline(qctx *q, govsvc_diag_list *d)
{
    govsvc_answer *a = q->a;
    const gs_item *it = a->item;
    for (uint32_t i = 0; i < it->ndeadlines; i++) {
        const gs_deadline *v = &it->deadlines[i];
        gs_tri t = cond_value(q, v->when, v->when_prog);
        if (t == GS_FALSE)
            continue;
        if (t == GS_UNKNOWN) {
            /* The route (办理情形) is not known yet: say on what it turns. */
            a->deadline_condition = residual_text(q, v->when, &a->deadline_condition_expr);
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

/* Orders `ask` by how many decisions each fact would settle, most first;
 * ties keep the first-seen order (a stable insertion sort: the list is at
 * most the number of declared facts). Then builds the public view,
 * govsvc_missing_fact, borrowing the rulebook's strings. */
static int order_ask(qctx *q)
{
    govsvc_answer *a = q->a;
    const gs_schema *s = &a->rb->schema;
    uint32_t n = a->nask;
    if (n == 0)
        return 0;
    a->settles = gs_arena_calloc(&a->arena, n, sizeof *a->settles);
    a->missing = gs_arena_calloc(&a->arena, n, sizeof *a->missing);
    a->missing_ptrs = gs_arena_calloc(&a->arena, n, sizeof *a->missing_ptrs);
    if (!a->settles || !a->missing || !a->missing_ptrs)
        return GOVSVC_ENOMEM;
    for (uint32_t i = 1; i < n; i++) {
        uint32_t slot = a->ask[i], j = i;
        for (; j > 0 && q->settles[a->ask[j - 1]] < q->settles[slot]; j--)
            a->ask[j] = a->ask[j - 1];
        a->ask[j] = slot;
    }
    for (uint32_t i = 0; i < n; i++) {
        const gs_fact *f = &s->facts[a->ask[i]];
        govsvc_missing_fact *m = &a->missing[i];
        a->settles[i] = q->settles[f->slot];
        m->name = f->name;
        m->label = f->label;
        m->label_en = f->label_en;
        m->type = (govsvc_fact_type)f->type;
        m->values = f->values;
        m->nvalues = f->type == GS_T_ENUM ? f->nvalues : 0;
        m->has_min = f->has_min;
        m->has_max = f->has_max;
        m->min = f->type == GS_T_INT ? (double)f->imin : f->min;
        m->max = f->type == GS_T_INT ? (double)f->imax : f->max;
        m->pattern = f->pattern ? f->pattern->src : NULL;
        m->settles = a->settles[i];
        a->missing_ptrs[i] = m;
    }
    return 0;
}

static gs_day day_of(govsvc_date d)
{
    return gs_day_from_ymd(d.year, d.month, d.day);
}

int govsvc_answer_new(govsvc_answer **out)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = gs_calloc(1, sizeof **out);
    if (!*out)
        return GOVSVC_ENOMEM;
    gs_arena_init(&(*out)->arena);
    gs_buf_init(&(*out)->scratch);
    return 0;
}

/* Empties an answer for its next query: the arena is rewound (its largest
 * chunk kept), the rulebook reference, the scratch buffer and the spare
 * diagnostics list survive, every other field is zero again. */
static void answer_clear(govsvc_answer *a)
{
    for (uint32_t i = 0; a->parts && i < a->bundle->nitems; i++)
        govsvc_answer_free(a->parts[i]); /* a bundle's item answers (bundle.c) */
    gs_arena_reset(&a->arena);
    gs_arena arena = a->arena;
    govsvc_rulebook *rb = a->rb;
    gs_buf scratch = a->scratch;
    govsvc_diag_list *spare = a->spare_diags;
    memset(a, 0, sizeof *a);
    a->arena = arena;
    a->rb = rb;
    a->scratch = scratch;
    a->spare_diags = spare;
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
    govsvc_answer *a;
    int r = govsvc_answer_new(&a);
    if (r == 0)
        r = govsvc_query_item_into(a, rb, code, facts, opts, diags);
    if (r) {
        govsvc_answer_free(a);
        return r;
    }
    *out = a;
    return 0;
}

int govsvc_query_item_into(govsvc_answer *a, const govsvc_rulebook *rb, const char *code,
                           const govsvc_facts *facts, const govsvc_query_options *opts,
                           govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!a)
        return GOVSVC_EINVAL;
    answer_clear(a);
    if (!rb || !code || (facts && facts->rb != rb))
        return GOVSVC_EINVAL;
    gs_pattern_oom_clear();
    /* The list that would carry an error: the answer's spare one when it
     * has it, so that a query that succeeds allocates none. */
    govsvc_diag_list *d = a->spare_diags ? a->spare_diags : gs_diag_list_new();
    a->spare_diags = NULL;
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
        const char *dym = GS_DYM_FIELD(code, rb->items, rb->nitems, gs_item, code);
        char hint[256];
        if (dym)
            snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
        else
            snprintf(hint, sizeof hint, "list the items with 'govsvc query %s --list'",
                     "RULEBOOK");
        gs_diag_error(d, "E070", none, hint, "no item '%.100s' in rulebook '%s'", code, rb->id);
        r = GOVSVC_ENOTFOUND;
    }
    gs_day day = r ? 0 : day_of(date);
    const gs_item *it = r ? NULL : &rb->items[idx];
    if (it && (day < it->valid_from || day > it->valid_until)) {
        char on[11], f[11] = "…", u[11] = "…";
        gs_date_format(day, on);
        if (it->valid_from != GS_DAY_MIN)
            gs_date_format(it->valid_from, f);
        if (it->valid_until != GS_DAY_MAX)
            gs_date_format(it->valid_until, u);
        gs_diag_error(d, "E073", none, "query a date within the item's validity",
                      "item '%s' is not valid on %s (valid %s to %s)", code, on, f, u);
        r = GOVSVC_ENOTFOUND;
    }
    qctx q;
    memset(&q, 0, sizeof q);
    if (r == 0) {
        /* A reused answer keeps its reference while it answers from the
         * same rulebook: no atomic operation on the shared count per query,
         * which threads sharing one rulebook would contend for. */
        if (a->rb != rb) {
            govsvc_rulebook_unref(a->rb);
            a->rb = govsvc_rulebook_ref((govsvc_rulebook *)rb);
        }
        a->item = it;
        a->date = day;
        a->flags = opts ? opts->flags : 0;
        a->mats = gs_arena_calloc(&a->arena, it->nlines ? it->nlines : 1, sizeof *a->mats);
        a->ask = gs_arena_calloc(&a->arena, rb->schema.count ? rb->schema.count : 1,
                                 sizeof *a->ask);
        q.asked = gs_arena_calloc(&a->arena, rb->schema.count ? rb->schema.count : 1, 1);
        q.settles = gs_arena_calloc(&a->arena, rb->schema.count ? rb->schema.count : 1,
                                    sizeof *q.settles);
        if (!a->mats || !a->ask || !q.asked || !q.settles)
            r = GOVSVC_ENOMEM;
        q.a = a;
        q.env.schema = &rb->schema;
        q.env.vals = facts ? facts->vals : NULL;
    }
    for (uint32_t i = 0; r == 0 && i < it->nlines; i++)
        r = decide_material(&q, &it->lines[i], d);
    if (r == 0)
        r = decide_deadline(&q, d);
    /* Suspension, correction, extension (deadline.c): the due dates
     * counted through the application's events. */
    if (r == 0 && opts && opts->version >= 2 && opts->nevents)
        r = gs_deadline_apply(a, opts->events, opts->nevents, d);
    if (r == 0 && !q.oom)
        r = order_ask(&q);
    /* A `matches` that could not get its memory evaluated as unknown:
     * the answer would be wrong, so it is out of memory (pattern.h). */
    if (r == 0 && (q.oom || gs_pattern_oom_seen()))
        r = GOVSVC_ENOMEM;
    /* A refusal (E070, E071...) whose diagnostic was lost for want of
     * memory is out of memory: the caller would have nothing to show
     * (found by tests/test_oom.c). */
    if (r && d->oom)
        r = GOVSVC_ENOMEM;
    if (r) {
        answer_clear(a);
        if (diags && d->count)
            *diags = d;
        else if (d->count || d->oom || d->capped)
            govsvc_diag_list_free(d);
        else
            a->spare_diags = d;
        return r;
    }
    if (d->count || d->oom || d->capped)
        govsvc_diag_list_free(d);
    else
        a->spare_diags = d; /* still empty: kept for the next query */
    return 0;
}

void govsvc_answer_free(govsvc_answer *a)
{
    if (!a)
        return;
    for (uint32_t i = 0; a->parts && i < a->bundle->nitems; i++)
        govsvc_answer_free(a->parts[i]); /* a bundle's item answers (bundle.c) */
    gs_arena_free(&a->arena);
    gs_buf_free(&a->scratch);
    govsvc_diag_list_free(a->spare_diags);
    govsvc_rulebook_unref(a->rb);
    gs_free(a);
}
