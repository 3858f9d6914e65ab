/*
 * answer_int.h - the inside of govsvc_answer: everything a notice needs,
 * decided once by the query, in one arena.
 */
#ifndef GS_ANSWER_INT_H
#define GS_ANSWER_INT_H

#include "table.h"

/* One condition's part in a decision, for --explain. */
typedef struct gs_reason {
    const char *name;      /* "when", "shared_when", "policy.commitment_eligible", ... */
    const char *condition; /* printed expression */
    gs_tri value;
    gs_pos pos;
} gs_reason;

typedef struct gs_amat {
    const gs_material *mat;
    const gs_line *line;
    govsvc_material_status status;
    int has_due, has_verify;
    gs_day due, verify_due;
    const char *condition; /* residual, for conditional */
    unsigned copies, form;
    gs_reason *reasons; /* explain only */
    uint32_t nreasons;
} gs_amat;

struct govsvc_answer {
    gs_arena arena;
    govsvc_rulebook *rb; /* a reference: the answer may outlive the caller's */
    const gs_item *item;
    gs_day date;
    unsigned flags;
    gs_amat *mats;
    uint32_t nmats;
    const gs_deadline *deadline; /* the variant that applies; NULL when none or conditional */
    const char *deadline_condition;
    int has_promised_due, has_statutory_due;
    gs_day promised_due, statutory_due;
    const char *promised_text, *statutory_text; /* canonical durations */
    const char **special_text;                  /* [deadline->nspecial] */
    uint32_t *ask;
    uint32_t nask;
};

/* Chinese form of a duration for notices: "3个工作日", "10日", "即办". */
void gs_duration_format_zh(gs_duration d, char buf[32]);

#endif
