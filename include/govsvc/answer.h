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
#include "deadline.h"
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
 * means today. `events` (version 2) are the deadline events of the
 * application after acceptance, in date order (govsvc/deadline.h): the due
 * dates of an item answer are counted through them. The array is read
 * during the call only. */
typedef struct govsvc_query_options {
    unsigned version;
    govsvc_date date;     /* acceptance date (受理日) */
    unsigned flags;       /* GOVSVC_QUERY_EXPLAIN */
    const govsvc_event *events; /* version 2: NULL when none */
    size_t nevents;
} govsvc_query_options;

#define GOVSVC_QUERY_OPTIONS_VERSION 2
#define GOVSVC_QUERY_OPTIONS_INIT {GOVSVC_QUERY_OPTIONS_VERSION, {0, 0, 0}, 0, NULL, 0}
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

/* Reusing one answer for query after query (a server's steady state).
 *
 * govsvc_answer_new() makes an empty answer (no item, no materials; the
 * JSON and text calls refuse it with GOVSVC_EINVAL) that belongs to the
 * caller, who frees it with govsvc_answer_free().
 *
 * govsvc_query_item_into() answers like govsvc_query_item(), but into
 * `answer`, an answer the caller owns (from govsvc_answer_new() or
 * govsvc_query_item()). The previous contents are dropped first: every
 * pointer read from the answer before the call (names, conditions, JSON
 * borrowed from it) becomes invalid. Its memory is kept and reused, so
 * that once it has held the largest answer of a workload, a query that
 * succeeds allocates nothing, and an answer that keeps answering from the
 * same rulebook touches no count shared with other threads. On failure
 * the answer is left empty (still the caller's, to reuse or free) and
 * *diags is as for govsvc_query_item(). One answer must not be used by two
 * threads at once; any number of answers may share one rulebook. */
GOVSVC_API int govsvc_answer_new(govsvc_answer **out);
GOVSVC_API int govsvc_query_item_into(govsvc_answer *answer, const govsvc_rulebook *rb,
                                      const char *item_code, const govsvc_facts *facts,
                                      const govsvc_query_options *opts,
                                      govsvc_diag_list **diags);

/* Answers for a bundle of items (一件事一次办, SPEC section 7): each item is
 * answered as by govsvc_query_item(), then each material is listed once
 * (by material id, in first-seen order) with the items that need it, and
 * the strictest status wins (required > conditional > deferred >
 * commitment > shared; among equals, the earliest `due`). The bundle's
 * promised deadline is its own `deadline`, or the items' promised
 * deadlines combined: `parallel` (the default) ends with the latest,
 * `serial` counts them one after another. Item answers stay readable
 * through govsvc_answer_bundle_part(). Deadline events apply to one item
 * only: with events the call fails with GOVSVC_EINVAL (E131).
 *
 * Returns 0 and a new answer in *out, or GOVSVC_ENOTFOUND (no bundle with
 * that code, E130; or an item of it is not valid on the date, E073),
 * GOVSVC_ERANGE, GOVSVC_EINVAL, GOVSVC_ENOMEM; diagnostics as for
 * govsvc_query_item(). */
GOVSVC_API int govsvc_query_bundle(govsvc_answer **out, const govsvc_rulebook *rb,
                                   const char *bundle_code, const govsvc_facts *facts,
                                   const govsvc_query_options *opts, govsvc_diag_list **diags);

/* Frees an answer. NULL is accepted. */
GOVSVC_API void govsvc_answer_free(govsvc_answer *answer);

/* Bundle answers: the bundle's code and name (NULL for an item answer,
 * whose govsvc_answer_item_code() is not NULL), its items in order, and
 * each item's own answer (borrowed, lives as long as a). */
