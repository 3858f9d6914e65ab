/*
 * overlay.c - rulebooks that narrow a base (`extends`, SPEC section 8): a
 * county's rulebook over its city's, the city's over the province's.
 *
 * Reading: the overlay's files are read first (depth 0), then its base's
 * top file with its includes (depth 1), the base's base (depth 2) and so
 * on. The files are then compiled deepest first, so that each level's
 * entries replace, key by key, the entries of the same id below it
 * (compile_items.c); facts may be added but not redeclared (E012), and
 * `policy` keys replace the base's. The calendar comes from the nearest
 * level that names one. The digest covers every file of the chain.
 *
 * Checking: an overlay may shorten deadlines, drop materials, allow more
 * waivers (shared, commitment, deferral) and override display fields. It
 * may not ask more of the applicant than its base, in any situation: the
 * base is loaded on its own and both are compared situation by situation
 * (diff_cases.c) on every item they share. A stricter material status
 * (E114) or a longer deadline (E113) is an error unless the overlay's line,
 * deadline, catalogue entry, policy or item carries `justification:`; the
 * diagnostic points at the overlay's line and names the base's in the hint.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diff_cases.h"
#include "load.h"

/* Province, city, county, township: four levels, three overlays. Twice
 * that leaves room for special zones without letting a chain run long. */
enum { MAX_CHAIN = 8 };

struct gs_overlay {
    const char *base_path;             /* the first base's top file, as joined */
    const gs_ynode *extends;           /* the top file's `extends` node */
    const gs_ynode *policy[MAX_CHAIN + 1]; /* `policy:` node of each depth */
    int ndepth;                        /* deepest level read */
    /* The overlay's own policy, when it writes one. */
    const gs_ynode *top_policy;
    const char *policy_justification;
};

static char *dir_of(gs_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gs_arena_strdup(a, ".");
    if (slash == path)
        return gs_arena_strdup(a, "/");
    return gs_arena_strndup(a, path, (size_t)(slash - path));
}

static char *join(gs_arena *a, const char *dir, const char *rel)
{
    if (strcmp(dir, ".") == 0)
        return gs_arena_strdup(a, rel);
    return gs_arena_printf(a, "%s/%s", dir, rel);
}

/* "county/../city/rulebook.yaml" as "city/rulebook.yaml", for the names
 * diagnostics show: '.' and 'x/..' taken out lexically. */
static char *tidy(gs_arena *a, const char *path)
{
    size_t n = strlen(path);
    char *out = gs_arena_calloc(a, n + 2, 1);
    const char **seg = gs_arena_calloc(a, n / 2 + 2, sizeof *seg);
    size_t *len = gs_arena_calloc(a, n / 2 + 2, sizeof *len);
    if (!out || !seg || !len)
        return NULL;
    size_t k = 0;
    for (const char *p = path; *p;) {
        size_t l = strcspn(p, "/");
        if (l == 2 && p[0] == '.' && p[1] == '.' && k > 0 &&
            !(len[k - 1] == 2 && seg[k - 1][0] == '.' && seg[k - 1][1] == '.'))
            k--;
        else if (l > 0 && !(l == 1 && p[0] == '.')) {
            seg[k] = p;
            len[k++] = l;
        }
        p += l;
        p += *p == '/';
    }
    char *w = out;
    if (path[0] == '/')
        *w++ = '/';
    for (size_t i = 0; i < k; i++) {
        if (i)
            *w++ = '/';
        memcpy(w, seg[i], len[i]);
        w += len[i];
    }
    if (w == out)
        *w++ = '.';
    return out;
}

/* realpath() into the arena; NULL when the path does not resolve. */
static char *real_of(gs_arena *a, const char *path)
{
    char *r = realpath(path, NULL); /* plain malloc: released with free() */
    if (!r)
        return NULL;
    char *copy = gs_arena_strdup(a, r);
    free(r);
    return copy;
}

static int level_rank(const char *s)
{
    static const char *const LEVELS[] = {"province", "city", "county", "township", NULL};
    for (int i = 0; s && LEVELS[i]; i++)
        if (strcmp(s, LEVELS[i]) == 0)
            return i;
    return -1;
}

static const gs_ynode *scalar_at(const gs_ynode *map, const char *key)
{
    const gs_ynode *n = gs_ymap_get(map, key);
    return n && n->kind == GS_YSCALAR ? n : NULL;
}

