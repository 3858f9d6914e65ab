/*
 * compile_facts.c - declared facts (typed slots), the policy conditions and
 * the calendar of a rulebook.
 */
#include <string.h>

#include "fact_value.h"
#include "load.h"

static const char *const FACT_KEYS[] = {"type", "label", "label_en", "description", "values",
                                        "default", "min", "max", "pattern", NULL};
enum { F_TYPE, F_LABEL, F_LABEL_EN, F_DESCRIPTION, F_VALUES, F_DEFAULT, F_MIN, F_MAX, F_PATTERN };
static const char *const TYPE_NAMES[] = {"bool", "int", "number", "string", "enum", "date", NULL};

static int is_fact_name(const char *s)
{
    /* identifier ('.' identifier)* */
    int start = 1;
    for (; *s; s++) {
        int alpha = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_';
        int digit = *s >= '0' && *s <= '9';
        if (start && !alpha)
            return 0;
        if (*s == '.') {
            start = 1;
            continue;
        }
        if (!alpha && !digit)
            return 0;
        start = 0;
    }
    return !start;
}

/* A value that suits a declaration: used for `default`. */
static void read_default(gs_loader *L, gs_fact *f, const gs_ynode *n)
{
    const char *s = gs_need_scalar(L, n, "a fact's default");
    if (!s)
        return;
    int typed = f->type == GS_T_BOOL || f->type == GS_T_INT || f->type == GS_T_NUMBER ||
                f->type == GS_T_DATE;
    if (typed && n->style != GS_YPLAIN) {
        gs_diag_error(L->diags, "E042", n->pos, "write the value without quotes",
                      "the default of fact '%s' must be a %s, not a quoted string", f->name,
                      gs_type_name(f->type));
        return;
    }
    const char *copy = gs_arena_strndup(L->arena, s, n->len);
    if (!copy) {
        gs_oom(L);
        return;
    }
    gs_value_error err;
    gs_value v;
    if (gs_value_parse(f, copy, n->len, &v, &err) < 0) {
        gs_diag_error(L->diags, "E042", n->pos, "change the default to an allowed value",
                      "invalid default: %s", err.msg);
        return;
    }
    f->def = v;
}

