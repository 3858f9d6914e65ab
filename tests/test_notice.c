/*
 * test_notice.c - the notice for people: conditions printed with the facts'
 * labels, the text / Markdown / HTML notices in Chinese and English, the
 * explanation (--explain) of a material with nested conditions and of a
 * blocked commitment, the order of the next questions (`ask`) and
 * govsvc_answer_missing_facts(), and rendering when memory runs out.
 *
 * The data is tests/data/notice.yaml; argv[1] is the source root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "table.h"
#include "testutil.h"

static char root[1024];
static govsvc_rulebook *rb;

/* -- fixtures ------------------------------------------------------------- */

static void setup(void)
{
    rb = tu_load(root, "tests/data/notice.yaml");
}

static void teardown(void)
{
    govsvc_rulebook_unref(rb);
    rb = NULL;
}

/* An answer for `item` on 2026-02-13 with "name=value" facts (NULL-ended). */
static govsvc_answer *query(const char *item, unsigned flags, const char *const *kv)
{
    govsvc_facts *f = tu_facts(rb, kv);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = (govsvc_date){2026, 2, 13};
    o.flags = flags;
    govsvc_answer *a = NULL;
    ck_assert_int_eq(govsvc_query_item(&a, rb, item, f, &o, NULL), 0);
    govsvc_facts_free(f); /* the answer must not need the facts any more */
    return a;
}

static char *render(const govsvc_answer *a, govsvc_notice_format fmt, const char *lang)
{
    govsvc_notice_options o = GOVSVC_NOTICE_OPTIONS_INIT;
    o.lang = lang;
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(govsvc_answer_render(a, fmt, &o, &out, &len), 0);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(strlen(out), len);
    return out;
}

#define HAS(text, what) ck_assert_msg(strstr((text), (what)) != NULL, "missing: %s\nin:\n%s", \
                                      (what), (text))
#define HAS_NOT(text, what) ck_assert_msg(strstr((text), (what)) == NULL, \
                                          "unexpected: %s\nin:\n%s", (what), (text))

/* -- conditions with labels ----------------------------------------------- */

static const struct {
    const char *src, *zh, *en;
} LABEL_CASES[] = {
    {"premises.area >= 300", "经营场所面积（平方米） ≥ 300", "Floor area (m²) ≥ 300"},
    {"applicant.type != 'person'", "申请人类型 ≠ person", "Applicant type ≠ person"},
    {"not (premises.area < 50)", "经营场所面积（平方米） ≥ 50", "Floor area (m²) ≥ 50"},
    {"not premises.leased", "非场所为租赁", "not Premises are leased"},
    {"premises.leased and (premises.area >= 300 or premises.floors > 3)",
     "场所为租赁 且 （经营场所面积（平方米） ≥ 300 或 楼层数 > 3）",
     "Premises are leased and (Floor area (m²) ≥ 300 or Floors > 3)"},
    {"not (applicant.type == 'person' and premises.area < 50)",
     "非（申请人类型 = person 且 经营场所面积（平方米） < 50）",
     "not (Applicant type = person and Floor area (m²) < 50)"},
    /* no label_en: the Chinese label stands in */
    {"project.kind in ['extension', 'alteration']", "工程类别 为 extension、alteration 之一",
     "工程类别 is one of extension, alteration"},
    {"project.kind not in ['new_build']", "工程类别 ≠ new_build", "工程类别 ≠ new_build"},
    {"not (project.kind in ['extension', 'alteration'])",
     "工程类别 不为 extension、alteration 之一", "工程类别 is none of extension, alteration"},
    {"known(premises.area)", "「经营场所面积（平方米）」已知", "Floor area (m²) is known"},
    {"not known(premises.area)", "「经营场所面积（平方米）」未知",
     "Floor area (m²) is not known"},
    {"applicant.region matches '^2301'", "行政区划代码 符合格式 ^2301",
     "行政区划代码 matches ^2301"},
    {"shared.license == true", "可共享营业执照 = 是", "Licence available by data sharing = yes"},
    {"not not premises.leased", "场所为租赁", "Premises are leased"},
    {"applicant.credit != 'D' or not applicant.false_commitment",
     "信用等级 ≠ D 或 非有虚假承诺记录", "Credit grade ≠ D or not Has made a false commitment"},
    {"premises.floors <= 3 and not (premises.area > 10 or premises.leased)",
     "楼层数 ≤ 3 且 非（经营场所面积（平方米） > 10 或 场所为租赁）",
     "Floors ≤ 3 and not (Floor area (m²) > 10 or Premises are leased)"},
};

