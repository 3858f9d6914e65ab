/*
 * diff.c - the semantic diff of two versions of a rulebook (govsvc/diff.h):
 * what changed for the applicant, item by item.
 *
 * Two kinds of finding. The written changes: fields, materials added,
 * removed or renamed, a line's condition or deferral, a catalogue entry's
 * sharing or commitment, each deadline variant's time limits (variants are
 * matched by their condition, as printed). And the situations whose answer
 * changed (diff_cases.c): every combination of the cases the conditions of
 * either version tell apart is answered by both versions; combinations
 * whose answers differ in the same way form one group, shown by one
 * concrete situation.
 *
 * The totals follow what reform reports count: proofs cancelled are the
 * (item, material) pairs the new version no longer asks of the applicant
 * — removed from the item, or now fetched by the hall (a `shared_when`
 * where there was none) or replaceable by a signed commitment where it was
 * not (证明事项告知承诺制); days saved are the promised working days
 * shortened, summed over matched deadline variants (an `immediate` promise
 * counts as 0 working days; natural-day limits are not summed). A variant
 * that promises nothing is held to its statutory limit, which is then what
 * a new promise shortens ("办理时限由20个工作日缩减为7个工作日").
 */
#include <stdio.h>
#include <string.h>

#include "diff_cases.h"
#include "diff_int.h"

typedef struct dctx {
    govsvc_diff_report *d;
    size_t cap;
    int oom;
} dctx;

static const char *dup(dctx *c, const char *s)
{
    if (!s)
        return NULL;
    const char *r = gs_arena_strdup(&c->d->arena, s);
    if (!r)
        c->oom = 1;
    return r;
}

static const char *expr_text(dctx *c, const gs_expr *e)
{
    if (!e)
        return NULL;
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(e, &b);
    const char *s = b.oom ? NULL : gs_arena_strndup(&c->d->arena, b.data ? b.data : "", b.len);
    gs_buf_free(&b);
    if (!s)
        c->oom = 1;
    return s;
}

static gs_change *add_change(dctx *c, gs_change **v, uint32_t *n, uint32_t *cap,
                             gs_change_kind kind, const char *field)
{
    size_t cp = *cap;
    if (gs_grow((void **)v, &cp, *n + 1, sizeof **v) < 0) {
        c->oom = 1;
        return NULL;
    }
    *cap = (uint32_t)cp;
    gs_change *ch = &(*v)[(*n)++];
    memset(ch, 0, sizeof *ch);
    ch->kind = kind;
    ch->field = field;
    return ch;
}

