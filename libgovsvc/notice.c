/*
 * notice.c - what the one-time notice (一次性告知单) says, in Chinese or
 * English, as blocks that answer_text.c, answer_md.c and answer_html.c lay
 * out. Also the explanation phrases that answer_json.c shares, and
 * govsvc_answer_render().
 *
 * The wording follows the notices of the halls (需提交 / 免提交（部门共享
 * 获取） / 可告知承诺 / 容缺后补 / 视情况提交): an applicant at the counter
 * reads plain words, never a fact's name or the condition language, so
 * conditions are printed with the facts' labels (gs_expr_print_labels).
 */
#include <string.h>

#include "bundle.h"
#include "deadline_int.h"
#include "govsvc/notice.h"
#include "notice.h"

/* -- small words ---------------------------------------------------------- */

static int en(const gs_notice *n)
{
    return n->lang == GS_LANG_EN;
}

static const char *W(const gs_notice *n, const char *zh, const char *english)
{
    return en(n) ? english : zh;
}

static void date_text(gs_buf *b, gs_day d, gs_lang lang)
{
    int y, m, dd;
    gs_ymd_from_day(d, &y, &m, &dd);
    if (lang == GS_LANG_EN)
        gs_buf_printf(b, "%04d-%02d-%02d", y, m, dd);
    else
        gs_buf_printf(b, "%d年%d月%d日", y, m, dd);
}

static void duration_text(gs_buf *b, gs_duration d, gs_lang lang)
{
    char t[32];
    if (lang == GS_LANG_EN)
        gs_duration_format(d, t);
    else
        gs_duration_format_zh(d, t);
    gs_buf_puts(b, t);
}

void gs_value_text(const gs_fact *f, const gs_value *v, gs_lang lang, gs_buf *b)
{
    switch (v->type) {
    case GS_T_BOOL:
        gs_buf_puts(b, v->u.b ? (lang == GS_LANG_EN ? "yes" : "是")
                              : (lang == GS_LANG_EN ? "no" : "否"));
        break;
    case GS_T_INT: gs_buf_printf(b, "%lld", (long long)v->u.i); break;
    case GS_T_NUMBER: gs_buf_printf(b, "%.15g", v->u.n); break;
    case GS_T_STRING: gs_buf_append(b, v->u.s.p, v->u.s.len); break;
    case GS_T_ENUM:
        gs_buf_puts(b, f && v->u.e < f->nvalues ? f->values[v->u.e] : "?");
        break;
    case GS_T_DATE: {
        char t[11];
        gs_date_format(v->u.d, t);
        gs_buf_puts(b, t);
        break;
    }
    default: break;
    }
}

/* -- the blocks ----------------------------------------------------------- */

static gs_nblock *add(gs_notice *n, gs_nkind kind)
{
    if (n->n == n->cap && gs_grow((void **)&n->blocks, &n->cap, n->n + 1, sizeof *n->blocks)) {
        n->oom = 1;
        memset(&n->lost, 0, sizeof n->lost);
        return &n->lost;
    }
    gs_nblock *bl = &n->blocks[n->n++];
    memset(bl, 0, sizeof *bl);
    bl->kind = kind;
    return bl;
}

/* The buffer's text, copied into the notice; the buffer is emptied. */
static const char *take(gs_notice *n, gs_buf *b)
{
    const char *s = NULL;
    if (!b->oom)
        s = gs_arena_strndup(&n->arena, b->data ? b->data : "", b->len);
    if (!s)
        n->oom = 1;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return s ? s : "";
}

static void field(gs_notice *n, gs_nkind kind, const char *key, const char *text)
{
    gs_nblock *bl = add(n, kind);
    bl->key = key;
    bl->text = text;
}

/* -- header --------------------------------------------------------------- */

static const char *item_name(const gs_notice *n, const gs_item *it)
{
    if (en(n) && it->name_en)
        return it->name_en;
    return it->name ? it->name : it->code;
}

