/*
 * lint_items.c - the semantic checks of items, materials, policy, calendar
 * and bundles: what the loader accepts but a provincial checker of service
 * standards (事项标准化审核) would send back.
 *
 * Conditions are judged by the analyser of lint_expr.c, on the compiled
 * expressions, never on their text. Durations of different units compare
 * by their counts (gs_duration_cmp), the approximation the loader uses for
 * "promised must not exceed statutory".
 */
#include <string.h>

#include "lint_int.h"

/* -- helpers -------------------------------------------------------------- */

static void mark_fact(uint32_t slot, void *ud)
{
    gs_lint *c = ud;
    c->fact_used[slot] = 1;
}

static void use_facts(gs_lint *c, const gs_expr *e)
{
    if (e)
        gs_expr_facts(e, mark_fact, c);
}

static const char *dur(gs_duration d, char buf[32])
{
    gs_duration_format(d, buf);
    return buf;
}

/* The YAML node of variant v of an item's deadline (a list or one map). */
static const gs_ynode *variant_node(const gs_ynode *item, uint32_t v)
{
    const gs_ynode *d = gs_lint_get(item, "deadline");
    if (d && d->kind == GS_YSEQ)
        return v < d->n ? d->kids[v] : NULL;
    return v == 0 ? d : NULL;
}

/* The YAML node of line k of an item (NULL unless the list matches). */
static const gs_ynode *line_node(const gs_ynode *item, const gs_item *it, uint32_t k)
{
    const gs_ynode *m = gs_lint_get(item, "materials");
    if (!m || m->kind != GS_YSEQ || m->n != it->nlines)
        return NULL;
    return m->kids[k];
}

/* Where variant v applies: its own `when` holds and every earlier one is
 * false (an unknown earlier one makes the deadline conditional instead,
 * query.c). */
static const gs_lx_set *variant_applies(gs_lint *c, const gs_item *it, uint32_t v)
{
    const gs_lx_set *s = gs_lx_true(c->lx, it->deadlines[v].when);
    for (uint32_t j = 0; j < v; j++)
        s = gs_lx_and(c->lx, s, gs_lx_false(c->lx, it->deadlines[j].when));
    return s;
}

/* 容缺受理 is for secondary materials: the application itself (申请表,
 * 申请书, 申报表) is never deferred. */
static int is_main_material(const gs_item *it, const gs_material *m)
{
    if (it->nlines == 1)
        return 1;
    const char *name = m->name ? m->name : "";
    static const char *const words[] = {"申请表", "申请书", "申报表"};
    for (size_t i = 0; i < GS_ARRAY_LEN(words); i++)
        if (strstr(name, words[i]))
            return 1;
    size_t n = strlen(m->id);
    return (n >= 16 && strcmp(m->id + n - 16, "application_form") == 0) ||
           strcmp(m->id, "application") == 0;
}

/* A deferral in the 告知承诺 route (the line applies only where the applicant
 * is eligible for commitment, and the item allows it): the decision rests
 * on the applicant's commitment and the material is checked afterwards
 * (国办发〔2020〕42号: 先证后核), so it may fall due after the decision. */
static int in_commitment_route(gs_lint *c, const gs_item *it, const gs_line *ln)
{
    const struct govsvc_rulebook *rb = c->rb;
    return rb->commitment_eligible && !it->commitment_forbidden &&
           gs_lx_implies(c->lx, ln->when, rb->commitment_eligible);
}

static int same_settings(const gs_line *a, const gs_line *b)
{
    return a->deferrable == b->deferrable &&
           (!a->deferrable || gs_duration_cmp(a->defer, b->defer) == 0) &&
           a->defer.unit == b->defer.unit && a->copies == b->copies && a->form == b->form;
}

/* -- E151: counting on the calendar ---------------------------------------- */

/* Every due date of the item counted from its first day in force. Reports
 * the first that leaves the calendar (a query on that day would fail with
 * E071). Returns 1 when it reported. */
