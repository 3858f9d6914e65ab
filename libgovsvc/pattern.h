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
    uint32_t heap_limit;     /* KiB */
    int jit;                 /* JIT-compiled: pcre2 ignores the depth and heap limits */
    pcre2_match_context *mctx; /* the limits, made once; matches only read it */
} gs_pattern;

/* Every compiled pattern of one table, freed together. */
typedef struct gs_patterns {
    gs_pattern *head;
    uint32_t match_limit; /* 0: default 100000 */
    uint32_t depth_limit; /* 0: default 1000 */
    uint32_t heap_limit;  /* KiB; 0: default 8192 */
    int no_jit;           /* tests: match with the interpreter, which honours every limit */
} gs_patterns;

/* Compiles src (len bytes, UTF mode) into a pattern allocated from arena
 * and linked into ps. Returns 0 and *out; GS_REPORTED when the pattern does not
 * compile (errmsg gets pcre2's message, *erroffset the byte offset in src);
 * GOVSVC_ENOMEM when out of memory. */
int gs_pattern_compile(gs_patterns *ps, gs_arena *arena, const char *src, size_t len,
                       gs_pattern **out, char *errmsg, size_t errmsg_size, size_t *erroffset);

/* Matches subject against p. Returns 1 match, 0 no match, -1 when a limit
 * was hit or memory ran out (the caller treats this as "cannot tell"). Safe
 * from many threads at once: the match context is read only, the match
 * data is the calling thread's, made at its first match and freed when the
 * thread ends. */
int gs_pattern_match(const gs_pattern *p, const char *subject, size_t len);

/* Frees every pattern in the list. */
void gs_patterns_free(gs_patterns *ps);

/* gs_pattern_match() may need memory (a thread's first match data, the
 * interpreter's backtracking frames),
 * and evaluation, which cannot fail, reads its -1 as "cannot tell". So that
 * out of memory is still reported as such, a failed allocation also sets a
 * flag of the calling thread: operations that match (a query, a fact
 * setter, a load) clear it when they start and return GOVSVC_ENOMEM when
 * it is set at the end. */
/* Clearing also starts a new budget of matches that may hit a limit
 * (pattern.c: after 16 in one operation, further matches cannot tell). */
void gs_pattern_oom_clear(void);
int gs_pattern_oom_seen(void);
/* Matches of this thread's current operation that hit a limit (at most
 * GS_PATTERN_MAX_HITS = 16 run to it; for tests). */
unsigned gs_pattern_limit_hits(void);

#endif
