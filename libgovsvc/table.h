/*
 * table.h - the compiled, immutable decision table behind govsvc_rulebook.
 *
 * Everything here is built once by the loader (load.c, compile_*.c) and
 * never changes afterwards; strings and arrays live in the rulebook's arena,
 * so the whole table is freed in one call when the last reference goes.
 * Items, facts and materials are found by hash (gs_strmap), never by a scan.
 */
#ifndef GS_TABLE_H
#define GS_TABLE_H

#include <stdatomic.h>

#include "calendar.h"
#include "date.h"
#include "expr.h"
#include "fact.h"
#include "pattern.h"
#include "util.h"

#define GS_DAY_MIN INT32_MIN
#define GS_DAY_MAX INT32_MAX

typedef enum gs_source {
    GS_SRC_NONE = 0,
    GS_SRC_APPLICANT,
    GS_SRC_GOVERNMENT,
    GS_SRC_THIRD_PARTY
} gs_source;

typedef struct gs_strlist {
    const char **v;
    uint32_t n;
} gs_strlist;

/* A catalogue material (SPEC section 4). */
typedef struct gs_material {
    const char *id;
    const char *name;
    const char *name_en; /* English name for notices in English; may be NULL */
    gs_source source;
    unsigned form;   /* GOVSVC_FORM_* bits; 0 when not given */
    unsigned copies; /* 0 when not given */
    uint32_t shared_when_prog; /* its program (expr_prog.c), 0: none */
    const gs_expr *shared_when;
    gs_pos shared_when_pos;
    int commitment_allowed;
    int has_verify;
    gs_duration verify_within;
    gs_strlist legal_basis;
    gs_pos pos;
    /* Overlays (overlay.c): where an overlay overrode this entry (line 0
     * when none did), and the `justification:` it gave for a stricter rule. */
    gs_pos override_pos;
    const char *justification;
} gs_material;

/* One line of an item's material list. */
typedef struct gs_line {
    uint32_t material; /* index into the catalogue */
    uint32_t when_prog; /* the program of `when` (expr_prog.c), 0: none */
    const gs_expr *when; /* NULL: always */
    gs_pos when_pos;
    int deferrable;
    gs_duration defer;
    unsigned copies; /* 0: the catalogue's */
    unsigned form;   /* 0: the catalogue's */
    const char *note; /* shown on the notice beside the material; may be NULL */
    gs_pos pos;
    const char *justification; /* overlays: why this line is stricter than the base */
} gs_line;

typedef struct gs_special {
    const char *name;
    gs_duration max;
} gs_special;

/* One deadline variant (办理情形); an item has at least one. */
typedef struct gs_deadline {
    const gs_expr *when; /* NULL on the last (or only) variant */
    gs_pos when_pos;
    int has_statutory, has_promised, has_extension;
    gs_duration statutory, promised, extension;
    uint32_t when_prog; /* the program of `when` (expr_prog.c), 0: none */
    gs_special *special;
    uint32_t nspecial;
    gs_pos pos;
    const char *justification; /* overlays: why this deadline is longer than the base */
} gs_deadline;

typedef struct gs_item {
    const char *code;
    const char *name;
    const char *name_en;    /* English name for notices in English; may be NULL */
    const char *type;       /* license, public_service, ... (as written) */
    const char *department;
    const char *level;      /* may be NULL */
    const char *reform;     /* may be NULL */
    const char *result;     /* may be NULL */
    const char *online;     /* none | partial | full, or NULL */
    int visits;             /* -1 when not given */
    int hall_entered;       /* -1 not given, 0, 1 */
    const char *hall_reason;
    int has_fee;
    double fee;
    int commitment_forbidden;
    gs_day valid_from, valid_until; /* GS_DAY_MIN / GS_DAY_MAX when open */
    gs_strlist legal_basis;
    gs_line *lines;
    uint32_t nlines;
    gs_deadline *deadlines;
    uint32_t ndeadlines;
    gs_pos pos;
    gs_pos override_pos;       /* overlays: the overlay's `code:` (line 0: not overridden) */
    const char *justification; /* overlays: why the item is stricter than the base */
} gs_item;

typedef struct gs_bundle {
    const char *code;
    const char *name;
    uint32_t *items; /* indexes into the item table */
    uint32_t nitems;
    int has_deadline;
    gs_duration deadline;
    int combine; /* 0 none, 1 parallel, 2 serial */
    gs_pos pos;
    gs_pos override_pos;       /* overlays: the overlay's `code:` (line 0: not overridden) */
    const char *justification; /* overlays: why the bundle is slower than the base */
} gs_bundle;

struct govsvc_rulebook {
    atomic_uint refs;
    gs_arena arena;
    gs_patterns patterns;

    const char *id, *version, *title, *jurisdiction, *level, *supersedes, *extends;
    gs_day effective;
    char digest[72]; /* "sha256:" + 64 hex */
    /* Where the header's values are written, for history checks (history.c). */
    gs_pos id_pos, version_pos, effective_pos, supersedes_pos;

    gs_schema schema;
    const gs_expr *commitment_eligible; /* NULL: always eligible */
    const gs_expr *deferral_eligible;
    gs_pos commitment_eligible_pos, deferral_eligible_pos;
    /* Every condition above and in the items, as bytecode (compile_progs.c);
     * the *_prog fields are offsets into progs.code. */
    gs_progs progs;
    uint32_t commitment_eligible_prog, deferral_eligible_prog;

    gs_material *materials;
    uint32_t nmaterials;
    gs_strmap material_index;

    gs_item *items;
    uint32_t nitems;
    gs_strmap item_index;

    gs_bundle *bundles;
    uint32_t nbundles;
    gs_strmap bundle_index;

    struct govsvc_calendar calendar;
    int has_calendar;
};

/* Frees the table (all references gone). */
void gs_rulebook_destroy(struct govsvc_rulebook *rb);

/* Looks up an item / material by code or id; -1 when absent. */
long gs_rulebook_find_item(const struct govsvc_rulebook *rb, const char *code);

#endif