static gs_change *item_change(dctx *c, gs_ditem *it, gs_change_kind kind, const char *field)
{
    return add_change(c, &it->changes, &it->nchanges, &it->cchanges, kind, field);
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void field(dctx *c, gs_ditem *it, const char *name, const char *from, const char *to)
{
    if (same_str(from, to))
        return;
    gs_change *ch = item_change(c, it, GS_CH_FIELD, name);
    if (ch) {
        ch->from = from;
        ch->to = to;
    }
}

static const char *num_text(dctx *c, int has, long v)
{
    if (!has)
        return NULL;
    const char *s = gs_arena_printf(&c->d->arena, "%ld", v);
    if (!s)
        c->oom = 1;
    return s;
}

static const char *day_text(dctx *c, gs_day d)
{
    if (d == GS_DAY_MIN || d == GS_DAY_MAX)
        return NULL;
    char t[11];
    gs_date_format(d, t);
    return dup(c, t);
}

static const char *dur_text(dctx *c, int has, gs_duration d)
{
    if (!has)
        return NULL;
    char t[32];
    gs_duration_format(d, t);
    return dup(c, t);
}

/* -- written changes ------------------------------------------------------ */

static void item_fields(dctx *c, gs_ditem *it, const gs_item *o, const gs_item *n)
{
    field(c, it, "name", o->name, n->name);
    field(c, it, "type", o->type, n->type);
    field(c, it, "department", o->department, n->department);
    field(c, it, "level", o->level, n->level);
    field(c, it, "reform", o->reform, n->reform);
    field(c, it, "commitment", o->commitment_forbidden ? "forbidden" : "allowed",
          n->commitment_forbidden ? "forbidden" : "allowed");
    field(c, it, "valid.from", day_text(c, o->valid_from), day_text(c, n->valid_from));
    field(c, it, "valid.until", day_text(c, o->valid_until), day_text(c, n->valid_until));
    field(c, it, "visits", num_text(c, o->visits >= 0, o->visits),
          num_text(c, n->visits >= 0, n->visits));
    field(c, it, "online", o->online, n->online);
    field(c, it, "hall.entered",
          o->hall_entered < 0 ? NULL : o->hall_entered ? "true" : "false",
          n->hall_entered < 0 ? NULL : n->hall_entered ? "true" : "false");
    field(c, it, "hall.reason", o->hall_reason, n->hall_reason);
    field(c, it, "fee", o->has_fee ? gs_arena_printf(&c->d->arena, "%g", o->fee) : NULL,
          n->has_fee ? gs_arena_printf(&c->d->arena, "%g", n->fee) : NULL);
    field(c, it, "result", o->result, n->result);
}

/* The condition a variant is matched by: NULL for a single deadline, ""
 * for the last variant of a list (the default route). */
static const char *variant_key(dctx *c, const gs_item *it, uint32_t i)
{
    if (it->ndeadlines == 1)
        return NULL;
    return it->deadlines[i].when ? expr_text(c, it->deadlines[i].when) : "";
}

static int working_days(gs_duration d, long *out)
{
    if (d.unit == GS_DUR_NATURAL)
        return 0;
    *out = d.unit == GS_DUR_IMMEDIATE ? 0 : d.n;
    return 1;
}

static void limit_change(dctx *c, gs_ditem *it, const char *name, const char *variant, int ho,
                         gs_duration o, int hn, gs_duration n)
{
    if (ho == hn && (!ho || (o.unit == n.unit && o.n == n.n)))
        return;
    gs_change *ch = item_change(c, it, GS_CH_DEADLINE, name);
    if (!ch)
        return;
    ch->variant = variant;
    ch->has_dfrom = ho;
    ch->has_dto = hn;
    ch->dfrom = o;
    ch->dto = n;
    ch->from = dur_text(c, ho, o);
    ch->to = dur_text(c, hn, n);
}

static const char *special_text(dctx *c, const gs_deadline *d)
{
    if (!d->nspecial)
        return NULL;
    gs_buf b;
    gs_buf_init(&b);
    for (uint32_t i = 0; i < d->nspecial; i++) {
        char t[32];
        gs_duration_format(d->special[i].max, t);
        gs_buf_printf(&b, "%s%s (%s)", i ? "; " : "", d->special[i].name, t);
    }
    const char *s = b.oom ? NULL : gs_arena_strndup(&c->d->arena, b.data, b.len);
    gs_buf_free(&b);
    if (!s)
        c->oom = 1;
    return s;
}

static const char *variant_summary(dctx *c, const gs_deadline *d)
{
    char s[32], p[32];
    gs_duration_format(d->statutory, s);
    gs_duration_format(d->promised, p);
    const char *r = gs_arena_printf(&c->d->arena, "statutory %s, promised %s",
                                    d->has_statutory ? s : "-", d->has_promised ? p : "-");
    if (!r)
        c->oom = 1;
    return r;
}

static void deadlines(dctx *c, gs_ditem *it, const gs_item *o, const gs_item *n)
{
    uint8_t *matched = gs_arena_calloc(&c->d->arena, o->ndeadlines + 1, 1);
    if (!matched) {
        c->oom = 1;
        return;
    }
    for (uint32_t j = 0; j < n->ndeadlines; j++) {
        const gs_deadline *dn = &n->deadlines[j];
        const char *key = variant_key(c, n, j);
        uint32_t i = 0;
        while (i < o->ndeadlines && (matched[i] || !same_str(variant_key(c, o, i), key)))
            i++;
        if (i == o->ndeadlines) {
            gs_change *ch = item_change(c, it, GS_CH_VARIANT, "variant");
            if (ch) {
                ch->variant = key;
                ch->to = variant_summary(c, dn);
            }
            continue;
        }
        matched[i] = 1;
        const gs_deadline *dol = &o->deadlines[i];
        /* Without a promise the statutory limit is what the applicant waits
         * at most: where only one side promises, compare with that. */
        int eff = dol->has_promised != dn->has_promised;
        int fo = eff && !dol->has_promised && dol->has_statutory;
        int fn = eff && !dn->has_promised && dn->has_statutory;
        int ho = dol->has_promised || fo, hn = dn->has_promised || fn;
        gs_duration po = fo ? dol->statutory : dol->promised;
        gs_duration pn = fn ? dn->statutory : dn->promised;
        uint32_t before = it->nchanges;
        limit_change(c, it, "promised", key, ho, po, hn, pn);
        if (it->nchanges > before) {
            it->changes[before].from_statutory = fo;
            it->changes[before].to_statutory = fn;
        }
        limit_change(c, it, "statutory", key, dol->has_statutory, dol->statutory,
                     dn->has_statutory, dn->statutory);
        limit_change(c, it, "extension", key, dol->has_extension, dol->extension,
                     dn->has_extension, dn->extension);
        const char *so = special_text(c, dol), *sn = special_text(c, dn);
        if (!same_str(so, sn)) {
            gs_change *ch = item_change(c, it, GS_CH_DEADLINE, "special");
            if (ch) {
                ch->variant = key;
                ch->from = so;
                ch->to = sn;
            }
        }
        long a, b;
        if (ho && hn && working_days(po, &a) && working_days(pn, &b)) {
            if (a > b)
                it->days_saved += a - b;
            else
                it->days_added += b - a;
        }
    }
    for (uint32_t i = 0; i < o->ndeadlines; i++) {
        if (matched[i])
            continue;
        gs_change *ch = item_change(c, it, GS_CH_VARIANT, "variant");
        if (ch) {
            ch->variant = variant_key(c, o, i);
            ch->from = variant_summary(c, &o->deadlines[i]);
        }
    }
}

/* The lines of an item asking for material id, described: "always",
 * "when X", ", deferrable 5 working days"; joined by " | ". */
static const char *lines_of(dctx *c, const struct govsvc_rulebook *rb, const gs_item *it,
                            const char *id)
{
    gs_buf b;
    gs_buf_init(&b);
    int first = 1;
    for (uint32_t i = 0; i < it->nlines; i++) {
        const gs_line *ln = &it->lines[i];
        if (strcmp(rb->materials[ln->material].id, id) != 0)
            continue;
        gs_buf_puts(&b, first ? "" : " | ");
        first = 0;
        if (ln->when) {
            gs_buf_puts(&b, "when ");
            gs_expr_print(ln->when, &b);
        } else {
            gs_buf_puts(&b, "always");
        }
        if (ln->deferrable) {
            char t[32];
            gs_duration_format(ln->defer, t);
            gs_buf_printf(&b, ", deferrable %s", t);
        }
    }
    const char *s = b.oom ? NULL : gs_arena_strndup(&c->d->arena, b.data ? b.data : "", b.len);
    gs_buf_free(&b);
    if (!s)
        c->oom = 1;
    return s;
}

static const gs_material *material_in(const struct govsvc_rulebook *rb, const gs_item *it,
                                      const char *id)
{
    for (uint32_t i = 0; i < it->nlines; i++)
        if (strcmp(rb->materials[it->lines[i].material].id, id) == 0)
            return &rb->materials[it->lines[i].material];
    return NULL;
}

static void mat_change(dctx *c, gs_ditem *it, gs_change_kind kind, const char *fld,
                       const char *id, const char *from, const char *to)
{
    if (same_str(from, to))
        return;
    gs_change *ch = item_change(c, it, kind, fld);
    if (ch) {
        ch->material = id;
        ch->from = from;
        ch->to = to;
    }
}

static const char *forms_text(dctx *c, unsigned form)
{
    static const char *const names[] = {"original", "copy", "electronic"};
    if (!form)
        return NULL;
    gs_buf b;
    gs_buf_init(&b);
    for (int i = 0; i < 3; i++)
        if (form & (1u << i))
            gs_buf_printf(&b, "%s%s", b.len ? ", " : "", names[i]);
    const char *s = b.oom ? NULL : gs_arena_strndup(&c->d->arena, b.data, b.len);
    gs_buf_free(&b);
    if (!s)
        c->oom = 1;
    return s;
}

static int may_commit(const gs_material *m, const gs_item *it)
{
    return m->commitment_allowed && !it->commitment_forbidden;
}

static void materials(dctx *c, gs_ditem *it, const gs_item *o, const gs_item *n)
{
    static const char *const SOURCES[] = {NULL, "applicant", "government", "third_party"};
    const struct govsvc_rulebook *ro = c->d->from, *rn = c->d->to;
    /* Added and common materials, in the new item's order. */
    for (uint32_t i = 0; i < n->nlines; i++) {
        const gs_material *mn = &rn->materials[n->lines[i].material];
        uint32_t k = 0; /* each material once, at its first line */
        while (k < i && n->lines[k].material != n->lines[i].material)
            k++;
        if (k < i)
            continue;
        const gs_material *mo = material_in(ro, o, mn->id);
        if (!mo) {
            mat_change(c, it, GS_CH_MAT_ADDED, "material", mn->id, NULL,
                       mn->name ? mn->name : mn->id);
            continue;
        }
        mat_change(c, it, GS_CH_MAT_RENAMED, "name", mn->id, mo->name, mn->name);
        mat_change(c, it, GS_CH_MAT_LINE, "when", mn->id, lines_of(c, ro, o, mn->id),
                   lines_of(c, rn, n, mn->id));
        mat_change(c, it, GS_CH_MAT_CATALOGUE, "shared_when", mn->id,
                   expr_text(c, mo->shared_when), expr_text(c, mn->shared_when));
        mat_change(c, it, GS_CH_MAT_CATALOGUE, "commitment", mn->id,
                   may_commit(mo, o) ? "allowed" : "not allowed",
                   may_commit(mn, n) ? "allowed" : "not allowed");
        mat_change(c, it, GS_CH_MAT_CATALOGUE, "copies", mn->id,
                   num_text(c, mo->copies > 0, mo->copies),
                   num_text(c, mn->copies > 0, mn->copies));
        mat_change(c, it, GS_CH_MAT_CATALOGUE, "form", mn->id, forms_text(c, mo->form),
                   forms_text(c, mn->form));
        mat_change(c, it, GS_CH_MAT_CATALOGUE, "source", mn->id, SOURCES[mo->source],
                   SOURCES[mn->source]);
        /* A proof the applicant no longer has to bring (see the head). */
        if ((!mo->shared_when && mn->shared_when) || (!may_commit(mo, o) && may_commit(mn, n)))
            it->proofs_cancelled++;
    }
    /* Removed materials, in the old item's order; one whose catalogue name
     * reappears under a new id is renamed, not removed. */
    for (uint32_t i = 0; i < o->nlines; i++) {
        const gs_material *mo = &ro->materials[o->lines[i].material];
        uint32_t k = 0;
        while (k < i && o->lines[k].material != o->lines[i].material)
            k++;
        if (k < i || material_in(rn, n, mo->id))
            continue;
        gs_change *added = NULL;
        for (uint32_t x = 0; x < it->nchanges && mo->name; x++) {
            gs_change *ch = &it->changes[x];
            if (ch->kind == GS_CH_MAT_ADDED && same_str(ch->to, mo->name))
                added = ch;
        }
        if (added) {
            added->kind = GS_CH_MAT_RENAMED;
            added->field = "id";
            added->from = mo->id;
            added->to = added->material;
            continue;
        }
        mat_change(c, it, GS_CH_MAT_REMOVED, "material", mo->id, mo->name ? mo->name : mo->id,
                   NULL);
        it->proofs_cancelled++;
    }
}

/* The materials given a new id (same name): old, new, ..., NULL; the
 * situations compare them as one material. */
static const char *const *renamed_ids(dctx *c, const gs_ditem *it)
{
    const char **v = gs_arena_calloc(&c->d->arena, 2 * (size_t)it->nchanges + 1, sizeof *v);
    size_t n = 0;
    if (!v) {
        c->oom = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < it->nchanges; i++) {
        const gs_change *ch = &it->changes[i];
        if (ch->kind == GS_CH_MAT_RENAMED && strcmp(ch->field, "id") == 0) {
            v[n++] = ch->from;
            v[n++] = ch->to;
        }
    }
    return v;
}

/* -- the rulebook's own changes ------------------------------------------- */

static void rb_change(dctx *c, const char *fld, const char *material, const char *from,
                      const char *to)
{
    if (same_str(from, to))
        return;
    govsvc_diff_report *d = c->d;
    gs_change *ch = add_change(c, &d->changes, &d->nchanges, &d->cchanges, GS_CH_FIELD, fld);
    if (ch) {
        ch->material = material;
        ch->from = from;
        ch->to = to;
    }
}

static const char *fact_decl(dctx *c, const gs_schema *s, const char *name)
{
    const gs_fact *f = gs_schema_find(s, name, strlen(name));
    if (!f)
        return NULL;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, gs_type_name(f->type));
    for (uint32_t i = 0; i < f->nvalues; i++)
        gs_buf_printf(&b, "%s%s", i ? ", " : " [", f->values[i]);
    if (f->nvalues)
        gs_buf_puts(&b, "]");
    const char *r = b.oom ? NULL : gs_arena_strndup(&c->d->arena, b.data, b.len);
    gs_buf_free(&b);
    if (!r)
        c->oom = 1;
    return r;
}

