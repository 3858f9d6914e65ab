/*
 * govsvc/diag.h - diagnostics: what went wrong, where, and how to fix it.
 *
 * Loading, linting and querying report problems as a list of diagnostics,
 * each with a severity, a stable code (documented in docs/errors.md), a
 * message, the file, line and column (1-based; column counts characters)
 * and a hint. A list is owned by whoever received it through a `**diags`
 * out-parameter and is freed with govsvc_diag_list_free(). Lists are not
 * shared between threads while being filled; a finished list may be read
 * from any thread.
 */
#ifndef GOVSVC_DIAG_H
#define GOVSVC_DIAG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum govsvc_severity {
    GOVSVC_SEVERITY_ERROR = 0,
    GOVSVC_SEVERITY_WARNING = 1,
    GOVSVC_SEVERITY_NOTE = 2
} govsvc_severity;

/* One diagnostic. Every string lives as long as the list it came from.
 * `file` is NULL for problems that have no source position (a fact given by
 * the caller, say); `fact` names the fact concerned, or is NULL. `line` and
 * `column` are 0 when unknown. `hint` may be NULL. New fields are only ever
 * added at the end. */
typedef struct govsvc_diag {
    govsvc_severity severity;
    const char *code;    /* "E031" */
    const char *message; /* "unknown fact 'premises.aera'" */
    const char *file;
    unsigned line;
    unsigned column;
    const char *hint;    /* "did you mean 'premises.area'?" */
    const char *fact;
} govsvc_diag;

typedef struct govsvc_diag_list govsvc_diag_list;

/* Number of diagnostics in the list (0 for NULL). */
GOVSVC_API size_t govsvc_diag_list_count(const govsvc_diag_list *list);

/* The i-th diagnostic (borrowed; lives as long as the list), or NULL when i
 * is out of range. Lists from the loader are sorted by file, line, column. */
GOVSVC_API const govsvc_diag *govsvc_diag_list_get(const govsvc_diag_list *list, size_t i);

/* Number of diagnostics of the given severity. */
GOVSVC_API size_t govsvc_diag_list_count_severity(const govsvc_diag_list *list,
                                                  govsvc_severity severity);

/* Frees the list and every string in it. NULL is accepted. */
GOVSVC_API void govsvc_diag_list_free(govsvc_diag_list *list);

/* Formats one diagnostic the compiler way,
 *   FILE:LINE:COL: error[CODE]: message
 *   hint: ...
 * into a new NUL-terminated string that the caller frees with govsvc_free().
 * Returns NULL when out of memory. */
GOVSVC_API char *govsvc_diag_format(const govsvc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