static int check_counts(gs_lint *c, const gs_item *it, const gs_ynode *node)
{
    const struct govsvc_rulebook *rb = c->rb;
    const struct govsvc_calendar *cal = &rb->calendar;
    gs_day start = rb->effective > it->valid_from ? rb->effective : it->valid_from;
    char d1[11], d2[11], t[32], hint[200];
    gs_date_format(start, d1);
    gs_date_format(cal->to, d2);
    snprintf(hint, sizeof hint,
             "extend calendar '%s' (it ends on %s) with the next year's holiday notice", cal->id,
             d2);
    if (start > cal->to) {
        gs_lint_report(c, "E151", gs_lint_at(gs_lint_get(node, "valid"), "from", it->pos), hint,
                       "item '%s' comes into force on %s, after calendar '%s' ends: no deadline "
                       "can be counted",
                       it->code, d1, cal->id);
        return 1;
    }
    gs_day end;
    for (uint32_t v = 0; v < it->ndeadlines; v++) {
        const gs_deadline *d = &it->deadlines[v];
        const gs_ynode *vn = variant_node(node, v);
        const gs_duration *ds[2] = {d->has_statutory ? &d->statutory : NULL,
                                    d->has_promised ? &d->promised : NULL};
        static const char *const keys[2] = {"statutory", "promised"};
        for (int k = 0; k < 2; k++) {
            if (!ds[k] || gs_calendar_add_days(cal, start, *ds[k], &end) == 0)
                continue;
            gs_lint_report(c, "E151", gs_lint_at(vn, keys[k], d->pos), hint,
                           "the %s deadline of item '%s' (%s) cannot be counted from %s, the "
                           "first day it is in force: calendar '%s' ends on %s",
                           keys[k], it->code, dur(*ds[k], t), d1, cal->id, d2);
            return 1;
        }
    }
    for (uint32_t k = 0; k < it->nlines; k++) {
        const gs_line *ln = &it->lines[k];
        const gs_material *m = &rb->materials[ln->material];
        const gs_duration *x = ln->deferrable ? &ln->defer
                               : m->commitment_allowed && m->has_verify && !it->commitment_forbidden
                                   ? &m->verify_within
                                   : NULL;
        if (!x || gs_calendar_add_days(cal, start, *x, &end) == 0)
            continue;
        gs_pos at = ln->deferrable ? gs_lint_at(line_node(node, it, k), "deferrable", ln->pos)
                                   : ln->pos;
        gs_lint_report(c, "E151", at, hint,
                       "the %s of material '%s' in item '%s' (%s) cannot be counted from %s: "
                       "calendar '%s' ends on %s",
                       ln->deferrable ? "deferral" : "verification period", m->id, it->code,
                       dur(*x, t), d1, cal->id, d2);
        return 1;
    }
    return 0;
}

/* -- items ---------------------------------------------------------------- */

static void check_lines(gs_lint *c, const gs_item *it, const gs_ynode *node, uint8_t *dead)
{
    const struct govsvc_rulebook *rb = c->rb;
    char never[300], always[300];
    for (uint32_t k = 0; k < it->nlines; k++) {
        const gs_line *ln = &it->lines[k];
        const gs_material *m = &rb->materials[ln->material];
        c->material_used[ln->material] = 1;
        use_facts(c, ln->when);
        snprintf(never, sizeof never, "the line of material '%s' never applies", m->id);
        snprintf(always, sizeof always, "the line of material '%s' always applies; remove 'when'",
                 m->id);
        const gs_ynode *wn = gs_lint_get(line_node(node, it, k), "when");
        dead[k] = ln->when && gs_lx_never_true(c->lx, ln->when);
        if (ln->when && wn)
            gs_lx_check(c->lx, ln->when, wn, never, always, c->diags);
    }
    /* The same material twice: fine on lines that exclude each other (one
     * per route), a mistake where both can apply. */
    for (uint32_t k = 1; k < it->nlines; k++) {
        const gs_line *b = &it->lines[k];
        for (uint32_t j = 0; j < k; j++) {
            const gs_line *a = &it->lines[j];
            if (a->material != b->material || dead[j] || dead[k] ||
                !gs_lx_may_overlap(c->lx, a->when, b->when))
                continue;
            const char *id = rb->materials[b->material].id;
            char hint[200];
            if (same_settings(a, b)) {
                snprintf(hint, sizeof hint,
                         "remove one, or give the two lines conditions that exclude each other "
                         "(the first is on line %u)",
                         a->pos.line);
                gs_lint_report(c, "W105", b->pos, hint,
                               "material '%s' is listed twice in item '%s' and both lines can "
                               "apply at once",
                               id, it->code);
            } else {
                snprintf(hint, sizeof hint,
                         "make the conditions exclude each other, or give both lines the same "
                         "settings (the other is on line %u)",
                         a->pos.line);
                gs_lint_report(c, "W106", b->pos, hint,
                               "two lines of item '%s' can both apply and give material '%s' "
                               "different settings (deferrable, copies or form)",
                               it->code, id);
            }
            break;
        }
    }
}

