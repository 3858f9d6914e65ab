/*
 * arena.c - bump allocation in chunks, freed in one call. Compiled tables
 * and answers live in arenas so that freeing them cannot leak a piece; a
 * reused answer (and the loader's scratch space for conditions) resets its
 * arena instead, keeping the largest chunk so that the steady state
 * allocates nothing.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

struct gs_arena_chunk {
    gs_arena_chunk *next;
    size_t size;
    size_t used;
    /* data follows, 16-byte aligned */
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_MIN = 4096 - sizeof(gs_arena_chunk) };

/* Chunks double up to this size. Small enough that the last chunk's unused
 * tail stays a small share of a table (a 16 MiB cap left up to 16 MiB idle
 * behind a 50 MiB table), large enough that a table needs few. */
#define CHUNK_MAX ((size_t)1 << 18)

void gs_arena_init(gs_arena *a)
{
    a->head = NULL;
    a->used_bytes = 0;
    a->failed = 0;
}

void *gs_arena_alloc(gs_arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size == 0)
        size = 8;
    gs_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        /* Grow chunk sizes geometrically so that big tables need few chunks. */
        size_t csize = c ? c->size * 2 : CHUNK_MIN;
        if (csize > CHUNK_MAX)
            csize = CHUNK_MAX;
        if (csize < size)
            csize = size;
        if (csize > SIZE_MAX - sizeof(gs_arena_chunk))
            return NULL;
        gs_arena_chunk *n = gs_malloc(sizeof(gs_arena_chunk) + csize);
        if (!n) {
            a->failed = 1;
            return NULL;
        }
        n->size = csize;
        n->used = 0;
        if (c && c->size - c->used > csize - size) {
            /* The current chunk still has more room than the new one would:
             * keep allocating from it, put the new one behind it. */
            n->next = c->next;
            c->next = n;
            n->used = size;
            a->used_bytes += size;
            return n->data;
        }
        n->next = c;
        a->head = n;
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->used_bytes += size;
    return p;
}

void *gs_arena_calloc(gs_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = gs_arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *gs_arena_strndup(gs_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = gs_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *gs_arena_strdup(gs_arena *a, const char *s)
{
    return gs_arena_strndup(a, s, strlen(s));
}

char *gs_arena_printf(gs_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = NULL;
    if (n >= 0 && (p = gs_arena_alloc(a, (size_t)n + 1)) != NULL)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void gs_arena_reset(gs_arena *a)
{
    /* Keep the largest chunk: once it holds the largest answer (it grows
     * by doubling, as a fresh arena does), resets stop allocating. */
    gs_arena_chunk *keep = NULL;
    for (gs_arena_chunk *c = a->head; c; c = c->next)
        if (!keep || c->size > keep->size)
            keep = c;
    gs_arena_chunk *c = a->head;
    while (c) {
        gs_arena_chunk *next = c->next;
        if (c != keep)
            gs_free(c);
        c = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->used_bytes = 0;
}

void gs_arena_free(gs_arena *a)
{
    gs_arena_chunk *c = a->head;
    while (c) {
        gs_arena_chunk *next = c->next;
        gs_free(c);
        c = next;
    }
    a->head = NULL;
    a->used_bytes = 0;
}
