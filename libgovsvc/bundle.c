/*
 * bundle.c - answers for a bundle of items (一件事一次办, SPEC section 7):
 * one notice for several items, often of several departments ("一次告知、
 * 一表申请、一套材料", 国办发〔2025〕24号's principle), so the applicant
 * brings each material once.
 *
 * Each item is answered on its own (query.c); the bundle answer then lists
 * each material once, by material id, in the order first seen, with the
 * items that need it. Where the items disagree the strictest status wins,
 * so the applicant is never told less than one item asks:
 * required > conditional > deferred > commitment > shared. Among equal
 * statuses the earliest `due` (deferred) and the latest `verify_due`
 * (commitment: each office checks within its own period) are kept; two
 * `conditional` lines are needed when either condition holds. Copies are
 * the largest number asked, forms the union.
 *
 * The bundle's promised time limit is its own `deadline:`, or else its
 * items' promised limits combined (an item without a promised limit
 * counts with its statutory one): `parallel` (the default: the items are
 * handled side by side, so the bundle ends with the last) or `serial` (one
 * after another, each counted from the end of the one before).
 */
#include <string.h>

#include "bundle.h"
#include "diag.h"
#include "diff_cases.h"
#include "expr_int.h"

static int range_error(govsvc_diag_list *d, const struct govsvc_rulebook *rb, gs_day from,
                       gs_duration dur)
{
    char f[11], a[11], b[11], t[32];
    gs_date_format(from, f);
    gs_date_format(rb->calendar.from, a);
    gs_date_format(rb->calendar.to, b);
    gs_duration_format(dur, t);
    gs_pos none = {NULL, 0, 0};
    gs_diag_error(d, "E071", none, "add the next year's holiday notice to the calendar",
                  "cannot count the bundle's time limit (%s) from %s: calendar '%s' ends on %s "
                  "(it covers %s to %s)",
                  t, f, rb->calendar.id, b, a, b);
    return GOVSVC_ERANGE;
}

/* Either condition: `a or b`, flattened as the expression trees keep it. */
static const gs_expr *either(gs_arena *ar, const gs_expr *a, const gs_expr *b)
{
    uint32_t na = a->kind == GS_E_OR ? a->n : 1, nb = b->kind == GS_E_OR ? b->n : 1;
    gs_expr *n = gs_arena_calloc(ar, 1, sizeof *n);
    struct gs_expr **kids = gs_arena_calloc(ar, na + nb, sizeof *kids);
    if (!n || !kids)
        return NULL;
    n->kind = GS_E_OR;
    n->type = GS_T_BOOL;
    n->n = na + nb;
    n->kids = kids;
    for (uint32_t i = 0; i < na; i++)
        kids[i] = a->kind == GS_E_OR ? a->kids[i] : (struct gs_expr *)a;
    for (uint32_t i = 0; i < nb; i++)
        kids[na + i] = b->kind == GS_E_OR ? b->kids[i] : (struct gs_expr *)b;
    return n;
}

/* Folds material m (of item k) into the bundle's line x for the same
 * material. Returns 0 or GOVSVC_ENOMEM. */
static int merge(govsvc_answer *a, gs_amat *x, const gs_amat *m)
{
    if (x->copies < m->copies)
        x->copies = m->copies;
    x->form |= m->form;
    int rx = gs_status_rank(x->status), rm = gs_status_rank(m->status);
    if (rm > rx) {
        uint32_t *items = x->items, nitems = x->nitems;
        unsigned copies = x->copies, form = x->form;
        *x = *m;
        x->items = items;
        x->nitems = nitems;
        x->copies = copies;
        x->form = form;
        return 0;
    }
    if (rm < rx)
        return 0;
    if (x->status == GOVSVC_STATUS_DEFERRED && m->has_due && (!x->has_due || m->due < x->due))
        x->due = m->due;
    if (x->status == GOVSVC_STATUS_COMMITMENT && m->has_verify &&
        (!x->has_verify || m->verify_due > x->verify_due)) {
        x->verify_due = m->verify_due;
        x->has_verify = 1;
    }
    if (x->status == GOVSVC_STATUS_CONDITIONAL && x->condition && m->condition &&
        strcmp(x->condition, m->condition) != 0 && x->condition_expr && m->condition_expr) {
        const gs_expr *e = either(&a->arena, x->condition_expr, m->condition_expr);
        gs_buf b;
        gs_buf_init(&b);
        if (e)
            gs_expr_print(e, &b);
        const char *s = e && !b.oom ? gs_arena_strndup(&a->arena, b.data, b.len) : NULL;
        gs_buf_free(&b);
        if (!s)
            return GOVSVC_ENOMEM;
        x->condition = s;
        x->condition_expr = e;
    }
    return 0;
}