/* An overlay narrows a rulebook of a higher level: a county one a city
 * one, never the other way round (E116). Unknown levels are not checked. */
static void check_levels(gs_loader *L, const gs_ynode *upper_rb, const gs_ynode *base_rb,
                         const char *base_path)
{
    const gs_ynode *a = scalar_at(upper_rb, "level"), *b = scalar_at(base_rb, "level");
    int ra = a ? level_rank(a->str) : -1, rb = b ? level_rank(b->str) : -1;
    if (ra < 0 || rb < 0 || ra > rb)
        return;
    char hint[512];
    snprintf(hint, sizeof hint,
             "an overlay narrows the rulebook of the level above it (province > city > county "
             "> township); the base's level is at %s:%u:%u",
             base_path, b->pos.line, b->pos.col);
    gs_diag_error(L->diags, "E116", a->pos, hint,
                  "a %s rulebook cannot extend a %s rulebook", a->str, b->str);
}

int gs_overlay_read_bases(gs_loader *L, const char *top_path, const gs_ynode *extends,
                          int top_has_calendar)
{
    struct gs_overlay *ov = gs_arena_calloc(&L->tmp, 1, sizeof *ov);
    if (!ov)
        return gs_oom(L);
    L->ov = ov;
    ov->extends = extends;
    const char *chain[MAX_CHAIN + 1];
    int nchain = 0;
    const char *from = top_path;
    const gs_ynode *ext = extends;
    const gs_ynode *from_rb = L->nfiles ? gs_ymap_get(L->files[0].root, "rulebook") : NULL;
    int need_calendar = !top_has_calendar;
    if (!(chain[nchain++] = real_of(&L->tmp, top_path)))
        return 0; /* the top file was read: it resolves, unless it vanished */
    int r = 0;
    for (int depth = 1; ext && r == 0; depth++) {
        if (!gs_need_scalar(L, ext, "rulebook.extends"))
            break;
        if (depth > MAX_CHAIN) {
            gs_diag_error(L->diags, "E112", ext->pos,
                          "let each rulebook extend the one of the level above it, no further",
                          "the chain of 'extends' is longer than %d rulebooks", MAX_CHAIN);
            break;
        }
        char *from_dir = dir_of(&L->tmp, from);
        char *full = from_dir ? join(&L->tmp, from_dir, ext->str) : NULL;
        char *from_real = from_dir ? real_of(&L->tmp, from_dir) : NULL;
        if (!full || !from_dir)
            return gs_oom(L);
        /* The first link was confined by load_all; the others the same way:
         * within the directory that holds the extending rulebook's own. */
        if (depth > 1 && from_real) {
            char *root = dir_of(&L->tmp, from_real);
            if (!root)
                return gs_oom(L);
            if (!gs_loader_confined(L, ext, full, root, 1, "extends"))
                break;
        }
        const char *real = real_of(&L->tmp, full);
        for (int i = 0; real && i < nchain; i++) {
            if (strcmp(chain[i], real) != 0)
                continue;
            char hint[600];
            snprintf(hint, sizeof hint,
                     "'%s' is already in the chain of bases; make the chain end at a rulebook "
                     "without 'extends'",
                     full);
            gs_diag_error(L->diags, "E111", ext->pos, hint,
                          "'extends' makes a cycle: '%s' extends itself through its bases",
                          top_path);
            return 0;
        }
        if (real)
            chain[nchain++] = real;
        /* The tidy name when it is the same file (no link on the way). */
        char *shown_path = tidy(&L->tmp, full);
        const char *tidy_real = shown_path ? real_of(&L->tmp, shown_path) : NULL;
        if (!shown_path || !real || !tidy_real || strcmp(tidy_real, real) != 0)
            shown_path = full;
        L->depth = depth;
        const gs_file *f;
        r = gs_loader_add_file(L, shown_path, ext->pos, 0, &f);
        if (r == GOVSVC_ENOMEM)
            break;
        if (r || !f->root) {
            r = 0;
            break;
        }
        /* f points into L->files, which reading the includes may move. */
        const gs_ynode *root = f->root;
        const char *shown = f->path;
        if (depth == 1)
            ov->base_path = shown;
        const gs_ynode *rbn = gs_ymap_get(root, "rulebook");
        if (!rbn || rbn->kind != GS_YMAP) {
            gs_diag_error(L->diags, "E110", ext->pos,
                          "name the base's top file, the one with the 'rulebook:' header",
                          "'%s' is not a rulebook's top file (it has no 'rulebook:' mapping)",
                          ext->str);
            break;
        }
        check_levels(L, from_rb, rbn, shown);
        const char *saved = L->topdir;
        const char *dir = dir_of(&L->tmp, shown);
        L->topdir = dir ? real_of(&L->tmp, dir) : NULL;
        if (dir && L->topdir)
            r = gs_loader_includes(L, dir, gs_ymap_get(root, "include"));
        L->topdir = saved;
        ov->policy[depth] = gs_ymap_get(root, "policy");
        ov->ndepth = depth;
        const gs_ynode *cal = gs_ymap_get(root, "calendar");
        if (r == 0 && need_calendar && cal && dir) {
            r = gs_loader_calendar(L, dir, cal);
            need_calendar = 0;
        }
        ext = gs_ymap_get(rbn, "extends");
        from = shown;
        from_rb = rbn;
    }
    L->depth = 0;
    if (r == 0 && need_calendar && gs_diag_errors(L->diags) == 0)
        gs_diag_error(L->diags, "E008", extends->pos,
                      "add 'calendar:' to this rulebook or to one of its bases",
                      "neither this overlay nor its bases name a calendar");
    return r == GOVSVC_ENOMEM ? r : 0;
}

