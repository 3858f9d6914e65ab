/*
 * answer_text.c - the printable one-time notice (一次性告知单) in Chinese.
 *
 * The notice says, for each material, what the applicant does with it in
 * plain words, then by when the office decides. Residual conditions are
 * shown with the facts' labels where the rulebook gives them.
 */
#include <string.h>

#include "answer_int.h"

static void date_zh(gs_buf *b, gs_day d)
{
    int y, m, dd;
    gs_ymd_from_day(d, &y, &m, &dd);
    gs_buf_printf(b, "%d年%d月%d日", y, m, dd);
}

static void forms_zh(gs_buf *b, unsigned form, unsigned copies)
{
    static const char *const names[] = {"原件", "复印件", "电子件"};
    int first = 1;
    for (int i = 0; i < 3; i++) {
        if (!(form & (1u << i)))
            continue;
        gs_buf_puts(b, first ? "（" : "、");
        gs_buf_puts(b, names[i]);
        first = 0;
    }
    if (copies) {
        gs_buf_puts(b, first ? "（" : "，");
        gs_buf_printf(b, "%u份", copies);
        first = 0;
    }
    if (!first)
        gs_buf_puts(b, "）");
}

/* The residual condition with fact names replaced by their labels. */
static void condition_zh(gs_buf *b, const govsvc_answer *a, const char *cond)
{
    const gs_schema *s = &a->rb->schema;
    const char *p = cond;
    while (*p) {
        int matched = 0;
        if (p == cond || !(p[-1] == '.' || p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
                           (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'))) {
            for (uint32_t i = 0; i < s->count && !matched; i++) {
                const gs_fact *f = &s->facts[i];
                char next = p[f->name_len];
                int boundary = !(next == '.' || next == '_' || (next >= 'a' && next <= 'z') ||
                                 (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9'));
                if (f->label && strncmp(p, f->name, f->name_len) == 0 && boundary) {
                    gs_buf_puts(b, f->label);
                    p += f->name_len;
                    matched = 1;
                }
            }
        }
        if (!matched)
            gs_buf_putc(b, *p++);
    }
}

int govsvc_answer_to_text(const govsvc_answer *a, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!a)
        return GOVSVC_EINVAL;
    const gs_item *it = a->item;
    const struct govsvc_rulebook *rb = a->rb;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, "一次性告知单\n============\n");
    gs_buf_printf(&b, "事项：%s（%s）\n", it->name ? it->name : it->code, it->code);
    if (it->department)
        gs_buf_printf(&b, "实施机关：%s\n", it->department);
    for (uint32_t i = 0; i < it->legal_basis.n; i++)
        gs_buf_printf(&b, "%s%s", i ? "、" : "设定依据：", it->legal_basis.v[i]);
    if (it->legal_basis.n)
        gs_buf_puts(&b, "\n");
    if (it->result)
        gs_buf_printf(&b, "办理结果：%s\n", it->result);
    gs_buf_puts(&b, "受理日期：");
    date_zh(&b, a->date);
    gs_buf_puts(&b, "\n\n申请材料：\n");
    if (!a->nmats)
        gs_buf_puts(&b, "  （无需提交材料）\n");
    for (uint32_t i = 0; i < a->nmats; i++) {
        const gs_amat *m = &a->mats[i];
        gs_buf_printf(&b, "  %u. %s", i + 1, m->mat->name ? m->mat->name : m->mat->id);
        switch (m->status) {
        case GOVSVC_STATUS_SHARED: gs_buf_puts(&b, " —— 免提交（部门共享获取）"); break;
        case GOVSVC_STATUS_COMMITMENT:
            gs_buf_puts(&b, " —— 可告知承诺（签署承诺书代替");
            if (m->has_verify) {
                gs_buf_puts(&b, "，核查期至");
                date_zh(&b, m->verify_due);
            }
            gs_buf_puts(&b, "）");
            break;
        case GOVSVC_STATUS_DEFERRED:
            gs_buf_puts(&b, " —— 容缺后补，");
            date_zh(&b, m->due);
            gs_buf_puts(&b, "前补交");
            forms_zh(&b, m->form, m->copies);
            break;
        case GOVSVC_STATUS_REQUIRED:
            gs_buf_puts(&b, " —— 需提交");
            forms_zh(&b, m->form, m->copies);
            break;
        case GOVSVC_STATUS_CONDITIONAL:
            gs_buf_puts(&b, " —— 视情况提交：当 ");
            condition_zh(&b, a, m->condition ? m->condition : "");
            gs_buf_puts(&b, " 时");
            forms_zh(&b, m->form, m->copies);
            break;
        }
        gs_buf_puts(&b, "\n");
    }
    const gs_deadline *d = a->deadline;
    if (d || a->deadline_condition) {
        gs_buf_puts(&b, "\n办理时限：\n");
        char t[32];
        if (!d) {
            gs_buf_puts(&b, "  视办理情形而定：");
            condition_zh(&b, a, a->deadline_condition);
            gs_buf_puts(&b, "\n");
        }
        if (d && a->has_promised_due) {
            gs_duration_format_zh(d->promised, t);
            gs_buf_printf(&b, "  承诺办结时限：%s，", t);
            date_zh(&b, a->promised_due);
            gs_buf_puts(&b, d->promised.unit == GS_DUR_IMMEDIATE ? "当场办结\n" : "前办结\n");
        }
        if (d && a->has_statutory_due) {
            gs_duration_format_zh(d->statutory, t);
            gs_buf_printf(&b, "  法定办结时限：%s，", t);
            date_zh(&b, a->statutory_due);
            gs_buf_puts(&b, d->statutory.unit == GS_DUR_IMMEDIATE ? "当场办结\n" : "前办结\n");
        }
        if (d && d->has_extension) {
            gs_duration_format_zh(d->extension, t);
            gs_buf_printf(&b, "  经批准可延长：%s\n", t);
        }
        for (uint32_t i = 0; d && i < d->nspecial; i++) {
            gs_duration_format_zh(d->special[i].max, t);
            gs_buf_printf(&b, "  特殊环节（不计入时限）：%s，最长%s\n", d->special[i].name, t);
        }
    }
    if (it->visits >= 0 || it->online) {
        gs_buf_puts(&b, "\n");
        if (it->visits >= 0)
            gs_buf_printf(&b, "到现场次数：%d次", it->visits);
        if (it->online) {
            const char *o = strcmp(it->online, "full") == 0      ? "全程网办"
                            : strcmp(it->online, "partial") == 0 ? "部分网办"
                                                                 : "不支持网办";
            gs_buf_printf(&b, "%s网上办理：%s", it->visits >= 0 ? "；" : "", o);
        }
        gs_buf_puts(&b, "\n");
    }
    if (a->nask) {
        gs_buf_puts(&b, "\n尚需了解：");
        for (uint32_t i = 0; i < a->nask; i++) {
            const gs_fact *f = &rb->schema.facts[a->ask[i]];
            gs_buf_printf(&b, "%s%s", i ? "、" : "", f->label ? f->label : f->name);
        }
        gs_buf_puts(&b, "\n");
    }
    gs_buf_printf(&b, "\n依据：%s %s（%s）\n", rb->id, rb->version, rb->digest);
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}