START_TEST(conditions_print_with_labels)
{
    gs_arena arena;
    gs_arena_init(&arena);
    gs_patterns pats;
    memset(&pats, 0, sizeof pats);
    for (size_t i = 0; i < sizeof LABEL_CASES / sizeof LABEL_CASES[0]; i++) {
        govsvc_diag_list *dl = gs_diag_list_new();
        gs_expr_ctx ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.arena = &arena;
        ctx.schema = &rb->schema;
        ctx.patterns = &pats;
        ctx.diags = dl;
        const gs_expr *e = NULL;
        const char *src = LABEL_CASES[i].src;
        ck_assert_msg(gs_expr_compile(&ctx, src, strlen(src), &e) == 0, "compile %s", src);
        govsvc_diag_list_free(dl);
        for (int lang = 0; lang < 2; lang++) {
            gs_buf b;
            gs_buf_init(&b);
            ck_assert_int_eq(gs_expr_print_labels(e, &rb->schema, (gs_lang)lang, &b), 0);
            const char *want = lang ? LABEL_CASES[i].en : LABEL_CASES[i].zh;
            ck_assert_msg(strcmp(b.data, want) == 0, "%s (%s):\n  got  %s\n  want %s", src,
                          lang ? "en" : "zh", b.data, want);
            gs_buf_free(&b);
        }
    }
    gs_patterns_free(&pats);
    gs_arena_free(&arena);
}
END_TEST

/* -- the notice in three formats ---------------------------------------- */

static const char *const ENTERPRISE[] = {"applicant.type=enterprise", "premises.leased=true",
                                         "premises.area=450", "premises.floors=2",
                                         "shared.license=true", "applicant.region=230102", NULL};

