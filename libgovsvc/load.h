/*
 * load.h - the loader's working state, shared by load.c (files, includes,
 * digest), schema.c (node checks) and compile_*.c (facts, materials, items,
 * bundles, calendar).
 */
#ifndef GS_LOAD_H
#define GS_LOAD_H

#include <nettle/sha2.h>

#include "diag.h"
#include "table.h"
#include "yaml_read.h"

typedef struct gs_file {
    const char *path; /* as shown in diagnostics (interned in the table arena) */
    const gs_ynode *root;
    int is_top;
    int depth; /* overlays: 0 the rulebook's own files, 1 its base's, 2 the base's base ... */
} gs_file;

struct gs_overlay; /* overlay.c */

typedef struct gs_loader {
    struct govsvc_rulebook *rb; /* being built */
    gs_arena *arena;            /* the table's arena: lives with the rulebook */
    gs_arena tmp;               /* YAML trees: freed when loading ends */
    govsvc_diag_list *diags;
    govsvc_load_options opts;   /* every limit filled in */
    gs_yaml_limits ylim;
    gs_file *files;
    size_t nfiles, fcap;
    size_t total_bytes;
    struct sha256_ctx sha;
    const char *topdir; /* real path of the top file's directory */
    gs_expr_pool *exprs; /* conditions shared across the table, or NULL to
                          * keep each condition's tree apart (lint reads them
                          * against their own text) */
    gs_strmap strings;   /* with exprs: texts read into the table (gs_read_string),
                          * once each */
    const char **string_v;
    size_t nstrings, string_cap;
    int depth;          /* depth of the files being read now (gs_file.depth) */
    struct gs_overlay *ov; /* the base chain of an overlay (`extends`), or NULL */
    const char **material_ids; /* for E040 hints: built once, at the first unknown ref */
    int oom;
    int io_error;
    int limit_error;
} gs_loader;

/* -- node checks (schema.c) ---------------------------------------------- */

/* Checks that n is a mapping whose keys are all in `keys` (NULL-terminated),
 * with no key twice; fills vals[i] with the value of keys[i] or NULL.
 * Reports E007 (not a mapping), E005 (unknown key, with a did-you-mean
 * hint) and E006 (duplicate key, naming the first). Returns 0, or -1 when n
 * is not a mapping. */
int gs_check_map(gs_loader *L, const gs_ynode *n, const char *what, const char *const *keys,
                 const gs_ynode **vals);
/* E008 "missing required key" at the mapping's position. */
void gs_missing(gs_loader *L, const gs_ynode *map, const char *key, const char *what);
/* Returns the scalar text, or NULL after E007 when n is not a scalar. */
const char *gs_need_scalar(gs_loader *L, const gs_ynode *n, const char *what);
/* Scalar copied into the table arena; NULL after a diagnostic (or OOM). */
const char *gs_read_string(gs_loader *L, const gs_ynode *n, const char *what);
/* Each returns 0, or -1 after a diagnostic (E007/E009/E020/E023). */
int gs_read_bool(gs_loader *L, const gs_ynode *n, const char *what, int *out);
int gs_read_int(gs_loader *L, const gs_ynode *n, const char *what, int64_t min, int64_t max,
                int64_t *out);
int gs_read_number(gs_loader *L, const gs_ynode *n, const char *what, double *out);
int gs_read_date(gs_loader *L, const gs_ynode *n, const char *what, gs_day *out);
int gs_read_duration(gs_loader *L, const gs_ynode *n, const char *what, gs_duration *out);
/* Index of the scalar among `values` (NULL-terminated); E009 with a
 * did-you-mean hint and the allowed values otherwise. */
int gs_read_enum(gs_loader *L, const gs_ynode *n, const char *what, const char *const *values,
                 int *out);
/* A scalar or a sequence of scalars, copied into the arena. */
int gs_read_strlist(gs_loader *L, const gs_ynode *n, const char *what, gs_strlist *out);
/* E007 unless n is a sequence. */
int gs_need_seq(gs_loader *L, const gs_ynode *n, const char *what);
/* Compiles a condition held in scalar n. Returns 0 and *out, or -1. */
int gs_read_expr(gs_loader *L, const gs_ynode *n, const char *what, const gs_expr **out,
                 gs_pos *pos);
