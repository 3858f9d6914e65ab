/*
 * diff_cases.h - applicant situations that the conditions of two versions
 * of an item tell apart, and the answer each version gives in each.
 *
 * Used by the semantic diff (diff.c: which situations' answers changed) and
 * by overlays (overlay.c: is the overlay at most as strict as its base in
 * every situation?). Both sides are compiled, immutable rulebooks; the two
 * may declare different facts, matched by name.
 *
 * How the situations are found: every condition that can change the item's
 * answer on either side is collected (material lines' `when`, the
 * catalogue's `shared_when`, the policy conditions when a line can use
 * them, deadline variants' `when`); the facts they read are the dimensions.
 * Each fact's domain is split into the cases those conditions can tell
 * apart: a bool is false or true; an enum is each value a condition names,
 * plus one value none names ("any other"); a number, an integer or a date
 * is each literal it is compared with, a point below, between and above
 * them (interval reasoning: between two consecutive literals every value
 * gives the same comparisons); a string is each literal plus one other
 * value. A fact without default may also be unknown (the `conditional`
 * status), when asked for. The situations are the combinations of the
 * cases, enumerated in a fixed order up to a cap.
 *
 * Limits, documented in docs/diff-json.md: a comparison between two facts
 * or a `matches` pattern splits nothing, so its distinctions may be missed.
 */
#ifndef GS_DIFF_CASES_H
#define GS_DIFF_CASES_H

#include "table.h"

/* Calls fn for every comparison of a fact with a literal (each element of
 * a list for `in`), with the fact's slot and the literal (expr_cases.c). */
void gs_expr_literals(const gs_expr *e, void (*fn)(uint32_t slot, const gs_value *lit, void *ud),
                      void *ud);

#define GS_NO_SLOT UINT32_MAX

/* One fact's cases. Values per side: known = 0 for the unknown case, or
 * when the side does not declare the fact with a fitting type. */
typedef struct gs_fcase {
    const char *name;
    uint32_t slot[2];  /* per side; GS_NO_SLOT when the side does not declare it */
    const gs_fact *fact[2];
    uint32_t n;        /* number of cases */
    gs_value *v[2];    /* [n] per side */
    uint8_t *unknown;  /* [n]: 1 for the unknown case */
} gs_fcase;

/* Status of a material in an outcome: absent (not asked for) or a
 * govsvc_material_status. */
enum { GS_OUT_ABSENT = 0 };

/* What one side answers in one situation, without dates. */
typedef struct gs_outcome {
    uint8_t *status;          /* [nmats], per material of the union */
    const gs_line **line;     /* [nmats]: the line that gave the status, or NULL */
    const gs_deadline *deadline; /* the variant that applies (or the undecided one) */
    int deadline_unknown;     /* a variant's `when` is unknown */
} gs_outcome;

typedef struct gs_cmp {
    gs_arena *arena;
    const struct govsvc_rulebook *rb[2];
    const gs_item *it[2];     /* both present */
    gs_fcase *facts;
    uint32_t nfacts;
    size_t total;             /* combinations (saturates at SIZE_MAX) */
    size_t count;             /* combinations enumerated: min(total, cap) */
    int capped;
    const char **mat_ids;     /* union of the two items' materials, by id */
    uint32_t nmats;
    gs_value *vals[2];        /* the current situation, per side's slots */
    uint32_t *digit;          /* [nfacts]: the current case of each fact */
    /* Materials given a new id on side 1: "old", "new", ..., NULL (or NULL);
     * side 0's old id counts as the new one. Set after gs_cmp_init(). */
    const char *const *renamed;
} gs_cmp;

/* Builds the cases of item a (in rb_a) against item b (in rb_b); with
 * `unknown`, facts without a default on a side also get the unknown case.
 * `cap` bounds the combinations enumerated (0: 4096). Everything lives in
 * `arena`. Returns 0 or GOVSVC_ENOMEM. */
int gs_cmp_init(gs_cmp *c, gs_arena *arena, const struct govsvc_rulebook *rb_a,
                const gs_item *a, const struct govsvc_rulebook *rb_b, const gs_item *b,
                int unknown, size_t cap);

/* Selects combination k (0 <= k < count): every fact's case and the values
 * of both sides. */
void gs_cmp_select(gs_cmp *c, size_t k);
/* Changes one fact's case in the current combination. */
void gs_cmp_set(gs_cmp *c, uint32_t fact, uint32_t kase);

/* Allocates an outcome for c; returns 0 or GOVSVC_ENOMEM. */
int gs_outcome_init(const gs_cmp *c, gs_outcome *o);
/* Side s's answer in the current situation: each line's status in the
 * order of SPEC section 6 (the rule query.c follows; a test compares the
 * two), the strictest per material, and the deadline variant. */
void gs_cmp_eval(const gs_cmp *c, int s, gs_outcome *o);

/* How much a status asks of the applicant: absent 0 < shared < commitment
 * < deferred < conditional < required. */
int gs_status_rank(int status);

/* 1 when two outcomes' deadlines give the same promised and statutory
 * limits (or both are undecided, or both absent). */
int gs_deadline_same(const gs_outcome *a, const gs_outcome *b);

/* Describes the current situation by the facts a property depends on:
 * appends "name = value" (json: "\"name\": value") joined by ", " for
 * each fact for which another case, alone, makes `holds` false. When no
 * single fact matters, appends nothing if the property holds in every
 * situation enumerated, and every fact otherwise. The situation is left as
 * it was (holds may evaluate what it likes). Returns the facts appended. */
typedef int (*gs_cmp_pred)(gs_cmp *c, void *ud);
int gs_cmp_describe(gs_cmp *c, gs_cmp_pred holds, void *ud, int json, gs_buf *b);

/* Appends a readable value of fact case (f, k) on side s ("300",
 * "'enterprise'", "true", "unknown") to b; json: as a JSON value. */
void gs_fcase_print(const gs_fcase *f, uint32_t k, int json, gs_buf *b);

#endif