static int merge_materials(govsvc_answer *a)
{
    size_t total = 0;
    for (uint32_t k = 0; k < a->bundle->nitems; k++)
        total += a->parts[k]->nmats;
    a->mats = gs_arena_calloc(&a->arena, total ? total : 1, sizeof *a->mats);
    if (!a->mats)
        return GOVSVC_ENOMEM;
    for (uint32_t k = 0; k < a->bundle->nitems; k++) {
        const govsvc_answer *p = a->parts[k];
        for (uint32_t i = 0; i < p->nmats; i++) {
            const gs_amat *m = &p->mats[i];
            uint32_t j = 0;
            while (j < a->nmats && a->mats[j].mat != m->mat)
                j++;
            if (j == a->nmats) {
                gs_amat *x = &a->mats[a->nmats++];
                *x = *m;
                x->items = gs_arena_calloc(&a->arena, a->bundle->nitems, sizeof *x->items);
                if (!x->items)
                    return GOVSVC_ENOMEM;
                x->items[x->nitems++] = k;
                continue;
            }
            gs_amat *x = &a->mats[j];
            if (x->items[x->nitems - 1] != k)
                x->items[x->nitems++] = k;
            if (merge(a, x, m))
                return GOVSVC_ENOMEM;
        }
    }
    return 0;
}

/* `ask`: every part's facts, first seen first, then the most decisive
 * first (what each settles summed over the items). */
static int merge_ask(govsvc_answer *a)
{
    uint32_t nslots = a->rb->schema.count ? a->rb->schema.count : 1;
    a->ask = gs_arena_calloc(&a->arena, nslots, sizeof *a->ask);
    a->settles = gs_arena_calloc(&a->arena, nslots, sizeof *a->settles);
    a->missing = gs_arena_calloc(&a->arena, nslots, sizeof *a->missing);
    a->missing_ptrs = gs_arena_calloc(&a->arena, nslots, sizeof *a->missing_ptrs);
    if (!a->ask || !a->settles || !a->missing || !a->missing_ptrs)
        return GOVSVC_ENOMEM;
    for (uint32_t k = 0; k < a->bundle->nitems; k++) {
        const govsvc_answer *p = a->parts[k];
        const govsvc_missing_fact *const *mf;
        size_t n = govsvc_answer_missing_facts(p, &mf);
        for (size_t i = 0; i < n; i++) {
            uint32_t j = 0;
            while (j < a->nask && a->ask[j] != p->ask[i])
                j++;
            if (j == a->nask) {
                a->ask[a->nask] = p->ask[i];
                a->missing[a->nask] = *mf[i];
                a->missing[a->nask].settles = 0;
                a->nask++;
            }
            a->missing[j].settles += mf[i]->settles;
        }
    }
    /* Stable insertion sort, most decisive first. */
    for (uint32_t i = 1; i < a->nask; i++) {
        govsvc_missing_fact f = a->missing[i];
        uint32_t slot = a->ask[i], j = i;
        while (j > 0 && a->missing[j - 1].settles < f.settles) {
            a->missing[j] = a->missing[j - 1];
            a->ask[j] = a->ask[j - 1];
            j--;
        }
        a->missing[j] = f;
        a->ask[j] = slot;
    }
    for (uint32_t i = 0; i < a->nask; i++) {
        a->settles[i] = (uint32_t)a->missing[i].settles;
        a->missing_ptrs[i] = &a->missing[i];
    }
    return 0;
}

