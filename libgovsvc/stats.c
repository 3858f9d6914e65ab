/*
 * stats.c - the figures of a rulebook that reform reports quote
 * (govsvc/stats.h).
 *
 * What counts, where the rulebook leaves room:
 *  - 行政权力 are every national item type but 公共服务 (国发〔2022〕5号:
 *    政务服务事项 = 依申请办理的行政权力事项 + 公共服务事项; 行政备案 is
 *    among the powers).
 *  - An item's level is its own `level`, or the rulebook's.
 *  - Shares are over the items that give the field; an item that does not
 *    say is counted under "unspecified", never guessed.
 *  - Days: the item's default route (its last deadline variant: the one
 *    without `when`), when it gives both limits in working days (即办
 *    counts 0); natural-day limits are left out of the averages. The
 *    reduction is 1 - (promised days) / (statutory days) over those items.
 */
#include <stdio.h>
#include <string.h>

#include "table.h"

static const char *const TYPES[] = {"license",      "penalty", "enforcement", "levy",
                                    "payment",      "inspection", "confirmation", "reward",
                                    "ruling",       "other_power", "public_service", "filing",
                                    "unspecified",  NULL};
static const char *const TYPES_ZH[] = {"行政许可", "行政处罚", "行政强制", "行政征收",
                                       "行政给付", "行政检查", "行政确认", "行政奖励",
                                       "行政裁决", "其他行政权力", "公共服务", "行政备案",
                                       "未注明"};
static const char *const LEVELS[] = {"province", "city", "county", "township", "village",
                                     "unspecified", NULL};
static const char *const LEVELS_ZH[] = {"省级", "市级", "县级", "乡（镇、街道）级",
                                        "村（社区）级", "未注明"};
static const char *const REFORMS[] = {"cancel", "filing", "notify_commit", "optimize", "none",
                                      "unspecified", NULL};
static const char *const REFORMS_ZH[] = {"直接取消审批", "审批改为备案", "实行告知承诺",
                                         "优化审批服务", "不涉及", "未注明"};

enum { NGROUPS = 5 };

typedef struct group {
    const char **keys;
    size_t *vals;
    size_t n, cap;
} group;

struct govsvc_stats {
    govsvc_rulebook *rb;
    gs_day date; /* 0 with has_date 0: every item */
    int has_date;
    size_t items, power, service;
    group g[NGROUPS];
    size_t visits_given, visits_le1, visits_0;
    size_t online_given, online[3];
    size_t hall_given, hall_entered;
    size_t days_items;
    double statutory_sum, promised_sum;
    int oom;
};

static void count(govsvc_stats *s, govsvc_stats_group g, const char *key)
{
    group *x = &s->g[g];
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->keys[i], key) == 0) {
            x->vals[i]++;
            return;
        }
    size_t cap = x->cap;
    if (gs_grow((void **)&x->keys, &cap, x->n + 1, sizeof *x->keys) < 0 ||
        gs_grow((void **)&x->vals, &x->cap, x->n + 1, sizeof *x->vals) < 0) {
        s->oom = 1;
        return;
    }
    x->keys[x->n] = key;
    x->vals[x->n++] = 1;
}

/* Puts a group in the order of `order` (keys not in it keep their place
 * after those that are). */
static void order(group *x, const char *const *order)
{
    size_t k = 0;
    for (size_t o = 0; order[o]; o++)
        for (size_t i = k; i < x->n; i++)
            if (strcmp(x->keys[i], order[o]) == 0) {
                const char *key = x->keys[i];
                size_t v = x->vals[i];
                memmove(&x->keys[k + 1], &x->keys[k], (i - k) * sizeof *x->keys);
                memmove(&x->vals[k + 1], &x->vals[k], (i - k) * sizeof *x->vals);
                x->keys[k] = key;
                x->vals[k] = v;
                k++;
                break;
            }
}

static int days_of(gs_duration d, double *out)
{
    if (d.unit == GS_DUR_NATURAL)
        return 0;
    *out = d.unit == GS_DUR_IMMEDIATE ? 0 : d.n;
    return 1;
}

