/*
 * govsvc/facts.h - the applicant's facts for a query.
 *
 * A govsvc_facts set belongs to one rulebook (it holds a reference to it)
 * and has one slot per declared fact. A fact is unknown until set, unless the
 * rulebook declares a default. Setting a fact that is not declared, or a
 * value of the wrong type, out of range, not among the enum's values or not
 * matching the pattern, fails with GOVSVC_EFACT and leaves the slot as it
 * was; govsvc_facts_last_error() then names the fact and the expected form.
 *
 * Threading: a facts set is not locked. Fill it from one thread; once filled
 * it may be read by any number of concurrent queries.
 */
#ifndef GOVSVC_FACTS_H
#define GOVSVC_FACTS_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_facts govsvc_facts;

typedef enum govsvc_fact_type {
    GOVSVC_FACT_BOOL = 1,
    GOVSVC_FACT_INT,
    GOVSVC_FACT_NUMBER,
    GOVSVC_FACT_STRING,
    GOVSVC_FACT_ENUM,
    GOVSVC_FACT_DATE
} govsvc_fact_type;

/* Creates an empty facts set for rb (takes a reference to rb). Free it with
 * govsvc_facts_free(). Returns 0, GOVSVC_EINVAL or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_facts_new(govsvc_facts **out, govsvc_rulebook *rb);

/* Frees the set and drops its rulebook reference. NULL is accepted. */
GOVSVC_API void govsvc_facts_free(govsvc_facts *facts);

/* Typed setters. Each returns 0, GOVSVC_EFACT (see govsvc_facts_last_error),
 * GOVSVC_EINVAL (NULL arguments) or GOVSVC_ENOMEM. set_string serves both
 * `string` and `enum` facts; set_number accepts int facts when the value is
 * a whole number. */
GOVSVC_API int govsvc_facts_set_bool(govsvc_facts *facts, const char *name, int value);
GOVSVC_API int govsvc_facts_set_int(govsvc_facts *facts, const char *name, int64_t value);
GOVSVC_API int govsvc_facts_set_number(govsvc_facts *facts, const char *name, double value);
GOVSVC_API int govsvc_facts_set_string(govsvc_facts *facts, const char *name, const char *value);
GOVSVC_API int govsvc_facts_set_date(govsvc_facts *facts, const char *name, govsvc_date value);

/* Sets a fact from text, read by its declared type: true/false, integers,
 * decimals, ISO dates, enum values and strings (no quotes needed) — the
 * command line's NAME=VALUE form. */
GOVSVC_API int govsvc_facts_set_text(govsvc_facts *facts, const char *name, const char *text);

/* Sets facts from a YAML or JSON file holding one mapping of fact names to
 * values (`applicant.credit: A`, `premises.area: 450`, dates as YYYY-MM-DD;
 * null leaves a fact unknown). Every entry is checked; each bad one adds a
 * diagnostic with the file, line and column and the fact's name, and leaves
 * that fact unchanged. Returns 0; GOVSVC_EFACT when any entry was refused
 * or the file is not such a mapping (or not valid YAML); GOVSVC_EIO when the
 * file cannot be read; GOVSVC_ENOMEM. When
 * `diags` is not NULL, *diags receives the diagnostics (or NULL). */
GOVSVC_API int govsvc_facts_set_from_file(govsvc_facts *facts, const char *path,
                                          govsvc_diag_list **diags);

/* Makes a fact unknown again (its default, if any, applies). */
GOVSVC_API int govsvc_facts_unset(govsvc_facts *facts, const char *name);

/* The declared type of a fact, or 0 when the rulebook does not declare it. */
GOVSVC_API govsvc_fact_type govsvc_facts_type(const govsvc_facts *facts, const char *name);

/* The error of the last failed setter (borrowed, valid until the next call
 * on this set), or NULL. Its `fact` field names the fact; `code` is E060
 * (undeclared), E061 (wrong type or form), E062 (out of range), E063 (not
 * among the values) or E064 (pattern mismatch). */
GOVSVC_API const govsvc_diag *govsvc_facts_last_error(const govsvc_facts *facts);

#ifdef __cplusplus
}
#endif
#endif
