/*
 * answer_int.h - the inside of govsvc_answer: everything a notice needs,
 * decided once by the query, in one arena.
 */
#ifndef GS_ANSWER_INT_H
#define GS_ANSWER_INT_H

#include "table.h"

/* A fact a condition read, with the value it had, for --explain. */
typedef struct gs_read_fact {
    uint32_t slot;
    uint8_t from;   /* GS_FROM_* */
    gs_value value; /* when known; strings copied into the answer's arena */
} gs_read_fact;
enum { GS_FROM_UNKNOWN = 0, GS_FROM_CALLER, GS_FROM_DEFAULT };

/* One condition's part in a decision, for --explain. */
typedef struct gs_reason {
    const char *name;      /* "when", "shared_when", "policy.commitment_eligible", ... */
    const char *condition; /* printed expression */
    const gs_expr *expr;   /* the compiled condition, for printing with labels */
    gs_tri value;
    gs_pos pos;
    gs_read_fact *facts;   /* every fact it reads, first-seen order */
    uint32_t nfacts;
} gs_reason;

/* How one candidate status fared in SPEC section 6's order, for --explain:
 * the steps say why the status chosen won over the ones before it. */
typedef enum gs_step_result {
    GS_STEP_CHOSEN = 0,  /* its condition held (or it has none): the status */
    GS_STEP_FALSE,       /* its condition was false */
    GS_STEP_UNKNOWN,     /* its condition was unknown: counted as not met */
    GS_STEP_NOT_OFFERED, /* the rule does not provide it (no shared_when, no
                            commitment on the material, the line not deferrable) */
    GS_STEP_FORBIDDEN    /* the item forbids it (`commitment: forbidden`) */
} gs_step_result;

typedef struct gs_step {
    govsvc_material_status status;
    gs_step_result result;
    int reason; /* index into the material's reasons; -1 when no condition */
} gs_step;

typedef struct gs_amat {
    const gs_material *mat;
    const gs_line *line;
    govsvc_material_status status;
    int has_due, has_verify;
    gs_day due, verify_due;
    const char *condition; /* residual, for conditional */
    const gs_expr *condition_expr; /* the same as a tree, for printing with labels */
    unsigned copies, form;
    gs_reason *reasons; /* explain only */
    uint32_t nreasons;
    gs_step steps[4];   /* explain only: the statuses tried, in order */
    uint32_t nsteps;
    /* Bundle answers (bundle.c): the bundle's items that need this
     * material, as positions in the bundle's list of items. */
    uint32_t *items;
    uint32_t nitems;
} gs_amat;

struct govsvc_answer {
    gs_arena arena;
    govsvc_rulebook *rb; /* a reference: the answer may outlive the caller's */
    const gs_item *item;
    gs_day date;
    unsigned flags;
    gs_amat *mats;
    uint32_t nmats;
    const gs_deadline *deadline; /* the variant that applies; NULL when none or conditional */
    const char *deadline_condition;
    const gs_expr *deadline_condition_expr;
    int has_promised_due, has_statutory_due;
    gs_day promised_due, statutory_due;
    const char *promised_text, *statutory_text; /* canonical durations */
    const char **special_text;                  /* [deadline->nspecial] */
    uint32_t *ask;      /* fact slots, most decisive first (query.c) */
    uint32_t nask;
    uint32_t *settles;  /* [nask]: how many decisions each would settle */
    govsvc_missing_fact *missing;              /* [nask], the public view of ask */
    const govsvc_missing_fact **missing_ptrs;  /* [nask] */
    /* Bundle answers (bundle.c, SPEC section 7): `item` is NULL and
     * `deadline` is NULL; the bundle's promised deadline is in
     * has_promised_due/promised_due/promised_text (or deadline_condition),
     * and each item's own answer is in parts, in the bundle's order. */
    const gs_bundle *bundle;
    govsvc_answer **parts; /* [bundle->nitems] */
    /* Deadline events (deadline.c): the clock of each time limit after the
     * events. A clock that stands (suspended, awaiting corrected materials)
     * has no due date: *_stopped is set and *_left says what remains. */
    const govsvc_event *events; /* copies, in the arena */
    uint32_t nevents;
    int promised_stopped, statutory_stopped;
    gs_duration promised_left, statutory_left;
    const char *promised_left_text, *statutory_left_text; /* canonical, when stopped */
    int has_extended;
    gs_duration extended; /* extension (延期) granted, added to the statutory limit */
    /* Kept when the answer is reused (govsvc_query_item_into, query.c):
     * everything above is cleared for each query, the arena rewound. */
    gs_buf scratch;                /* printing a condition */
    govsvc_diag_list *spare_diags; /* an empty list for the next query */
};

/* Chinese form of a duration for notices: "3个工作日", "10日", "即办". */
void gs_duration_format_zh(gs_duration d, char buf[32]);

#endif
