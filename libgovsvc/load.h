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
} gs_file;

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

/* -- compile steps ------------------------------------------------------- */
int gs_compile_facts(gs_loader *L);    /* compile_facts.c: facts of every file */
int gs_compile_policy(gs_loader *L, const gs_ynode *policy);
int gs_compile_calendar(gs_loader *L, const gs_ynode *node, struct govsvc_calendar *cal);
int gs_compile_materials(gs_loader *L); /* compile_items.c */
int gs_compile_items(gs_loader *L);
int gs_compile_bundles(gs_loader *L);

#endif