void gs_overlay_order_files(gs_loader *L)
{
    /* Stable insertion sort by depth, deepest first: the few files of one
     * rulebook, and no move at all without an overlay. */
    for (size_t i = 1; i < L->nfiles; i++) {
        gs_file f = L->files[i];
        size_t j = i;
        while (j > 0 && L->files[j - 1].depth < f.depth) {
            L->files[j] = L->files[j - 1];
            j--;
        }
        L->files[j] = f;
    }
}

int gs_overlay_depth_of(const gs_loader *L, const char *file)
{
    for (size_t i = 0; file && i < L->nfiles; i++)
        if (L->files[i].path == file)
            return L->files[i].depth;
    return 0;
}

/* The key node of `key` in a mapping, or NULL. */
static const gs_ynode *key_node(const gs_ynode *map, const char *key)
{
    if (!map || map->kind != GS_YMAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->kids[i]->kind == GS_YSCALAR && strcmp(map->kids[i]->str, key) == 0)
            return map->kids[i];
    return NULL;
}

static void no_justification(gs_loader *L, const gs_ynode *key)
{
    gs_diag_error(L->diags, "E117", key->pos,
                  "remove it, or make this rulebook an overlay with 'extends:'",
                  "'justification' only applies in an overlay (a rulebook with 'extends')");
}

/* A policy mapping without its `justification` key, for gs_compile_policy. */
static const gs_ynode *strip_policy(gs_loader *L, const gs_ynode *p, const char **just)
{
    const gs_ynode *k = key_node(p, "justification");
    if (!k)
        return p;
    gs_ynode *copy = gs_arena_calloc(&L->tmp, 1, sizeof *copy);
    gs_ynode **kids = gs_arena_calloc(&L->tmp, p->n, sizeof *kids);
    if (!copy || !kids) {
        gs_oom(L);
        return NULL;
    }
    *copy = *p;
    copy->kids = kids;
    copy->n = 0;
    for (size_t i = 0; i + 1 < p->n; i += 2) {
        if (p->kids[i] == k) {
            const gs_ynode *v = p->kids[i + 1];
            if (just && v->kind == GS_YSCALAR)
                *just = v->str;
            continue;
        }
        kids[copy->n++] = p->kids[i];
        kids[copy->n++] = p->kids[i + 1];
    }
    return copy;
}

int gs_overlay_policies(gs_loader *L, const gs_ynode *top)
{
    struct gs_overlay *ov = L->ov;
    for (int d = ov ? ov->ndepth : 0; d >= 1; d--) {
        if (!ov->policy[d])
            continue;
        const gs_ynode *p = strip_policy(L, ov->policy[d], NULL);
        int r = p ? gs_compile_policy(L, p) : GOVSVC_ENOMEM;
        if (r)
            return r;
    }
    if (!top)
        return L->oom ? GOVSVC_ENOMEM : 0;
    const gs_ynode *k = key_node(top, "justification");
    if (k && !ov)
        no_justification(L, k);
    const char *just = NULL;
    const gs_ynode *p = strip_policy(L, top, &just);
    if (!p)
        return GOVSVC_ENOMEM;
    if (ov) {
        ov->top_policy = top;
        ov->policy_justification = just;
    }
    return gs_compile_policy(L, p);
}

