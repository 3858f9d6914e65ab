/*
 * diff_text.c - the semantic diff for people: plain Chinese text for a
 * terminal or a circular, and Markdown whose tables read as the 对照表 of a
 * standard's revision (一个事项一行，一项变化一行).
 */
#include <stdio.h>
#include <string.h>

#include "diff_cases.h"
#include "diff_int.h"

static const char *label(const char *field)
{
    static const struct {
        const char *key, *zh;
    } L[] = {
        {"name", "名称"},
        {"type", "事项类型"},
        {"department", "实施机关"},
        {"level", "层级"},
        {"reform", "改革方式"},
        {"commitment", "告知承诺"},
        {"valid.from", "有效期起"},
        {"valid.until", "有效期止"},
        {"visits", "到现场次数"},
        {"online", "网上办理"},
        {"hall.entered", "进驻政务服务大厅"},
        {"hall.reason", "不进驻原因"},
        {"fee", "收费"},
        {"result", "办理结果"},
        {"promised", "承诺办结时限"},
        {"statutory", "法定办结时限"},
        {"extension", "延长期限"},
        {"special", "特殊环节"},
        {"variant", "办理情形"},
        {"when", "提交条件"},
        {"shared_when", "共享获取条件"},
        {"copies", "份数"},
        {"form", "材料形式"},
        {"source", "来源渠道"},
        {"id", "材料编号"},
        {"policy.commitment_eligible", "告知承诺适用条件"},
        {"policy.deferral_eligible", "容缺受理适用条件"},
        {"fact", "事实"},
        {"bundle", "一件事"},
    };
    for (size_t i = 0; i < GS_ARRAY_LEN(L); i++)
        if (strcmp(L[i].key, field) == 0)
            return L[i].zh;
    return field;
}

static const char *status_zh(int st)
{
    switch (st) {
    case GOVSVC_STATUS_SHARED: return "免提交";
    case GOVSVC_STATUS_COMMITMENT: return "可告知承诺";
    case GOVSVC_STATUS_DEFERRED: return "容缺后补";
    case GOVSVC_STATUS_REQUIRED: return "需提交";
    case GOVSVC_STATUS_CONDITIONAL: return "视情况提交";
    default: return "不需要";
    }
}

/* Markdown table cells: '|' and line ends would break the row. */
static void cell(gs_buf *b, const char *s, int md)
{
    for (; s && *s; s++) {
        if (md && *s == '|')
            gs_buf_puts(b, "\\|");
        else if (md && *s == '\n')
            gs_buf_putc(b, ' ');
        else
            gs_buf_putc(b, *s);
    }
}

static void variant_words(gs_buf *b, const char *variant, int md)
{
    if (!variant)
        return;
    if (!*variant) {
        gs_buf_puts(b, "（其他情形）");
        return;
    }
    gs_buf_puts(b, md ? "（当 `" : "（当 ");
    cell(b, variant, md);
    gs_buf_puts(b, md ? "` 时）" : " 时）");
}

static const char *material_name(const govsvc_diff_report *d, const char *id)
{
    uint32_t i;
    if (gs_strmap_get(&d->to->material_index, id, strlen(id), &i) && d->to->materials[i].name)
        return d->to->materials[i].name;
    if (gs_strmap_get(&d->from->material_index, id, strlen(id), &i) &&
        d->from->materials[i].name)
        return d->from->materials[i].name;
    return id;
}

/* The subject of a change ("承诺办结时限（其他情形）", "营业执照 提交条件") and
 * its value ("20 → 7 个工作日"), for a line or a table row. */