static void check_deadlines(gs_lint *c, const gs_item *it, const gs_ynode *node)
{
    char a[32];
    for (uint32_t v = 0; v < it->ndeadlines; v++) {
        const gs_deadline *d = &it->deadlines[v];
        const gs_ynode *vn = variant_node(node, v);
        use_facts(c, d->when);
        const gs_ynode *wn = gs_lint_get(vn, "when");
        int reported = 0;
        if (d->when && wn)
            reported = gs_lx_check(c->lx, d->when, wn, "this deadline variant never applies",
                                   "every later variant is unreachable; make this one the last, "
                                   "without 'when'",
                                   c->diags);
        if (!reported && it->ndeadlines > 1 && !gs_lx_never_true(c->lx, d->when) &&
            gs_lx_sat(variant_applies(c, it, v)) == GS_LX_UNSAT)
            gs_lint_report(c, "W107", wn ? wn->pos : d->pos,
                           "the first variant whose 'when' holds applies: put this one earlier, "
                           "or remove it",
                           "deadline variant %u of item '%s' can never apply: the variants "
                           "before it cover every case it covers",
                           v + 1, it->code);
        /* A promise equal to the law's limit promises nothing (承诺时限 should
         * be shorter than 法定时限). */
        if (d->has_promised && d->has_statutory && d->statutory.unit != GS_DUR_IMMEDIATE &&
            d->promised.unit == d->statutory.unit && d->promised.n == d->statutory.n)
            gs_lint_report(c, "W112", gs_lint_at(vn, "promised", d->pos),
                           "promise a shorter time than the statutory limit",
                           "promised deadline %s equals the statutory one: no service promise",
                           dur(d->promised, a));
    }
}

/* W115, W116, W117: deferrals (容缺受理) against the promise. */
static void check_deferrals(gs_lint *c, const gs_item *it, const gs_ynode *node,
                            const uint8_t *dead)
{
    const struct govsvc_rulebook *rb = c->rb;
    char a[32], b[32];
    uint8_t *immediate_done = gs_arena_calloc(&c->L->tmp, it->ndeadlines + 1, 1);
    if (!immediate_done)
        return;
    for (uint32_t k = 0; k < it->nlines; k++) {
        const gs_line *ln = &it->lines[k];
        if (!ln->deferrable || dead[k])
            continue;
        const gs_material *m = &rb->materials[ln->material];
        const gs_ynode *ln_node = line_node(node, it, k);
        gs_pos at = gs_lint_at(ln_node, "deferrable", ln->pos);
        if (is_main_material(it, m))
            gs_lint_report(c, "W116", at,
                           "defer only secondary materials; the main application material must "
                           "be handed in at acceptance",
                           "material '%s' is %s of item '%s' and cannot be deferred (容缺受理 "
                           "is for secondary materials)",
                           m->id, it->nlines == 1 ? "the only material" : "the main material",
                           it->code);
        if (in_commitment_route(c, it, ln))
            continue;
        const gs_lx_set *when = gs_lx_true(c->lx, ln->when);
        int longer_done = 0;
        for (uint32_t v = 0; v < it->ndeadlines; v++) {
            const gs_deadline *d = &it->deadlines[v];
            if (!d->has_promised)
                continue;
            if (gs_lx_sat(gs_lx_and(c->lx, variant_applies(c, it, v), when)) != GS_LX_SAT)
                continue;
            const gs_ynode *vn = variant_node(node, v);
            if (d->promised.unit == GS_DUR_IMMEDIATE && !immediate_done[v]) {
                char hint[300];
                snprintf(hint, sizeof hint,
                         "an immediate (即办) item is decided on the spot: remove the deferral "
                         "of '%s' (line %u), or promise a period that leaves room for it",
                         m->id, ln->pos.line);
                gs_lint_report(c, "W115", gs_lint_at(vn, "promised", d->pos), hint,
                               "item '%s' promises an immediate decision but material '%s' may "
                               "be handed in later",
                               it->code, m->id);
                immediate_done[v] = 1;
            } else if (!longer_done && d->promised.unit != GS_DUR_IMMEDIATE &&
                       gs_duration_cmp(ln->defer, d->promised) > 0) {
                gs_lint_report(c, "W117", at,
                               "the decision is due before the material: shorten the deferral "
                               "to the promised period at most",
                               "material '%s' may be handed in within %s, longer than the "
                               "promised deadline of item '%s' (%s)",
                               m->id, dur(ln->defer, a), it->code, dur(d->promised, b));
                longer_done = 1;
            }
        }
    }
}