static void header(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    const gs_item *it = a->item;
    field(n, GS_N_TITLE, W(n, "一次性告知单", "One-time notice"), NULL);
    n->subject = item_name(n, it);
    gs_buf_printf(b, en(n) ? "%s (%s)" : "%s（%s）", n->subject, it->code);
    field(n, GS_N_FIELD, W(n, "事项", "Item"), take(n, b));
    if (it->department)
        field(n, GS_N_FIELD, W(n, "实施机关", "Department"), it->department);
    for (uint32_t i = 0; i < it->legal_basis.n; i++) {
        gs_buf_puts(b, i ? W(n, "；", "; ") : "");
        gs_buf_puts(b, it->legal_basis.v[i]);
    }
    if (it->legal_basis.n)
        field(n, GS_N_FIELD, W(n, "设定依据", "Legal basis"), take(n, b));
    if (it->result)
        field(n, GS_N_FIELD, W(n, "办理结果", "Result"), it->result);
    date_text(b, a->date, n->lang);
    field(n, GS_N_FIELD, W(n, "受理日期", "Acceptance date"), take(n, b));
}

/* -- materials ------------------------------------------------------------ */

static void forms_text(const gs_notice *n, gs_buf *b, unsigned form, unsigned copies)
{
    static const char *const zh[] = {"原件", "复印件", "电子件"};
    static const char *const english[] = {"original", "photocopy", "electronic"};
    int first = 1;
    for (int i = 0; i < 3; i++) {
        if (!(form & (1u << i)))
            continue;
        gs_buf_puts(b, first ? "" : W(n, "、", ", "));
        gs_buf_puts(b, en(n) ? english[i] : zh[i]);
        first = 0;
    }
    if (copies) {
        gs_buf_puts(b, first ? "" : W(n, "，", "; "));
        if (en(n))
            gs_buf_printf(b, "%u %s", copies, copies == 1 ? "copy" : "copies");
        else
            gs_buf_printf(b, "%u份", copies);
    }
}

static void condition_text(const gs_notice *n, const govsvc_answer *a, gs_buf *b,
                           const gs_expr *e, const char *printed)
{
    if (e)
        gs_expr_print_labels(e, &a->rb->schema, n->lang, b);
    else if (printed)
        gs_buf_puts(b, printed);
}

static void status_text(const gs_notice *n, const govsvc_answer *a, const gs_amat *m, gs_buf *b)
{
    switch (m->status) {
    case GOVSVC_STATUS_SHARED:
        gs_buf_puts(b, W(n, "免提交（部门共享获取）",
                         "not needed (the hall fetches it through data sharing)"));
        break;
    case GOVSVC_STATUS_COMMITMENT:
        /* 告知承诺制 (国办发〔2020〕42号): the applicant may sign instead;
         * the office checks afterwards (事后核查) within the period. */
        gs_buf_puts(b, W(n, "可告知承诺", "a signed commitment may replace it"));
        if (m->has_verify) {
            gs_buf_puts(b, W(n, "（核查期至", " (checked by "));
            date_text(b, m->verify_due, n->lang);
            gs_buf_puts(b, W(n, "）", ")"));
        }
        break;
    case GOVSVC_STATUS_DEFERRED:
        gs_buf_puts(b, W(n, "容缺后补（", "may be handed in later (by "));
        date_text(b, m->due, n->lang);
        gs_buf_puts(b, W(n, "前补交）", ")"));
        break;
    case GOVSVC_STATUS_REQUIRED: gs_buf_puts(b, W(n, "需提交", "required")); break;
    case GOVSVC_STATUS_CONDITIONAL:
        gs_buf_puts(b, W(n, "视情况提交：当 ", "only when "));
        condition_text(n, a, b, m->condition_expr, m->condition);
        gs_buf_puts(b, W(n, " 时", ""));
        break;
    }
}

