/*
 * arena.c - bump allocation in chunks, freed in one call. Compiled tables
 * and answers live in arenas so that freeing them cannot leak a piece.
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

void gs_arena_init(gs_arena *a)
{
    a->head = NULL;
    a->used_bytes = 0;
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
        if (csize > (size_t)1 << 24)
            csize = (size_t)1 << 24;
        if (csize < size)
            csize = size;
        if (csize > SIZE_MAX - sizeof(gs_arena_chunk))
            return NULL;
        gs_arena_chunk *n = gs_malloc(sizeof(gs_arena_chunk) + csize);
        if (!n)
            return NULL;
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
