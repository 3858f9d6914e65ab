/*
 * pattern.c - pcre2 behind the allocation door, with limits.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "pattern.h"

static void *pc_malloc(PCRE2_SIZE size, void *ud)
{
    (void)ud;
    return gs_malloc(size);
}

static void pc_free(void *p, void *ud)
{
    (void)ud;
    gs_free(p);
}

int gs_pattern_compile(gs_patterns *ps, gs_arena *arena, const char *src, size_t len,
                       gs_pattern **out, char *errmsg, size_t errmsg_size, size_t *erroffset)
{
    *out = NULL;
    gs_pattern *p = gs_arena_calloc(arena, 1, sizeof *p);
    char *copy = gs_arena_strndup(arena, src, len);
    pcre2_general_context *gctx = pcre2_general_context_create(pc_malloc, pc_free, NULL);
    pcre2_compile_context *cctx = gctx ? pcre2_compile_context_create(gctx) : NULL;
    if (!p || !copy || !cctx) {
        pcre2_compile_context_free(cctx);
        pcre2_general_context_free(gctx);
        return GOVSVC_ENOMEM;
    }
    int err = 0;
    PCRE2_SIZE off = 0;
    /* UTF mode with validity checks: rulebook text is UTF-8 by definition. */
    p->code = pcre2_compile((PCRE2_SPTR)src, len, PCRE2_UTF, &err, &off, cctx);
    /* The match context (the limits) is made once, here: matches on any
     * thread only read it. */
    p->mctx = p->code ? pcre2_match_context_create(gctx) : NULL;
    pcre2_compile_context_free(cctx);
    pcre2_general_context_free(gctx);
    if (p->code && !p->mctx) {
        pcre2_code_free(p->code);
        return GOVSVC_ENOMEM;
    }
    if (!p->code) {
        /* pcre2_compile reports a failed allocation as compile error 121
         * (PCRE2_ERROR_HEAP_FAILED), not as the match error NOMEMORY: out
         * of memory was reported as a pattern that does not compile (E034)
         * until the OOM test (tests/test_oom.c) found it. */
        if (err == PCRE2_ERROR_NOMEMORY || err == PCRE2_ERROR_HEAP_FAILED)
            return GOVSVC_ENOMEM;
        if (errmsg && errmsg_size) {
            if (pcre2_get_error_message(err, (PCRE2_UCHAR *)errmsg, errmsg_size) < 0)
                snprintf(errmsg, errmsg_size, "pcre2 error %d", err);
        }
        if (erroffset)
            *erroffset = off;
        return GS_REPORTED;
    }
    /* JIT is an optimisation only: when it is unavailable (or runs out of
     * memory) the interpreter gives the same answers. JIT code honours the
     * match limit and runs on its own bounded stack (32 KiB by default; a
     * pattern that needs more fails with PCRE2_ERROR_JIT_STACKLIMIT, which
     * is "cannot tell"); the interpreter honours all three limits. */
    p->jit = !ps->no_jit && pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0;
    p->src = copy;
    p->match_limit = ps->match_limit ? ps->match_limit : 100000;
    p->depth_limit = ps->depth_limit ? ps->depth_limit : 1000;
    /* pcre2's own default heap limit is 20 GB: bound it so that one hostile
     * pattern cannot make a query allocate without end. */
    p->heap_limit = ps->heap_limit ? ps->heap_limit : 8192;
    pcre2_set_match_limit(p->mctx, p->match_limit);
    pcre2_set_depth_limit(p->mctx, p->depth_limit);
    pcre2_set_heap_limit(p->mctx, p->heap_limit);
    p->next = ps->head;
    ps->head = p;
    *out = p;
    return 0;
}

static _Thread_local int match_oom;
/* Matches of the current operation that hit a pcre2 limit. Each costs up
 * to match_limit steps (about a millisecond); a rulebook with thousands of
 * such patterns in one item's conditions made one query take minutes. After
 * GS_PATTERN_MAX_HITS of them the operation's further matches answer
 * "cannot tell" at once: the rulebook is broken, and its answer is bounded. */
enum { GS_PATTERN_MAX_HITS = 16 };
static _Thread_local unsigned limit_hits;

void gs_pattern_oom_clear(void)
{
    match_oom = 0;
    limit_hits = 0;
}

int gs_pattern_oom_seen(void)
{
    return match_oom;
}

unsigned gs_pattern_limit_hits(void)
{
    return limit_hits;
}

/* Each thread's match data, made at its first match and kept (with the
 * backtracking frames pcre2's interpreter grows in it) until the thread
 * ends: a match allocates nothing after that, where it once made and freed
 * three objects per call. One pair of offsets is enough; a match needing
 * more still reports a match (rc 0). */
static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static int md_key_ok;
static _Thread_local pcre2_match_data *thread_md;

static void md_destroy(void *md)
{
    pcre2_match_data_free(md);
}

static void md_key_create(void)
{
    md_key_ok = pthread_key_create(&md_key, md_destroy) == 0;
}

/* The thread's match data; *temp is set when it could not be kept (the
 * caller frees it after the match). NULL when out of memory. */
static pcre2_match_data *match_data(int *temp)
{
    *temp = 0;
    if (thread_md)
        return thread_md;
    pthread_once(&md_once, md_key_create);
    pcre2_general_context *gctx = pcre2_general_context_create(pc_malloc, pc_free, NULL);
    pcre2_match_data *md = gctx ? pcre2_match_data_create(1, gctx) : NULL;
    pcre2_general_context_free(gctx);
    if (md && md_key_ok && pthread_setspecific(md_key, md) == 0)
        thread_md = md;
    else
        *temp = md != NULL;
    return md;
}

int gs_pattern_match(const gs_pattern *p, const char *subject, size_t len)
{
    if (limit_hits >= GS_PATTERN_MAX_HITS)
        return -1;
    int temp;
    pcre2_match_data *md = match_data(&temp);
    int r = -1;
    if (md) {
        /* The subject is checked for valid UTF-8 (pcre2's default): fact
         * values come from callers, and a bad sequence is "no answer". */
        int rc = pcre2_match(p->code, (PCRE2_SPTR)subject, len, 0, p->jit ? 0 : PCRE2_NO_JIT,
                             md, p->mctx);
        r = rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
        /* pcre2's interpreter allocates its backtracking frames. */
        if (rc == PCRE2_ERROR_NOMEMORY)
            match_oom = 1;
        else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                 rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
            limit_hits++;
    } else {
        match_oom = 1;
    }
    if (temp)
        pcre2_match_data_free(md);
    return r;
}

void gs_patterns_free(gs_patterns *ps)
{
    for (gs_pattern *p = ps->head; p; p = p->next) {
        pcre2_code_free(p->code);
        pcre2_match_context_free(p->mctx);
    }
    ps->head = NULL;
}