static void change_subject(gs_buf *b, const govsvc_diff_report *d, const gs_change *c, int md)
{
    switch (c->kind) {
    case GS_CH_DEADLINE:
    case GS_CH_VARIANT:
        gs_buf_puts(b, label(c->field));
        variant_words(b, c->variant, md);
        break;
    case GS_CH_MAT_ADDED: gs_buf_puts(b, "新增材料"); break;
    case GS_CH_MAT_REMOVED: gs_buf_puts(b, "删除材料"); break;
    case GS_CH_MAT_RENAMED:
    case GS_CH_MAT_LINE:
    case GS_CH_MAT_CATALOGUE:
        cell(b, material_name(d, c->material), md);
        gs_buf_printf(b, " %s", c->kind == GS_CH_MAT_RENAMED && strcmp(c->field, "name") == 0
                                    ? "材料名称"
                                    : label(c->field));
        break;
    default:
        gs_buf_puts(b, label(c->field));
        if (c->material)
            gs_buf_printf(b, " %s", c->material);
        break;
    }
}

static void value(gs_buf *b, const char *s, int md)
{
    if (!s)
        gs_buf_puts(b, "无");
    else if (md)
        cell(b, s, md);
    else
        gs_buf_puts(b, s);
}

static void change_value(gs_buf *b, const gs_change *c, int md)
{
    if (c->kind == GS_CH_MAT_ADDED) {
        cell(b, c->to, md);
        gs_buf_printf(b, "（%s）", c->material);
    } else if (c->kind == GS_CH_MAT_REMOVED) {
        cell(b, c->from, md);
        gs_buf_printf(b, "（%s）", c->material);
    } else if (c->kind == GS_CH_DEADLINE && strcmp(c->field, "special") != 0) {
        gs_diff_duration_change(b, c->has_dfrom, c->dfrom, c->has_dto, c->dto, 1);
        if (c->from_statutory)
            gs_buf_puts(b, "（原未作承诺，按法定时限）");
        if (c->to_statutory)
            gs_buf_puts(b, "（不再作承诺，按法定时限）");
    } else {
        value(b, c->from, md);
        gs_buf_puts(b, " → ");
        value(b, c->to, md);
    }
}

/* A deadline in one situation: "3个工作日" (promised, else statutory),
 * "视办理情形而定", "无办结时限". */
static void limit_state(gs_buf *b, const gs_sit_deadline *s)
{
    if (s->state != 1 || (!s->has_promised && !s->has_statutory)) {
        gs_buf_puts(b, s->state == 2 ? "视办理情形而定" : "无办结时限");
        return;
    }
    gs_duration d = s->has_promised ? s->promised : s->statutory;
    if (d.unit == GS_DUR_IMMEDIATE)
        gs_buf_puts(b, "即办");
    else
        gs_buf_printf(b, d.unit == GS_DUR_WORKING ? "%d个工作日" : "%d日", (int)d.n);
}

static void sit_deadline_words(gs_buf *b, const gs_situation *s)
{
    const gs_sit_deadline *f = &s->dfrom, *t = &s->dto;
    if (f->state == 1 && t->state == 1) {
        int first = 1;
        /* As for the written changes: a side without a promise is held to
         * its statutory limit. */
        int eff = f->has_promised != t->has_promised;
        int fo = eff && !f->has_promised && f->has_statutory;
        int tn = eff && !t->has_promised && t->has_statutory;
        gs_duration fp = fo ? f->statutory : f->promised, tp = tn ? t->statutory : t->promised;
        int hf = f->has_promised || fo, ht = t->has_promised || tn;
        if (hf != ht || fp.unit != tp.unit || fp.n != tp.n) {
            gs_buf_puts(b, "承诺办结时限 ");
            gs_diff_duration_change(b, hf, fp, ht, tp, 1);
            gs_buf_puts(b, fo ? "（原按法定时限）" : tn ? "（改按法定时限）" : "");
            first = 0;
        }
        if (f->has_statutory != t->has_statutory || f->statutory.unit != t->statutory.unit ||
            f->statutory.n != t->statutory.n) {
            gs_buf_puts(b, first ? "法定办结时限 " : "，法定办结时限 ");
            gs_diff_duration_change(b, f->has_statutory, f->statutory, t->has_statutory,
                                    t->statutory, 1);
        }
        return;
    }
    gs_buf_puts(b, "办结时限 ");
    limit_state(b, f);
    gs_buf_puts(b, " → ");
    limit_state(b, t);
}