static void add_item(govsvc_stats *s, const struct govsvc_rulebook *rb, const gs_item *it)
{
    s->items++;
    const char *type = it->type ? it->type : "unspecified";
    count(s, GOVSVC_STATS_TYPE, type);
    if (strcmp(type, "public_service") == 0)
        s->service++;
    else if (it->type)
        s->power++;
    count(s, GOVSVC_STATS_LEVEL, it->level ? it->level : rb->level ? rb->level : "unspecified");
    count(s, GOVSVC_STATS_DEPARTMENT, it->department ? it->department : "unspecified");
    count(s, GOVSVC_STATS_REFORM, it->reform ? it->reform : "unspecified");
    if (it->visits >= 0) {
        s->visits_given++;
        s->visits_le1 += it->visits <= 1; /* 最多跑一次 */
        s->visits_0 += it->visits == 0;   /* 零跑动 */
    }
    if (it->online) {
        s->online_given++;
        s->online[strcmp(it->online, "none") == 0      ? 0
                  : strcmp(it->online, "partial") == 0 ? 1
                                                       : 2]++;
    }
    if (it->hall_entered >= 0) {
        s->hall_given++;
        s->hall_entered += it->hall_entered == 1;
        if (it->hall_entered == 0) /* 应进必进: each exception has its reason */
            count(s, GOVSVC_STATS_HALL_REASON, it->hall_reason ? it->hall_reason : "unspecified");
    }
    if (it->ndeadlines) {
        const gs_deadline *d = &it->deadlines[it->ndeadlines - 1];
        double st, pr;
        if (d->has_statutory && d->has_promised && days_of(d->statutory, &st) &&
            days_of(d->promised, &pr)) {
            s->days_items++;
            s->statutory_sum += st;
            s->promised_sum += pr;
        }
    }
}

int govsvc_stats_compute(govsvc_stats **out, const govsvc_rulebook *rb,
                         const govsvc_stats_options *opts)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!rb)
        return GOVSVC_EINVAL;
    govsvc_date date = opts && opts->version >= 1 ? opts->date : (govsvc_date){0, 0, 0};
    int has_date = date.year || date.month || date.day;
    if (has_date && !gs_date_valid(date.year, date.month, date.day))
        return GOVSVC_EINVAL;
    govsvc_stats *s = gs_calloc(1, sizeof *s);
    if (!s)
        return GOVSVC_ENOMEM;
    s->rb = govsvc_rulebook_ref((govsvc_rulebook *)rb);
    s->has_date = has_date;
    if (has_date)
        s->date = gs_day_from_ymd(date.year, date.month, date.day);
    for (uint32_t i = 0; i < rb->nitems; i++) {
        const gs_item *it = &rb->items[i];
        if (has_date && (s->date < it->valid_from || s->date > it->valid_until))
            continue;
        add_item(s, rb, it);
    }
    order(&s->g[GOVSVC_STATS_TYPE], TYPES);
    order(&s->g[GOVSVC_STATS_LEVEL], LEVELS);
    if (s->oom) {
        govsvc_stats_free(s);
        return GOVSVC_ENOMEM;
    }
    *out = s;
    return 0;
}

void govsvc_stats_free(govsvc_stats *s)
{
    if (!s)
        return;
    for (int g = 0; g < NGROUPS; g++) {
        gs_free(s->g[g].keys);
        gs_free(s->g[g].vals);
    }
    govsvc_rulebook_unref(s->rb);
    gs_free(s);
}

size_t govsvc_stats_items(const govsvc_stats *s)
{
    return s ? s->items : 0;
}

size_t govsvc_stats_group_count(const govsvc_stats *s, govsvc_stats_group g)
{
    return s && (unsigned)g < NGROUPS ? s->g[g].n : 0;
}

const char *govsvc_stats_group_key(const govsvc_stats *s, govsvc_stats_group g, size_t i)
{
    return i < govsvc_stats_group_count(s, g) ? s->g[g].keys[i] : NULL;
}

size_t govsvc_stats_group_value(const govsvc_stats *s, govsvc_stats_group g, size_t i)
{
    return i < govsvc_stats_group_count(s, g) ? s->g[g].vals[i] : 0;
}

static double share(size_t part, size_t whole)
{
    return whole ? (double)part / (double)whole : 0;
}

