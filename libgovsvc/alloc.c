/*
 * alloc.c - the one allocation door (sqlite's SQLITE_CONFIG_MALLOC idea):
 * every allocation in the library, libyaml's and pcre2's included, goes
 * through the hooks set here.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void *default_malloc(size_t size, void *ud)
{
    (void)ud;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

static govsvc_malloc_fn hook_malloc = default_malloc;
static govsvc_realloc_fn hook_realloc = default_realloc;
static govsvc_free_fn hook_free = default_free;
static void *hook_ud;

int govsvc_set_allocator(govsvc_malloc_fn m, govsvc_realloc_fn r, govsvc_free_fn f, void *ud)
{
    if (!m && !r && !f) {
        hook_malloc = default_malloc;
        hook_realloc = default_realloc;
        hook_free = default_free;
        hook_ud = NULL;
        return 0;
    }
    if (!m || !r || !f)
        return GOVSVC_EINVAL;
    hook_malloc = m;
    hook_realloc = r;
    hook_free = f;
    hook_ud = ud;
    return 0;
}

void *gs_malloc(size_t size)
{
    return hook_malloc(size ? size : 1, hook_ud);
}

void *gs_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = gs_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *gs_realloc(void *ptr, size_t size)
{
    return hook_realloc(ptr, size ? size : 1, hook_ud);
}

void gs_free(void *ptr)
{
    if (ptr)
        hook_free(ptr, hook_ud);
}

void govsvc_free(void *ptr)
{
    gs_free(ptr);
}

char *gs_strndup(const char *s, size_t n)
{
    char *p = gs_malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *gs_strdup(const char *s)
{
    return gs_strndup(s, strlen(s));
}

int gs_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        return -1;
    void *p = gs_realloc(*items, ncap * size);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}
