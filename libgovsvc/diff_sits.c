/*
 * diff_sits.c - the situations of the semantic diff: which applicants'
 * answers changed between two versions of an item, grouped, each group shown
 * by one concrete situation (diff.h, docs/diff-json.md).
 *
 * diff_cases.c enumerates the combinations of the cases the conditions of
 * both versions tell apart and answers each with both versions; here every
 * difference of one combination is an atom (a material's status, or the
 * deadline), and atoms that happen in exactly the same combinations form one
 * group. So a change made everywhere (a shorter promise) is said once, "in
 * every situation", and a change that turns on a condition is shown with the
 * facts it turns on.
 */
#include <stdio.h>
#include <string.h>

#include "diff_cases.h"
#include "diff_int.h"

/* A change in one situation: a material's status (m<u>:<from>><to>) or the
 * deadline (d:<old>><new>). Each atom keeps the set of combinations where
 * it happens; atoms happening in exactly the same combinations form one
 * group, shown by one situation. So a change made everywhere (a shorter
 * promise) is said once, "in every situation", and a change that turns on
 * a condition is shown with the facts it turns on. */
typedef struct atom {
    char *text;    /* ";m3:5>0;", with the delimiters (gs_malloc'd) */
    size_t len;
    uint8_t *bits; /* [words]: the combinations where it happens */
    size_t first;  /* the first of them */
    int group;
} atom;

typedef struct sitctx {
    gs_cmp cmp;
    gs_outcome o[2];
    gs_buf sig;          /* the current combination's atoms, ";a;b;" */
    atom *atoms;
    size_t natoms, cap;
    size_t bytes;        /* of each bitset */
    const size_t *want;  /* describe: the atoms of the group */
    size_t nwant;
} sitctx;

static void deadline_sig(gs_buf *b, const gs_outcome *o)
{
    char t[32];
    if (!o->deadline) {
        gs_buf_puts(b, "none");
        return;
    }
    if (o->deadline_unknown) {
        gs_buf_puts(b, "?");
        return;
    }
    gs_duration_format(o->deadline->promised, t);
    gs_buf_printf(b, "%s/", o->deadline->has_promised ? t : "-");
    gs_duration_format(o->deadline->statutory, t);
    gs_buf_puts(b, o->deadline->has_statutory ? t : "-");
}

/* The atoms of the current combination, into s->sig (empty: no change). */
static void signature(sitctx *s)
{
    s->sig.len = 0;
    if (s->sig.data)
        s->sig.data[0] = '\0';
    gs_cmp_eval(&s->cmp, 0, &s->o[0]);
    gs_cmp_eval(&s->cmp, 1, &s->o[1]);
    for (uint32_t u = 0; u < s->cmp.nmats; u++)
        if (s->o[0].status[u] != s->o[1].status[u])
            gs_buf_printf(&s->sig, ";m%u:%u>%u", u, s->o[0].status[u], s->o[1].status[u]);
    if (!gs_deadline_same(&s->o[0], &s->o[1])) {
        gs_buf_puts(&s->sig, ";d:");
        deadline_sig(&s->sig, &s->o[0]);
        gs_buf_putc(&s->sig, '>');
        deadline_sig(&s->sig, &s->o[1]);
    }
    if (s->sig.len)
        gs_buf_putc(&s->sig, ';');
}

/* Records the current combination k's atoms. */
static int note_atoms(sitctx *s, size_t k)
{
    const char *p = s->sig.data;
    while (p && *p == ';' && p[1]) {
        const char *q = strchr(p + 1, ';');
        size_t len = (size_t)(q - p) + 1;
        size_t a = 0;
        while (a < s->natoms && !(s->atoms[a].len == len && memcmp(s->atoms[a].text, p, len) == 0))
            a++;
        if (a == s->natoms) {
            if (gs_grow((void **)&s->atoms, &s->cap, s->natoms + 1, sizeof *s->atoms) < 0)
                return GOVSVC_ENOMEM;
            atom *n = &s->atoms[s->natoms];
            memset(n, 0, sizeof *n);
            n->text = gs_strndup(p, len);
            n->bits = gs_calloc(s->bytes, 1);
            if (!n->text || !n->bits) {
                gs_free(n->text);
                gs_free(n->bits);
                return GOVSVC_ENOMEM;
            }
            n->len = len;
            n->first = k;
            s->natoms++;
        }
        s->atoms[a].bits[k / 8] |= (uint8_t)(1u << (k % 8));
        p = q;
    }
    return 0;
}

static int group_holds(gs_cmp *c, void *ud)
{
    sitctx *s = ud;
    (void)c;
    signature(s);
    for (size_t i = 0; i < s->nwant; i++) {
        const atom *a = &s->atoms[s->want[i]];
        if (!s->sig.data || !strstr(s->sig.data, a->text))
            return 0;
    }
    return 1;
}

static void sit_deadline(gs_sit_deadline *d, const gs_outcome *o)
{
    memset(d, 0, sizeof *d);
    if (!o->deadline)
        return;
    d->state = o->deadline_unknown ? 2 : 1;
    if (d->state == 1) {
        d->has_promised = o->deadline->has_promised;
        d->promised = o->deadline->promised;
        d->has_statutory = o->deadline->has_statutory;
        d->statutory = o->deadline->statutory;
    }
}

static const char *mat_name(const struct govsvc_rulebook *a, const struct govsvc_rulebook *b,
                            const char *id)
{
    uint32_t i;
    if (gs_strmap_get(&b->material_index, id, strlen(id), &i) && b->materials[i].name)
        return b->materials[i].name;
    if (gs_strmap_get(&a->material_index, id, strlen(id), &i) && a->materials[i].name)
        return a->materials[i].name;
    return id;
}

