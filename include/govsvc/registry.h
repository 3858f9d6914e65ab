/*
 * govsvc/registry.h - the current rulebook of a long-running host, swapped
 * atomically while queries go on.
 *
 * A hall system answers queries for months and reloads its rulebook when
 * the service standards change. A govsvc_registry holds a reference to the
 * rulebook in force. Each query takes its own reference with
 * govsvc_registry_acquire(), answers from that rulebook alone, and drops
 * the reference when done; a reload installs a new rulebook with
 * govsvc_registry_swap() (or _reload()) and drops the registry's reference
 * to the old one. A query therefore sees exactly one complete version, the
 * old or the new, never a mixture; the old rulebook is freed when the last
 * query holding it ends, and no query is lost or has to wait for a load.
 *
 * Threading: acquire, swap and reload may be called from any number of
 * threads at once. The registry guards its one pointer with a mutex held
 * only to read or exchange the pointer and take a reference (a few
 * instructions; loading, freeing and querying all happen outside it), so
 * readers never wait for a load or for a free. govsvc_registry_free() must
 * not race with the other calls.
 */
#ifndef GOVSVC_REGISTRY_H
#define GOVSVC_REGISTRY_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_registry govsvc_registry;

/* Creates a registry holding `rb` (it takes its own reference; the caller
 * keeps its one). rb may be NULL: the registry starts empty. Free it with
 * govsvc_registry_free(). Returns 0, GOVSVC_EINVAL (out is NULL) or
 * GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_registry_new(govsvc_registry **out, govsvc_rulebook *rb);

/* Drops the registry's reference and frees it. Rulebooks acquired from it
 * stay valid until their holders unref them. NULL is accepted. Call only
 * when no other thread uses the registry. */
GOVSVC_API void govsvc_registry_free(govsvc_registry *reg);

/* Returns a new reference to the current rulebook (release it with
 * govsvc_rulebook_unref() when the query is done), or NULL when the
 * registry is empty or reg is NULL. Thread-safe; never waits for a load. */
GOVSVC_API govsvc_rulebook *govsvc_registry_acquire(govsvc_registry *reg);

/* Installs rb as the current rulebook (the registry takes its own
 * reference; NULL empties the registry) and drops its reference to the
 * previous one, which is freed when no query holds it any more.
 * Thread-safe. Returns 0 or GOVSVC_EINVAL (reg is NULL). */
GOVSVC_API int govsvc_registry_swap(govsvc_registry *reg, govsvc_rulebook *rb);

/* Loads the rulebook at `path` (as govsvc_rulebook_load() does, with the
 * same options, status and diagnostics) and, when it loads, swaps it in.
 * When it does not load, the current rulebook stays in force. Thread-safe:
 * queries go on from the current rulebook while the load runs. */
GOVSVC_API int govsvc_registry_reload(govsvc_registry *reg, const char *path,
                                      const govsvc_load_options *opts,
                                      govsvc_diag_list **diags);

/* How many times a rulebook was installed since the registry was created
 * (each successful swap or reload adds one). For logs and health checks;
 * by the time it returns another thread may have swapped again. */
GOVSVC_API uint64_t govsvc_registry_generation(govsvc_registry *reg);

#ifdef __cplusplus
}
#endif
#endif