static const char *material_name(const gs_notice *n, const gs_material *mat)
{
    if (en(n) && mat->name_en)
        return mat->name_en;
    return mat->name ? mat->name : mat->id;
}

/* -- explanations --------------------------------------------------------- */

const char *gs_step_result_name(gs_step_result r)
{
    static const char *const names[] = {"chosen", "false", "unknown", "not_offered", "forbidden"};
    return (unsigned)r < GS_ARRAY_LEN(names) ? names[r] : "unknown";
}

/* The verdict's words for one step (a status tried and how it fared).
 * English names the rule's keys, for the rulebook's authors (and the JSON);
 * Chinese says it for the applicant, without keys. */
static const char *step_words(const gs_step *s, gs_lang lang)
{
    int zh = lang == GS_LANG_ZH;
    switch (s->status) {
    case GOVSVC_STATUS_SHARED:
        switch (s->result) {
        case GS_STEP_CHOSEN: return zh ? "共享获取条件成立" : "shared_when was true";
        case GS_STEP_FALSE: return zh ? "共享获取条件不成立" : "shared_when was false";
        case GS_STEP_UNKNOWN:
            return zh ? "能否共享获取未知（按不能处理）"
                      : "shared_when was unknown (counted as not met)";
        default: return zh ? "该材料不能共享获取" : "no shared_when";
        }
    case GOVSVC_STATUS_COMMITMENT:
        switch (s->result) {
        case GS_STEP_CHOSEN:
            if (s->reason < 0)
                return zh ? "可告知承诺且无告知承诺条件限制"
                          : "commitment allowed and no policy.commitment_eligible";
            return zh ? "可告知承诺且符合告知承诺条件"
                      : "commitment allowed and policy.commitment_eligible true";
        case GS_STEP_FALSE:
            return zh ? "可告知承诺，但不符合告知承诺条件"
                      : "commitment allowed but policy.commitment_eligible false";
        case GS_STEP_UNKNOWN:
            return zh ? "可告知承诺，但是否符合告知承诺条件未知（按不符合处理）"
                      : "commitment allowed but policy.commitment_eligible unknown "
                        "(counted as not met)";
        case GS_STEP_FORBIDDEN:
            return zh ? "本事项不适用告知承诺" : "the item forbids commitment";
        default: return zh ? "该材料不适用告知承诺" : "the material allows no commitment";
        }
    case GOVSVC_STATUS_DEFERRED:
        switch (s->result) {
        case GS_STEP_CHOSEN:
            if (s->reason < 0)
                return zh ? "可容缺且无容缺受理条件限制"
                          : "deferrable and no policy.deferral_eligible";
            return zh ? "可容缺且符合容缺受理条件"
                      : "deferrable and policy.deferral_eligible true";
        case GS_STEP_FALSE:
            return zh ? "可容缺，但不符合容缺受理条件"
                      : "deferrable but policy.deferral_eligible false";
        case GS_STEP_UNKNOWN:
            return zh ? "可容缺，但是否符合容缺受理条件未知（按不符合处理）"
                      : "deferrable but policy.deferral_eligible unknown (counted as not met)";
        default: return zh ? "该材料不可容缺" : "the line is not deferrable";
        }
    case GOVSVC_STATUS_CONDITIONAL:
        return zh ? "是否需要取决于尚未提供的情况" : "when was unknown";
    default: return NULL; /* required: the end of the road, no words */
    }
}

static const char *status_word(govsvc_material_status s, gs_lang lang)
{
    if (lang == GS_LANG_EN)
        return govsvc_status_name(s);
    switch (s) {
    case GOVSVC_STATUS_SHARED: return "免提交";
    case GOVSVC_STATUS_COMMITMENT: return "可告知承诺";
    case GOVSVC_STATUS_DEFERRED: return "容缺后补";
    case GOVSVC_STATUS_REQUIRED: return "需提交";
    default: return "视情况提交";
    }
}