static void compile_fact(gs_loader *L, gs_fact *f, const gs_ynode *key, const gs_ynode *body)
{
    const gs_ynode *v[GS_ARRAY_LEN(FACT_KEYS)];
    char what[200];
    snprintf(what, sizeof what, "fact '%s'", f->name);
    if (gs_check_map(L, body, what, FACT_KEYS, v) < 0)
        return;
    int t;
    if (!v[F_TYPE]) {
        gs_missing(L, body, "type", what);
        return;
    }
    if (gs_read_enum(L, v[F_TYPE], "a fact's type", TYPE_NAMES, &t) < 0)
        return;
    f->type = (gs_type)(t + 1);
    if (v[F_LABEL])
        f->label = gs_read_string(L, v[F_LABEL], "a fact's label");
    if (v[F_LABEL_EN])
        f->label_en = gs_read_string(L, v[F_LABEL_EN], "a fact's English label");
    if (v[F_DESCRIPTION])
        (void)gs_read_string(L, v[F_DESCRIPTION], "a fact's description");

    /* Keys that only some types take. */
    struct {
        int key;
        gs_type type;
        const char *name;
    } only[] = {{F_VALUES, GS_T_ENUM, "values"}, {F_PATTERN, GS_T_STRING, "pattern"},
                {F_MIN, GS_T_NONE, "min"},       {F_MAX, GS_T_NONE, "max"}};
    for (size_t i = 0; i < GS_ARRAY_LEN(only); i++) {
        const gs_ynode *n = v[only[i].key];
        int fits = only[i].type ? f->type == only[i].type
                                : f->type == GS_T_INT || f->type == GS_T_NUMBER;
        if (n && !fits) {
            gs_diag_error(L->diags, "E041", n->pos, "remove it, or change the type",
                          "'%s' does not apply to a fact of type %s", only[i].name,
                          gs_type_name(f->type));
            v[only[i].key] = NULL;
        }
    }
    if (f->type == GS_T_ENUM) {
        const gs_ynode *vals = v[F_VALUES];
        if (!vals) {
            gs_missing(L, body, "values", what);
        } else if (gs_need_seq(L, vals, "an enum's values") == 0) {
            if (vals->n == 0)
                gs_diag_error(L->diags, "E041", vals->pos, "list at least one value",
                              "enum fact '%s' has no values", f->name);
            f->values = gs_arena_calloc(L->arena, vals->n ? vals->n : 1, sizeof *f->values);
            if (!f->values) {
                gs_oom(L);
                return;
            }
            for (size_t i = 0; i < vals->n; i++) {
                const char *s = gs_read_string(L, vals->kids[i], "an enum value");
                if (!s)
                    continue;
                int put = gs_strmap_put(&f->value_index, s, strlen(s), f->nvalues, NULL);
                if (put < 0) {
                    gs_oom(L);
                    return;
                }
                if (put == 0) {
                    gs_diag_error(L->diags, "E041", vals->kids[i]->pos, "list each value once",
                                  "enum fact '%s' lists '%s' twice", f->name, s);
                    continue;
                }
                f->values[f->nvalues++] = s;
            }
        }
    }
    if (f->type == GS_T_INT) {
        if (v[F_MIN] && gs_read_int(L, v[F_MIN], "min", INT64_MIN, INT64_MAX, &f->imin) == 0)
            f->has_min = 1;
        if (v[F_MAX] && gs_read_int(L, v[F_MAX], "max", INT64_MIN, INT64_MAX, &f->imax) == 0)
            f->has_max = 1;
        if (f->has_min && f->has_max && f->imin > f->imax)
            gs_diag_error(L->diags, "E041", v[F_MIN]->pos, "swap min and max",
                          "fact '%s' has min %lld above max %lld", f->name, (long long)f->imin,
                          (long long)f->imax);
    }
    if (f->type == GS_T_NUMBER) {
        if (v[F_MIN] && gs_read_number(L, v[F_MIN], "min", &f->min) == 0)
            f->has_min = 1;
        if (v[F_MAX] && gs_read_number(L, v[F_MAX], "max", &f->max) == 0)
            f->has_max = 1;
        if (f->has_min && f->has_max && f->min > f->max)
            gs_diag_error(L->diags, "E041", v[F_MIN]->pos, "swap min and max",
                          "fact '%s' has min %g above max %g", f->name, f->min, f->max);
    }
    if (f->type == GS_T_STRING && v[F_PATTERN]) {
        const gs_ynode *p = v[F_PATTERN];
        if (gs_need_scalar(L, p, "a pattern")) {
            char msg[160];
            size_t off = 0;
            gs_pattern *pat;
            int r = gs_pattern_compile(&L->rb->patterns, L->arena, p->str, p->len, &pat, msg,
                                       sizeof msg, &off);
            if (r == GOVSVC_ENOMEM) {
                gs_oom(L);
                return;
            }
            if (r == GS_REPORTED) {
                gs_pos at = p->pos;
                at.col += (uint32_t)gs_utf8_count(p->str, off < p->len ? off : p->len) +
                          (p->style == GS_YSINGLE || p->style == GS_YDOUBLE);
                gs_diag_error(L->diags, "E034", at, "fix the regular expression (pcre2 syntax)",
                              "pattern of fact '%s' does not compile: %s", f->name, msg);
            } else {
                f->pattern = pat;
            }
        }
    }
    if (v[F_DEFAULT])
        read_default(L, f, v[F_DEFAULT]);
    (void)key;
}

