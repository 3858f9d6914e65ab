/*
 * notice.h - the printable one-time notice (一次性告知单) as a list of
 * blocks, decided once for every format: notice.c says WHAT the notice
 * says (in Chinese or English), answer_text.c, answer_md.c and
 * answer_html.c say how it is laid out. The explanation phrases are shared
 * with answer_json.c.
 *
 * A notice is built from one answer by one thread and freed with
 * gs_notice_free(); its strings live in its own arena.
 */
#ifndef GS_NOTICE_H
#define GS_NOTICE_H

#include "answer_int.h"

typedef enum gs_nkind {
    GS_N_TITLE,    /* key: the title ("一次性告知单") */
    GS_N_FIELD,    /* header line: key, text */
    GS_N_SECTION,  /* key: the section's heading */
    GS_N_MATERIAL, /* number, key: name, form, text: the status phrase, note */
    GS_N_WHY,      /* text: one line of a material's explanation; level 0 the
                      rule's place, 1 a condition, 2 a fact it read, 3 the
                      verdict */
    GS_N_LINE,     /* a line of a section: key, text */
    GS_N_QUESTION, /* number, key: the fact's label, text: allowed values,
                      note: how many decisions it settles */
    GS_N_SIGN,     /* signature line: key, text, note: three labels */
    GS_N_FOOTER    /* text */
} gs_nkind;

typedef struct gs_nblock {
    gs_nkind kind;
    unsigned number;
    int level;
    govsvc_material_status status;
    const char *key;
    const char *text;
    const char *form;
    const char *note;
} gs_nblock;

typedef struct gs_notice {
    gs_arena arena;
    gs_lang lang;
    const char *subject; /* the item's name, for the HTML <title> */
    gs_nblock *blocks;
    size_t n, cap;
    gs_nblock lost; /* written to once out of memory, never read */
    int oom;
} gs_notice;

/* Builds the notice of `a` in `lang`; with the explanation under each
 * material when the answer was made with GOVSVC_QUERY_EXPLAIN. Returns 0
 * or GOVSVC_ENOMEM; free with gs_notice_free() either way. */
int gs_notice_build(gs_notice *n, const govsvc_answer *a, gs_lang lang);
void gs_notice_free(gs_notice *n);

/* The three layouts: each appends the whole document to b. */
void gs_notice_text(const gs_notice *n, gs_buf *b);
void gs_notice_markdown(const gs_notice *n, gs_buf *b);
void gs_notice_html(const gs_notice *n, gs_buf *b);

/* Adds the explanation of material m under the material just added (the
 * GS_N_WHY lines: the rule's place, each condition with its value and the
 * facts it read, the verdict), when `a` was made with GOVSVC_QUERY_EXPLAIN;
 * nothing otherwise. For other builders of notices (bundle.c). */
void gs_notice_explain(gs_notice *n, const govsvc_answer *a, const gs_amat *m);

/* A fact's value for people: "enterprise", "450", "是" / "yes". */
void gs_value_text(const gs_fact *f, const gs_value *v, gs_lang lang, gs_buf *b);

/* Why the material's status won over the ones before it, from its steps:
 * "shared_when was false; commitment allowed and policy.commitment_eligible
 * true → commitment" (English) or the same in Chinese. */
void gs_explain_verdict(const gs_amat *m, gs_lang lang, gs_buf *b);

/* The stable English name of a step's result: "chosen", "false",
 * "unknown", "not_offered", "forbidden". */
const char *gs_step_result_name(gs_step_result r);

#endif
