/*
 * govsvc/diff.h - what changed between two versions of a rulebook, for the
 * applicant: the semantic diff behind `govsvc diff`.
 *
 * Items are matched by code. For each item in both versions the report
 * gives the changes a reader of the service standard looks for (name,
 * materials added, removed or renamed, a line's condition or deferral, a
 * catalogue entry's sharing or commitment, deadlines such as 承诺时限 20 →
 * 7 个工作日, reform mode, visits, online service, hall) and, what a text
 * diff cannot show, the applicant situations whose answer changed: the
 * domain of every fact the item's conditions read in either version is
 * split into the cases those conditions tell apart (intervals between the
 * numbers and dates they name, the enum values they name and one they do
 * not, true and false, unknown for facts without default), both versions
 * answer every combination, identical changes are grouped, and each group
 * is shown with one concrete situation: the facts whose value matters to
 * it. Totals close the report: items changed, added and removed, proofs
 * cancelled (materials an item no longer asks for, or that the hall now
 * fetches or a commitment may replace) and promised working days saved.
 * The JSON form is documented in docs/diff-json.md.
 *
 * A report holds references to both rulebooks; it is immutable and may be
 * read from any thread.
 */
#ifndef GOVSVC_DIFF_H
#define GOVSVC_DIFF_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_diff_report govsvc_diff_report;

/* Diff options; initialise with GOVSVC_DIFF_OPTIONS_INIT. */
typedef struct govsvc_diff_options {
    unsigned version;
    size_t max_situations; /* combinations enumerated per item; 0: 4096. The
                              report says when an item had more. */
} govsvc_diff_options;

#define GOVSVC_DIFF_OPTIONS_VERSION 1
#define GOVSVC_DIFF_OPTIONS_INIT {GOVSVC_DIFF_OPTIONS_VERSION, 0}

/* Compares `from` (the old version) with `to` (the new one). Returns 0 and
 * a new report in *out (free it with govsvc_diff_free()), or GOVSVC_EINVAL
 * (NULL arguments) or GOVSVC_ENOMEM. The rulebooks need not share an id
 * (an overlay may be compared with its base). `diags` is reserved for
 * notes; *diags is set to NULL today. */
GOVSVC_API int govsvc_diff(govsvc_diff_report **out, const govsvc_rulebook *from,
                           const govsvc_rulebook *to, const govsvc_diff_options *opts,
                           govsvc_diag_list **diags);

/* Frees a report. NULL is accepted. */
GOVSVC_API void govsvc_diff_free(govsvc_diff_report *d);

/* The items that changed, were added or removed, in the new version's
 * order (removed ones after). Borrowed strings. */
GOVSVC_API size_t govsvc_diff_item_count(const govsvc_diff_report *d);
GOVSVC_API const char *govsvc_diff_item_code(const govsvc_diff_report *d, size_t i);
/* "changed", "added" or "removed". */
GOVSVC_API const char *govsvc_diff_item_change(const govsvc_diff_report *d, size_t i);
/* Groups of situations whose answer changed for item i. */
GOVSVC_API size_t govsvc_diff_item_situation_count(const govsvc_diff_report *d, size_t i);

typedef enum govsvc_diff_total {
    GOVSVC_DIFF_ITEMS_CHANGED = 0,
    GOVSVC_DIFF_ITEMS_ADDED,
    GOVSVC_DIFF_ITEMS_REMOVED,
    GOVSVC_DIFF_PROOFS_CANCELLED,
    GOVSVC_DIFF_DAYS_SAVED,     /* promised working days shortened, summed */
    GOVSVC_DIFF_DAYS_ADDED,     /* promised working days lengthened, summed */
    GOVSVC_DIFF_SITUATIONS      /* situation groups whose answer changed */
} govsvc_diff_total;

/* One of the totals (0 for an unknown kind or a NULL report). */
GOVSVC_API long govsvc_diff_get_total(const govsvc_diff_report *d, govsvc_diff_total kind);

/* Renders the report: JSON (schema govsvc.diff/1, docs/diff-json.md),
 * text (Chinese, for people), or Markdown (tables). Each stores a new
 * NUL-terminated buffer in *out (free it with govsvc_free()) and its length
 * in *len when len is not NULL. Returns 0, GOVSVC_EINVAL or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_diff_to_json(const govsvc_diff_report *d, char **out, size_t *len);
GOVSVC_API int govsvc_diff_to_text(const govsvc_diff_report *d, char **out, size_t *len);
GOVSVC_API int govsvc_diff_to_markdown(const govsvc_diff_report *d, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