int gs_compile_facts(gs_loader *L)
{
    gs_schema *s = &L->rb->schema;
    size_t total = 0;
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *facts = gs_ymap_get(L->files[i].root, "facts");
        if (facts && facts->kind == GS_YMAP)
            total += facts->n / 2;
        else if (facts)
            gs_diag_error(L->diags, "E007", facts->pos, "write facts as 'name: {type: ...}'",
                          "facts must be a mapping");
    }
    s->facts = gs_arena_calloc(L->arena, total ? total : 1, sizeof *s->facts);
    if (!s->facts)
        return gs_oom(L);
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *facts = gs_ymap_get(L->files[i].root, "facts");
        if (!facts || facts->kind != GS_YMAP)
            continue;
        for (size_t k = 0; k + 1 < facts->n; k += 2) {
            const gs_ynode *key = facts->kids[k];
            const char *name = gs_need_scalar(L, key, "a fact name");
            if (!name)
                continue;
            if (!is_fact_name(name)) {
                gs_diag_error(L->diags, "E009", key->pos,
                              "use words of letters, digits and '_' joined by '.', "
                              "e.g. applicant.credit",
                              "'%s' is not a valid fact name", name);
                continue;
            }
            gs_fact *f = &s->facts[s->count];
            f->name = gs_arena_strndup(L->arena, name, key->len);
            if (!f->name)
                return gs_oom(L);
            f->name_len = (uint32_t)key->len;
            uint32_t prev;
            int r = gs_strmap_put(&s->index, f->name, f->name_len, s->count, &prev);
            if (r < 0)
                return gs_oom(L);
            if (r == 0) {
                gs_pos p0 = s->facts[prev].pos;
                char hint[512];
                snprintf(hint, sizeof hint, "the first declaration is at %s:%u:%u; keep one",
                         p0.file, p0.line, p0.col);
                gs_diag_error(L->diags, "E012", key->pos, hint, "fact '%s' is declared twice",
                              name);
                memset(f, 0, sizeof *f);
                continue;
            }
            f->slot = s->count++;
            f->pos = key->pos;
            compile_fact(L, f, key, facts->kids[k + 1]);
            if (L->oom)
                return GOVSVC_ENOMEM;
        }
    }
    return 0;
}

static const char *const POLICY_KEYS[] = {"commitment_eligible", "deferral_eligible", NULL};

int gs_compile_policy(gs_loader *L, const gs_ynode *policy)
{
    const gs_ynode *v[GS_ARRAY_LEN(POLICY_KEYS)];
    if (gs_check_map(L, policy, "policy", POLICY_KEYS, v) < 0)
        return 0;
    if (v[0])
        gs_read_expr(L, v[0], "policy.commitment_eligible", &L->rb->commitment_eligible,
                     &L->rb->commitment_eligible_pos);
    if (v[1])
        gs_read_expr(L, v[1], "policy.deferral_eligible", &L->rb->deferral_eligible,
                     &L->rb->deferral_eligible_pos);
    return L->oom ? GOVSVC_ENOMEM : 0;
}

/* -- calendar ------------------------------------------------------------ */

static const char *const CAL_KEYS[] = {"id", "covers", "weekend", "holidays", "workdays", NULL};
static const char *const RANGE_KEYS[] = {"from", "to", NULL};
static const char *const HOLIDAY_KEYS[] = {"from", "to", "date", "name", NULL};
static const char *const WORKDAY_KEYS[] = {"date", "name", NULL};
static const char *const WEEKDAYS[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};

static int in_covers(gs_loader *L, gs_day d, gs_day from, gs_day to, const gs_ynode *n)
{
    if (d >= from && d <= to)
        return 1;
    char a[11], b[11], c[11];
    gs_date_format(d, a);
    gs_date_format(from, b);
    gs_date_format(to, c);
    gs_diag_error(L->diags, "E050", n->pos, "extend 'covers' or remove the entry",
                  "%s lies outside the calendar's coverage %s..%s", a, b, c);
    return 0;
}

