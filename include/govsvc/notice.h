/*
 * govsvc/notice.h - the answer as a printable one-time notice (一次性告知单):
 * plain text, Markdown or a self-contained HTML page for A4 paper, in
 * Chinese or English.
 *
 * A notice says, for each material, what the applicant does with it in
 * plain words (需提交 / 免提交（部门共享获取） / 可告知承诺（核查期至 …） /
 * 容缺后补（… 前补交） / 视情况提交：当 … 时), with its form and copies;
 * the promised and statutory deadlines with their dates, special steps,
 * visits and online service; the facts still to ask, most decisive first;
 * and a footer naming the rulebook's id, version, digest and the date, so
 * that a printed notice can be traced to the rules that produced it.
 * Conditions are printed with the facts' labels ("场所建筑面积（平方米） ≥
 * 300"), never in the condition language. When the answer was made with
 * GOVSVC_QUERY_EXPLAIN, each material also says why: the rule's place, each
 * condition with its value and the facts it read, and why its status won.
 *
 * Rendering only reads the answer: any number of threads may render the
 * same answer at once. The output is deterministic (no clock, no locale).
 */
#ifndef GOVSVC_NOTICE_H
#define GOVSVC_NOTICE_H

#include "answer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum govsvc_notice_format {
    GOVSVC_NOTICE_TEXT = 1, /* plain UTF-8 text, for a terminal or a receipt printer */
    GOVSVC_NOTICE_MARKDOWN, /* CommonMark, for chat, mail and wikis */
    GOVSVC_NOTICE_HTML,     /* one self-contained HTML file with print CSS for A4 */
    GOVSVC_NOTICE_JSON      /* govsvc.answer/1, as govsvc_answer_to_json() */
} govsvc_notice_format;

/* Notice options; initialise with GOVSVC_NOTICE_OPTIONS_INIT. */
typedef struct govsvc_notice_options {
    unsigned version;
    /* "zh" (the default, also NULL) or "en"; "zh-CN", "en_GB" and the like
     * are read by their first two letters. In English, names and labels
     * come from the rulebook's `name_en` / `label_en` where it gives them,
     * else the Chinese text is shown. JSON ignores the language. */
    const char *lang;
} govsvc_notice_options;

#define GOVSVC_NOTICE_OPTIONS_VERSION 1
#define GOVSVC_NOTICE_OPTIONS_INIT {GOVSVC_NOTICE_OPTIONS_VERSION, NULL}

/* Renders the answer in `format`. `opts` may be NULL (Chinese). On success
 * returns 0 and stores a new NUL-terminated buffer in *out (free it with
 * govsvc_free()) and its length in *len when len is not NULL. Returns
 * GOVSVC_EINVAL for a NULL answer or out, an unknown format or language,
 * GOVSVC_ENOMEM when out of memory; *out is then NULL. */
GOVSVC_API int govsvc_answer_render(const govsvc_answer *a, govsvc_notice_format format,
                                    const govsvc_notice_options *opts, char **out, size_t *len);

/* The Markdown and HTML notices in Chinese: govsvc_answer_render() with
 * NULL options. Same ownership and errors. (govsvc_answer_to_text() in
 * answer.h is the plain-text one.) */
GOVSVC_API int govsvc_answer_to_markdown(const govsvc_answer *a, char **out, size_t *len);
GOVSVC_API int govsvc_answer_to_html(const govsvc_answer *a, char **out, size_t *len);

/* Reads a format's name: "text", "json", "markdown" (or "md"), "html".
 * Returns 0 and *out (when not NULL), or GOVSVC_EINVAL. */
GOVSVC_API int govsvc_notice_format_parse(const char *name, govsvc_notice_format *out);

#ifdef __cplusplus
}
#endif
#endif