/* -- a rulebook that extends nothing: no justification ------------------- */

static void scan_justification(gs_loader *L, const gs_ynode *n, int depth)
{
    if (!n || depth > 4)
        return;
    if (n->kind == GS_YSEQ) {
        for (size_t i = 0; i < n->n; i++)
            scan_justification(L, n->kids[i], depth + 1);
        return;
    }
    if (n->kind != GS_YMAP)
        return;
    const gs_ynode *k = key_node(n, "justification");
    if (k)
        no_justification(L, k);
    static const char *const NESTED[] = {"materials", "deadline", NULL};
    for (int i = 0; NESTED[i]; i++)
        scan_justification(L, gs_ymap_get(n, NESTED[i]), depth + 1);
}

static void check_plain(gs_loader *L)
{
    for (size_t f = 0; f < L->nfiles; f++) {
        const gs_ynode *root = L->files[f].root;
        scan_justification(L, gs_ymap_get(root, "items"), 0);
        scan_justification(L, gs_ymap_get(root, "bundles"), 0);
        const gs_ynode *mats = gs_ymap_get(root, "materials");
        for (size_t k = 1; mats && mats->kind == GS_YMAP && k < mats->n; k += 2) {
            const gs_ynode *j = key_node(mats->kids[k], "justification");
            if (j)
                no_justification(L, j);
        }
    }
}

/* -- an overlay against its base ----------------------------------------- */

typedef struct check {
    gs_loader *L;
    const struct govsvc_rulebook *M, *B; /* the overlay (merged) and its base */
} check;

static int in_overlay(const check *k, gs_pos p)
{
    return p.line && p.file && gs_overlay_depth_of(k->L, p.file) == 0;
}

/* The overlay's YAML mapping of item `code` (depth 0), to point at a key. */
static const gs_ynode *overlay_entry(const check *k, const char *list, const char *code)
{
    for (size_t f = 0; f < k->L->nfiles; f++) {
        if (k->L->files[f].depth != 0)
            continue;
        const gs_ynode *seq = gs_ymap_get(k->L->files[f].root, list);
        for (size_t i = 0; seq && seq->kind == GS_YSEQ && i < seq->n; i++) {
            const gs_ynode *c = scalar_at(seq->kids[i], "code");
            if (c && strcmp(c->str, code) == 0)
                return seq->kids[i];
        }
    }
    return NULL;
}

static gs_pos key_pos(const check *k, const char *list, const char *code, const char *key,
                      gs_pos fallback)
{
    const gs_ynode *n = key_node(overlay_entry(k, list, code), key);
    return n ? n->pos : fallback;
}

static void where(char *buf, size_t size, gs_pos p)
{
    snprintf(buf, size, "%s:%u:%u", p.file ? p.file : "?", p.line, p.col);
}

/* Visits and online service may not get worse (E115). */
static void check_item_fields(check *k, const gs_item *m, const gs_item *b)
{
    static const char *const ONLINE[] = {"none", "partial", "full", NULL};
    char at[400], hint[600];
    where(at, sizeof at, b->pos);
    if (m->justification)
        return;
    if (m->visits >= 0 && b->visits >= 0 && m->visits > b->visits) {
        snprintf(hint, sizeof hint,
                 "the base item is at %s; ask for at most %d visit%s, or add 'justification:' "
                 "to the item",
                 at, b->visits, b->visits == 1 ? "" : "s");
        gs_diag_error(k->L->diags, "E115", key_pos(k, "items", m->code, "visits", m->pos), hint,
                      "item '%s' asks for %d visits where the base asks for %d", m->code,
                      m->visits, b->visits);
    }
    int om = -1, ob = -1;
    for (int i = 0; ONLINE[i]; i++) {
        if (m->online && strcmp(m->online, ONLINE[i]) == 0)
            om = i;
        if (b->online && strcmp(b->online, ONLINE[i]) == 0)
            ob = i;
    }
    if (om >= 0 && ob >= 0 && om < ob) {
        snprintf(hint, sizeof hint,
                 "the base item is at %s; keep online service at '%s' at least, or add "
                 "'justification:' to the item",
                 at, b->online);
        gs_diag_error(k->L->diags, "E115", key_pos(k, "items", m->code, "online", m->pos), hint,
                      "item '%s' offers online service '%s' where the base offers '%s'",
                      m->code, m->online, b->online);
    }
}

