/*
 * govsvc/answer.h - asking "what must this applicant submit, and by when?"
 * and reading the answer (the one-time notice, 一次性告知单).
 *
 * A query reads an immutable rulebook and a facts set and builds a new
 * govsvc_answer that belongs to the caller (free it with
 * govsvc_answer_free()). Queries never modify the rulebook or the facts, so
 * any number of threads may query one rulebook at once. Strings returned by
 * the accessors are borrowed: they live as long as the answer.
 */
#ifndef GOVSVC_ANSWER_H
#define GOVSVC_ANSWER_H

#include "common.h"
#include "diag.h"
#include "facts.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_answer govsvc_answer;

/* Material status, in the order the SPEC decides them (section 6). */
typedef enum govsvc_material_status {
    GOVSVC_STATUS_SHARED = 1,      /* 免提交: the hall fetches it through data sharing */
    GOVSVC_STATUS_COMMITMENT,      /* 告知承诺: a signed commitment may replace it */
    GOVSVC_STATUS_DEFERRED,        /* 容缺受理: may be handed in later, by `due` */
    GOVSVC_STATUS_REQUIRED,        /* 需提交 at acceptance */
    GOVSVC_STATUS_CONDITIONAL      /* 视情况: needed when `condition` holds */
} govsvc_material_status;

/* Returns "shared", "commitment", "deferred", "required", "conditional". */
GOVSVC_API const char *govsvc_status_name(govsvc_material_status status);

/* Forms of a material (bit set). */
enum {
    GOVSVC_FORM_ORIGINAL = 1,
    GOVSVC_FORM_COPY = 2,
    GOVSVC_FORM_ELECTRONIC = 4
};

/* Query options; initialise with GOVSVC_QUERY_OPTIONS_INIT. A zero `date`
 * means today. */
typedef struct govsvc_query_options {
    unsigned version;
    govsvc_date date;     /* acceptance date (受理日) */
    unsigned flags;       /* GOVSVC_QUERY_EXPLAIN */
} govsvc_query_options;

#define GOVSVC_QUERY_OPTIONS_VERSION 1
#define GOVSVC_QUERY_OPTIONS_INIT {GOVSVC_QUERY_OPTIONS_VERSION, {0, 0, 0}, 0}
/* Record, for each material, the rule's position and each condition's value
 * (the JSON's "because"). */
#define GOVSVC_QUERY_EXPLAIN 1u

/* Answers for one item.
 *
 * `facts` may be NULL (every fact unknown or at its default); otherwise it
 * must have been created for rb. Returns 0 and a new answer in *out, or:
 * GOVSVC_ENOTFOUND (no item with that code, or the item is not valid on the
 * date), GOVSVC_ERANGE (a due date falls outside the calendar's coverage),
 * GOVSVC_EINVAL (bad arguments or date), GOVSVC_ENOMEM. On failure *out is
 * NULL and, when `diags` is not NULL, *diags holds a diagnostic saying why
 * (the caller frees it). */
GOVSVC_API int govsvc_query_item(govsvc_answer **out, const govsvc_rulebook *rb,
                                 const char *item_code, const govsvc_facts *facts,
                                 const govsvc_query_options *opts, govsvc_diag_list **diags);

/* Frees an answer. NULL is accepted. */
GOVSVC_API void govsvc_answer_free(govsvc_answer *answer);

/* What the answer is about. */
GOVSVC_API const char *govsvc_answer_item_code(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_item_name(const govsvc_answer *a);
GOVSVC_API govsvc_date govsvc_answer_date(const govsvc_answer *a);

/* The materials, in the item's order, without those whose `when` is false. */
GOVSVC_API size_t govsvc_answer_material_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_material_id(const govsvc_answer *a, size_t i);
GOVSVC_API const char *govsvc_answer_material_name(const govsvc_answer *a, size_t i);
GOVSVC_API govsvc_material_status govsvc_answer_material_status(const govsvc_answer *a, size_t i);
/* "applicant", "government" or "third_party" (or NULL when not given). */
GOVSVC_API const char *govsvc_answer_material_source(const govsvc_answer *a, size_t i);
GOVSVC_API unsigned govsvc_answer_material_form(const govsvc_answer *a, size_t i);
/* Copies; 0 when the rulebook does not say. */
GOVSVC_API unsigned govsvc_answer_material_copies(const govsvc_answer *a, size_t i);
/* For `deferred`: the date by which it must be handed in. Returns 1 and fills
 * *due when there is one, else 0. */
GOVSVC_API int govsvc_answer_material_due(const govsvc_answer *a, size_t i, govsvc_date *due);
/* For `commitment`: the end of the office's check period (事后核查). */
GOVSVC_API int govsvc_answer_material_verify_due(const govsvc_answer *a, size_t i,
                                                 govsvc_date *due);
/* For `conditional`: the residual condition in the rulebook's expression
 * language, simplified by the known facts; NULL otherwise. */
GOVSVC_API const char *govsvc_answer_material_condition(const govsvc_answer *a, size_t i);

/* Deadlines. kind is GOVSVC_DEADLINE_PROMISED or _STATUTORY. Returns 1 and
 * fills *due (and the duration text, borrowed, e.g. "3 working days") when the
 * item has that deadline and it is not conditional; 0 otherwise. */
enum { GOVSVC_DEADLINE_PROMISED = 0, GOVSVC_DEADLINE_STATUTORY = 1 };
GOVSVC_API int govsvc_answer_deadline(const govsvc_answer *a, int kind, govsvc_date *due,
                                      const char **duration);
/* When the item's deadline depends on a fact that is unknown: the residual
 * condition of the first undecided variant; NULL otherwise. */
GOVSVC_API const char *govsvc_answer_deadline_condition(const govsvc_answer *a);

/* Special steps (特殊环节), not counted in the time limit. */
GOVSVC_API size_t govsvc_answer_special_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_special_name(const govsvc_answer *a, size_t i);
GOVSVC_API const char *govsvc_answer_special_max(const govsvc_answer *a, size_t i);

/* Unknown facts whose value would settle or relax a line of the answer, in
 * first-seen order (borrowed names). */
GOVSVC_API size_t govsvc_answer_ask_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_ask_fact(const govsvc_answer *a, size_t i);

/* Serialises the answer as deterministic JSON (schema govsvc.answer/1,
 * SPEC section 9) followed by a newline. On success stores a new
 * NUL-terminated buffer in *out (free it with govsvc_free()) and its length
 * in *len (when len is not NULL). Returns 0 or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_answer_to_json(const govsvc_answer *a, char **out, size_t *len);

/* Renders the printable one-time notice (一次性告知单) as plain text, in
 * Chinese. Same ownership as govsvc_answer_to_json(). */
GOVSVC_API int govsvc_answer_to_text(const govsvc_answer *a, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
