/*
 * expr_intern.c - hash-consing of compiled conditions: each distinct
 * subtree is kept once in the table, however many conditions repeat it.
 *
 * Rulebooks repeat themselves: the same comparison (`applicant.credit !=
 * 'D'`, `premises.area >= 300`) stands in hundreds of conditions. A
 * condition is parsed and type-checked in a scratch arena (reset after
 * each), then copied into the table bottom up, each node replaced by the
 * equal node already there when there is one. Two nodes are equal when they print the same and evaluate the same:
 * same kind, operator, types, fact slot, text as written, literal value,
 * pattern and (already canonical, so compared by address) children. This
 * keeps the table a few times smaller than the trees the parser builds,
 * and keeps the comparisons every query reads hot in the cache.
 *
 * What sharing changes: a node's `off` (its byte offset in the condition,
 * read only by compile-time diagnostics) is the offset in the first
 * condition that wrote it. Loads that go on to analyse each condition
 * against its own text (lint) keep their trees apart: they create no pool.
 */
#include <string.h>

#include "expr_int.h"

/* A slot: the node's hash and its place in `nodes` (+1; 0 is empty).
 * Eight bytes, so that the table of a large rulebook stays in the cache:
 * the node itself is read only when the hash matches. */
typedef struct ient {
    uint32_t hash;
    uint32_t idx;
} ient;

/* Open addressing, at most half full. */
typedef struct itable {
    ient *v;
    uint32_t cap, count;
} itable;

struct gs_expr_pool {
    gs_arena *arena;  /* where canonical nodes go: the table's */
    gs_arena scratch; /* where conditions are parsed before interning */
    /* Two tables: the leaves, comparisons and their negations, a few
     * hundred in a whole rulebook that nearly every lookup finds; and the
     * and/or nodes, about one per condition, fewer found but shared often
     * enough (the same pair of alternatives, the same whole condition) to
     * save a third of the table's conditions. */
    itable atoms, joins;
    const gs_expr **nodes; /* every canonical node, for ient.idx */
    uint32_t nnodes, cnodes;
};

gs_expr_pool *gs_expr_pool_new(gs_arena *arena)
{
    gs_expr_pool *p = gs_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->arena = arena;
    gs_arena_init(&p->scratch);
    return p;
}

void gs_expr_pool_free(gs_expr_pool *p)
{
    if (!p)
        return;
    gs_arena_free(&p->scratch);
    gs_free(p->atoms.v);
    gs_free(p->joins.v);
    gs_free(p->nodes);
    gs_free(p);
}

gs_arena *gs_expr_pool_scratch(gs_expr_pool *p)
{
    return &p->scratch;
}

void gs_expr_pool_reset_scratch(gs_expr_pool *p)
{
    gs_arena_reset(&p->scratch);
}

/* -- equality and hashing --------------------------------------------------- */

/* One multiply per 64-bit word: hashing must cost less than the cache
 * miss it saves (a byte-at-a-time FNV over every node made interning the
 * loader's largest cost). */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static uint64_t mix_bytes(uint64_t h, const char *s, size_t n)
{
    uint64_t w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = mix(h, w);
    }
    w = n;
    for (size_t i = 0; i < n; i++)
        w = w << 8 | (unsigned char)s[i];
    return mix(h, w);
}

/* The literal's value as 64 bits (strings are covered by the text). */
static uint64_t lit_bits(const gs_value *v)
{
    uint64_t x = 0;
    switch (v->type) {
    case GS_T_BOOL: return (uint64_t)!!v->u.b;
    case GS_T_INT: return (uint64_t)v->u.i;
    case GS_T_NUMBER: memcpy(&x, &v->u.n, sizeof x); return x;
    case GS_T_ENUM: return v->u.e;
    case GS_T_DATE: return (uint64_t)(uint32_t)v->u.d;
    default: return 0;
    }
}

static uint32_t node_hash(const gs_expr *e, const gs_expr *const *kids)
{
    uint64_t h = 0;
    h = mix(h, (uint64_t)e->kind | (uint64_t)e->op << 8 | (uint64_t)e->ck << 16 |
                   (uint64_t)e->type << 24 | (uint64_t)e->slot << 32);
    h = mix(h, e->n);
    if (e->text)
        h = mix_bytes(h, e->text, e->text_len);
    if (e->kind == GS_E_LIT)
        h = mix(h, (uint64_t)e->lit.type << 56 ^ lit_bits(&e->lit));
    if (e->pattern)
        h = mix_bytes(h, e->pattern->src, strlen(e->pattern->src));
    for (uint32_t i = 0; i < e->n; i++)
        h = mix(h, (uint64_t)(uintptr_t)kids[i]);
    return (uint32_t)(h >> 32);
}