/* "营业执照 需提交 → 免提交；承诺办结时限 13 → 5 个工作日" */
static void sit_changes(gs_buf *b, const gs_situation *s, const char *sep, int md)
{
    for (uint32_t k = 0; k < s->nmats; k++) {
        gs_buf_puts(b, k ? sep : "");
        cell(b, s->mats[k].name, md);
        gs_buf_printf(b, " %s → %s", status_zh(s->mats[k].from), status_zh(s->mats[k].to));
    }
    if (s->deadline_changed) {
        gs_buf_puts(b, s->nmats ? sep : "");
        sit_deadline_words(b, s);
    }
}

static void sit_facts(gs_buf *b, const gs_situation *s, int md)
{
    if (!s->facts_text[0]) {
        gs_buf_puts(b, "所有情形");
        return;
    }
    if (md)
        gs_buf_puts(b, "`");
    cell(b, s->facts_text, md);
    if (md)
        gs_buf_puts(b, "`");
}

static const char *change_word(gs_item_change c)
{
    return c == GS_IT_ADDED ? "新增" : c == GS_IT_REMOVED ? "取消" : "变更";
}

static void version_line(gs_buf *b, const char *what, const struct govsvc_rulebook *rb)
{
    char e[11] = "?";
    if (rb->effective != GS_DAY_MIN)
        gs_date_format(rb->effective, e);
    gs_buf_printf(b, "  %s：%s %s，%s 起施行（%s）\n", what, rb->id, rb->version, e, rb->digest);
}

static void totals(gs_buf *b, const govsvc_diff_report *d)
{
    const long *t = d->totals;
    gs_buf_printf(b, "变更事项 %ld 项，新增事项 %ld 项，取消事项 %ld 项；取消证明材料 %ld 项；"
                     "压缩承诺办结时限 %ld 个工作日",
                  t[GOVSVC_DIFF_ITEMS_CHANGED], t[GOVSVC_DIFF_ITEMS_ADDED],
                  t[GOVSVC_DIFF_ITEMS_REMOVED], t[GOVSVC_DIFF_PROOFS_CANCELLED],
                  t[GOVSVC_DIFF_DAYS_SAVED]);
    if (t[GOVSVC_DIFF_DAYS_ADDED])
        gs_buf_printf(b, "（延长 %ld 个工作日）", t[GOVSVC_DIFF_DAYS_ADDED]);
    gs_buf_printf(b, "；答复变化的情形 %ld 类。", t[GOVSVC_DIFF_SITUATIONS]);
}

/* "比较了 48 种组合", or when capped "组合共 4800 种，只比较了前 4096 种". */
static void compared_words(gs_buf *b, const gs_ditem *it)
{
    if (it->capped)
        gs_buf_printf(b, "组合共 %zu 种，超过上限，只比较了前 %zu 种", it->combinations,
                      it->enumerated);
    else
        gs_buf_printf(b, "比较了 %zu 种组合", it->enumerated);
}