/* The bundle's promised time limit (see the head of this file). */
static int bundle_deadline(govsvc_answer *a, govsvc_diag_list *d)
{
    const gs_bundle *bu = a->bundle;
    const struct govsvc_rulebook *rb = a->rb;
    char t[64];
    if (bu->has_deadline) {
        if (!rb->has_calendar || gs_calendar_add_days(&rb->calendar, a->date, bu->deadline,
                                                      &a->promised_due) != 0)
            return range_error(d, rb, a->date, bu->deadline);
        a->has_promised_due = 1;
        gs_duration_format(bu->deadline, t);
        return (a->promised_text = gs_arena_strdup(&a->arena, t)) ? 0 : GOVSVC_ENOMEM;
    }
    int serial = bu->combine == 2, found = 0, same_unit = 1;
    gs_day day = a->date;
    gs_duration sum = {GS_DUR_IMMEDIATE, 0};
    gs_buf text;
    gs_buf_init(&text);
    for (uint32_t k = 0; k < bu->nitems; k++) {
        const govsvc_answer *p = a->parts[k];
        if (p->deadline_condition) {
            /* The route of one item is not known: neither is the bundle's end. */
            a->has_promised_due = 0;
            a->deadline_condition = p->deadline_condition;
            a->deadline_condition_expr = p->deadline_condition_expr;
            gs_buf_free(&text);
            return 0;
        }
        /* An item without a promised limit takes its statutory one. */
        int promised = p->has_promised_due;
        if ((!promised && !p->has_statutory_due) || !p->deadline)
            continue;
        gs_duration dur = promised ? p->deadline->promised : p->deadline->statutory;
        gs_day p_due = promised ? p->promised_due : p->statutory_due;
        const char *p_text = promised ? p->promised_text : p->statutory_text;
        if (serial) {
            gs_day end;
            if (gs_calendar_add_days(&rb->calendar, day, dur, &end) != 0) {
                gs_buf_free(&text);
                return range_error(d, rb, day, dur);
            }
            day = end;
            if (found && dur.unit != GS_DUR_IMMEDIATE && sum.unit != GS_DUR_IMMEDIATE &&
                dur.unit != sum.unit)
                same_unit = 0;
            if (dur.unit != GS_DUR_IMMEDIATE)
                sum.unit = dur.unit;
            sum.n += dur.n;
            gs_duration_format(dur, t);
            gs_buf_puts(&text, found ? " + " : "");
            gs_buf_puts(&text, t);
        } else if (!found || p_due > day) {
            day = p_due;
            text.len = 0;
            gs_buf_puts(&text, p_text);
        }
        found = 1;
    }
    if (found) {
        a->has_promised_due = 1;
        a->promised_due = day;
        if (serial && same_unit) {
            gs_duration_format(sum, t);
            text.len = 0;
            gs_buf_puts(&text, t);
        }
        a->promised_text =
            text.oom ? NULL : gs_arena_strndup(&a->arena, text.data ? text.data : "", text.len);
        if (!a->promised_text) {
            gs_buf_free(&text);
            return GOVSVC_ENOMEM;
        }
    }
    gs_buf_free(&text);
    return 0;
}

static void no_bundle(govsvc_diag_list *d, const struct govsvc_rulebook *rb, const char *code)
{
    const char *dym = GS_DYM_FIELD(code, rb->bundles, rb->nbundles, gs_bundle, code);
    char hint[256];
    if (dym)
        snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
    else if (rb->nbundles)
        snprintf(hint, sizeof hint, "the rulebook's bundles are listed by 'govsvc query %s --list'",
                 "RULEBOOK");
    else
        snprintf(hint, sizeof hint, "rulebook '%s' defines no bundles", rb->id);
    gs_pos none = {NULL, 0, 0};
    gs_diag_error(d, "E130", none, hint, "no bundle '%.100s' in rulebook '%s'", code, rb->id);
}