START_TEST(text_notice_says_each_status_plainly)
{
    const char *kv[] = {"applicant.type=enterprise", "premises.leased=true", "premises.area=450",
                        "premises.floors=2", "shared.license=true", "applicant.credit=A",
                        "applicant.commitment_chosen=true", "application.channel=online",
                        "applicant.region=230102", NULL};
    govsvc_answer *a = query("N-1", 0, kv);
    char *t = render(a, GOVSVC_NOTICE_TEXT, "zh");
    HAS(t, "一次性告知单\n============\n");
    HAS(t, "事项：测试告知事项（N-1）\n");
    HAS(t, "实施机关：测试局\n");
    HAS(t, "设定依据：《测试法》第一条；《测试条例》第二条\n");
    HAS(t, "办理结果：测试许可证\n");
    HAS(t, "  1. 申请表（原件、电子件，1份） —— 需提交\n     说明：可在线填写后打印\n");
    HAS(t, "  2. 营业执照 —— 免提交（部门共享获取）\n");
    HAS(t, "  3. 租赁合同（复印件，2份） —— 可告知承诺（核查期至2026年3月19日）\n");
    HAS(t, "  4. 消防安全制度（原件） —— 容缺后补（2026年2月27日前补交）\n");
    /* region 230102 matches ^2301: no 属地证明 */
    HAS_NOT(t, "属地证明");
    HAS(t, "承诺办结时限：5个工作日，2026年2月27日前办结\n");
    HAS(t, "法定办结时限：20个工作日，2026年3月19日前办结\n");
    HAS(t, "到现场次数：1次\n");
    HAS(t, "网上办理：部分网办\n");
    HAS(t, "收费：不收费\n");
    HAS(t, "申请人（签收）：");
    HAS(t, "依据规则：test-notice n1（sha256:");
    HAS(t, "告知日期：2026年2月13日\n");
    HAS_NOT(t, "尚需了解");
    /* the same notice twice is the same bytes */
    char *again = render(a, GOVSVC_NOTICE_TEXT, "zh");
    ck_assert_str_eq(t, again);
    govsvc_free(again);
    govsvc_free(t);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(conditional_lines_use_labels_in_every_format)
{
    govsvc_answer *a = query("N-1", 0, NULL);
    char *t = render(a, GOVSVC_NOTICE_TEXT, "zh");
    HAS(t, "视情况提交：当 经营场所面积（平方米） ≥ 300 或 楼层数 > 3 时");
    HAS(t, "视情况提交：当 行政区划代码 不符合格式 ^2301 时");
    HAS_NOT(t, "premises.area");
    HAS(t, "尚需了解：\n  1. 申请人类型：person / enterprise / individual_business（可确定3项）\n");
    char *m = render(a, GOVSVC_NOTICE_MARKDOWN, "zh");
    HAS(m, "# 一次性告知单\n");
    HAS(m, "- **事项**：测试告知事项（N-1）\n");
    HAS(m, "## 申请材料\n\n1. **申请表**（原件、电子件，1份） —— 需提交\n   - 说明：可在线填写后打印\n");
    /* Markdown's own characters are escaped */
    HAS(m, "individual\\_business");
    HAS(m, "不符合格式 ^2301");
    HAS(m, "\\_\\_\\_");
    char *h = render(a, GOVSVC_NOTICE_HTML, "zh");
    HAS(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">");
    HAS(h, "<meta charset=\"utf-8\">");
    HAS(h, "@page { size: A4;");
    HAS(h, "<tr class=\"conditional\"><td class=\"no\">5</td><td>消防安全制度</td>");
    HAS(h, "视情况提交：当 经营场所面积（平方米） ≥ 300 或 楼层数 &gt; 3 时");
    HAS(h, "</main>\n</body>\n</html>\n");
    /* self-contained: nothing to fetch, nothing to run */
    HAS_NOT(h, "<script");
    HAS_NOT(h, "<link");
    HAS_NOT(h, "src=");
    HAS_NOT(h, "url(");
    HAS_NOT(h, "http");
    govsvc_free(t);
    govsvc_free(m);
    govsvc_free(h);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(english_uses_name_en_and_falls_back)
{
    govsvc_answer *a = query("N-1", 0, ENTERPRISE);
    char *t = render(a, GOVSVC_NOTICE_TEXT, "en");
    HAS(t, "One-time notice\n===============\n");
    HAS(t, "Item: Test notice item (N-1)\n");
    HAS(t, "  1. Application form (original, electronic; 1 copy) — required\n");
    HAS(t, "  2. Business licence — not needed (the hall fetches it through data sharing)\n");
    HAS(t, "  3. Lease contract (photocopy; 2 copies) — required\n");
    HAS(t, "Promised: 5 working days, decided by 2026-02-27\n");
    HAS(t, "Special step (not counted): 现场核查, at most 10 working days\n");
    HAS(t, "Rulebook test-notice n1 (sha256:");
    govsvc_free(t);
    govsvc_answer_free(a);
    /* no name_en on 房屋结构安全鉴定报告: the Chinese name stands */
    const char *kv[] = {"applicant.type=enterprise", "premises.leased=false", "premises.area=450",
                        "premises.floors=5", "project.kind=extension", NULL};
    a = query("N-1", 0, kv);
    t = render(a, GOVSVC_NOTICE_HTML, "en-GB");
    HAS(t, "<html lang=\"en\">");
    HAS(t, "<td>房屋结构安全鉴定报告</td>");
    HAS(t, "<h2>Still to ask</h2>\n<ol class=\"ask\">\n<li><b>Licence available by data sharing</b>");
    govsvc_free(t);
    govsvc_answer_free(a);
}
END_TEST

/* -- explanations ---------------------------------------------------------- */

START_TEST(explain_nested_conditions_and_a_blocked_commitment)
{
    /* Credit D: the policy blocks the commitment the lease contract allows. */
    const char *kv[] = {"applicant.type=enterprise", "premises.leased=true", "premises.area=450",
                        "premises.floors=2", "applicant.credit=D",
                        "applicant.commitment_chosen=true", NULL};
    govsvc_answer *a = query("N-1", GOVSVC_QUERY_EXPLAIN, kv);
    char *j = NULL;
    ck_assert_int_eq(govsvc_answer_to_json(a, &j, NULL), 0);
    HAS(j, "{\"id\": \"lease_contract\", \"name\": \"租赁合同\", \"status\": \"required\"");
    HAS(j, "{\"name\": \"when\", \"condition\": \"premises.leased and (premises.area >= 300 or "
           "premises.floors > 3) and not (applicant.type == 'person' and premises.area < 50)\", "
           "\"value\": \"true\", \"at\": ");
    HAS(j, "\"facts\": [{\"name\": \"premises.leased\", \"value\": true}, {\"name\": "
           "\"premises.area\", \"value\": 450}, {\"name\": \"premises.floors\", \"value\": 2}, "
           "{\"name\": \"applicant.type\", \"value\": \"enterprise\"}]");
    HAS(j, "{\"name\": \"policy.commitment_eligible\", \"condition\": \"applicant.commitment_chosen "
           "and not applicant.false_commitment and applicant.credit != 'D'\", \"value\": "
           "\"false\"");
    HAS(j, "{\"name\": \"applicant.false_commitment\", \"value\": false, \"default\": true}");
    HAS(j, "\"decision\": [{\"status\": \"shared\", \"result\": \"not_offered\"}, {\"status\": "
           "\"commitment\", \"result\": \"false\", \"condition\": \"policy.commitment_eligible\"}, "
           "{\"status\": \"deferred\", \"result\": \"not_offered\"}, {\"status\": \"required\", "
           "\"result\": \"chosen\"}]");
    HAS(j, "\"verdict\": \"no shared_when; commitment allowed but policy.commitment_eligible "
           "false; the line is not deferrable → required\"");
    /* the deferral too is blocked by credit D */
    HAS(j, "deferrable but policy.deferral_eligible false → required");
    char *t = render(a, GOVSVC_NOTICE_TEXT, "zh");
    HAS(t, "  3. 租赁合同（复印件，2份） —— 需提交\n     · 规则位置：");
    HAS(t, "     · 适用条件：场所为租赁 且 （经营场所面积（平方米） ≥ 300 或 楼层数 > 3） 且 "
           "非（申请人类型 = person 且 经营场所面积（平方米） < 50） —— 成立（");
    HAS(t, "         场所为租赁 = 是\n         经营场所面积（平方米） = 450\n"
           "         楼层数 = 2\n         申请人类型 = enterprise\n");
    HAS(t, "     · 告知承诺条件：选择告知承诺 且 非有虚假承诺记录 且 信用等级 ≠ D —— 不成立（");
    HAS(t, "         信用等级 = D\n");
    HAS(t, "     · 结论：该材料不能共享获取；可告知承诺，但不符合告知承诺条件；该材料不可容缺 → 需提交\n");
    char *m = render(a, GOVSVC_NOTICE_MARKDOWN, "en");
    HAS(m, "   - verdict: no shared\\_when; commitment allowed but policy.commitment\\_eligible "
           "false; the line is not deferrable → required\n");
    HAS(m, "     - Credit grade = D\n");
    char *h = render(a, GOVSVC_NOTICE_HTML, "zh");
    HAS(h, "<tr class=\"why\"><td></td><td colspan=\"3\"><ul>\n<li class=\"rule\">规则位置：");
    HAS(h, "<li class=\"fact\">信用等级 = D</li>");
    govsvc_free(j);
    govsvc_free(t);
    govsvc_free(m);
    govsvc_free(h);
    govsvc_answer_free(a);

    /* The item forbids commitment: that is the reason, not the policy. */
    const char *ok[] = {"applicant.commitment_chosen=true", "shared.license=false", NULL};
    a = query("N-2", GOVSVC_QUERY_EXPLAIN, ok);
    t = render(a, GOVSVC_NOTICE_TEXT, "zh");
    HAS(t, "  1. 租赁合同（复印件，2份） —— 需提交\n");
    HAS(t, "     · 结论：该材料不能共享获取；本事项不适用告知承诺；该材料不可容缺 → 需提交\n");
    HAS(t, "     · 共享获取条件：可共享营业执照 —— 不成立（");
    HAS(t, "     · 结论：共享获取条件不成立；该材料不适用告知承诺；该材料不可容缺 → 需提交\n");
    govsvc_free(t);
    ck_assert_int_eq(govsvc_answer_to_json(a, &j, NULL), 0);
    HAS(j, "{\"status\": \"commitment\", \"result\": \"forbidden\"}");
    HAS(j, "\"verdict\": \"no shared_when; the item forbids commitment; the line is not "
           "deferrable → required\"");
    govsvc_free(j);
    govsvc_answer_free(a);

    /* An unknown `when`: conditional, and the fact it waits for is null. */
    a = query("N-2", GOVSVC_QUERY_EXPLAIN, NULL);
    ck_assert_int_eq(govsvc_answer_to_json(a, &j, NULL), 0);
    HAS(j, "{\"name\": \"shared.license\", \"value\": null}");
    HAS(j, "shared_when was unknown (counted as not met)");
    govsvc_free(j);
    govsvc_answer_free(a);
}
END_TEST

/* -- the next question ----------------------------------------------------- */

START_TEST(ask_orders_by_lines_settled)
{
    govsvc_answer *a = query("N-1", 0, NULL);
    const govsvc_missing_fact *const *mf = NULL;
    size_t n = govsvc_answer_missing_facts(a, &mf);
    /* applicant.type: business_license, id_card, lease_contract (3);
     * premises.floors: lease_contract, fire_plan, structure_report (3);
     * premises.area: lease_contract, fire_plan (2); the rest one each.
     * Ties keep the order the rulebook reads them in. */
    static const struct {
        const char *name;
        size_t settles;
    } want[] = {{"applicant.type", 3}, {"premises.floors", 3}, {"premises.area", 2},
                {"premises.leased", 1}, {"project.kind", 1},   {"applicant.region", 1}};
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    ck_assert_uint_eq(govsvc_answer_ask_count(a), n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(mf[i]->name, want[i].name);
        ck_assert_uint_eq(mf[i]->settles, want[i].settles);
        ck_assert_str_eq(govsvc_answer_ask_fact(a, i), want[i].name);
    }
    /* what a kiosk needs to ask each */
    ck_assert_int_eq(mf[0]->type, GOVSVC_FACT_ENUM);
    ck_assert_str_eq(mf[0]->label, "申请人类型");
    ck_assert_str_eq(mf[0]->label_en, "Applicant type");
    ck_assert_uint_eq(mf[0]->nvalues, 3);
    ck_assert_str_eq(mf[0]->values[2], "individual_business");
    ck_assert_int_eq(mf[1]->type, GOVSVC_FACT_INT);
    ck_assert(mf[1]->has_min && mf[1]->has_max);
    ck_assert(mf[1]->min == 1 && mf[1]->max == 200);
    ck_assert_int_eq(mf[2]->type, GOVSVC_FACT_NUMBER);
    ck_assert(mf[2]->has_min && !mf[2]->has_max);
    ck_assert_int_eq(mf[3]->type, GOVSVC_FACT_BOOL);
    ck_assert_uint_eq(mf[3]->nvalues, 0);
    ck_assert_ptr_null(mf[4]->label_en);
    ck_assert_str_eq(mf[5]->pattern, "^[0-9]{6}$");
    char *j = NULL;
    ck_assert_int_eq(govsvc_answer_to_json(a, &j, NULL), 0);
    HAS(j, "  \"ask\": [\n    {\"fact\": \"applicant.type\", \"label\": \"申请人类型\", \"label_en\": "
           "\"Applicant type\", \"type\": \"enum\", \"values\": [\"person\", \"enterprise\", "
           "\"individual_business\"], \"settles\": 3},\n    {\"fact\": \"premises.floors\"");
    HAS(j, "{\"fact\": \"applicant.region\", \"label\": \"行政区划代码\", \"type\": \"string\", "
           "\"pattern\": \"^[0-9]{6}$\", \"settles\": 1}\n  ]\n}\n");
    govsvc_free(j);
    govsvc_answer_free(a);

    /* Answer the first question and ask again: the licence's line now turns
     * on data sharing, and the route of the deadline on the channel. */
    const char *kv[] = {"applicant.type=enterprise", "applicant.commitment_chosen=true", NULL};
    a = query("N-1", 0, kv);
    n = govsvc_answer_missing_facts(a, &mf);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(mf[0]->name, "premises.floors");
    ck_assert_str_eq(mf[1]->name, "premises.area");
    ck_assert_str_eq(mf[2]->name, "shared.license");
    ck_assert_str_eq(mf[6]->name, "application.channel");
    ck_assert_uint_eq(mf[6]->settles, 1);
    govsvc_answer_free(a);

    /* Nothing left to ask. */
    a = query("N-1", 0, ENTERPRISE);
    ck_assert_uint_eq(govsvc_answer_missing_facts(a, &mf), 0);
    ck_assert_ptr_null(mf);
    ck_assert_uint_eq(govsvc_answer_missing_facts(a, NULL), 0);
    govsvc_answer_free(a);
    ck_assert_uint_eq(govsvc_answer_missing_facts(NULL, &mf), 0);
}
END_TEST

/* -- arguments and memory --------------------------------------------------- */

START_TEST(render_arguments)
{
    govsvc_answer *a = query("N-2", 0, NULL);
    char *out = (char *)1;
    govsvc_notice_options o = GOVSVC_NOTICE_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_answer_render(NULL, GOVSVC_NOTICE_TEXT, NULL, &out, NULL),
                     GOVSVC_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(govsvc_answer_render(a, GOVSVC_NOTICE_TEXT, NULL, NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_answer_render(a, (govsvc_notice_format)99, NULL, &out, NULL),
                     GOVSVC_EINVAL);
    o.lang = "fr";
    ck_assert_int_eq(govsvc_answer_render(a, GOVSVC_NOTICE_TEXT, &o, &out, NULL), GOVSVC_EINVAL);
    ck_assert_ptr_null(out);
    /* JSON through render is the JSON */
    char *j1 = NULL, *j2 = NULL;
    ck_assert_int_eq(govsvc_answer_render(a, GOVSVC_NOTICE_JSON, NULL, &j1, NULL), 0);
    ck_assert_int_eq(govsvc_answer_to_json(a, &j2, NULL), 0);
    ck_assert_str_eq(j1, j2);
    govsvc_free(j1);
    govsvc_free(j2);
    /* the shorthands are the Chinese notices */
    char *t1 = NULL, *t2 = render(a, GOVSVC_NOTICE_MARKDOWN, NULL);
    ck_assert_int_eq(govsvc_answer_to_markdown(a, &t1, NULL), 0);
    ck_assert_str_eq(t1, t2);
    govsvc_free(t1);
    govsvc_free(t2);
    t2 = render(a, GOVSVC_NOTICE_HTML, "zh");
    ck_assert_int_eq(govsvc_answer_to_html(a, &t1, NULL), 0);
    ck_assert_str_eq(t1, t2);
    govsvc_free(t1);
    govsvc_free(t2);
    govsvc_notice_format f = 0;
    ck_assert_int_eq(govsvc_notice_format_parse("md", &f), 0);
    ck_assert_int_eq(f, GOVSVC_NOTICE_MARKDOWN);
    ck_assert_int_eq(govsvc_notice_format_parse("html", &f), 0);
    ck_assert_int_eq(f, GOVSVC_NOTICE_HTML);
    ck_assert_int_eq(govsvc_notice_format_parse("pdf", &f), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_notice_format_parse(NULL, &f), GOVSVC_EINVAL);
    govsvc_answer_free(a);
}
END_TEST

/* Fails the 1st, 2nd, ... allocation of each rendering until one runs
 * through: each must end with GOVSVC_ENOMEM and nothing left allocated,
 * and the run that succeeds gives the reference bytes. */
START_TEST(render_out_of_memory)
{
    govsvc_answer *a = query("N-1", GOVSVC_QUERY_EXPLAIN, NULL);
    static const govsvc_notice_format fmts[] = {GOVSVC_NOTICE_TEXT, GOVSVC_NOTICE_MARKDOWN,
                                                GOVSVC_NOTICE_HTML, GOVSVC_NOTICE_JSON};
    for (size_t f = 0; f < 4; f++) {
        for (int en = 0; en < 2; en++) {
            govsvc_notice_options o = GOVSVC_NOTICE_OPTIONS_INIT;
            o.lang = en ? "en" : "zh";
            char *ref = render(a, fmts[f], o.lang);
            long base = tu_alloc.live, k;
            for (k = 1;; k++) {
                char *out = NULL;
                tu_alloc.calls = 0;
                tu_alloc.fail_at = k;
                int r = govsvc_answer_render(a, fmts[f], &o, &out, NULL);
                long made = tu_alloc.calls;
                tu_alloc.fail_at = 0;
                if (made < k) {
                    ck_assert_int_eq(r, 0);
                    ck_assert_str_eq(out, ref);
                    govsvc_free(out);
                    break;
                }
                ck_assert_msg(r == GOVSVC_ENOMEM, "format %d, allocation %ld: %d", (int)fmts[f],
                              k, r);
                ck_assert_ptr_null(out);
                ck_assert_int_eq(tu_alloc.live, base);
            }
            ck_assert_int_gt(k, 1);
            govsvc_free(ref);
        }
    }
    govsvc_answer_free(a);
}
END_TEST

static Suite *notice_suite(void)
{
    Suite *s = suite_create("notice");
    TCase *tc = tcase_create("notice");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, conditions_print_with_labels);
    tcase_add_test(tc, text_notice_says_each_status_plainly);
    tcase_add_test(tc, conditional_lines_use_labels_in_every_format);
    tcase_add_test(tc, english_uses_name_en_and_falls_back);
    tcase_add_test(tc, explain_nested_conditions_and_a_blocked_commitment);
    tcase_add_test(tc, ask_orders_by_lines_settled);
    tcase_add_test(tc, render_arguments);
    tcase_add_test(tc, render_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    /* The counting allocator is in place before the library's first
     * allocation; it only fails when a test asks it to. */
    if (tu_alloc_install() != 0)
        return EXIT_FAILURE;
    SRunner *sr = srunner_create(notice_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    govsvc_set_allocator(NULL, NULL, NULL, NULL);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