void gs_explain_verdict(const gs_amat *m, gs_lang lang, gs_buf *b)
{
    int first = 1;
    for (uint32_t i = 0; i < m->nsteps; i++) {
        const char *w = step_words(&m->steps[i], lang);
        if (!w)
            continue;
        gs_buf_puts(b, first ? "" : lang == GS_LANG_EN ? "; " : "；");
        gs_buf_puts(b, w);
        first = 0;
    }
    gs_buf_puts(b, first ? "" : " ");
    gs_buf_puts(b, "→ ");
    gs_buf_puts(b, status_word(m->status, lang));
}

static const char *reason_name(const gs_notice *n, const char *name)
{
    if (en(n))
        return name;
    if (strcmp(name, "when") == 0)
        return "适用条件";
    if (strcmp(name, "shared_when") == 0)
        return "共享获取条件";
    if (strcmp(name, "policy.commitment_eligible") == 0)
        return "告知承诺条件";
    if (strcmp(name, "policy.deferral_eligible") == 0)
        return "容缺受理条件";
    return name;
}

static const char *tri_words(const gs_notice *n, gs_tri t)
{
    if (t == GS_TRUE)
        return W(n, "成立", "true");
    if (t == GS_FALSE)
        return W(n, "不成立", "false");
    return W(n, "未知", "unknown");
}

static void pos_text(gs_buf *b, gs_pos p)
{
    gs_buf_printf(b, "%s:%u:%u", p.file ? p.file : "", p.line, p.col);
}

static void explain(gs_notice *n, const govsvc_answer *a, const gs_amat *m, gs_buf *b)
{
    const gs_schema *s = &a->rb->schema;
    gs_buf_puts(b, W(n, "规则位置：", "rule: "));
    pos_text(b, m->line->pos);
    gs_nblock *bl = add(n, GS_N_WHY);
    bl->text = take(n, b);
    for (uint32_t i = 0; i < m->nreasons; i++) {
        const gs_reason *r = &m->reasons[i];
        gs_buf_printf(b, en(n) ? "%s: " : "%s：", reason_name(n, r->name));
        gs_expr_print_labels(r->expr, s, n->lang, b);
        gs_buf_puts(b, W(n, " —— ", " — "));
        gs_buf_puts(b, tri_words(n, r->value));
        gs_buf_puts(b, W(n, "（", " ("));
        pos_text(b, r->pos);
        gs_buf_puts(b, W(n, "）", ")"));
        bl = add(n, GS_N_WHY);
        bl->level = 1;
        bl->text = take(n, b);
        for (uint32_t k = 0; k < r->nfacts; k++) {
            const gs_read_fact *f = &r->facts[k];
            const gs_fact *fd = &s->facts[f->slot];
            gs_buf_puts(b, gs_fact_label(fd, n->lang));
            if (f->from == GS_FROM_UNKNOWN) {
                gs_buf_puts(b, W(n, "：未提供", ": not given"));
            } else {
                gs_buf_puts(b, " = ");
                gs_value_text(fd, &f->value, n->lang, b);
                if (f->from == GS_FROM_DEFAULT)
                    gs_buf_puts(b, W(n, "（默认）", " (default)"));
            }
            bl = add(n, GS_N_WHY);
            bl->level = 2;
            bl->text = take(n, b);
        }
    }
    gs_buf_puts(b, W(n, "结论：", "verdict: "));
    gs_explain_verdict(m, n->lang, b);
    bl = add(n, GS_N_WHY);
    bl->level = 3;
    bl->text = take(n, b);
}

void gs_notice_explain(gs_notice *n, const govsvc_answer *a, const gs_amat *m)
{
    if (!(a->flags & GOVSVC_QUERY_EXPLAIN) || !m->line)
        return;
    gs_buf b;
    gs_buf_init(&b);
    explain(n, a, m, &b);
    gs_buf_free(&b);
}

