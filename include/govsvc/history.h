/*
 * govsvc/history.h - the versions of one rulebook through time (SPEC
 * section 8): which version is in force on a date.
 *
 * A history is a directory holding several top files of the same
 * `rulebook.id` (YAML files with a top-level `rulebook:` key, e.g.
 * rulebook.yaml and rulebook-2022.yaml) and the files they include; every
 * top file is one version. A query at date D uses the version whose
 * `effective` is the latest not after D, then the items whose `valid`
 * covers D (govsvc_query_item() checks the latter).
 *
 * A loaded history is immutable: any thread may select from it. The
 * rulebooks it holds live as long as the history (take a reference with
 * govsvc_rulebook_ref() to keep one longer).
 */
#ifndef GOVSVC_HISTORY_H
#define GOVSVC_HISTORY_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_history govsvc_history;

/* Loads every version in directory `dir` (its top files, not those of
 * subdirectories), each as govsvc_rulebook_load() does, and checks that
 * they form one history: one `rulebook.id` (E101), one version per
 * `effective` date (E100), distinct `version` names (E104), each
 * `supersedes` naming the version before it (E103); a directory without a
 * top file is E102.
 *
 * Returns 0 and a new history in *out (free it with
 * govsvc_history_free()), or GOVSVC_ERULEBOOK, GOVSVC_EIO (the directory
 * or a file cannot be read), GOVSVC_ELIMIT, GOVSVC_EINVAL, GOVSVC_ENOMEM;
 * *out is then NULL. *diags (when diags is not NULL) receives every
 * diagnostic of every version, or NULL; the caller frees it. */
GOVSVC_API int govsvc_history_load(govsvc_history **out, const char *dir,
                                   const govsvc_load_options *opts, govsvc_diag_list **diags);

/* Frees the history and drops its references to the versions. NULL is
 * accepted. */
GOVSVC_API void govsvc_history_free(govsvc_history *h);

/* The versions, oldest first (by `effective`); borrowed. */
GOVSVC_API size_t govsvc_history_count(const govsvc_history *h);
GOVSVC_API govsvc_rulebook *govsvc_history_get(const govsvc_history *h, size_t i);
/* The top file of version i, as found in the directory (borrowed). */
GOVSVC_API const char *govsvc_history_path(const govsvc_history *h, size_t i);

/* The version in force on `date`: the latest whose `effective` is not
 * after it (borrowed), or NULL when the date precedes every version. */
GOVSVC_API govsvc_rulebook *govsvc_history_select(const govsvc_history *h, govsvc_date date);

/* The same, with a diagnostic: returns 0 and the version in *out, or
 * GOVSVC_ENOTFOUND when no version is in force on the date (E105, naming
 * the first effective date), GOVSVC_EINVAL for an invalid date (E072). */
GOVSVC_API int govsvc_history_at(govsvc_rulebook **out, const govsvc_history *h,
                                 govsvc_date date, govsvc_diag_list **diags);

/* The version named `version` (its `rulebook.version`), or NULL. */
GOVSVC_API govsvc_rulebook *govsvc_history_find(const govsvc_history *h, const char *version);

#ifdef __cplusplus
}
#endif
#endif