static const char *bundle_text(dctx *c, const struct govsvc_rulebook *rb, const gs_bundle *b)
{
    if (!b)
        return NULL;
    gs_buf t;
    gs_buf_init(&t);
    for (uint32_t i = 0; i < b->nitems; i++)
        gs_buf_printf(&t, "%s%s", i ? ", " : "", rb->items[b->items[i]].code);
    char d[32];
    if (b->has_deadline) {
        gs_duration_format(b->deadline, d);
        gs_buf_printf(&t, "; deadline %s", d);
    } else {
        gs_buf_printf(&t, "; combine %s", b->combine == 2 ? "serial" : "parallel");
    }
    const char *r = t.oom ? NULL : gs_arena_strndup(&c->d->arena, t.data, t.len);
    gs_buf_free(&t);
    if (!r)
        c->oom = 1;
    return r;
}

static void rulebook_changes(dctx *c)
{
    const struct govsvc_rulebook *o = c->d->from, *n = c->d->to;
    rb_change(c, "policy.commitment_eligible", NULL, expr_text(c, o->commitment_eligible),
              expr_text(c, n->commitment_eligible));
    rb_change(c, "policy.deferral_eligible", NULL, expr_text(c, o->deferral_eligible),
              expr_text(c, n->deferral_eligible));
    for (uint32_t i = 0; i < n->schema.count; i++)
        rb_change(c, "fact", n->schema.facts[i].name,
                  fact_decl(c, &o->schema, n->schema.facts[i].name),
                  fact_decl(c, &n->schema, n->schema.facts[i].name));
    for (uint32_t i = 0; i < o->schema.count; i++)
        if (!gs_schema_find(&n->schema, o->schema.facts[i].name, o->schema.facts[i].name_len))
            rb_change(c, "fact", o->schema.facts[i].name,
                      fact_decl(c, &o->schema, o->schema.facts[i].name), NULL);
    for (uint32_t i = 0; i < n->nbundles; i++) {
        const gs_bundle *bn = &n->bundles[i];
        uint32_t k;
        const gs_bundle *bo = gs_strmap_get(&o->bundle_index, bn->code, strlen(bn->code), &k)
                                  ? &o->bundles[k]
                                  : NULL;
        rb_change(c, "bundle", bn->code, bundle_text(c, o, bo), bundle_text(c, n, bn));
    }
    for (uint32_t i = 0; i < o->nbundles; i++) {
        uint32_t k;
        if (!gs_strmap_get(&n->bundle_index, o->bundles[i].code, strlen(o->bundles[i].code), &k))
            rb_change(c, "bundle", o->bundles[i].code, bundle_text(c, o, &o->bundles[i]), NULL);
    }
}