int govsvc_diff_to_text(const govsvc_diff_report *d, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!d)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, "规则比较：%s %s → %s %s\n", d->from->id, d->from->version, d->to->id,
                  d->to->version);
    version_line(&b, "旧版本", d->from);
    version_line(&b, "新版本", d->to);
    if (d->nchanges) {
        gs_buf_puts(&b, "\n规则变化：\n");
        for (uint32_t i = 0; i < d->nchanges; i++) {
            gs_buf_puts(&b, "  ");
            change_subject(&b, d, &d->changes[i], 0);
            gs_buf_puts(&b, "：");
            change_value(&b, &d->changes[i], 0);
            gs_buf_puts(&b, "\n");
        }
    }
    if (!d->nitems)
        gs_buf_puts(&b, "\n事项：无变化\n");
    for (uint32_t i = 0; i < d->nitems; i++) {
        const gs_ditem *it = &d->items[i];
        gs_buf_printf(&b, "\n[%s] %s %s\n", change_word(it->change), it->code,
                      it->name ? it->name : "");
        if (it->change != GS_IT_CHANGED)
            continue;
        for (uint32_t k = 0; k < it->nchanges; k++) {
            gs_buf_puts(&b, "  ");
            change_subject(&b, d, &it->changes[k], 0);
            gs_buf_puts(&b, "：");
            change_value(&b, &it->changes[k], 0);
            gs_buf_puts(&b, "\n");
        }
        if (it->nsits) {
            gs_buf_printf(&b, "  答复变化的情形（%u 类，", it->nsits);
            compared_words(&b, it);
            gs_buf_puts(&b, "）：\n");
        }
        for (uint32_t k = 0; k < it->nsits; k++) {
            const gs_situation *s = &it->sits[k];
            gs_buf_printf(&b, "    %u. ", k + 1);
            sit_facts(&b, s, 0);
            gs_buf_printf(&b, "（%zu 种组合）：", s->combinations);
            sit_changes(&b, s, "；", 0);
            gs_buf_puts(&b, "\n");
        }
    }
    gs_buf_puts(&b, "\n合计：");
    totals(&b, d);
    gs_buf_puts(&b, "\n");
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

/* The item's time-limit changes, for the summary table. */
static void deadline_summary(gs_buf *b, const gs_ditem *it, const char *field)
{
    int n = 0;
    for (uint32_t k = 0; k < it->nchanges; k++) {
        const gs_change *c = &it->changes[k];
        if (c->kind != GS_CH_DEADLINE || strcmp(c->field, field) != 0)
            continue;
        gs_buf_puts(b, n++ ? "；" : "");
        gs_diff_duration_change(b, c->has_dfrom, c->dfrom, c->has_dto, c->dto, 1);
        variant_words(b, c->variant, 1);
    }
    if (!n)
        gs_buf_puts(b, "—");
}

static void material_summary(gs_buf *b, const gs_ditem *it)
{
    int added = 0, removed = 0, other = 0;
    for (uint32_t k = 0; k < it->nchanges; k++) {
        gs_change_kind kind = it->changes[k].kind;
        added += kind == GS_CH_MAT_ADDED;
        removed += kind == GS_CH_MAT_REMOVED;
        other += kind == GS_CH_MAT_RENAMED || kind == GS_CH_MAT_LINE ||
                 kind == GS_CH_MAT_CATALOGUE;
    }
    int n = 0;
    if (added)
        gs_buf_printf(b, "新增 %d", added), n++;
    if (removed)
        gs_buf_printf(b, "%s删除 %d", n++ ? "，" : "", removed);
    if (other)
        gs_buf_printf(b, "%s调整 %d", n++ ? "，" : "", other);
    if (!n)
        gs_buf_puts(b, "—");
}