int govsvc_query_bundle(govsvc_answer **out, const govsvc_rulebook *rb, const char *code,
                        const govsvc_facts *facts, const govsvc_query_options *opts,
                        govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!rb || !code)
        return GOVSVC_EINVAL;
    govsvc_diag_list *d = gs_diag_list_new();
    if (!d)
        return GOVSVC_ENOMEM;
    gs_pos none = {NULL, 0, 0};
    int r = 0;
    uint32_t bi = 0;
    /* The parts are asked with the same date (today fixed once) and
     * flags; events belong to one item's clock, not to a bundle. */
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    if (opts) {
        o.date = opts->date;
        o.flags = opts->flags;
    }
    if (o.date.year == 0 && o.date.month == 0 && o.date.day == 0)
        o.date = govsvc_date_today();
    if (!gs_strmap_get(&rb->bundle_index, code, strlen(code), &bi)) {
        no_bundle(d, rb, code);
        r = GOVSVC_ENOTFOUND;
    } else if (opts && opts->version >= 2 && opts->nevents) {
        gs_diag_error(d, "E131", none, "query one of the bundle's items with its events",
                      "deadline events apply to one item's time limit, not to bundle '%s'", code);
        r = GOVSVC_EINVAL;
    }
    govsvc_answer *a = NULL;
    if (r == 0)
        r = govsvc_answer_new(&a);
    if (r == 0) {
        a->rb = govsvc_rulebook_ref((govsvc_rulebook *)rb);
        a->bundle = &rb->bundles[bi];
        a->flags = o.flags;
        a->date = gs_date_valid(o.date.year, o.date.month, o.date.day)
                      ? gs_day_from_ymd(o.date.year, o.date.month, o.date.day)
                      : 0;
        a->parts = gs_arena_calloc(&a->arena, a->bundle->nitems ? a->bundle->nitems : 1,
                                   sizeof *a->parts);
        if (!a->parts)
            r = GOVSVC_ENOMEM;
    }
    for (uint32_t k = 0; r == 0 && a && k < a->bundle->nitems; k++) {
        govsvc_diag_list *pd = NULL;
        r = govsvc_query_item(&a->parts[k], rb, rb->items[a->bundle->items[k]].code, facts, &o,
                              &pd);
        if (r) {
            govsvc_diag_list_free(d);
            d = pd; /* the item's own diagnostic says why */
            pd = NULL;
        }
        govsvc_diag_list_free(pd);
    }
    if (r == 0)
        r = merge_materials(a);
    if (r == 0)
        r = merge_ask(a);
    if (r == 0)
        r = bundle_deadline(a, d);
    if (r) {
        govsvc_answer_free(a);
        if (diags && d && d->count)
            *diags = d;
        else
            govsvc_diag_list_free(d);
        return r;
    }
    govsvc_diag_list_free(d);
    *out = a;
    return 0;
}

/* -- accessors ------------------------------------------------------------ */

const char *govsvc_answer_bundle_code(const govsvc_answer *a)
{
    return a && a->bundle ? a->bundle->code : NULL;
}

const char *govsvc_answer_bundle_name(const govsvc_answer *a)
{
    return a && a->bundle ? a->bundle->name : NULL;
}

size_t govsvc_answer_bundle_item_count(const govsvc_answer *a)
{
    return a && a->bundle ? a->bundle->nitems : 0;
}

const char *govsvc_answer_bundle_item_code(const govsvc_answer *a, size_t i)
{
    return i < govsvc_answer_bundle_item_count(a) ? a->rb->items[a->bundle->items[i]].code
                                                  : NULL;
}

const govsvc_answer *govsvc_answer_bundle_part(const govsvc_answer *a, size_t i)
{
    return i < govsvc_answer_bundle_item_count(a) ? a->parts[i] : NULL;
}

size_t govsvc_answer_material_item_count(const govsvc_answer *a, size_t i)
{
    return a && i < a->nmats ? a->mats[i].nitems : 0;
}

const char *govsvc_answer_material_item(const govsvc_answer *a, size_t i, size_t k)
{
    if (k >= govsvc_answer_material_item_count(a, i))
        return NULL;
    return a->rb->items[a->bundle->items[a->mats[i].items[k]]].code;
}

/* -- JSON ----------------------------------------------------------------- */

static void date_json(gs_buf *b, gs_day d)
{
    char t[11];
    gs_date_format(d, t);
    gs_buf_json_str(b, t);
}

/* An item's time limits inside the bundle: {"promised": {...}, ...}. */
static void part_deadline(gs_buf *b, const govsvc_answer *p)
{
    if (p->deadline_condition) {
        gs_buf_puts(b, "{\"condition\": ");
        gs_buf_json_str(b, p->deadline_condition);
        gs_buf_puts(b, "}");
        return;
    }
    if (!p->has_promised_due && !p->has_statutory_due) {
        gs_buf_puts(b, "null");
        return;
    }
    gs_buf_puts(b, "{");
    if (p->has_promised_due) {
        gs_buf_puts(b, "\"promised\": {\"duration\": ");
        gs_buf_json_str(b, p->promised_text);
        gs_buf_puts(b, ", \"due\": ");
        date_json(b, p->promised_due);
        gs_buf_puts(b, p->has_statutory_due ? "}, " : "}");
    }
    if (p->has_statutory_due) {
        gs_buf_puts(b, "\"statutory\": {\"duration\": ");
        gs_buf_json_str(b, p->statutory_text);
        gs_buf_puts(b, ", \"due\": ");
        date_json(b, p->statutory_due);
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, "}");
}