/* -- the report ----------------------------------------------------------- */

int govsvc_diff(govsvc_diff_report **out, const govsvc_rulebook *from, const govsvc_rulebook *to,
                const govsvc_diff_options *opts, govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!from || !to)
        return GOVSVC_EINVAL;
    size_t cap = opts && opts->version >= 1 ? opts->max_situations : 0;
    govsvc_diff_report *d = gs_calloc(1, sizeof *d);
    if (!d)
        return GOVSVC_ENOMEM;
    gs_arena_init(&d->arena);
    d->from = govsvc_rulebook_ref((govsvc_rulebook *)from);
    d->to = govsvc_rulebook_ref((govsvc_rulebook *)to);
    dctx c = {d, cap, 0};
    d->items = gs_arena_calloc(&d->arena, (size_t)from->nitems + to->nitems + 1, sizeof *d->items);
    int r = d->items ? 0 : GOVSVC_ENOMEM;
    for (uint32_t i = 0; r == 0 && i < to->nitems; i++) {
        const gs_item *n = &to->items[i];
        long k = gs_rulebook_find_item(from, n->code);
        gs_ditem *it = &d->items[d->nitems];
        memset(it, 0, sizeof *it);
        it->code = n->code;
        it->name = n->name;
        it->new = n;
        if (k < 0) {
            it->change = GS_IT_ADDED;
            d->nitems++;
            continue;
        }
        it->old = &from->items[k];
        item_fields(&c, it, it->old, n);
        deadlines(&c, it, it->old, n);
        materials(&c, it, it->old, n);
        r = c.oom ? GOVSVC_ENOMEM : gs_diff_situations(d, it, cap, renamed_ids(&c, it));
        if (it->nchanges || it->nsits)
            d->nitems++;
        else
            gs_free(it->changes);
    }
    for (uint32_t i = 0; r == 0 && i < from->nitems; i++) {
        const gs_item *o = &from->items[i];
        if (gs_rulebook_find_item(to, o->code) >= 0)
            continue;
        gs_ditem *it = &d->items[d->nitems++];
        memset(it, 0, sizeof *it);
        it->code = o->code;
        it->name = o->name;
        it->old = o;
        it->change = GS_IT_REMOVED;
        it->proofs_cancelled = 0; /* an item gone is counted as an item, not as proofs */
    }
    if (r == 0)
        rulebook_changes(&c);
    if (r == 0 && c.oom)
        r = GOVSVC_ENOMEM;
    for (uint32_t i = 0; r == 0 && i < d->nitems; i++) {
        const gs_ditem *it = &d->items[i];
        d->totals[it->change == GS_IT_CHANGED  ? GOVSVC_DIFF_ITEMS_CHANGED
                  : it->change == GS_IT_ADDED ? GOVSVC_DIFF_ITEMS_ADDED
                                              : GOVSVC_DIFF_ITEMS_REMOVED]++;
        d->totals[GOVSVC_DIFF_PROOFS_CANCELLED] += it->proofs_cancelled;
        d->totals[GOVSVC_DIFF_DAYS_SAVED] += it->days_saved;
        d->totals[GOVSVC_DIFF_DAYS_ADDED] += it->days_added;
        d->totals[GOVSVC_DIFF_SITUATIONS] += it->nsits;
    }
    if (r) {
        govsvc_diff_free(d);
        return r;
    }
    *out = d;
    return 0;
}

