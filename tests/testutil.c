/*
 * testutil.c - scaffolding shared by the Check tests: what testutil.h
 * declares, written once instead of once a test.
 */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -- rulebooks and facts ---------------------------------------------------- */

void tu_print_diags(const govsvc_diag_list *d)
{
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++) {
        char *s = govsvc_diag_format(govsvc_diag_list_get(d, i));
        fprintf(stderr, "%s\n", s);
        govsvc_free(s);
    }
}

govsvc_rulebook *tu_load(const char *root, const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, path, NULL, &d);
    tu_print_diags(d);
    govsvc_diag_list_free(d);
    ck_assert_int_eq(r, 0);
    return rb;
}

const char *tu_facts_set(govsvc_facts *f, const char *const *kv)
{
    for (; kv && *kv; kv++) {
        char name[128];
        const char *eq = strchr(*kv, '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - *kv), *kv);
        if (govsvc_facts_set_text(f, name, eq + 1) != 0)
            return *kv;
    }
    return NULL;
}

govsvc_facts *tu_facts(govsvc_rulebook *rb, const char *const *kv)
{
    govsvc_facts *f;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    const char *refused = tu_facts_set(f, kv);
    ck_assert_msg(refused == NULL, "set %s", refused);
    return f;
}

/* -- the counting, failing allocator ---------------------------------------- */

tu_alloc_counts tu_alloc;

/* Counts an allocation; 1 when it is the one to fail. */
static int fail_now(void)
{
    if (++tu_alloc.calls == tu_alloc.fail_at) {
        tu_alloc.injected = 1;
        return 1;
    }
    return 0;
}

static void *t_malloc(size_t n, void *ud)
{
    (void)ud;
    if (fail_now())
        return NULL;
    void *p = malloc(n);
    tu_alloc.live += p != NULL;
    return p;
}

static void *t_realloc(void *p, size_t n, void *ud)
{
    (void)ud;
    if (fail_now())
        return NULL;
    void *q = realloc(p, n);
    tu_alloc.live += q != NULL && p == NULL;
    return q;
}

static void t_free(void *p, void *ud)
{
    (void)ud;
    if (p) {
        tu_alloc.live--;
        free(p);
    }
}

int tu_alloc_install(void)
{
    return govsvc_set_allocator(t_malloc, t_realloc, t_free, NULL);
}

/* -- expectations of the tests driven by files ------------------------------ */

void tu_expect_parse(tu_expect *e, const char *text)
{
    char where[300];
    ck_assert_int_eq(sscanf(text, "%7s %299s", e->code, where), 2);
    char *colon2 = strrchr(where, ':');
    ck_assert_ptr_nonnull(colon2);
    *colon2 = '\0';
    char *colon1 = strrchr(where, ':');
    e->col = (unsigned)atoi(colon2 + 1);
    if (colon1) {
        *colon1 = '\0';
        e->line = (unsigned)atoi(colon1 + 1);
        snprintf(e->file, sizeof e->file, "%s", where);
    } else {
        e->line = (unsigned)atoi(where);
        e->file[0] = '\0';
    }
}

int tu_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}