void gs_bundle_json_head(gs_buf *b, const govsvc_answer *a)
{
    const gs_bundle *bu = a->bundle;
    gs_buf_puts(b, ",\n  \"bundle\": {\"code\": ");
    gs_buf_json_str(b, bu->code);
    gs_buf_puts(b, ", \"name\": ");
    gs_buf_json_str(b, bu->name ? bu->name : bu->code);
    gs_buf_puts(b, ", \"items\": [");
    for (uint32_t k = 0; k < bu->nitems; k++) {
        const gs_item *it = &a->rb->items[bu->items[k]];
        gs_buf_puts(b, k ? ",\n    {\"code\": " : "\n    {\"code\": ");
        gs_buf_json_str(b, it->code);
        gs_buf_puts(b, ", \"name\": ");
        gs_buf_json_str(b, it->name ? it->name : it->code);
        gs_buf_puts(b, ", \"deadline\": ");
        part_deadline(b, a->parts[k]);
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, bu->nitems ? "\n  ]}" : "]}");
}

void gs_bundle_json_items(gs_buf *b, const govsvc_answer *a, const gs_amat *m)
{
    gs_buf_puts(b, ", \"items\": [");
    for (uint32_t k = 0; k < m->nitems; k++) {
        gs_buf_puts(b, k ? ", " : "");
        gs_buf_json_str(b, a->rb->items[a->bundle->items[m->items[k]]].code);
    }
    gs_buf_puts(b, "]");
}

void gs_bundle_json_deadline(gs_buf *b, const govsvc_answer *a)
{
    if (!a->has_promised_due && !a->deadline_condition)
        return;
    gs_buf_puts(b, ",\n  \"deadline\": {\n");
    if (!a->has_promised_due) {
        gs_buf_puts(b, "    \"condition\": ");
        gs_buf_json_str(b, a->deadline_condition);
        gs_buf_puts(b, "\n  }");
        return;
    }
    gs_buf_puts(b, "    \"promised\": {\"duration\": ");
    gs_buf_json_str(b, a->promised_text);
    gs_buf_puts(b, ", \"due\": ");
    date_json(b, a->promised_due);
    if (a->bundle->has_deadline)
        gs_buf_puts(b, "}\n  }");
    else
        gs_buf_printf(b, "},\n    \"combine\": \"%s\"\n  }",
                      a->bundle->combine == 2 ? "serial" : "parallel");
}

/* -- the notice ----------------------------------------------------------- */

typedef struct nb {
    gs_notice *n;
    gs_buf b;
    int en;
} nb;

static const char *W(const nb *x, const char *zh, const char *english)
{
    return x->en ? english : zh;
}

static gs_nblock *block(nb *x, gs_nkind kind, const char *key)
{
    gs_notice *n = x->n;
    if (n->n == n->cap && gs_grow((void **)&n->blocks, &n->cap, n->n + 1, sizeof *n->blocks)) {
        n->oom = 1;
        memset(&n->lost, 0, sizeof n->lost);
        return &n->lost;
    }
    gs_nblock *bl = &n->blocks[n->n++];
    memset(bl, 0, sizeof *bl);
    bl->kind = kind;
    bl->key = key;
    return bl;
}

/* The buffer's text, copied into the notice; the buffer is emptied. */
static const char *take(nb *x)
{
    const char *s = x->b.oom ? NULL
                             : gs_arena_strndup(&x->n->arena, x->b.data ? x->b.data : "",
                                                x->b.len);
    if (!s)
        x->n->oom = 1;
    x->b.len = 0;
    if (x->b.data)
        x->b.data[0] = '\0';
    return s ? s : "";
}

static void date_words(nb *x, gs_day d)
{
    int y, m, dd;
    gs_ymd_from_day(d, &y, &m, &dd);
    gs_buf_printf(&x->b, x->en ? "%04d-%02d-%02d" : "%d年%d月%d日", y, m, dd);
}

static void duration_words(nb *x, const char *canonical)
{
    gs_duration d;
    char t[32];
    if (x->en || gs_duration_parse(canonical, strlen(canonical), &d) != 0) {
        gs_buf_puts(&x->b, canonical); /* a serial sum of mixed units stays as written */
        return;
    }
    gs_duration_format_zh(d, t);
    gs_buf_puts(&x->b, t);
}