static void materials(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    field(n, GS_N_SECTION, W(n, "申请材料", "Materials"), NULL);
    if (!a->nmats)
        field(n, GS_N_LINE, NULL, W(n, "无需提交材料", "nothing to submit"));
    for (uint32_t i = 0; i < a->nmats; i++) {
        const gs_amat *m = &a->mats[i];
        /* Nothing is handed in for a shared material: no form to show. */
        if (m->status != GOVSVC_STATUS_SHARED)
            forms_text(n, b, m->form, m->copies);
        const char *form = take(n, b);
        status_text(n, a, m, b);
        gs_nblock *bl = add(n, GS_N_MATERIAL);
        bl->number = i + 1;
        bl->status = m->status;
        bl->key = material_name(n, m->mat);
        bl->form = *form ? form : NULL;
        bl->text = take(n, b);
        bl->note = m->line->note;
        if (a->flags & GOVSVC_QUERY_EXPLAIN)
            explain(n, a, m, b);
    }
}

/* -- deadlines, service, questions, footer --------------------------------- */

static void limit_line(gs_notice *n, const char *key, gs_duration d, gs_day due, gs_buf *b)
{
    duration_text(b, d, n->lang);
    gs_buf_puts(b, W(n, "，", ", "));
    if (d.unit == GS_DUR_IMMEDIATE) {
        gs_buf_puts(b, W(n, "", "decided on "));
        date_text(b, due, n->lang);
        gs_buf_puts(b, W(n, "当场办结", ""));
    } else {
        gs_buf_puts(b, W(n, "", "decided by "));
        date_text(b, due, n->lang);
        gs_buf_puts(b, W(n, "前办结", ""));
    }
    field(n, GS_N_LINE, key, take(n, b));
}

static void deadlines(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    const gs_deadline *d = a->deadline;
    if (!d && !a->deadline_condition)
        return;
    field(n, GS_N_SECTION, W(n, "办理时限", "Time limits"), NULL);
    if (!d) {
        gs_buf_puts(b, W(n, "视办理情形而定，取决于：", "depends on the route: "));
        condition_text(n, a, b, a->deadline_condition_expr, a->deadline_condition);
        field(n, GS_N_LINE, NULL, take(n, b));
        return;
    }
    if (a->has_promised_due)
        limit_line(n, W(n, "承诺办结时限", "Promised"), d->promised, a->promised_due, b);
    if (a->has_statutory_due)
        limit_line(n, W(n, "法定办结时限", "Statutory"), d->statutory, a->statutory_due, b);
    if (d->has_extension) {
        duration_text(b, d->extension, n->lang);
        field(n, GS_N_LINE, W(n, "经批准可延长", "Extension with approval"), take(n, b));
    }
    for (uint32_t i = 0; i < d->nspecial; i++) {
        /* 《行政许可法》第四十五条: not counted in the time limit. */
        gs_buf_puts(b, d->special[i].name);
        gs_buf_puts(b, W(n, "，最长", ", at most "));
        duration_text(b, d->special[i].max, n->lang);
        field(n, GS_N_LINE, W(n, "特殊环节（不计入办结时限）", "Special step (not counted)"),
              take(n, b));
    }
}

static void service(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    const gs_item *it = a->item;
    if (it->visits < 0 && !it->online && !it->has_fee)
        return;
    field(n, GS_N_SECTION, W(n, "办理方式", "How to apply"), NULL);
    if (it->visits >= 0) {
        gs_buf_printf(b, en(n) ? "%d" : "%d次", it->visits);
        field(n, GS_N_LINE, W(n, "到现场次数", "Visits to the hall"), take(n, b));
    }
    if (it->online) {
        int full = strcmp(it->online, "full") == 0, part = strcmp(it->online, "partial") == 0;
        field(n, GS_N_LINE, W(n, "网上办理", "Online"),
              full   ? W(n, "全程网办", "fully online")
              : part ? W(n, "部分网办", "partly online")
                     : W(n, "不支持网办", "not online"));
    }
    if (it->has_fee) {
        if (it->fee == 0)
            gs_buf_puts(b, W(n, "不收费", "free"));
        else
            gs_buf_printf(b, en(n) ? "%.2f yuan" : "%.2f元", it->fee);
        field(n, GS_N_LINE, W(n, "收费", "Fee"), take(n, b));
    }
}