/* For gs_cmp_describe: does material u still get stricter? */
typedef struct stricter {
    gs_outcome o[2];
    uint32_t u;   /* material, or GS_NO_SLOT for the deadline */
    int which;    /* deadline: 0 promised, 1 statutory, 2 extension */
} stricter;

static int longer(const gs_deadline *m, const gs_deadline *b, int which, gs_duration *dm,
                  gs_duration *db)
{
    int hm = which == 0 ? m->has_promised : which == 1 ? m->has_statutory : m->has_extension;
    int hb = which == 0 ? b->has_promised : which == 1 ? b->has_statutory : b->has_extension;
    *dm = which == 0 ? m->promised : which == 1 ? m->statutory : m->extension;
    *db = which == 0 ? b->promised : which == 1 ? b->statutory : b->extension;
    return hm && hb && gs_duration_cmp(*dm, *db) > 0;
}

static int still_stricter(gs_cmp *c, void *ud)
{
    stricter *s = ud;
    gs_cmp_eval(c, 0, &s->o[0]);
    gs_cmp_eval(c, 1, &s->o[1]);
    if (s->u != GS_NO_SLOT)
        return gs_status_rank(s->o[1].status[s->u]) > gs_status_rank(s->o[0].status[s->u]);
    gs_duration a, b;
    return s->o[0].deadline && s->o[1].deadline &&
           longer(s->o[1].deadline, s->o[0].deadline, s->which, &a, &b);
}

static const char *status_words(int st)
{
    return govsvc_status_name((govsvc_material_status)st);
}

/* Reports a material of the overlay stricter than in the base (E114),
 * unless the rule that made it so carries a justification. */
static int report_material(check *k, gs_cmp *c, stricter *s, const gs_item *mi,
                           const gs_item *bi)
{
    const struct gs_overlay *ov = k->L->ov;
    uint32_t u = s->u;
    const gs_line *ln = s->o[1].line[u];
    const gs_material *mat = &k->M->materials[ln->material];
    gs_pos at;
    const char *just;
    if (in_overlay(k, ln->pos)) {
        at = ln->pos;
        just = ln->justification;
    } else if (in_overlay(k, mat->override_pos)) {
        at = mat->override_pos;
        just = mat->justification;
    } else if (ov->top_policy) {
        at = ov->top_policy->pos;
        just = ov->policy_justification;
    } else if (in_overlay(k, mi->override_pos)) {
        at = mi->override_pos;
        just = mi->justification;
    } else {
        at = ln->pos;
        just = NULL;
    }
    if (just)
        return 0;
    /* Read before describing: that evaluates other situations. */
    const gs_line *bl = s->o[0].line[u];
    int old = s->o[0].status[u], now = s->o[1].status[u];
    gs_buf sit;
    gs_buf_init(&sit);
    gs_cmp_describe(c, still_stricter, s, 0, &sit);
    char base[400], hint[800];
    if (bl) {
        where(base, sizeof base, bl->pos);
        snprintf(hint, sizeof hint,
                 "the base's line is %s; an overlay may only narrow its base: relax the line, "
                 "or add 'justification:' saying why",
                 base);
    } else {
        where(base, sizeof base, bi->pos);
        snprintf(hint, sizeof hint,
                 "the base item at %s does not ask for it there; an overlay may only narrow "
                 "its base: drop the line, or add 'justification:' saying why",
                 base);
    }
    if (old == GS_OUT_ABSENT)
        gs_diag_error(k->L->diags, "E114", at, hint,
                      "item '%s' asks for '%s' (%s) where the base does not (%s%s)", mi->code,
                      mat->id, status_words(now), sit.len ? "when " : "in every situation",
                      sit.data ? sit.data : "");
    else
        gs_diag_error(k->L->diags, "E114", at, hint,
                      "item '%s': '%s' is %s where the base has it %s (%s%s)", mi->code, mat->id,
                      status_words(now), status_words(old),
                      sit.len ? "when " : "in every situation", sit.data ? sit.data : "");
    int r = sit.oom ? GOVSVC_ENOMEM : 0;
    gs_buf_free(&sit);
    return r;
}

