/*
 * diff_int.h - the inside of govsvc_diff_report: what diff.c finds and
 * diff_json.c / diff_text.c print. Everything lives in the report's arena;
 * strings of the rulebooks are borrowed (the report holds references).
 */
#ifndef GS_DIFF_INT_H
#define GS_DIFF_INT_H

#include "table.h"

/* One change a reader of the standard looks for. */
typedef enum gs_change_kind {
    GS_CH_FIELD = 0,     /* an item's (or a bundle's, or the rulebook's) field */
    GS_CH_DEADLINE,      /* a time limit of a deadline variant */
    GS_CH_VARIANT,       /* a deadline variant added (from NULL) or removed (to NULL) */
    GS_CH_MAT_ADDED,     /* to: the material's name */
    GS_CH_MAT_REMOVED,   /* from: the material's name */
    GS_CH_MAT_RENAMED,   /* field "name" or "id" */
    GS_CH_MAT_LINE,      /* field "when": the lines asking for it (conditions, deferral) */
    GS_CH_MAT_CATALOGUE  /* field: shared_when, commitment, copies, form, source */
} gs_change_kind;

typedef struct gs_change {
    gs_change_kind kind;
    const char *field;
    const char *material; /* material id, for GS_CH_MAT_* */
    const char *variant;  /* deadline variants: the condition, NULL for a single deadline,
                             "" for the last variant of a list (the default route) */
    const char *from, *to; /* NULL: none */
    gs_duration dfrom, dto; /* GS_CH_DEADLINE: the durations (has_* below) */
    int has_dfrom, has_dto;
    /* "promised" where one side promises nothing: that side's statutory
     * limit stands in (it is what the applicant waits at most). */
    int from_statutory, to_statutory;
} gs_change;

/* A material whose status changed in a group of situations. */
typedef struct gs_sit_mat {
    const char *id, *name;
    int from, to; /* GS_OUT_ABSENT or a govsvc_material_status */
} gs_sit_mat;

/* A deadline as an answer sees it in one situation. */
typedef struct gs_sit_deadline {
    int state; /* 0 none, 1 known, 2 conditional (a variant's condition unknown) */
    int has_promised, has_statutory;
    gs_duration promised, statutory;
} gs_sit_deadline;

/* A group of situations in which the answer changed the same way. */
typedef struct gs_situation {
    const char *facts_text; /* "premises.area = 299, ..." ("" for every situation) */
    const char *facts_json; /* the same as JSON object members */
    size_t combinations;    /* combinations in the group */
    gs_sit_mat *mats;
    uint32_t nmats;
    int deadline_changed;
    gs_sit_deadline dfrom, dto;
} gs_situation;

typedef enum gs_item_change { GS_IT_CHANGED = 0, GS_IT_ADDED, GS_IT_REMOVED } gs_item_change;

typedef struct gs_ditem {
    const char *code, *name;
    gs_item_change change;
    const gs_item *old, *new;
    gs_change *changes;
    uint32_t nchanges, cchanges;
    gs_situation *sits;
    uint32_t nsits;
    size_t combinations, enumerated; /* of the situation enumeration */
    int capped;
    long days_saved, days_added;
    long proofs_cancelled;
} gs_ditem;

struct govsvc_diff_report {
    gs_arena arena;
    govsvc_rulebook *from, *to; /* references */
    gs_change *changes;         /* the rulebook's own: policy, facts, bundles */
    uint32_t nchanges, cchanges;
    gs_ditem *items;
    uint32_t nitems;
    long totals[7];             /* govsvc_diff_total */
};

/* The situations of item `it` whose answer changed (diff_sits.c): fills
 * it->sits, combinations, enumerated and capped. `renamed` pairs old and new
 * material ids (NULL-terminated) counted as one material. Returns 0 or
 * GOVSVC_ENOMEM. */
int gs_diff_situations(govsvc_diff_report *d, gs_ditem *it, size_t cap,
                       const char *const *renamed);

/* Formats a duration change compactly: "20 → 7 个工作日" when both count
 * the same unit, else "20个工作日 → 即办" (zh), or "20 → 7 working days"
 * (en). */
void gs_diff_duration_change(gs_buf *b, int has_from, gs_duration from, int has_to,
                             gs_duration to, int zh);

#endif