static void due_words(nb *x, const char *duration, gs_day due)
{
    int now = strcmp(duration, "immediate") == 0;
    duration_words(x, duration);
    gs_buf_puts(&x->b, W(x, "，", now ? ", on " : ", by "));
    date_words(x, due);
    gs_buf_puts(&x->b, W(x, now ? "当场办结" : "前办结", ""));
}

static void status_words(nb *x, const govsvc_answer *a, const gs_amat *m)
{
    switch (m->status) {
    case GOVSVC_STATUS_SHARED:
        gs_buf_puts(&x->b, W(x, "免提交（部门共享获取）",
                             "not needed (the hall fetches it through data sharing)"));
        break;
    case GOVSVC_STATUS_COMMITMENT:
        gs_buf_puts(&x->b, W(x, "可告知承诺", "a signed commitment may replace it"));
        if (m->has_verify) {
            gs_buf_puts(&x->b, W(x, "（核查期至", " (checked by "));
            date_words(x, m->verify_due);
            gs_buf_puts(&x->b, W(x, "）", ")"));
        }
        break;
    case GOVSVC_STATUS_DEFERRED:
        gs_buf_puts(&x->b, W(x, "容缺后补（", "may be handed in later (by "));
        date_words(x, m->due);
        gs_buf_puts(&x->b, W(x, "前补交）", ")"));
        break;
    case GOVSVC_STATUS_REQUIRED: gs_buf_puts(&x->b, W(x, "需提交", "required")); break;
    case GOVSVC_STATUS_CONDITIONAL:
        gs_buf_puts(&x->b, W(x, "视情况提交：当 ", "only when "));
        if (m->condition_expr)
            gs_expr_print_labels(m->condition_expr, &a->rb->schema, x->n->lang, &x->b);
        else if (m->condition)
            gs_buf_puts(&x->b, m->condition);
        gs_buf_puts(&x->b, W(x, " 时", ""));
        break;
    }
    /* Which of the bundle's items ask for it: "（事项1、3）". */
    gs_buf_puts(&x->b, W(x, "（用于事项", " (for item"));
    gs_buf_puts(&x->b, x->en && m->nitems > 1 ? "s " : x->en ? " " : "");
    for (uint32_t k = 0; k < m->nitems; k++)
        gs_buf_printf(&x->b, "%s%u", k ? W(x, "、", ", ") : "", m->items[k] + 1);
    gs_buf_puts(&x->b, W(x, "）", ")"));
}

static void forms_words(nb *x, unsigned form, unsigned copies)
{
    static const char *const zh[] = {"原件", "复印件", "电子件"};
    static const char *const english[] = {"original", "copy", "electronic"};
    int first = 1;
    for (int i = 0; i < 3; i++) {
        if (!(form & (1u << i)))
            continue;
        gs_buf_puts(&x->b, first ? "" : W(x, "、", ", "));
        gs_buf_puts(&x->b, x->en ? english[i] : zh[i]);
        first = 0;
    }
    if (copies) {
        gs_buf_puts(&x->b, first ? "" : W(x, "，", "; "));
        gs_buf_printf(&x->b, x->en ? "%u %s" : "%u份", copies,
                      x->en ? (copies == 1 ? "copy" : "copies") : "");
    }
}

