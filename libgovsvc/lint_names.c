/*
 * lint_names.c - entries nothing uses, and ids a typo apart.
 *
 * Near-identical ids are found without comparing every pair (a 2,000-item
 * rulebook has two million pairs): each id, lower-cased, is filed under
 * itself and under each of its one-character deletions; two ids within one
 * edit of each other share such a key (a substitution at i shares the
 * deletion at i; an insertion shares the shorter id itself). Sorting the
 * keys brings the candidates together, and each candidate pair is then
 * confirmed with the edit distance.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

/* -- unused entries ------------------------------------------------------- */

static void check_unused(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    for (uint32_t i = 0; i < rb->nmaterials; i++)
        if (!c->material_used[i])
            gs_lint_report(c, "W108", rb->materials[i].pos,
                           "list it in an item's materials, or remove it from the catalogue",
                           "material '%s' is in the catalogue but no item uses it",
                           rb->materials[i].id);
    for (uint32_t i = 0; i < rb->schema.count; i++)
        if (!c->fact_used[i])
            gs_lint_report(c, "W109", rb->schema.facts[i].pos,
                           "use it in a condition, or remove the declaration",
                           "fact '%s' is declared but no condition reads it",
                           rb->schema.facts[i].name);
}

/* -- near-identical ids --------------------------------------------------- */

typedef struct key {
    const char *s; /* in the arena */
    uint32_t owner;
} key;

static int cmp_key(const void *pa, const void *pb)
{
    const key *a = pa, *b = pb;
    int r = strcmp(a->s, b->s);
    return r ? r : (a->owner > b->owner) - (a->owner < b->owner);
}

/* Compares the numbers of two digit runs (leading zeros aside): 0 equal. */
static int cmp_number(const char *a, size_t na, const char *b, size_t nb)
{
    while (na > 1 && *a == '0') {
        a++;
        na--;
    }
    while (nb > 1 && *b == '0') {
        b++;
        nb--;
    }
    if (na != nb)
        return na < nb ? -1 : 1;
    return memcmp(a, b, na);
}

/* Ids of a series differ on purpose: numbered (XF-001 and XF-002, T-1 and
 * T-10: the same text around different numbers) or lettered (form_a and
 * form_b, C-1 and P-1: a one-character word changed). Zero padding alone
 * (XF-01, XF-001) is no series: it is reported. a and b are lower-case. */
static int series(const char *a, const char *b)
{
    const char *p = a, *q = b;
    int numbers_differ = 0;
    while (*p && *q) {
        if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
            const char *p0 = p, *q0 = q;
            while (isdigit((unsigned char)*p))
                p++;
            while (isdigit((unsigned char)*q))
                q++;
            numbers_differ |= cmp_number(p0, (size_t)(p - p0), q0, (size_t)(q - q0)) != 0;
            continue;
        }
        if (*p != *q)
            break;
        p++;
        q++;
    }
    if (!*p && !*q && numbers_differ)
        return 1;
    size_t n = strlen(a);
    if (n != strlen(b))
        return 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i] == b[i])
            continue;
        any = 1;
        int word = isalnum((unsigned char)a[i]) && isalnum((unsigned char)b[i]) &&
                   (i == 0 || !isalnum((unsigned char)a[i - 1])) &&
                   (i + 1 == n || !isalnum((unsigned char)a[i + 1]));
        if (!word)
            return 0;
    }
    return any;
}