GOVSVC_API const char *govsvc_answer_bundle_code(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_bundle_name(const govsvc_answer *a);
GOVSVC_API size_t govsvc_answer_bundle_item_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_bundle_item_code(const govsvc_answer *a, size_t i);
GOVSVC_API const govsvc_answer *govsvc_answer_bundle_part(const govsvc_answer *a, size_t i);
/* The codes of the bundle's items that need material i (k < count). */
GOVSVC_API size_t govsvc_answer_material_item_count(const govsvc_answer *a, size_t i);
GOVSVC_API const char *govsvc_answer_material_item(const govsvc_answer *a, size_t i, size_t k);

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
/* After deadline events: when the clock of that time limit stands
 * (suspended, or awaiting corrected materials) there is no due date and
 * this returns what is left ("3 working days", borrowed); NULL otherwise. */
GOVSVC_API const char *govsvc_answer_deadline_remaining(const govsvc_answer *a, int kind);

/* Special steps (特殊环节), not counted in the time limit. */
GOVSVC_API size_t govsvc_answer_special_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_special_name(const govsvc_answer *a, size_t i);
GOVSVC_API const char *govsvc_answer_special_max(const govsvc_answer *a, size_t i);

/* Unknown facts whose value would settle or relax a line of the answer,
 * most decisive first (see govsvc_answer_missing_facts); borrowed names. */
GOVSVC_API size_t govsvc_answer_ask_count(const govsvc_answer *a);
GOVSVC_API const char *govsvc_answer_ask_fact(const govsvc_answer *a, size_t i);

/* A fact worth asking the applicant next, with what a kiosk needs to ask
 * it: the label and the allowed values. Owned by the answer; read it only
 * through the pointers govsvc_answer_missing_facts() gives (later versions
 * may add fields at the end). */
typedef struct govsvc_missing_fact {
    const char *name;          /* "premises.area" */
    const char *label;         /* the rulebook's `label`, or NULL */
    const char *label_en;      /* the rulebook's `label_en`, or NULL */
    govsvc_fact_type type;
    const char *const *values; /* enum facts: the allowed values, declared order */
    size_t nvalues;
    int has_min, has_max;      /* int and number facts: the declared range */
    double min, max;
    const char *pattern;       /* string facts: the pcre2 pattern, or NULL */
    size_t settles;            /* decisions of this answer the value would settle:
                                  open material lines, statuses it could relax,
                                  the deadline variant */
} govsvc_missing_fact;

/* The unknown facts that matter to this answer, ordered by how many
 * decisions each would settle (most first; ties in the order the rulebook
 * first reads them), so that a kiosk can ask one question at a time and
 * query again. Stores in *out (when not NULL) a borrowed array of that many
 * pointers, valid as long as the answer, and returns the count (0 when
 * nothing is left to ask). The same facts, in the same order, as
 * govsvc_answer_ask_fact() and the JSON's "ask". */
GOVSVC_API size_t govsvc_answer_missing_facts(const govsvc_answer *a,
                                              const govsvc_missing_fact *const **out);

/* Serialises the answer as deterministic JSON (schema govsvc.answer/1,
 * SPEC section 9) followed by a newline. On success stores a new
 * NUL-terminated buffer in *out (free it with govsvc_free()) and its length
 * in *len (when len is not NULL). Returns 0 or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_answer_to_json(const govsvc_answer *a, char **out, size_t *len);

/* The same JSON, byte for byte, written into the caller's buffer: nothing
 * is allocated. When the JSON and its terminating NUL fit in `size` bytes,
 * writes them to buf and returns 0; otherwise returns GOVSVC_ELIMIT and
 * buf holds an unfinished prefix. Either way *len (when not NULL) gets the
 * JSON's length without the NUL, so a caller whose buffer was too small can
 * retry with *len + 1 bytes. GOVSVC_EINVAL for an empty answer (see
 * govsvc_answer_new) or a NULL buf with a nonzero size; GOVSVC_ENOMEM only
 * when out of memory in an --explain answer's formatting. */
GOVSVC_API int govsvc_answer_write_json(const govsvc_answer *a, char *buf, size_t size,
                                        size_t *len);

/* Renders the printable one-time notice (一次性告知单) as plain text, in
 * Chinese. Same ownership as govsvc_answer_to_json(). */
GOVSVC_API int govsvc_answer_to_text(const govsvc_answer *a, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