/* What the kiosk may answer: the allowed values of a fact. */
static void allowed_text(const gs_notice *n, const govsvc_missing_fact *f, gs_buf *b)
{
    switch (f->type) {
    case GOVSVC_FACT_BOOL: gs_buf_puts(b, W(n, "是／否", "yes / no")); break;
    case GOVSVC_FACT_ENUM:
        for (size_t i = 0; i < f->nvalues; i++) {
            gs_buf_puts(b, i ? " / " : "");
            gs_buf_puts(b, f->values[i]);
        }
        break;
    case GOVSVC_FACT_DATE: gs_buf_puts(b, W(n, "日期，YYYY-MM-DD", "a date, YYYY-MM-DD")); break;
    case GOVSVC_FACT_STRING:
        gs_buf_puts(b, W(n, "文字", "text"));
        if (f->pattern)
            gs_buf_printf(b, en(n) ? " matching %s" : "，格式 %s", f->pattern);
        break;
    default:
        gs_buf_puts(b, f->type == GOVSVC_FACT_INT ? W(n, "整数", "a whole number")
                                                   : W(n, "数值", "a number"));
        if (f->has_min && f->has_max)
            gs_buf_printf(b, en(n) ? " from %.15g to %.15g" : "，%.15g～%.15g", f->min, f->max);
        else if (f->has_min)
            gs_buf_printf(b, en(n) ? ", at least %.15g" : "，不小于%.15g", f->min);
        else if (f->has_max)
            gs_buf_printf(b, en(n) ? ", at most %.15g" : "，不大于%.15g", f->max);
        break;
    }
}

static void questions(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    const govsvc_missing_fact *const *mf;
    size_t count = govsvc_answer_missing_facts(a, &mf);
    if (!count)
        return;
    field(n, GS_N_SECTION, W(n, "尚需了解", "Still to ask"), NULL);
    for (size_t i = 0; i < count; i++) {
        const gs_fact *f = &a->rb->schema.facts[a->ask[i]];
        allowed_text(n, mf[i], b);
        gs_nblock *bl = add(n, GS_N_QUESTION);
        bl->number = (unsigned)i + 1;
        bl->key = gs_fact_label(f, n->lang);
        bl->text = take(n, b);
        gs_buf_printf(b, en(n) ? "settles %zu" : "可确定%zu项", mf[i]->settles);
        bl->note = take(n, b);
    }
}

static void footer(gs_notice *n, const govsvc_answer *a, gs_buf *b)
{
    const struct govsvc_rulebook *rb = a->rb;
    gs_nblock *bl = add(n, GS_N_SIGN);
    bl->key = W(n, "申请人（签收）", "Applicant (received)");
    bl->text = W(n, "受理人", "Officer");
    bl->note = W(n, "日期", "Date");
    gs_buf_printf(b, en(n) ? "Rulebook %s %s (%s), notice of " : "依据规则：%s %s（%s），告知日期：",
                  rb->id, rb->version, rb->digest);
    date_text(b, a->date, n->lang);
    field(n, GS_N_FOOTER, NULL, take(n, b));
}