static char *lower(gs_arena *ar, const char *s)
{
    char *l = gs_arena_strdup(ar, s);
    for (char *p = l; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return l;
}

/* Reports, for each id that is one edit (or only case) away from an earlier
 * one, the earlier one. ids[i] and pos[i] for i < n. */
static int confusable(gs_lint *c, const char *code, const char *what, const char *const *ids,
                      const gs_pos *pos, uint32_t n)
{
    gs_arena ar;
    gs_arena_init(&ar);
    size_t cap = 0, nk = 0;
    for (uint32_t i = 0; i < n; i++)
        cap += strlen(ids[i]) + 1;
    key *keys = gs_calloc(cap ? cap : 1, sizeof *keys);
    char **low = gs_calloc(n ? n : 1, sizeof *low);
    uint32_t *partner = gs_calloc(n ? n : 1, sizeof *partner);
    int r = 0;
    if (!keys || !low || !partner)
        goto oom;
    for (uint32_t i = 0; i < n; i++) {
        partner[i] = UINT32_MAX;
        size_t len = strlen(ids[i]);
        if (!(low[i] = lower(&ar, ids[i])))
            goto oom;
        keys[nk++] = (key){low[i], i};
        for (size_t d = 0; d < len; d++) {
            char *k = gs_arena_alloc(&ar, len);
            if (!k)
                goto oom;
            memcpy(k, low[i], d);
            memcpy(k + d, low[i] + d + 1, len - d); /* with the NUL */
            keys[nk++] = (key){k, i};
        }
    }
    qsort(keys, nk, sizeof *keys, cmp_key);
    for (size_t i = 0; i < nk;) {
        size_t j = i + 1;
        while (j < nk && strcmp(keys[j].s, keys[i].s) == 0)
            j++;
        /* keys[i..j) share a key, owners ascending: pair each id with the
         * earliest other id within one edit. */
        for (size_t k = i + 1; k < j; k++) {
            uint32_t b = keys[k].owner;
            for (size_t m = i; m < k; m++) {
                uint32_t a = keys[m].owner;
                if (a == b || partner[b] <= a)
                    break;
                /* Series first: the cheap test settles most pairs. A
                 * difference of case alone is always reported. */
                int same = strcmp(low[a], low[b]) == 0;
                if ((same || !series(low[a], low[b])) &&
                    gs_edit_distance(low[a], low[b], 1) <= 1) {
                    partner[b] = a;
                    break;
                }
            }
        }
        i = j;
    }
    for (uint32_t b = 0; b < n; b++) {
        if (partner[b] == UINT32_MAX)
            continue;
        uint32_t a = partner[b];
        char hint[400];
        snprintf(hint, sizeof hint,
                 "did you mean '%s' (%s:%u:%u)? If the two are different, name them more "
                 "distinctly",
                 ids[a], pos[a].file ? pos[a].file : "", pos[a].line, pos[a].col);
        gs_lint_report(c, code, pos[b], hint, "%s '%s' differs from '%s' only %s", what, ids[b],
                       ids[a],
                       strcmp(low[a], low[b]) == 0 ? "in upper and lower case" : "by one character");
    }
    goto out;
oom:
    r = GOVSVC_ENOMEM;
out:
    gs_free(keys);
    gs_free(low);
    gs_free(partner);
    gs_arena_free(&ar);
    return r;
}

int gs_lint_names(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    check_unused(c);
    uint32_t n = rb->nmaterials > rb->nitems ? rb->nmaterials : rb->nitems;
    const char **ids = gs_calloc(n ? n : 1, sizeof *ids);
    gs_pos *pos = gs_calloc(n ? n : 1, sizeof *pos);
    int r = GOVSVC_ENOMEM;
    if (ids && pos) {
        for (uint32_t i = 0; i < rb->nmaterials; i++) {
            ids[i] = rb->materials[i].id;
            pos[i] = rb->materials[i].pos;
        }
        r = confusable(c, "W123", "material id", ids, pos, rb->nmaterials);
        for (uint32_t i = 0; r == 0 && i < rb->nitems; i++) {
            ids[i] = rb->items[i].code;
            pos[i] = rb->items[i].pos;
        }
        if (r == 0)
            r = confusable(c, "W124", "item code", ids, pos, rb->nitems);
    }
    gs_free(ids);
    gs_free(pos);
    return r == 0 && c->diags->oom ? GOVSVC_ENOMEM : r;
}