static int same_text(const gs_expr *a, const gs_expr *b)
{
    if (!a->text || !b->text)
        return a->text == b->text;
    return a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0;
}

static int node_equal(const gs_expr *c, const gs_expr *e, const gs_expr *const *kids)
{
    if (c->kind != e->kind || c->op != e->op || c->ck != e->ck || c->type != e->type ||
        c->slot != e->slot || c->n != e->n || !same_text(c, e))
        return 0;
    if (e->kind == GS_E_LIT &&
        (c->lit.type != e->lit.type || lit_bits(&c->lit) != lit_bits(&e->lit)))
        return 0;
    if ((c->pattern == NULL) != (e->pattern == NULL) ||
        (e->pattern && strcmp(c->pattern->src, e->pattern->src) != 0))
        return 0;
    for (uint32_t i = 0; i < e->n; i++)
        if (c->kids[i] != kids[i])
            return 0;
    return 1;
}

/* -- the table -------------------------------------------------------------- */

static int grow(itable *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : 256;
    if (ncap < t->cap)
        return -1;
    ient *v = gs_calloc(ncap, sizeof *v);
    if (!v)
        return -1;
    for (uint32_t i = 0; i < t->cap; i++) {
        if (!t->v[i].idx)
            continue;
        uint32_t j = t->v[i].hash & (ncap - 1);
        while (v[j].idx)
            j = (j + 1) & (ncap - 1);
        v[j] = t->v[i];
    }
    gs_free(t->v);
    t->v = v;
    t->cap = ncap;
    return 0;
}

/* The canonical copy of e, whose children are already canonical. The copy
 * keeps its children right behind it, so one condition reads as one run of
 * memory. */
static const gs_expr *canonical(gs_expr_pool *p, const gs_expr *e, const gs_expr *const *kids)
{
    int join = e->kind == GS_E_AND || e->kind == GS_E_OR ||
               (e->kind == GS_E_NOT && (kids[0]->kind == GS_E_AND || kids[0]->kind == GS_E_OR));
    itable *t = join ? &p->joins : &p->atoms;
    if ((t->count + 1) * 2 > t->cap && grow(t) < 0)
        return NULL;
    if (p->nnodes == p->cnodes) {
        size_t cap = p->cnodes;
        if (gs_grow((void **)&p->nodes, &cap, (size_t)p->nnodes + 1, sizeof *p->nodes) < 0 ||
            cap > UINT32_MAX - 1)
            return NULL;
        p->cnodes = (uint32_t)cap;
    }
    uint32_t h = node_hash(e, kids), mask = t->cap - 1, i = h & mask;
    for (; t->v[i].idx; i = (i + 1) & mask)
        if (t->v[i].hash == h && node_equal(p->nodes[t->v[i].idx - 1], e, kids))
            return p->nodes[t->v[i].idx - 1];
    size_t size = sizeof(gs_expr) + (size_t)e->n * sizeof(gs_expr *);
    gs_expr *c = gs_arena_alloc(p->arena, size);
    if (!c)
        return NULL;
    *c = *e;
    c->kids = NULL;
    if (e->n) {
        c->kids = (struct gs_expr **)(c + 1);
        memcpy(c->kids, kids, e->n * sizeof *kids);
    }
    /* Texts move into the table; `true` and `false` are static already. */
    if (e->text && !(e->kind == GS_E_LIT && e->lit.type == GS_T_BOOL)) {
        char *text = gs_arena_strndup(p->arena, e->text, e->text_len);
        if (!text)
            return NULL;
        c->text = text;
        if (e->kind == GS_E_LIT && e->lit.type == GS_T_STRING)
            c->lit.u.s.p = text;
    }
    p->nodes[p->nnodes++] = c;
    t->v[i].idx = p->nnodes;
    t->v[i].hash = h;
    t->count++;
    return c;
}

static const gs_expr *intern(gs_expr_pool *p, const gs_expr *e)
{
    const gs_expr *small[8], **kids = small;
    if (e->n > GS_ARRAY_LEN(small) && !(kids = gs_calloc(e->n, sizeof *kids)))
        return NULL;
    const gs_expr *c = NULL;
    uint32_t i = 0;
    for (; i < e->n; i++)
        if (!(kids[i] = intern(p, e->kids[i])))
            break;
    if (i == e->n)
        c = canonical(p, e, kids);
    if (kids != small)
        gs_free(kids);
    return c;
}

int gs_expr_intern(gs_expr_pool *p, const gs_expr *e, const gs_expr **out)
{
    *out = e ? intern(p, e) : NULL;
    return e && !*out ? GOVSVC_ENOMEM : 0;
}