double govsvc_stats_get(const govsvc_stats *s, govsvc_stats_figure f)
{
    if (!s)
        return 0;
    switch (f) {
    case GOVSVC_STATS_POWER_ITEMS: return (double)s->power;
    case GOVSVC_STATS_SERVICE_ITEMS: return (double)s->service;
    case GOVSVC_STATS_VISITS_AT_MOST_ONE: return share(s->visits_le1, s->visits_given);
    case GOVSVC_STATS_VISITS_ZERO: return share(s->visits_0, s->visits_given);
    case GOVSVC_STATS_ONLINE_NONE: return share(s->online[0], s->online_given);
    case GOVSVC_STATS_ONLINE_PARTIAL: return share(s->online[1], s->online_given);
    case GOVSVC_STATS_ONLINE_FULL: return share(s->online[2], s->online_given);
    case GOVSVC_STATS_HALL_ENTERED: return share(s->hall_entered, s->hall_given);
    case GOVSVC_STATS_STATUTORY_DAYS:
        return s->days_items ? s->statutory_sum / (double)s->days_items : 0;
    case GOVSVC_STATS_PROMISED_DAYS:
        return s->days_items ? s->promised_sum / (double)s->days_items : 0;
    case GOVSVC_STATS_REDUCTION:
        return s->statutory_sum > 0 ? 1 - s->promised_sum / s->statutory_sum : 0;
    }
    return 0;
}

/* -- output --------------------------------------------------------------- */

/* A fraction or an average with at most 4 decimals, no trailing zeros:
 * 0.75, 1, 18.25. Deterministic (no locale: the C locale's '.'). */
static void number(gs_buf *b, double x)
{
    char t[48];
    snprintf(t, sizeof t, "%.4f", x);
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 0 && t[n - 1] == '.')
        t[--n] = '\0';
    gs_buf_puts(b, strcmp(t, "-0") == 0 ? "0" : t);
}

static const char *zh_of(const char *const *keys, const char *const *zh, const char *key)
{
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(keys[i], key) == 0)
            return zh[i];
    return key;
}

static void group_json(gs_buf *b, const govsvc_stats *s, govsvc_stats_group g, const char *name,
                       const char *key)
{
    gs_buf_printf(b, ",\n  \"%s\": [", name);
    for (size_t i = 0; i < s->g[g].n; i++) {
        gs_buf_printf(b, "%s{\"%s\": ", i ? ", " : "", key);
        gs_buf_json_str(b, s->g[g].keys[i]);
        gs_buf_printf(b, ", \"items\": %zu}", s->g[g].vals[i]);
    }
    gs_buf_puts(b, "]");
}