void govsvc_diff_free(govsvc_diff_report *d)
{
    if (!d)
        return;
    for (uint32_t i = 0; i < d->nitems; i++)
        gs_free(d->items[i].changes);
    gs_free(d->changes);
    govsvc_rulebook_unref(d->from);
    govsvc_rulebook_unref(d->to);
    gs_arena_free(&d->arena);
    gs_free(d);
}

size_t govsvc_diff_item_count(const govsvc_diff_report *d)
{
    return d ? d->nitems : 0;
}

const char *govsvc_diff_item_code(const govsvc_diff_report *d, size_t i)
{
    return d && i < d->nitems ? d->items[i].code : NULL;
}

const char *govsvc_diff_item_change(const govsvc_diff_report *d, size_t i)
{
    static const char *const names[] = {"changed", "added", "removed"};
    return d && i < d->nitems ? names[d->items[i].change] : NULL;
}

size_t govsvc_diff_item_situation_count(const govsvc_diff_report *d, size_t i)
{
    return d && i < d->nitems ? d->items[i].nsits : 0;
}

long govsvc_diff_get_total(const govsvc_diff_report *d, govsvc_diff_total kind)
{
    return d && (unsigned)kind < GS_ARRAY_LEN(d->totals) ? d->totals[kind] : 0;
}