static int report_deadline(check *k, gs_cmp *c, stricter *s, const gs_item *mi)
{
    static const char *const WHAT[] = {"promised deadline", "statutory deadline", "extension"};
    const gs_deadline *dm = s->o[1].deadline, *db = s->o[0].deadline;
    if (dm->justification)
        return 0;
    gs_duration a, b;
    longer(dm, db, s->which, &a, &b);
    char ta[32], tb[32], base[400], hint[800];
    gs_duration_format(a, ta);
    gs_duration_format(b, tb);
    where(base, sizeof base, db->pos);
    snprintf(hint, sizeof hint,
             "the base's deadline is at %s; shorten it, or add 'justification:' to the "
             "deadline saying why",
             base);
    gs_buf sit;
    gs_buf_init(&sit);
    gs_cmp_describe(c, still_stricter, s, 0, &sit);
    /* Point at the overlay's own `promised:` (or statutory, extension). */
    static const char *const KEY[] = {"promised", "statutory", "extension"};
    gs_pos at = in_overlay(k, dm->pos) ? dm->pos : mi->pos;
    const gs_ynode *dn = gs_ymap_get(overlay_entry(k, "items", mi->code), "deadline");
    if (dn && dn->kind == GS_YSEQ && (size_t)(dm - mi->deadlines) < dn->n)
        dn = dn->kids[dm - mi->deadlines];
    const gs_ynode *vn = in_overlay(k, dm->pos) ? gs_ymap_get(dn, KEY[s->which]) : NULL;
    if (vn)
        at = vn->pos;
    gs_diag_error(k->L->diags, "E113", at, hint,
                  "item '%s': %s %s is longer than the base's %s (%s%s)", mi->code,
                  WHAT[s->which], ta, tb, sit.len ? "when " : "in every situation",
                  sit.data ? sit.data : "");
    int r = sit.oom ? GOVSVC_ENOMEM : 0;
    gs_buf_free(&sit);
    return r;
}

/* Whether the overlay wrote anything that can change item mi's answer: the
 * item itself, a catalogue entry one of its lines uses, or the policy. An
 * item inherited untouched answers as in the base (its conditions read the
 * base's facts only), so the situations need not be compared: a county
 * overriding a few items of a city's thousands costs a few checks. */
static int touched(const check *k, const gs_item *mi)
{
    if (k->L->ov->top_policy || in_overlay(k, mi->override_pos))
        return 1;
    for (uint32_t i = 0; i < mi->nlines; i++)
        if (in_overlay(k, k->M->materials[mi->lines[i].material].override_pos))
            return 1;
    return 0;
}

static int check_item(check *k, const gs_item *mi, const gs_item *bi)
{
    if (!touched(k, mi))
        return 0;
    check_item_fields(k, mi, bi);
    gs_arena a;
    gs_arena_init(&a);
    gs_cmp c;
    stricter s;
    int r = gs_cmp_init(&c, &a, k->B, bi, k->M, mi, 0, 0);
    if (r == 0)
        r = gs_outcome_init(&c, &s.o[0]) ? GOVSVC_ENOMEM : gs_outcome_init(&c, &s.o[1]);
    uint8_t *done = r ? NULL : gs_arena_calloc(&a, c.nmats + 3, 1);
    if (r == 0 && !done)
        r = GOVSVC_ENOMEM;
    for (size_t x = 0; r == 0 && x < c.count; x++) {
        gs_cmp_select(&c, x);
        gs_cmp_eval(&c, 0, &s.o[0]);
        gs_cmp_eval(&c, 1, &s.o[1]);
        for (uint32_t u = 0; r == 0 && u < c.nmats; u++) {
            if (done[u] ||
                gs_status_rank(s.o[1].status[u]) <= gs_status_rank(s.o[0].status[u]))
                continue;
            done[u] = 1;
            s.u = u;
            r = report_material(k, &c, &s, mi, bi);
            gs_cmp_eval(&c, 0, &s.o[0]); /* the description evaluated others */
            gs_cmp_eval(&c, 1, &s.o[1]);
        }
        for (int w = 0; r == 0 && w < 3; w++) {
            gs_cmp_eval(&c, 0, &s.o[0]);
            gs_cmp_eval(&c, 1, &s.o[1]);
            gs_duration da, db;
            if (done[c.nmats + w] || !s.o[0].deadline || !s.o[1].deadline ||
                !longer(s.o[1].deadline, s.o[0].deadline, w, &da, &db))
                continue;
            done[c.nmats + w] = 1;
            s.u = GS_NO_SLOT;
            s.which = w;
            r = report_deadline(k, &c, &s, mi);
        }
    }
    gs_arena_free(&a);
    return r;
}

