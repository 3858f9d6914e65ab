/*
 * pattern.h - pcre2 patterns compiled once at load (JIT where available),
 * matched with the load options' match and depth limits. All of pcre2's
 * memory goes through the library's allocation door.
 */
#ifndef GS_PATTERN_H
#define GS_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util.h"

typedef struct gs_pattern {
    pcre2_code *code;
    const char *src; /* the pattern text, NUL-terminated, in the owner's arena */
    uint32_t match_limit;
    uint32_t depth_limit;
    struct gs_pattern *next; /* the owner's list, for freeing */
} gs_pattern;

/* Every compiled pattern of one table, freed together. */
typedef struct gs_patterns {
    gs_pattern *head;
    uint32_t match_limit; /* 0: default 100000 */
    uint32_t depth_limit; /* 0: default 1000 */
} gs_patterns;

/* Compiles src (len bytes, UTF mode) into a pattern allocated from arena
 * and linked into ps. Returns 0 and *out; GS_REPORTED when the pattern does not
 * compile (errmsg gets pcre2's message, *erroffset the byte offset in src);
 * GOVSVC_ENOMEM when out of memory. */
int gs_pattern_compile(gs_patterns *ps, gs_arena *arena, const char *src, size_t len,
                       gs_pattern **out, char *errmsg, size_t errmsg_size, size_t *erroffset);

/* Matches subject against p. Returns 1 match, 0 no match, -1 when a limit
 * was hit or memory ran out (the caller treats this as "cannot tell"). Safe
 * from many threads at once (match data is per call). */
int gs_pattern_match(const gs_pattern *p, const char *subject, size_t len);

/* Frees every pattern in the list. */
void gs_patterns_free(gs_patterns *ps);

#endif