static size_t popcount(const uint8_t *bits, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        for (uint8_t b = bits[i]; b; b &= (uint8_t)(b - 1))
            n++;
    return n;
}

/* Fills a group's situation: its atoms `want` and its first combination. */
static int describe_group(govsvc_diff_report *d, sitctx *s, const size_t *want, size_t nwant,
                          gs_situation *out)
{
    const atom *lead = &s->atoms[want[0]];
    gs_cmp_select(&s->cmp, lead->first);
    s->want = want;
    s->nwant = nwant;
    gs_buf text, json;
    gs_buf_init(&text);
    gs_buf_init(&json);
    gs_cmp_describe(&s->cmp, group_holds, s, 0, &text);
    gs_cmp_describe(&s->cmp, group_holds, s, 1, &json);
    gs_cmp_select(&s->cmp, lead->first);
    signature(s);
    out->combinations = popcount(lead->bits, s->bytes);
    out->facts_text = gs_arena_strndup(&d->arena, text.data ? text.data : "", text.len);
    out->facts_json = gs_arena_strndup(&d->arena, json.data ? json.data : "", json.len);
    int oom = text.oom || json.oom || !out->facts_text || !out->facts_json;
    gs_buf_free(&text);
    gs_buf_free(&json);
    out->mats = gs_arena_calloc(&d->arena, nwant, sizeof *out->mats);
    if (oom || !out->mats)
        return GOVSVC_ENOMEM;
    for (size_t i = 0; i < nwant; i++) {
        const atom *a = &s->atoms[want[i]];
        unsigned u, from, to;
        if (a->text[1] == 'd') {
            out->deadline_changed = 1;
            sit_deadline(&out->dfrom, &s->o[0]);
            sit_deadline(&out->dto, &s->o[1]);
        } else if (sscanf(a->text, ";m%u:%u>%u;", &u, &from, &to) == 3 && u < s->cmp.nmats) {
            gs_sit_mat *m = &out->mats[out->nmats++];
            m->id = s->cmp.mat_ids[u];
            m->name = mat_name(d->from, d->to, m->id);
            m->from = (int)from;
            m->to = (int)to;
        }
    }
    return 0;
}

int gs_diff_situations(govsvc_diff_report *d, gs_ditem *it, size_t cap,
                       const char *const *renamed)
{
    gs_arena a;
    gs_arena_init(&a);
    sitctx s;
    memset(&s, 0, sizeof s);
    gs_buf_init(&s.sig);
    int r = gs_cmp_init(&s.cmp, &a, d->from, it->old, d->to, it->new, 1, cap);
    if (r == 0) {
        s.cmp.renamed = renamed;
        if (gs_outcome_init(&s.cmp, &s.o[0]) || gs_outcome_init(&s.cmp, &s.o[1]))
            r = GOVSVC_ENOMEM;
    }
    if (r == 0) {
        it->combinations = s.cmp.total;
        it->enumerated = s.cmp.count;
        it->capped = s.cmp.capped;
        s.bytes = s.cmp.count / 8 + 1;
    }
    for (size_t k = 0; r == 0 && k < s.cmp.count; k++) {
        gs_cmp_select(&s.cmp, k);
        signature(&s);
        r = s.sig.oom ? GOVSVC_ENOMEM : note_atoms(&s, k);
    }
    /* Groups: atoms with the same combinations, in the order first seen. */
    size_t ngroups = 0;
    for (size_t i = 0; r == 0 && i < s.natoms; i++) {
        s.atoms[i].group = -1;
        for (size_t j = 0; j < i && s.atoms[i].group < 0; j++)
            if (memcmp(s.atoms[i].bits, s.atoms[j].bits, s.bytes) == 0)
                s.atoms[i].group = s.atoms[j].group;
        if (s.atoms[i].group < 0)
            s.atoms[i].group = (int)ngroups++;
    }
    size_t *want = r || !s.natoms ? NULL : gs_calloc(s.natoms, sizeof *want);
    if (r == 0 && ngroups) {
        it->sits = gs_arena_calloc(&d->arena, ngroups, sizeof *it->sits);
        if (!it->sits || !want)
            r = GOVSVC_ENOMEM;
    }
    /* The widest groups first ("in every situation" leads), ties in the
     * order first seen. */
    size_t *order = r || !ngroups ? NULL : gs_calloc(ngroups, sizeof *order);
    size_t *width = r || !ngroups ? NULL : gs_calloc(ngroups, sizeof *width);
    if (r == 0 && ngroups && (!order || !width))
        r = GOVSVC_ENOMEM;
    for (size_t g = 0; r == 0 && g < ngroups; g++) {
        for (size_t i = 0; i < s.natoms; i++)
            if (s.atoms[i].group == (int)g)
                width[g] = popcount(s.atoms[i].bits, s.bytes);
        size_t k = g;
        while (k > 0 && width[order[k - 1]] < width[g]) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = g;
    }
    for (size_t x = 0; r == 0 && x < ngroups; x++) {
        size_t n = 0;
        for (size_t i = 0; i < s.natoms; i++)
            if (s.atoms[i].group == (int)order[x])
                want[n++] = i;
        r = describe_group(d, &s, want, n, &it->sits[it->nsits++]);
    }
    gs_free(order);
    gs_free(width);
    gs_free(want);
    for (size_t i = 0; i < s.natoms; i++) {
        gs_free(s.atoms[i].text);
        gs_free(s.atoms[i].bits);
    }
    gs_free(s.atoms);
    gs_buf_free(&s.sig);
    gs_arena_free(&a);
    return r;
}