int gs_compile_calendar(gs_loader *L, const gs_ynode *node, struct govsvc_calendar *cal)
{
    const gs_ynode *v[GS_ARRAY_LEN(CAL_KEYS)];
    if (gs_check_map(L, node, "calendar", CAL_KEYS, v) < 0)
        return 0;
    size_t errors = gs_diag_errors(L->diags);
    const char *id = "calendar";
    if (v[0])
        id = gs_need_scalar(L, v[0], "calendar.id");
    gs_day from = 0, to = -1;
    if (!v[1]) {
        gs_missing(L, node, "covers", "calendar");
    } else {
        const gs_ynode *r[3];
        if (gs_check_map(L, v[1], "calendar.covers", RANGE_KEYS, r) == 0) {
            if (!r[0] || !r[1])
                gs_missing(L, v[1], !r[0] ? "from" : "to", "calendar.covers");
            if (r[0])
                gs_read_date(L, r[0], "covers.from", &from);
            if (r[1])
                gs_read_date(L, r[1], "covers.to", &to);
            if (r[0] && r[1] && from > to)
                gs_diag_error(L->diags, "E050", v[1]->pos, "swap the dates",
                              "calendar covers an empty range (from after to)");
            else if (r[0] && r[1] && to - from > 366 * 200)
                gs_diag_error(L->diags, "E050", v[1]->pos, "cover at most 200 years",
                              "calendar covers more than 200 years");
        }
    }
    unsigned weekend = (1u << 5) | (1u << 6);
    if (v[2] && gs_need_seq(L, v[2], "calendar.weekend") == 0) {
        weekend = 0;
        for (size_t i = 0; i < v[2]->n; i++) {
            int w;
            if (gs_read_enum(L, v[2]->kids[i], "a weekend day", WEEKDAYS, &w) == 0)
                weekend |= 1u << w;
        }
    }
    gs_day_range *hol = NULL;
    gs_day *work = NULL;
    size_t nh = 0, nw = 0;
    if (v[3] && gs_need_seq(L, v[3], "calendar.holidays") == 0 && v[3]->n) {
        hol = gs_calloc(v[3]->n, sizeof *hol);
        if (!hol)
            return gs_oom(L);
        for (size_t i = 0; i < v[3]->n; i++) {
            const gs_ynode *h[GS_ARRAY_LEN(HOLIDAY_KEYS)], *e = v[3]->kids[i];
            if (gs_check_map(L, e, "a holiday", HOLIDAY_KEYS, h) < 0)
                continue;
            gs_day a, b;
            if (h[2] && (h[0] || h[1])) {
                gs_diag_error(L->diags, "E050", e->pos, "write either 'date' or 'from'/'to'",
                              "a holiday has both 'date' and 'from'/'to'");
                continue;
            }
            if (h[2]) {
                if (gs_read_date(L, h[2], "holiday date", &a) < 0)
                    continue;
                b = a;
            } else {
                if (!h[0] || !h[1]) {
                    gs_missing(L, e, !h[0] ? "from" : "to", "a holiday");
                    continue;
                }
                if (gs_read_date(L, h[0], "holiday from", &a) < 0 ||
                    gs_read_date(L, h[1], "holiday to", &b) < 0)
                    continue;
                if (a > b) {
                    gs_diag_error(L->diags, "E050", e->pos, "swap the dates",
                                  "a holiday ends before it starts");
                    continue;
                }
            }
            if (!in_covers(L, a, from, to, e) || !in_covers(L, b, from, to, e))
                continue;
            hol[nh].from = a;
            hol[nh].to = b;
            nh++;
        }
    }
    if (v[4] && gs_need_seq(L, v[4], "calendar.workdays") == 0 && v[4]->n) {
        work = gs_calloc(v[4]->n, sizeof *work);
        if (!work) {
            gs_free(hol);
            return gs_oom(L);
        }
        for (size_t i = 0; i < v[4]->n; i++) {
            const gs_ynode *w[GS_ARRAY_LEN(WORKDAY_KEYS)], *e = v[4]->kids[i];
            gs_day d;
            if (gs_check_map(L, e, "a workday", WORKDAY_KEYS, w) < 0)
                continue;
            if (!w[0]) {
                gs_missing(L, e, "date", "a workday");
                continue;
            }
            if (gs_read_date(L, w[0], "workday date", &d) < 0 || !in_covers(L, d, from, to, e))
                continue;
            if (!(weekend & (1u << gs_weekday(d)))) {
                char t[11];
                gs_date_format(d, t);
                gs_diag_error(L->diags, "E050", w[0]->pos,
                              "list only weekend days that are worked (调休上班)",
                              "workday %s is not a weekend day", t);
                continue;
            }
            work[nw++] = d;
        }
    }
    int r = 0;
    if (gs_diag_errors(L->diags) == errors && id) {
        r = gs_calendar_init(cal, id, from, to, weekend, hol, nh, work, nw);
        if (r == 0 && cal == &L->rb->calendar)
            L->rb->has_calendar = 1;
        else if (r == GOVSVC_ENOMEM)
            gs_oom(L);
        else if (r)
            gs_diag_error(L->diags, "E050", node->pos, "check covers, holidays and workdays",
                          "the calendar cannot be built");
    }
    gs_free(hol);
    gs_free(work);
    return r == GOVSVC_ENOMEM ? r : 0;
}