static void zh_duration(gs_duration d, char t[32])
{
    if (d.unit == GS_DUR_IMMEDIATE)
        snprintf(t, 32, "即办");
    else
        snprintf(t, 32, d.unit == GS_DUR_WORKING ? "%d个工作日" : "%d日", (int)d.n);
}

void gs_diff_duration_change(gs_buf *b, int has_from, gs_duration from, int has_to,
                             gs_duration to, int zh)
{
    char t[32];
    if (has_from && has_to && from.unit == to.unit && from.unit != GS_DUR_IMMEDIATE) {
        const char *unit = from.unit == GS_DUR_WORKING ? (zh ? " 个工作日" : " working days")
                                                        : (zh ? " 日" : " days");
        gs_buf_printf(b, "%d → %d%s", (int)from.n, (int)to.n, unit);
        return;
    }
    if (has_from) {
        if (zh)
            zh_duration(from, t);
        else
            gs_duration_format(from, t);
        gs_buf_puts(b, t);
    } else {
        gs_buf_puts(b, zh ? "无" : "none");
    }
    gs_buf_puts(b, " → ");
    if (has_to) {
        if (zh)
            zh_duration(to, t);
        else
            gs_duration_format(to, t);
        gs_buf_puts(b, t);
    } else {
        gs_buf_puts(b, zh ? "无" : "none");
    }
}
