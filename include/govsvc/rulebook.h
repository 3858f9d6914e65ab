/*
 * govsvc/rulebook.h - loading a rulebook and compiling it into an immutable
 * decision table.
 *
 * A loaded govsvc_rulebook never changes. It is reference-counted with
 * atomic operations: govsvc_rulebook_ref() and govsvc_rulebook_unref() may be
 * called from any thread, and any number of threads may query one rulebook at
 * the same time without locks.
 */
#ifndef GOVSVC_RULEBOOK_H
#define GOVSVC_RULEBOOK_H

#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_rulebook govsvc_rulebook;

/* Load options. Initialise with GOVSVC_LOAD_OPTIONS_INIT (or
 * govsvc_load_options_init()) and change only the fields you need; new
 * fields are added at the end and `version` tells the library which ones
 * the caller knows. A limit of 0 means "use the default". */
typedef struct govsvc_load_options {
    unsigned version;
    size_t max_file_bytes;     /* one file; default 64 MiB */
    size_t max_total_bytes;    /* all files of one rulebook; default 256 MiB */
    unsigned max_files;        /* files of one rulebook (top + includes); default 256 */
    unsigned max_depth;        /* YAML nesting depth; default 64, at most 1000 */
    unsigned max_aliases;      /* YAML aliases (*ref) per file; default 1000 */
    size_t max_nodes;          /* YAML nodes per file after alias expansion; default 8M */
    size_t max_scalar_bytes;   /* one YAML scalar; default 1 MiB */
    unsigned max_expr_bytes;   /* one condition; default 4096 */
    unsigned max_expr_depth;   /* nesting of one condition; default 64, at most 1000 */
    uint32_t pattern_match_limit; /* pcre2 match limit; default 100000 */
    uint32_t pattern_depth_limit; /* pcre2 depth limit; default 1000 */
    /* version 2: */
    size_t max_items;          /* service items of one rulebook; default 100000 */
    size_t max_materials;      /* catalogue materials of one rulebook; default 100000 */
    uint32_t pattern_heap_limit; /* pcre2 heap limit in KiB per match; default 8192 */
} govsvc_load_options;

/* 1: the fields up to pattern_depth_limit; 2: adds max_items,
 * max_materials and pattern_heap_limit. A caller built against an older
 * header passes its older version and the library reads only the fields
 * that version has; the others take their defaults. */
#define GOVSVC_LOAD_OPTIONS_VERSION 2
#define GOVSVC_LOAD_OPTIONS_INIT {GOVSVC_LOAD_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

/* Fills opts with the defaults (all limits 0 = default). */
GOVSVC_API void govsvc_load_options_init(govsvc_load_options *opts);

/* Loads the rulebook whose top file is `path`, with its includes and its
 * calendar, checks it and compiles it.
 *
 * On success returns 0 and stores a new reference in *out (free it with
 * govsvc_rulebook_unref()). On failure returns GOVSVC_ERULEBOOK (the
 * rulebook has errors), GOVSVC_EIO (a file could not be read),
 * GOVSVC_ELIMIT or GOVSVC_ENOMEM, and *out is NULL. When `diags` is not
 * NULL, *diags receives every diagnostic found (errors and warnings, sorted
 * by file, line and column; the loader goes on after an error to report all
 * it can) or NULL when there is none; the caller frees it. `opts` may be
 * NULL for the defaults. */
GOVSVC_API int govsvc_rulebook_load(govsvc_rulebook **out, const char *path,
                                    const govsvc_load_options *opts, govsvc_diag_list **diags);

/* Takes one more reference and returns rb. Thread-safe. */
GOVSVC_API govsvc_rulebook *govsvc_rulebook_ref(govsvc_rulebook *rb);

/* Drops one reference; the last one frees the rulebook. NULL is accepted.
 * Thread-safe. */
GOVSVC_API void govsvc_rulebook_unref(govsvc_rulebook *rb);

/* Identity of the rulebook: `rulebook.id`, `rulebook.version`, title and the
 * content digest "sha256:<64 hex>" over the source bytes of every file in
 * load order. Borrowed strings, valid as long as the rulebook. */
GOVSVC_API const char *govsvc_rulebook_id(const govsvc_rulebook *rb);
GOVSVC_API const char *govsvc_rulebook_version(const govsvc_rulebook *rb);
GOVSVC_API const char *govsvc_rulebook_title(const govsvc_rulebook *rb);
GOVSVC_API const char *govsvc_rulebook_digest(const govsvc_rulebook *rb);
GOVSVC_API govsvc_date govsvc_rulebook_effective(const govsvc_rulebook *rb);

/* Items, in the order the rulebook lists them (top file first, then the
 * includes). Borrowed strings. Index out of range gives NULL. */
GOVSVC_API size_t govsvc_rulebook_item_count(const govsvc_rulebook *rb);
GOVSVC_API const char *govsvc_rulebook_item_code(const govsvc_rulebook *rb, size_t i);
GOVSVC_API const char *govsvc_rulebook_item_name(const govsvc_rulebook *rb, size_t i);

/* Declared facts, in declaration order. */
GOVSVC_API size_t govsvc_rulebook_fact_count(const govsvc_rulebook *rb);
GOVSVC_API const char *govsvc_rulebook_fact_name(const govsvc_rulebook *rb, size_t i);

#ifdef __cplusplus
}
#endif
#endif
