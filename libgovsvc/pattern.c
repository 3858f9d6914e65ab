/*
 * pattern.c - pcre2 behind the allocation door, with limits.
 */
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
    pcre2_compile_context_free(cctx);
    pcre2_general_context_free(gctx);
    if (!p->code) {
        if (err == PCRE2_ERROR_NOMEMORY)
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
     * memory) the interpreter gives the same answers. */
    (void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
    p->src = copy;
    p->match_limit = ps->match_limit ? ps->match_limit : 100000;
    p->depth_limit = ps->depth_limit ? ps->depth_limit : 1000;
    p->next = ps->head;
    ps->head = p;
    *out = p;
    return 0;
}

int gs_pattern_match(const gs_pattern *p, const char *subject, size_t len)
{
    pcre2_general_context *gctx = pcre2_general_context_create(pc_malloc, pc_free, NULL);
    pcre2_match_context *mctx = gctx ? pcre2_match_context_create(gctx) : NULL;
    pcre2_match_data *md = mctx ? pcre2_match_data_create_from_pattern(p->code, gctx) : NULL;
    int r = -1;
    if (md) {
        pcre2_set_match_limit(mctx, p->match_limit);
        pcre2_set_depth_limit(mctx, p->depth_limit);
        int rc = pcre2_match(p->code, (PCRE2_SPTR)subject, len, 0, 0, md, mctx);
        r = rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    pcre2_general_context_free(gctx);
    return r;
}

void gs_patterns_free(gs_patterns *ps)
{
    for (gs_pattern *p = ps->head; p; p = p->next)
        pcre2_code_free(p->code);
    ps->head = NULL;
}