int gs_bundle_notice(gs_notice *n, const govsvc_answer *a)
{
    nb x = {n, {0}, n->lang == GS_LANG_EN};
    gs_buf_init(&x.b);
    const gs_bundle *bu = a->bundle;
    const struct govsvc_rulebook *rb = a->rb;
    block(&x, GS_N_TITLE, W(&x, "一次性告知单（一件事一次办）", "One-time notice (one-stop bundle)"));
    n->subject = bu->name ? bu->name : bu->code;
    gs_buf_printf(&x.b, x.en ? "%s (%s)" : "%s（%s）", n->subject, bu->code);
    block(&x, GS_N_FIELD, W(&x, "一件事", "Bundle"))->text = take(&x);
    date_words(&x, a->date);
    block(&x, GS_N_FIELD, W(&x, "受理日期", "Acceptance date"))->text = take(&x);

    block(&x, GS_N_SECTION, W(&x, "包含事项", "Items"));
    for (uint32_t k = 0; k < bu->nitems; k++) {
        const gs_item *it = &rb->items[bu->items[k]];
        const govsvc_answer *p = a->parts[k];
        gs_buf_printf(&x.b, x.en ? "%s (%s)" : "%s（%s）", it->name ? it->name : it->code,
                      it->code);
        if (it->department)
            gs_buf_printf(&x.b, x.en ? ", %s" : "，%s", it->department);
        if (p->has_promised_due) {
            gs_buf_puts(&x.b, W(&x, "；承诺办结时限", "; promised "));
            due_words(&x, p->promised_text, p->promised_due);
        } else if (p->has_statutory_due) {
            gs_buf_puts(&x.b, W(&x, "；法定办结时限", "; statutory "));
            due_words(&x, p->statutory_text, p->statutory_due);
        }
        gs_nblock *bl = block(&x, GS_N_LINE, NULL);
        bl->text = take(&x);
        bl->key = gs_arena_printf(&n->arena, x.en ? "Item %u" : "事项%u", k + 1);
        if (!bl->key)
            n->oom = 1;
    }

    block(&x, GS_N_SECTION, W(&x, "申请材料", "Materials"));
    if (!a->nmats)
        block(&x, GS_N_LINE, NULL)->text = W(&x, "（无需提交材料）", "(nothing to hand in)");
    for (uint32_t i = 0; i < a->nmats; i++) {
        const gs_amat *m = &a->mats[i];
        gs_nblock *bl = block(&x, GS_N_MATERIAL, NULL);
        bl->number = i + 1;
        bl->status = m->status;
        bl->key = x.en && m->mat->name_en ? m->mat->name_en
                                         : m->mat->name ? m->mat->name : m->mat->id;
        if (m->status != GOVSVC_STATUS_SHARED && (m->form || m->copies)) {
            forms_words(&x, m->form, m->copies);
            bl->form = take(&x);
        }
        status_words(&x, a, m);
        bl->text = take(&x);
    }

    if (a->has_promised_due || a->deadline_condition) {
        block(&x, GS_N_SECTION, W(&x, "办理时限", "Time limits"));
        if (!a->has_promised_due) {
            gs_buf_puts(&x.b, W(&x, "视办理情形而定，取决于：", "depends on the route: "));
            gs_buf_puts(&x.b, a->deadline_condition);
            block(&x, GS_N_LINE, NULL)->text = take(&x);
        } else {
            due_words(&x, a->promised_text, a->promised_due);
            if (!bu->has_deadline)
                gs_buf_puts(&x.b, bu->combine == 2
                                      ? W(&x, "（各事项依次办理，时限相加）",
                                          " (the items one after another)")
                                      : W(&x, "（各事项并联办理，以最长者为准）",
                                          " (the items side by side: the longest)"));
            block(&x, GS_N_LINE, W(&x, "一件事承诺办结时限", "Promised for the bundle"))->text =
                take(&x);
        }
    }

    const govsvc_missing_fact *const *mf;
    size_t count = govsvc_answer_missing_facts(a, &mf);
    if (count)
        block(&x, GS_N_SECTION, W(&x, "尚需了解", "Still to ask"));
    for (size_t i = 0; i < count; i++) {
        const gs_fact *f = &rb->schema.facts[a->ask[i]];
        for (size_t k = 0; k < mf[i]->nvalues; k++)
            gs_buf_printf(&x.b, "%s%s", k ? " / " : "", mf[i]->values[k]);
        if (!mf[i]->nvalues)
            gs_buf_puts(&x.b, f->type == GS_T_BOOL ? W(&x, "是／否", "yes / no")
                                                   : W(&x, "按实际填写", "as it is"));
        gs_nblock *bl = block(&x, GS_N_QUESTION, NULL);
        bl->number = (unsigned)i + 1;
        bl->key = x.en && f->label_en ? f->label_en : f->label ? f->label : f->name;
        bl->text = take(&x);
        gs_buf_printf(&x.b, x.en ? "settles %zu" : "可确定%zu项", mf[i]->settles);
        bl->note = take(&x);
    }

    gs_nblock *sign = block(&x, GS_N_SIGN, W(&x, "申请人（签收）", "Applicant (received)"));
    sign->text = W(&x, "受理人", "Officer");
    sign->note = W(&x, "日期", "Date");
    gs_buf_printf(&x.b, x.en ? "Rulebook %s %s (%s), notice of " : "依据规则：%s %s（%s），告知日期：",
                  rb->id, rb->version, rb->digest);
    date_words(&x, a->date);
    block(&x, GS_N_FOOTER, NULL)->text = take(&x);
    gs_buf_free(&x.b);
    return n->oom ? GOVSVC_ENOMEM : 0;
}