static void check_item(gs_lint *c, const gs_item *it, const gs_ynode *node)
{
    /* 政务服务事项 must cite their 设定依据. */
    if (it->legal_basis.n == 0)
        gs_lint_report(c, "W118", it->pos,
                       "add legal_basis: the law, regulation or document that sets the item",
                       "item '%s' has no legal_basis", it->code);
    /* 证照分离 "直接取消审批": a cancelled license is no longer an item. */
    if (it->type && it->reform && strcmp(it->type, "license") == 0 &&
        strcmp(it->reform, "cancel") == 0 && it->valid_until == GS_DAY_MAX)
        gs_lint_report(c, "W119", gs_lint_at(node, "reform", it->pos),
                       "give the item valid.until (the day the approval was cancelled), or "
                       "remove it",
                       "license '%s' has reform 'cancel' but is still in force", it->code);
    if (it->online && strcmp(it->online, "full") == 0 && it->visits > 0)
        gs_lint_report(c, "W114", gs_lint_at(node, "visits", it->pos),
                       "an item handled fully online (全程网办) needs no visit: set visits: 0, or "
                       "online: partial",
                       "item '%s' is fully online but needs %d visit%s", it->code, it->visits,
                       it->visits == 1 ? "" : "s");
}

int gs_lint_items(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    int whole_calendar_bad = !rb->has_calendar || rb->effective < rb->calendar.from ||
                             rb->effective > rb->calendar.to;
    for (uint32_t i = 0; i < rb->nitems; i++) {
        const gs_item *it = &rb->items[i];
        const gs_ynode *node = c->item_node[i];
        uint8_t *dead = gs_arena_calloc(&c->L->tmp, it->nlines + 1, 1);
        if (!dead)
            return GOVSVC_ENOMEM;
        check_item(c, it, node);
        check_lines(c, it, node, dead);
        check_deadlines(c, it, node);
        check_deferrals(c, it, node, dead);
        if (!whole_calendar_bad)
            check_counts(c, it, node);
        gs_lx_reset(c->lx);
        if (gs_lx_oom(c->lx) || c->diags->oom)
            return GOVSVC_ENOMEM;
    }
    return 0;
}

/* -- catalogue, policy, calendar, bundles ---------------------------------- */

static void check_material(gs_lint *c, const gs_material *m, const gs_ynode *node)
{
    use_facts(c, m->shared_when);
    char never[200], always[200];
    snprintf(never, sizeof never, "material '%s' is never shared", m->id);
    snprintf(always, sizeof always,
             "material '%s' is always shared; it need not be listed, or its sharing has no "
             "condition",
             m->id);
    const gs_ynode *sw = gs_lint_get(node, "shared_when");
    if (m->shared_when && sw)
        gs_lx_check(c->lx, m->shared_when, sw, never, always, c->diags);
    if (!m->commitment_allowed)
        return;
    gs_pos at = gs_lint_at(gs_lint_get(node, "commitment"), "allowed", m->pos);
    /* 证明事项告知承诺制 replaces proofs the applicant would have to fetch;
     * what the government itself issues should be fetched by sharing
     * (国办发〔2020〕42号, 《优化营商环境条例》第十九条). */
    if (m->source == GS_SRC_GOVERNMENT && !m->shared_when)
        gs_lint_report(c, "W110", at,
                       "give it shared_when (the hall fetches it through data sharing) instead "
                       "of a commitment",
                       "material '%s' is issued by the government but offers a commitment "
                       "instead of being shared",
                       m->id);
    if (m->shared_when)
        gs_lint_report(c, "W111", at,
                       "keep one waiver: sharing (the hall fetches it) or a commitment",
                       "material '%s' is shared (shared_when) and also offers a commitment", m->id);
    if (!m->has_verify)
        gs_lint_report(c, "W113", at,
                       "add verify_within (e.g. 30 days): the office must check every "
                       "commitment afterwards (事后核查)",
                       "material '%s' allows a commitment but gives no verify_within", m->id);
}

static void check_policy(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    use_facts(c, rb->commitment_eligible);
    use_facts(c, rb->deferral_eligible);
    const gs_ynode *ce = gs_lint_get(c->policy, "commitment_eligible");
    const gs_ynode *de = gs_lint_get(c->policy, "deferral_eligible");
    if (rb->commitment_eligible && ce)
        gs_lx_check(c->lx, rb->commitment_eligible, ce,
                    "no applicant may ever sign a commitment",
                    "every applicant may sign a commitment; remove the condition", c->diags);
    if (rb->deferral_eligible && de)
        gs_lx_check(c->lx, rb->deferral_eligible, de, "no material is ever deferred",
                    "every applicant may defer; remove the condition", c->diags);
}

