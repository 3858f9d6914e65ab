/*
 * registry.c - the current rulebook of a long-running host (govsvc/
 * registry.h), swapped while queries go on.
 *
 * The scheme is a mutex around one pointer. Acquire takes the reference
 * while holding the mutex, and swap drops the old rulebook's reference
 * only after releasing it: so no reader can be between "read the pointer"
 * and "take a reference" when the last reference goes, which is the race
 * a bare atomic pointer would have (the reader could load the pointer, the
 * swapper unref and free it, and the reader then increment freed memory).
 * Lock-free fixes for that (hazard pointers, RCU, split reference counts)
 * cost far more code than a critical section of a few instructions, which
 * is all this mutex ever guards: loads, frees and queries run outside it.
 */
#include <pthread.h>

#include "util.h"

struct govsvc_registry {
    pthread_mutex_t lock;
    govsvc_rulebook *current; /* the registry's own reference, or NULL */
    uint64_t generation;      /* installs so far; guarded by lock */
};

int govsvc_registry_new(govsvc_registry **out, govsvc_rulebook *rb)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    govsvc_registry *reg = gs_calloc(1, sizeof *reg);
    if (!reg)
        return GOVSVC_ENOMEM;
    if (pthread_mutex_init(&reg->lock, NULL) != 0) {
        gs_free(reg);
        return GOVSVC_ENOMEM;
    }
    reg->current = govsvc_rulebook_ref(rb);
    reg->generation = rb ? 1 : 0;
    *out = reg;
    return 0;
}

void govsvc_registry_free(govsvc_registry *reg)
{
    if (!reg)
        return;
    govsvc_rulebook_unref(reg->current);
    pthread_mutex_destroy(&reg->lock);
    gs_free(reg);
}

govsvc_rulebook *govsvc_registry_acquire(govsvc_registry *reg)
{
    if (!reg)
        return NULL;
    pthread_mutex_lock(&reg->lock);
    /* The reference is taken before the lock is released: see the top. */
    govsvc_rulebook *rb = govsvc_rulebook_ref(reg->current);
    pthread_mutex_unlock(&reg->lock);
    return rb;
}

int govsvc_registry_swap(govsvc_registry *reg, govsvc_rulebook *rb)
{
    if (!reg)
        return GOVSVC_EINVAL;
    govsvc_rulebook_ref(rb); /* the registry's reference, taken outside the lock */
    pthread_mutex_lock(&reg->lock);
    govsvc_rulebook *old = reg->current;
    reg->current = rb;
    if (rb)
        reg->generation++;
    pthread_mutex_unlock(&reg->lock);
    /* Outside the lock: when this was the last reference, freeing a large
     * table must not hold up the readers. */
    govsvc_rulebook_unref(old);
    return 0;
}

int govsvc_registry_reload(govsvc_registry *reg, const char *path,
                           const govsvc_load_options *opts, govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!reg || !path)
        return GOVSVC_EINVAL;
    govsvc_rulebook *rb = NULL;
    int r = govsvc_rulebook_load(&rb, path, opts, diags);
    if (r)
        return r; /* the current rulebook stays in force */
    govsvc_registry_swap(reg, rb);
    govsvc_rulebook_unref(rb); /* the registry holds it now */
    return 0;
}

uint64_t govsvc_registry_generation(govsvc_registry *reg)
{
    if (!reg)
        return 0;
    pthread_mutex_lock(&reg->lock);
    uint64_t g = reg->generation;
    pthread_mutex_unlock(&reg->lock);
    return g;
}