/* Records an out-of-memory condition; always returns GOVSVC_ENOMEM. */
int gs_oom(gs_loader *L);

/* Reads one stand-alone file (no digest kept) into a tree in L->tmp.
 * Returns 0 (root NULL for an empty file), GS_REPORTED after diagnostics (bad UTF-8
 * or YAML), GOVSVC_EIO, GOVSVC_ELIMIT or GOVSVC_ENOMEM. */
int gs_loader_read_one(gs_loader *L, const char *path, const gs_ynode **root);

/* govsvc_rulebook_load() with a look inside: when the rulebook compiled
 * without errors, inspect(L, ud) runs with the finished table (L->rb) and
 * the files' YAML trees (L->files) still alive, and may add diagnostics to
 * L->diags (sorted with the loader's). lint.c is the one user. inspect
 * returns 0 or GOVSVC_ENOMEM (which the load then returns). */
typedef int (*gs_load_inspect_fn)(gs_loader *L, void *ud);
int gs_rulebook_load_inspect(govsvc_rulebook **out, const char *path,
                             const govsvc_load_options *opts, govsvc_diag_list **diags,
                             gs_load_inspect_fn inspect, void *ud);

/* -- compile steps ------------------------------------------------------- */
int gs_compile_facts(gs_loader *L);    /* compile_facts.c: facts of every file */
int gs_compile_policy(gs_loader *L, const gs_ynode *policy);
int gs_compile_calendar(gs_loader *L, const gs_ynode *node, struct govsvc_calendar *cal);
int gs_compile_materials(gs_loader *L); /* compile_items.c */
int gs_compile_items(gs_loader *L);
int gs_compile_bundles(gs_loader *L);
/* compile_progs.c: every condition of a finished table as bytecode. 0 or
 * GOVSVC_ENOMEM. */
int gs_compile_programs(struct govsvc_rulebook *rb);

/* -- the loader's own steps, for overlay.c ------------------------------- */
/* Reads, digests and parses one file at depth L->depth (see add_file). */
int gs_loader_add_file(gs_loader *L, const char *path, gs_pos at, int is_top,
                       const gs_file **out);
/* The `include:` list of a top file in directory `dir` (checked against
 * L->topdir), and its `calendar:`. */
int gs_loader_includes(gs_loader *L, const char *dir, const gs_ynode *inc);
int gs_loader_calendar(gs_loader *L, const char *dir, const gs_ynode *cal);
/* E010 unless the path n names (full, as joined) stays below `root`
 * (`up` levels of '..' allowed, as for `extends`); returns 1 when it does. */
int gs_loader_confined(gs_loader *L, const gs_ynode *n, const char *full, const char *root,
                       int up, const char *what);

/* -- overlays (overlay.c, SPEC section 8) -------------------------------- */
/* Reads the chain of base rulebooks named by `extends` (the top file's
 * rulebook.extends node), appending their files at depth 1, 2, ...; reads
 * the nearest base's calendar when the top file has none. */
int gs_overlay_read_bases(gs_loader *L, const char *top_path, const gs_ynode *extends,
                          int top_has_calendar);
/* Puts the files in compile order: the deepest base first, so that each
 * level's entries override the level below (stable: no overlay, no change). */
void gs_overlay_order_files(gs_loader *L);
/* Depth of the file a position lies in (0 when unknown). */
int gs_overlay_depth_of(const gs_loader *L, const char *file);
/* Compiles `policy:` of every level, the deepest first, then the top
 * file's (`top`, may be NULL); `justification:` is taken out of overlays'
 * policies (E117 in a rulebook that extends nothing). */
int gs_overlay_policies(gs_loader *L, const gs_ynode *top);
/* After compiling: in an overlay, checks that it only narrows its base
 * (E113-E119, unless justified); elsewhere, that no `justification:` is
 * written (E117). */
int gs_overlay_check(gs_loader *L);
/* Frees the overlay state. */
void gs_overlay_free(gs_loader *L);

#endif