int govsvc_diff_to_markdown(const govsvc_diff_report *d, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!d)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    char ef[11] = "?", et[11] = "?";
    if (d->from->effective != GS_DAY_MIN)
        gs_date_format(d->from->effective, ef);
    if (d->to->effective != GS_DAY_MIN)
        gs_date_format(d->to->effective, et);
    gs_buf_printf(&b, "# 规则比较：%s %s → %s %s\n\n", d->from->id, d->from->version, d->to->id,
                  d->to->version);
    gs_buf_puts(&b, "| | 旧版本 | 新版本 |\n|---|---|---|\n");
    gs_buf_printf(&b, "| 规则 | %s | %s |\n", d->from->id, d->to->id);
    gs_buf_printf(&b, "| 版本 | %s | %s |\n", d->from->version, d->to->version);
    gs_buf_printf(&b, "| 施行日期 | %s | %s |\n", ef, et);
    gs_buf_printf(&b, "| 摘要 | `%s` | `%s` |\n", d->from->digest, d->to->digest);
    if (d->nchanges) {
        gs_buf_puts(&b, "\n## 规则变化\n\n| 项目 | 原 | 新 |\n|---|---|---|\n");
        for (uint32_t i = 0; i < d->nchanges; i++) {
            const gs_change *c = &d->changes[i];
            gs_buf_puts(&b, "| ");
            change_subject(&b, d, c, 1);
            gs_buf_puts(&b, " | ");
            value(&b, c->from, 1);
            gs_buf_puts(&b, " | ");
            value(&b, c->to, 1);
            gs_buf_puts(&b, " |\n");
        }
    }
    gs_buf_puts(&b, "\n## 事项变化\n\n");
    if (!d->nitems)
        gs_buf_puts(&b, "无变化。\n");
    else
        gs_buf_puts(&b, "| 事项 | 变化 | 承诺办结时限 | 法定办结时限 | 材料 | 答复变化的情形 |\n"
                        "|---|---|---|---|---|---|\n");
    for (uint32_t i = 0; i < d->nitems; i++) {
        const gs_ditem *it = &d->items[i];
        gs_buf_printf(&b, "| %s ", it->code);
        cell(&b, it->name, 1);
        gs_buf_printf(&b, " | %s | ", change_word(it->change));
        deadline_summary(&b, it, "promised");
        gs_buf_puts(&b, " | ");
        deadline_summary(&b, it, "statutory");
        gs_buf_puts(&b, " | ");
        material_summary(&b, it);
        gs_buf_printf(&b, " | %u |\n", it->nsits);
    }
    for (uint32_t i = 0; i < d->nitems; i++) {
        const gs_ditem *it = &d->items[i];
        if (it->change != GS_IT_CHANGED)
            continue;
        gs_buf_printf(&b, "\n### %s ", it->code);
        cell(&b, it->name, 1);
        gs_buf_puts(&b, "\n");
        if (it->nchanges) {
            gs_buf_puts(&b, "\n| 项目 | 变化 |\n|---|---|\n");
            for (uint32_t k = 0; k < it->nchanges; k++) {
                gs_buf_puts(&b, "| ");
                change_subject(&b, d, &it->changes[k], 1);
                gs_buf_puts(&b, " | ");
                change_value(&b, &it->changes[k], 1);
                gs_buf_puts(&b, " |\n");
            }
        }
        if (it->nsits) {
            gs_buf_puts(&b, "\n答复变化的情形（");
            compared_words(&b, it);
            gs_buf_puts(&b, "）：\n\n| # | 情形（示例） | 组合数 | 答复的变化 |\n"
                            "|---|---|---|---|\n");
        }
        for (uint32_t k = 0; k < it->nsits; k++) {
            const gs_situation *s = &it->sits[k];
            gs_buf_printf(&b, "| %u | ", k + 1);
            sit_facts(&b, s, 1);
            gs_buf_printf(&b, " | %zu | ", s->combinations);
            sit_changes(&b, s, "；", 1);
            gs_buf_puts(&b, " |\n");
        }
    }
    const long *t = d->totals;
    gs_buf_puts(&b, "\n## 合计\n\n| 指标 | 数量 |\n|---|---|\n");
    gs_buf_printf(&b, "| 变更事项 | %ld |\n| 新增事项 | %ld |\n| 取消事项 | %ld |\n",
                  t[GOVSVC_DIFF_ITEMS_CHANGED], t[GOVSVC_DIFF_ITEMS_ADDED],
                  t[GOVSVC_DIFF_ITEMS_REMOVED]);
    gs_buf_printf(&b, "| 取消证明材料 | %ld |\n| 压缩承诺办结时限（工作日） | %ld |\n",
                  t[GOVSVC_DIFF_PROOFS_CANCELLED], t[GOVSVC_DIFF_DAYS_SAVED]);
    if (t[GOVSVC_DIFF_DAYS_ADDED])
        gs_buf_printf(&b, "| 延长承诺办结时限（工作日） | %ld |\n", t[GOVSVC_DIFF_DAYS_ADDED]);
    gs_buf_printf(&b, "| 答复变化的情形 | %ld |\n", t[GOVSVC_DIFF_SITUATIONS]);
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}
