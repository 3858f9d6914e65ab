/*
 * lint_int.h - what the lint modules share: the condition analyser
 * (lint_expr.c), the checks on a loaded rulebook (lint_items.c,
 * lint_names.c) and the driver (lint.c).
 *
 * The checks run inside the loader (gs_rulebook_load_inspect), with the
 * compiled table and the YAML trees both alive: the table says what the
 * rules mean, the trees say where each key was written.
 */
#ifndef GS_LINT_INT_H
#define GS_LINT_INT_H

#include "expr_int.h"
#include "load.h"

/* -- condition analysis (lint_expr.c; the checks W101-W104: lint_cond.c) -- */

/* The set of fact assignments under which something holds, as a formula in
 * disjunctive normal form over per-fact constraints (intervals on numbers
 * and dates, sets of enum values, true/false, known/unknown). A set that
 * grew past the analyser's bounds is "unknown": nothing is claimed about it.
 * Sets live in the analyser's arena until gs_lx_reset(). */
typedef struct gs_lx_set gs_lx_set;
typedef struct gs_lx gs_lx;

/* An analyser for the conditions of rb. NULL when out of memory. */
gs_lx *gs_lx_new(const struct govsvc_rulebook *rb);
void gs_lx_free(gs_lx *x);
/* Frees every set made so far (call between items to bound memory). */
void gs_lx_reset(gs_lx *x);
/* 1 once an allocation failed (results are then "unknown"). */
int gs_lx_oom(const gs_lx *x);

/* Where e evaluates to true / to false (Kleene: an unknown fact makes a
 * comparison neither). e NULL is the condition not written: always true. */
const gs_lx_set *gs_lx_true(gs_lx *x, const gs_expr *e);
const gs_lx_set *gs_lx_false(gs_lx *x, const gs_expr *e);
/* Where e is not true: false, or unknown because a fact it needs is not
 * given (exact but for comparisons between conditions, `(a > 1) == b`,
 * where it may include more). */
const gs_lx_set *gs_lx_not_true(gs_lx *x, const gs_expr *e);
const gs_lx_set *gs_lx_and(gs_lx *x, const gs_lx_set *a, const gs_lx_set *b);

enum { GS_LX_UNSAT = 0, GS_LX_SAT = 1, GS_LX_UNKNOWN = 2 };
/* Whether some assignment of the declared facts lies in s. */
int gs_lx_sat(const gs_lx_set *s);

/* The set of e for one of four questions: where it is false, true, not
 * false (true or unknown), not true (false or unknown). */
enum { GS_LX_FALSE = 0, GS_LX_TRUE = 1, GS_LX_NOT_FALSE = 2, GS_LX_NOT_TRUE = 3 };
const gs_lx_set *gs_lx_cond(gs_lx *x, const gs_expr *e, int mode);
/* Records that memory ran out (results are "unknown" from then on). */
void gs_lx_fail(gs_lx *x);

/* Shorthands: 1 only when proved. */
int gs_lx_never_true(gs_lx *x, const gs_expr *e);
int gs_lx_may_overlap(gs_lx *x, const gs_expr *a, const gs_expr *b); /* 1 when both can hold */
int gs_lx_implies(gs_lx *x, const gs_expr *a, const gs_expr *b);

/* W101-W104 on one condition: never true, always true, contradictory
 * conjuncts, redundant parts. `src` is the YAML scalar the condition was
 * compiled from (for columns inside it), `what` says what the condition
 * decides, for the message ("the line of material 'x' never applies").
 * Returns 1 when it reported that the whole condition is never true or
 * always true, else 0. */
int gs_lx_check(gs_lx *x, const gs_expr *e, const gs_ynode *src, const char *never,
                const char *always, govsvc_diag_list *diags);

/* The position of byte `off` of a condition compiled from scalar `src`
 * (the same arithmetic as the parser's). */
gs_pos gs_lx_pos(const gs_ynode *src, uint32_t off);
/* Offset of the first character of e in its source. */
uint32_t gs_lx_start(const gs_expr *e);

/* -- the checks on one loaded rulebook ------------------------------------ */

typedef struct gs_lint {
    gs_loader *L;
    const struct govsvc_rulebook *rb;
    govsvc_diag_list *diags;
    gs_lx *lx;
    /* YAML nodes of the table's entries, matched by position (NULL when a
     * later change of the loader broke the match: positions then fall back
     * to the entry's own). */
    const gs_ynode **item_node;     /* [nitems]: the item mapping */
    const gs_ynode **material_node; /* [nmaterials]: the material's body */
    const gs_ynode **bundle_node;   /* [nbundles] */
    const gs_ynode *rulebook_node;  /* `rulebook:` of the top file */
    const gs_ynode *top;            /* the top file's root */
    const gs_ynode *policy;         /* `policy:` or NULL */
    uint8_t *fact_used;             /* [schema.count] */
    uint8_t *material_used;         /* [nmaterials] */
} gs_lint;

/* Each returns 0 or GOVSVC_ENOMEM. */
int gs_lint_items(gs_lint *c);     /* lint_items.c: lines, deadlines, consistency */
int gs_lint_catalogue(gs_lint *c); /* lint_items.c: materials, policy, calendar, bundles */
int gs_lint_names(gs_lint *c);     /* lint_names.c: unused entries, near-identical ids */

/* Value node of `key` in mapping n, or NULL. */
const gs_ynode *gs_lint_get(const gs_ynode *n, const char *key);
/* Position of the value of `key` in n, else of n, else `fallback`. */
gs_pos gs_lint_at(const gs_ynode *n, const char *key, gs_pos fallback);
/* A warning (or error, for E codes) with a hint. */
int gs_lint_report(gs_lint *c, const char *code, gs_pos pos, const char *hint, const char *fmt,
                   ...) GS_PRINTF(5, 6);
/* e printed in the condition language, clipped to `max` bytes, in buf. */
const char *gs_lint_expr_text(const gs_expr *e, char *buf, size_t size);

#endif