int gs_notice_build(gs_notice *n, const govsvc_answer *a, gs_lang lang)
{
    memset(n, 0, sizeof *n);
    gs_arena_init(&n->arena);
    n->lang = lang;
    if (a->bundle)
        return gs_bundle_notice(n, a); /* 一件事一次办 (bundle.c) */
    gs_buf b;
    gs_buf_init(&b);
    header(n, a, &b);
    materials(n, a, &b);
    deadlines(n, a, &b);
    gs_deadline_notice(n, a); /* suspension, correction, extension (deadline.c) */
    service(n, a, &b);
    questions(n, a, &b);
    footer(n, a, &b);
    gs_buf_free(&b);
    return n->oom ? GOVSVC_ENOMEM : 0;
}

void gs_notice_free(gs_notice *n)
{
    gs_free(n->blocks);
    gs_arena_free(&n->arena);
    memset(n, 0, sizeof *n);
}

/* -- the public door ------------------------------------------------------ */

static int parse_lang(const char *s, gs_lang *out)
{
    if (!s || !*s || strcmp(s, "zh") == 0 || strncmp(s, "zh-", 3) == 0 ||
        strncmp(s, "zh_", 3) == 0) {
        *out = GS_LANG_ZH;
        return 0;
    }
    if (strcmp(s, "en") == 0 || strncmp(s, "en-", 3) == 0 || strncmp(s, "en_", 3) == 0) {
        *out = GS_LANG_EN;
        return 0;
    }
    return GOVSVC_EINVAL;
}

int govsvc_answer_render(const govsvc_answer *a, govsvc_notice_format format,
                         const govsvc_notice_options *opts, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (len)
        *len = 0;
    gs_lang lang = GS_LANG_ZH;
    if (!a || (opts && parse_lang(opts->lang, &lang) != 0))
        return GOVSVC_EINVAL;
    if (!a->item && !a->bundle) /* an empty answer (govsvc_answer_new) */
        return GOVSVC_EINVAL;
    if (format == GOVSVC_NOTICE_JSON)
        return govsvc_answer_to_json(a, out, len);
    if (format != GOVSVC_NOTICE_TEXT && format != GOVSVC_NOTICE_MARKDOWN &&
        format != GOVSVC_NOTICE_HTML)
        return GOVSVC_EINVAL;
    gs_notice n;
    int r = gs_notice_build(&n, a, lang);
    gs_buf b;
    gs_buf_init(&b);
    if (r == 0) {
        if (format == GOVSVC_NOTICE_TEXT)
            gs_notice_text(&n, &b);
        else if (format == GOVSVC_NOTICE_MARKDOWN)
            gs_notice_markdown(&n, &b);
        else
            gs_notice_html(&n, &b);
    }
    gs_notice_free(&n);
    if (r) {
        gs_buf_free(&b);
        return r;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

int govsvc_answer_to_text(const govsvc_answer *a, char **out, size_t *len)
{
    return govsvc_answer_render(a, GOVSVC_NOTICE_TEXT, NULL, out, len);
}

int govsvc_answer_to_markdown(const govsvc_answer *a, char **out, size_t *len)
{
    return govsvc_answer_render(a, GOVSVC_NOTICE_MARKDOWN, NULL, out, len);
}

int govsvc_answer_to_html(const govsvc_answer *a, char **out, size_t *len)
{
    return govsvc_answer_render(a, GOVSVC_NOTICE_HTML, NULL, out, len);
}

int govsvc_notice_format_parse(const char *name, govsvc_notice_format *out)
{
    static const struct {
        const char *name;
        govsvc_notice_format f;
    } names[] = {{"text", GOVSVC_NOTICE_TEXT},
                 {"json", GOVSVC_NOTICE_JSON},
                 {"markdown", GOVSVC_NOTICE_MARKDOWN},
                 {"md", GOVSVC_NOTICE_MARKDOWN},
                 {"html", GOVSVC_NOTICE_HTML}};
    for (size_t i = 0; name && i < GS_ARRAY_LEN(names); i++) {
        if (strcmp(name, names[i].name) == 0) {
            if (out)
                *out = names[i].f;
            return 0;
        }
    }
    return GOVSVC_EINVAL;
}