/* A bundle may not promise a slower deadline than the base's (E118). */
static void check_bundle(check *k, const gs_bundle *m, const gs_bundle *b)
{
    if (!in_overlay(k, m->override_pos) || m->justification)
        return;
    char base[400], hint[600], tm[32], tb[32];
    where(base, sizeof base, b->pos);
    snprintf(hint, sizeof hint,
             "the base's bundle is at %s; keep its deadline, or add 'justification:' to the "
             "bundle",
             base);
    gs_pos at = key_pos(k, "bundles", m->code, m->has_deadline ? "deadline" : "combine",
                        m->override_pos);
    if (b->has_deadline && m->has_deadline && gs_duration_cmp(m->deadline, b->deadline) > 0) {
        gs_duration_format(m->deadline, tm);
        gs_duration_format(b->deadline, tb);
        gs_diag_error(k->L->diags, "E118", at, hint,
                      "bundle '%s' promises %s where the base promises %s", m->code, tm, tb);
    } else if (b->has_deadline && !m->has_deadline) {
        gs_duration_format(b->deadline, tb);
        gs_diag_error(k->L->diags, "E118", at, hint,
                      "bundle '%s' drops the base's own deadline of %s for the items' combined "
                      "deadlines",
                      m->code, tb);
    } else if (!b->has_deadline && b->combine != 2 && m->combine == 2) {
        gs_diag_error(k->L->diags, "E118", at, hint,
                      "bundle '%s' adds its items' deadlines up ('serial') where the base "
                      "takes the longest ('parallel')",
                      m->code);
    }
}

/* Copies the base's own diagnostics into the overlay's list. */
static void adopt(gs_loader *L, const govsvc_diag_list *d)
{
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, i);
        gs_pos p = {g->file, g->line, g->column};
        gs_diag_add(L->diags, g->severity, g->code, p, g->hint, "%s", g->message);
    }
}

int gs_overlay_check(gs_loader *L)
{
    struct gs_overlay *ov = L->ov;
    if (!ov) {
        check_plain(L);
        return L->oom ? GOVSVC_ENOMEM : 0;
    }
    if (gs_diag_errors(L->diags) || !ov->base_path)
        return 0;
    govsvc_rulebook *base = NULL;
    govsvc_diag_list *bd = NULL;
    int r = govsvc_rulebook_load(&base, ov->base_path, &L->opts, &bd);
    if (r) {
        adopt(L, bd);
        govsvc_diag_list_free(bd);
        if (r == GOVSVC_ENOMEM)
            return r;
        gs_diag_error(L->diags, "E119", ov->extends->pos,
                      "fix the base rulebook first (its diagnostics are listed too)",
                      "the base rulebook '%s' does not load", ov->base_path);
        return 0;
    }
    govsvc_diag_list_free(bd);
    check k = {L, L->rb, base};
    for (uint32_t i = 0; r == 0 && i < L->rb->nitems; i++) {
        const gs_item *mi = &L->rb->items[i];
        long b = gs_rulebook_find_item(base, mi->code);
        if (b >= 0)
            r = check_item(&k, mi, &base->items[b]);
    }
    for (uint32_t i = 0; r == 0 && i < L->rb->nbundles; i++) {
        const gs_bundle *m = &L->rb->bundles[i];
        uint32_t b;
        if (gs_strmap_get(&base->bundle_index, m->code, strlen(m->code), &b))
            check_bundle(&k, m, &base->bundles[b]);
    }
    govsvc_rulebook_unref(base);
    return r;
}

void gs_overlay_free(gs_loader *L)
{
    L->ov = NULL; /* everything lives in L->tmp */
}