static void check_calendar(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    if (!rb->has_calendar || rb->effective == GS_DAY_MIN)
        return;
    const struct govsvc_calendar *cal = &rb->calendar;
    char e[11], f[11], t[11], hint[200];
    gs_date_format(rb->effective, e);
    gs_date_format(cal->from, f);
    gs_date_format(cal->to, t);
    snprintf(hint, sizeof hint,
             "extend calendar '%s' with the holiday notice of the years the rulebook is in force",
             cal->id);
    gs_pos eff = gs_lint_at(c->rulebook_node, "effective", c->top ? c->top->pos : (gs_pos){0});
    if (rb->effective < cal->from || rb->effective > cal->to) {
        gs_lint_report(c, "E151", eff, hint,
                       "the rulebook takes effect on %s, outside calendar '%s' (%s to %s): no "
                       "deadline can be counted",
                       e, cal->id, f, t);
        return;
    }
    if (cal->to - rb->effective < 90)
        gs_lint_report(c, "W120", gs_lint_at(c->top, "calendar", eff), hint,
                       "calendar '%s' ends on %s, %d days after the rulebook takes effect (%s)",
                       cal->id, t, (int)(cal->to - rb->effective), e);
}

/* The longest time an item can take: its largest promised (else statutory)
 * deadline over its variants, in days of the duration's own unit. */
static int32_t item_span(const gs_item *it)
{
    int32_t best = 0;
    for (uint32_t v = 0; v < it->ndeadlines; v++) {
        const gs_deadline *d = &it->deadlines[v];
        const gs_duration *x = d->has_promised ? &d->promised : d->has_statutory ? &d->statutory
                                                                                 : NULL;
        if (x && x->unit != GS_DUR_IMMEDIATE && x->n > best)
            best = x->n;
    }
    return best;
}

static void check_bundle(gs_lint *c, const gs_bundle *b, const gs_ynode *node)
{
    const struct govsvc_rulebook *rb = c->rb;
    char t[32];
    if (b->has_deadline && b->deadline.unit != GS_DUR_IMMEDIATE) {
        int64_t sum = 0;
        for (uint32_t i = 0; i < b->nitems; i++)
            sum += item_span(&rb->items[b->items[i]]);
        /* 一件事一次办 exists to be faster than the items one after another. */
        if (b->deadline.n > sum)
            gs_lint_report(c, "W121", gs_lint_at(node, "deadline", b->pos),
                           "shorten the bundle's deadline, or use combine: serial",
                           "bundle '%s' takes %s, longer than its items one after another "
                           "(%lld days in all)",
                           b->code, dur(b->deadline, t), (long long)sum);
    }
    const gs_ynode *list = gs_lint_get(node, "items");
    for (uint32_t i = 0; i < b->nitems; i++) {
        const gs_item *it = &rb->items[b->items[i]];
        gs_pos at = list && list->kind == GS_YSEQ && list->n == b->nitems ? list->kids[i]->pos
                                                                           : b->pos;
        char d[11], e[11];
        gs_date_format(rb->effective, e);
        if (it->valid_from != GS_DAY_MIN && it->valid_from > rb->effective) {
            gs_date_format(it->valid_from, d);
            gs_lint_report(c, "W122", at,
                           "start the bundle with the item, or leave the item out until then",
                           "bundle '%s' applies from %s but item '%s' is valid only from %s",
                           b->code, e, it->code, d);
        } else if (it->valid_until != GS_DAY_MAX) {
            gs_date_format(it->valid_until, d);
            gs_lint_report(c, "W122", at,
                           "replace the item in the bundle, or end the bundle with it",
                           "item '%s' ends on %s but bundle '%s' has no end", it->code, d,
                           b->code);
        }
    }
}

int gs_lint_catalogue(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    check_policy(c);
    for (uint32_t i = 0; i < rb->nmaterials; i++) {
        check_material(c, &rb->materials[i], c->material_node[i]);
        gs_lx_reset(c->lx);
    }
    check_calendar(c);
    for (uint32_t i = 0; i < rb->nbundles; i++)
        check_bundle(c, &rb->bundles[i], c->bundle_node[i]);
    return gs_lx_oom(c->lx) || c->diags->oom ? GOVSVC_ENOMEM : 0;
}
