/*
 * diag.h - building diagnostic lists (the public side is govsvc/diag.h).
 */
#ifndef GS_DIAG_H
#define GS_DIAG_H

#include <stddef.h>

#include "util.h"

struct govsvc_diag_list {
    govsvc_diag *items;
    size_t count;
    size_t cap;
    gs_arena strings; /* messages, hints, file names */
    int oom;          /* a diagnostic was lost for want of memory */
    int capped;       /* GS_DIAG_MAX reached, later ones dropped: 1; 2 once an error was */
    size_t dym_spent; /* candidates compared by gs_diag_did_you_mean() for this list */
};

/* The most diagnostics one list keeps; the next one is replaced by a single
 * E252 "too many diagnostics" at its position and the rest are dropped. */
#define GS_DIAG_MAX 1000

govsvc_diag_list *gs_diag_list_new(void);

/* Adds a diagnostic. `file` and `hint` may be NULL; strings are copied.
 * Returns 0, or -1 when out of memory (the list remembers it in `oom`). */
int gs_diag_add(govsvc_diag_list *l, govsvc_severity sev, const char *code, gs_pos pos,
                const char *hint, const char *fmt, ...) GS_PRINTF(6, 7);
int gs_diag_vadd(govsvc_diag_list *l, govsvc_severity sev, const char *code, gs_pos pos,
                 const char *hint, const char *fmt, va_list ap) GS_PRINTF(6, 0);
/* Sets the `fact` field of the last diagnostic added. */
int gs_diag_set_fact(govsvc_diag_list *l, const char *fact);
/* Shorthand for an error. */
int gs_diag_error(govsvc_diag_list *l, const char *code, gs_pos pos, const char *hint,
                  const char *fmt, ...) GS_PRINTF(5, 6);
/* Stable sort by file (in first-seen order of files), line, column. */
void gs_diag_sort(govsvc_diag_list *l);
size_t gs_diag_errors(const govsvc_diag_list *l);
/* 1 when the list takes no more diagnostics: callers skip expensive hints
 * (did-you-mean searches) that would be dropped anyway. */
int gs_diag_full(const govsvc_diag_list *l);

/* Finds among `candidates` (NULL-terminated, or `n` entries when n > 0) the
 * closest to `word` within a small edit distance, for "did you mean" hints.
 * Returns NULL when nothing is close. */
const char *gs_did_you_mean(const char *word, const char *const *candidates, size_t n);
/* The same over the string member at `offset` of n structs of `size`
 * bytes (the codes of a rulebook's items, say), without copying them into
 * an array first. */
#define GS_DYM_FIELD(word, array, n, type, member)                                          \
    gs_did_you_mean_field((word), (array), (n), sizeof(type), offsetof(type, member))
const char *gs_did_you_mean_field(const char *word, const void *array, size_t n, size_t size,
                                  size_t offset);
/* The same, for a hint in list l, within a budget of GS_DYM_BUDGET
 * candidate comparisons per list: a rulebook with 30000 facts and 30000
 * misspelt references took ten minutes to load, each reference searching
 * all the facts. Past the budget (or with the list full) it returns NULL
 * and the hint goes without a suggestion. */
#define GS_DYM_BUDGET 1000000
const char *gs_diag_did_you_mean(govsvc_diag_list *l, const char *word,
                                 const char *const *candidates, size_t n);

#endif