int govsvc_stats_to_json(const govsvc_stats *s, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!s)
        return GOVSVC_EINVAL;
    const struct govsvc_rulebook *rb = s->rb;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, "{\n  \"schema\": \"govsvc.stats/1\",\n  \"rulebook\": {\"id\": ");
    gs_buf_json_str(&b, rb->id);
    gs_buf_puts(&b, ", \"version\": ");
    gs_buf_json_str(&b, rb->version);
    gs_buf_puts(&b, ", \"digest\": ");
    gs_buf_json_str(&b, rb->digest);
    gs_buf_puts(&b, "},\n  \"date\": ");
    if (s->has_date) {
        char t[11];
        gs_date_format(s->date, t);
        gs_buf_json_str(&b, t);
    } else {
        gs_buf_puts(&b, "null");
    }
    gs_buf_printf(&b, ",\n  \"items\": %zu,\n  \"power_items\": %zu,\n  \"service_items\": %zu",
                  s->items, s->power, s->service);
    group_json(&b, s, GOVSVC_STATS_TYPE, "by_type", "type");
    group_json(&b, s, GOVSVC_STATS_LEVEL, "by_level", "level");
    group_json(&b, s, GOVSVC_STATS_DEPARTMENT, "by_department", "department");
    group_json(&b, s, GOVSVC_STATS_REFORM, "by_reform", "reform");
    gs_buf_printf(&b, ",\n  \"visits\": {\"given\": %zu, \"at_most_one\": %zu, \"zero\": %zu, "
                      "\"share_at_most_one\": ",
                  s->visits_given, s->visits_le1, s->visits_0);
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_VISITS_AT_MOST_ONE));
    gs_buf_puts(&b, ", \"share_zero\": ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_VISITS_ZERO));
    gs_buf_printf(&b, "},\n  \"online\": {\"given\": %zu, \"none\": %zu, \"partial\": %zu, "
                      "\"full\": %zu, \"share_none\": ",
                  s->online_given, s->online[0], s->online[1], s->online[2]);
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_NONE));
    gs_buf_puts(&b, ", \"share_partial\": ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_PARTIAL));
    gs_buf_puts(&b, ", \"share_full\": ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_FULL));
    gs_buf_printf(&b, "},\n  \"hall\": {\"given\": %zu, \"entered\": %zu, \"not_entered\": %zu, "
                      "\"share_entered\": ",
                  s->hall_given, s->hall_entered, s->hall_given - s->hall_entered);
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_HALL_ENTERED));
    gs_buf_puts(&b, ", \"not_entered_by_reason\": [");
    const group *h = &s->g[GOVSVC_STATS_HALL_REASON];
    for (size_t i = 0; i < h->n; i++) {
        gs_buf_puts(&b, i ? ", {\"reason\": " : "{\"reason\": ");
        gs_buf_json_str(&b, h->keys[i]);
        gs_buf_printf(&b, ", \"items\": %zu}", h->vals[i]);
    }
    gs_buf_printf(&b, "]},\n  \"days\": {\"items\": %zu, \"statutory_average\": ", s->days_items);
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_STATUTORY_DAYS));
    gs_buf_puts(&b, ", \"promised_average\": ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_PROMISED_DAYS));
    gs_buf_puts(&b, ", \"reduction\": ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_REDUCTION));
    gs_buf_puts(&b, "}\n}\n");
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

static void percent(gs_buf *b, double x)
{
    gs_buf_printf(b, "%.1f%%", x * 100);
}

static void group_text(gs_buf *b, const govsvc_stats *s, govsvc_stats_group g, const char *title,
                       const char *const *keys, const char *const *zh)
{
    gs_buf_printf(b, "%s：\n", title);
    if (!s->g[g].n)
        gs_buf_puts(b, "  （无）\n");
    for (size_t i = 0; i < s->g[g].n; i++) {
        const char *k = s->g[g].keys[i];
        const char *shown = keys                             ? zh_of(keys, zh, k)
                            : strcmp(k, "unspecified") == 0 ? "未注明"
                                                              : k;
        gs_buf_printf(b, "  %s %zu 项\n", shown, s->g[g].vals[i]);
    }
}

int govsvc_stats_to_text(const govsvc_stats *s, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!s)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, "事项统计：%s %s，共 %zu 项事项", s->rb->id, s->rb->version, s->items);
    if (s->has_date) {
        char t[11];
        gs_date_format(s->date, t);
        gs_buf_printf(&b, "（%s 有效）", t);
    }
    gs_buf_printf(&b, "\n  行政权力事项 %zu 项，公共服务事项 %zu 项\n\n", s->power, s->service);
    group_text(&b, s, GOVSVC_STATS_TYPE, "事项类型", TYPES, TYPES_ZH);
    group_text(&b, s, GOVSVC_STATS_LEVEL, "行使层级", LEVELS, LEVELS_ZH);
    group_text(&b, s, GOVSVC_STATS_DEPARTMENT, "实施机关", NULL, NULL);
    group_text(&b, s, GOVSVC_STATS_REFORM, "改革方式", REFORMS, REFORMS_ZH);
    gs_buf_printf(&b, "\n到现场次数（%zu 项注明）：最多跑一次（≤1 次）%zu 项，占 ", s->visits_given,
                  s->visits_le1);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_VISITS_AT_MOST_ONE));
    gs_buf_printf(&b, "；零跑动 %zu 项，占 ", s->visits_0);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_VISITS_ZERO));
    gs_buf_printf(&b, "\n网上办理（%zu 项注明）：不支持网办 %zu 项（", s->online_given,
                  s->online[0]);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_NONE));
    gs_buf_printf(&b, "），部分网办 %zu 项（", s->online[1]);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_PARTIAL));
    gs_buf_printf(&b, "），全程网办 %zu 项（", s->online[2]);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_ONLINE_FULL));
    gs_buf_printf(&b, "）\n进驻政务服务大厅（%zu 项注明）：进驻 %zu 项（", s->hall_given,
                  s->hall_entered);
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_HALL_ENTERED));
    gs_buf_printf(&b, "），未进驻 %zu 项\n", s->hall_given - s->hall_entered);
    const group *h = &s->g[GOVSVC_STATS_HALL_REASON];
    for (size_t i = 0; i < h->n; i++)
        gs_buf_printf(&b, "  未进驻原因：%s %zu 项\n", h->keys[i], h->vals[i]);
    gs_buf_printf(&b, "办结时限（%zu 项以工作日计）：法定平均 ", s->days_items);
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_STATUTORY_DAYS));
    gs_buf_puts(&b, " 个工作日，承诺平均 ");
    number(&b, govsvc_stats_get(s, GOVSVC_STATS_PROMISED_DAYS));
    gs_buf_puts(&b, " 个工作日，承诺比法定压缩 ");
    percent(&b, govsvc_stats_get(s, GOVSVC_STATS_REDUCTION));
    gs_buf_puts(&b, "\n");
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}
