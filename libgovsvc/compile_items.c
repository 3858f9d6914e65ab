/*
 * compile_items.c - the material catalogue, the service items and the
 * bundles: each checked against SPEC sections 4 and 7 and compiled into the
 * table with its conditions.
 */
#include <string.h>

#include "load.h"

static const char *const MAT_KEYS[] = {"name",       "source",      "form",        "copies",
                                       "shared_when", "commitment", "legal_basis", "description",
                                       "name_en",     "justification", NULL};
enum { M_NAME, M_SOURCE, M_FORM, M_COPIES, M_SHARED, M_COMMIT, M_LEGAL, M_DESC, M_NAME_EN,
       M_JUSTIFICATION };
static const char *const SOURCES[] = {"applicant", "government", "third_party", NULL};
static const char *const FORMS[] = {"original", "copy", "electronic", NULL};
static const char *const COMMIT_KEYS[] = {"allowed", "verify_within", NULL};

static const char *const ITEM_KEYS[] = {
    "code",   "name",       "type",     "department", "level",  "legal_basis", "reform",
    "valid",  "commitment", "deadline", "visits",     "online", "hall",        "fee",
    "result", "materials",  "description", "name_en", "justification", NULL};
enum {
    I_CODE, I_NAME, I_TYPE, I_DEPT, I_LEVEL, I_LEGAL, I_REFORM, I_VALID, I_COMMIT, I_DEADLINE,
    I_VISITS, I_ONLINE, I_HALL, I_FEE, I_RESULT, I_MATERIALS, I_DESC, I_NAME_EN, I_JUSTIFICATION
};
static const char *const ITEM_TYPES[] = {
    "license", "penalty", "enforcement", "levy",        "payment",        "inspection",
    "confirmation", "reward", "ruling",  "other_power", "public_service", "filing",
    NULL};
static const char *const ITEM_LEVELS[] = {"province", "city", "county", "township", "village", NULL};
static const char *const REFORMS[] = {"cancel", "filing", "notify_commit", "optimize", "none", NULL};
static const char *const ONLINE[] = {"none", "partial", "full", NULL};
static const char *const COMMIT_MODES[] = {"allowed", "forbidden", NULL};
static const char *const VALID_KEYS[] = {"from", "until", NULL};
static const char *const HALL_KEYS[] = {"entered", "reason", NULL};
static const char *const LINE_KEYS[] = {"ref",  "when", "deferrable",    "copies",
                                        "form", "note", "justification", NULL};
enum { L_REF, L_WHEN, L_DEFER, L_COPIES, L_FORM, L_NOTE, L_JUSTIFICATION };
static const char *const DEADLINE_KEYS[] = {"when",      "statutory",     "promised", "special",
                                            "extension", "justification", NULL};
enum { D_WHEN, D_STATUTORY, D_PROMISED, D_SPECIAL, D_EXTENSION, D_JUSTIFICATION };
static const char *const SPECIAL_KEYS[] = {"name", "max", NULL};
static const char *const BUNDLE_KEYS[] = {"code",        "name",          "items", "deadline",
                                          "combine",     "description",   "justification", NULL};
enum { B_CODE, B_NAME, B_ITEMS, B_DEADLINE, B_COMBINE, B_DESC, B_JUSTIFICATION };
static const char *const COMBINE[] = {"parallel", "serial", NULL};

static int is_code(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* Counts the entries of `key` over every file, reporting a wrong kind. */
static size_t count_entries(gs_loader *L, const char *key, gs_ykind kind)
{
    size_t total = 0;
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *n = gs_ymap_get(L->files[i].root, key);
        if (!n)
            continue;
        if (n->kind != kind) {
            gs_diag_error(L->diags, "E007", n->pos,
                          kind == GS_YMAP ? "write one 'id: {...}' entry per line"
                                          : "write one '- ...' entry per line",
                          "%s must be %s", key, kind == GS_YMAP ? "a mapping" : "a list");
            continue;
        }
        total += kind == GS_YMAP ? n->n / 2 : n->n;
    }
    return total;
}

/* The load limits max_items / max_materials: checked on the counts before
 * the tables are allocated (each entry costs far more memory than its YAML
 * text). Reports E013 at the first entry past the limit; returns 1 when
 * the limit is exceeded, and the caller stops with GOVSVC_ELIMIT. */
static int over_limit(gs_loader *L, const char *key, size_t total, size_t max, const char *what)
{
    if (total <= max)
        return 0;
    size_t seen = 0;
    gs_pos at = {NULL, 0, 0};
    for (size_t i = 0; i < L->nfiles && !at.file; i++) {
        const gs_ynode *n = gs_ymap_get(L->files[i].root, key);
        size_t count = !n ? 0 : n->kind == GS_YMAP ? n->n / 2 : n->kind == GS_YSEQ ? n->n : 0;
        if (seen + count > max)
            at = n->kids[n->kind == GS_YMAP ? 2 * (max - seen) : max - seen]->pos;
        seen += count;
    }
    gs_diag_error(L->diags, "E013", at, "split the rulebook or raise the load limit",
                  "more than %zu %s in one rulebook", max, what);
    L->limit_error = 1;
    return 1;
}

/* Overlays (SPEC section 8): an entry of the overlay replaces, key by key,
 * the entry of the same id from its base (a deeper level, compiled
 * before it: see gs_overlay_order_files); within one level ids stay unique.
 * `first` is where the entry was defined, `latest` where a level above last
 * overrode it (line 0: none did). */
static int overrides(const gs_loader *L, gs_pos first, gs_pos latest, int depth)
{
    return depth < gs_overlay_depth_of(L, latest.line ? latest.file : first.file);
}

static void dup_error(gs_loader *L, gs_pos here, gs_pos first, const char *what, const char *id)
{
    char hint[512];
    snprintf(hint, sizeof hint, "the first is at %s:%u:%u; ids must be unique across files",
             first.file, first.line, first.col);
    gs_diag_error(L->diags, "E012", here, hint, "%s '%s' is defined twice", what, id);
}

static unsigned read_forms(gs_loader *L, const gs_ynode *n)
{
    unsigned form = 0;
    gs_strlist l;
    if (gs_read_strlist(L, n, "form", &l) < 0)
        return 0;
    const gs_ynode *one = n;
    for (uint32_t i = 0; i < l.n; i++) {
        if (n->kind == GS_YSEQ)
            one = n->kids[i];
        int f;
        if (gs_read_enum(L, one, "form", FORMS, &f) == 0)
            form |= 1u << f;
    }
    return form;
}

/* `partial`: an overlay's override, where only the keys written change. */
static void compile_material(gs_loader *L, gs_material *m, const gs_ynode *body, int partial)
{
    const gs_ynode *v[GS_ARRAY_LEN(MAT_KEYS)];
    char what[200];
    snprintf(what, sizeof what, "material '%s'", m->id);
    if (gs_check_map(L, body, what, MAT_KEYS, v) < 0)
        return;
    if (v[M_JUSTIFICATION])
        m->justification = gs_read_string(L, v[M_JUSTIFICATION], "justification");
    if (!v[M_NAME]) {
        if (!partial)
            gs_missing(L, body, "name", what);
    }
    else
        m->name = gs_read_string(L, v[M_NAME], "a material's name");
    if (v[M_NAME_EN])
        m->name_en = gs_read_string(L, v[M_NAME_EN], "a material's English name");
    int s;
    if (v[M_SOURCE] && gs_read_enum(L, v[M_SOURCE], "source", SOURCES, &s) == 0)
        m->source = (gs_source)(s + 1);
    if (v[M_FORM])
        m->form = read_forms(L, v[M_FORM]);
    int64_t c;
    if (v[M_COPIES] && gs_read_int(L, v[M_COPIES], "copies", 1, 100, &c) == 0)
        m->copies = (unsigned)c;
    if (v[M_SHARED])
        gs_read_expr(L, v[M_SHARED], "shared_when", &m->shared_when, &m->shared_when_pos);
    if (v[M_COMMIT]) {
        const gs_ynode *cv[3];
        if (gs_check_map(L, v[M_COMMIT], "commitment", COMMIT_KEYS, cv) == 0) {
            if (!cv[0])
                gs_missing(L, v[M_COMMIT], "allowed", "commitment");
            else
                gs_read_bool(L, cv[0], "commitment.allowed", &m->commitment_allowed);
            if (cv[1] && gs_read_duration(L, cv[1], "commitment.verify_within",
                                          &m->verify_within) == 0)
                m->has_verify = 1;
        }
    }
    if (v[M_LEGAL])
        gs_read_strlist(L, v[M_LEGAL], "legal_basis", &m->legal_basis);
    if (v[M_DESC])
        (void)gs_read_string(L, v[M_DESC], "description");
}

int gs_compile_materials(gs_loader *L)
{
    struct govsvc_rulebook *rb = L->rb;
    size_t total = count_entries(L, "materials", GS_YMAP);
    if (over_limit(L, "materials", total, L->opts.max_materials, "materials"))
        return GOVSVC_ELIMIT; /* stops the later steps: no cascade of E040 */
    rb->materials = gs_arena_calloc(L->arena, total ? total : 1, sizeof *rb->materials);
    if (!rb->materials)
        return gs_oom(L);
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *mats = gs_ymap_get(L->files[i].root, "materials");
        if (!mats || mats->kind != GS_YMAP)
            continue;
        for (size_t k = 0; k + 1 < mats->n; k += 2) {
            const gs_ynode *key = mats->kids[k];
            const char *id = gs_need_scalar(L, key, "a material id");
            if (!id)
                continue;
            if (!is_code(id)) {
                gs_diag_error(L->diags, "E009", key->pos,
                              "use letters, digits, '_', '-' and '.' only",
                              "'%s' is not a valid material id", id);
                continue;
            }
            gs_material *m = &rb->materials[rb->nmaterials];
            m->id = gs_arena_strndup(L->arena, id, key->len);
            if (!m->id)
                return gs_oom(L);
            m->pos = key->pos;
            uint32_t prev;
            int r = gs_strmap_put(&rb->material_index, m->id, key->len, rb->nmaterials, &prev);
            if (r < 0)
                return gs_oom(L);
            if (r == 0) {
                gs_material *base = &rb->materials[prev];
                memset(m, 0, sizeof *m);
                if (overrides(L, base->pos, base->override_pos, L->files[i].depth)) {
                    base->override_pos = key->pos;
                    compile_material(L, base, mats->kids[k + 1], 1);
                } else {
                    dup_error(L, key->pos, base->pos, "material", id);
                }
                if (L->oom)
                    return GOVSVC_ENOMEM;
                continue;
            }
            rb->nmaterials++;
            compile_material(L, m, mats->kids[k + 1], 0);
            if (L->oom)
                return GOVSVC_ENOMEM;
        }
    }
    return 0;
}

/* The catalogue's ids, for did-you-mean hints: made once per load (made
 * for each unknown reference, 30000 of them over 30000 materials took 7 GB). */
static const char *const *material_ids(gs_loader *L)
{
    if (L->material_ids)
        return L->material_ids;
    const char **ids = gs_arena_calloc(&L->tmp, L->rb->nmaterials + 1, sizeof *ids);
    if (ids)
        for (uint32_t i = 0; i < L->rb->nmaterials; i++)
            ids[i] = L->rb->materials[i].id;
    return L->material_ids = ids;
}

static void compile_line(gs_loader *L, gs_line *ln, const gs_ynode *body, int *ok)
{
    const gs_ynode *v[GS_ARRAY_LEN(LINE_KEYS)];
    *ok = 0;
    ln->pos = body->pos;
    if (gs_check_map(L, body, "a material line", LINE_KEYS, v) < 0)
        return;
    if (!v[L_REF]) {
        gs_missing(L, body, "ref", "a material line");
        return;
    }
    const char *ref = gs_need_scalar(L, v[L_REF], "ref");
    if (!ref)
        return;
    uint32_t idx;
    if (!gs_strmap_get(&L->rb->material_index, ref, v[L_REF]->len, &idx)) {
        const char *const *ids = material_ids(L);
        const char *dym = ids ? gs_diag_did_you_mean(L->diags, ref, ids, L->rb->nmaterials) : NULL;
        char hint[256];
        if (dym)
            snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
        else
            snprintf(hint, sizeof hint, "add '%s' to the 'materials' catalogue", ref);
        gs_diag_error(L->diags, "E040", v[L_REF]->pos, hint, "unknown material '%s'", ref);
    } else {
        ln->material = idx;
        *ok = 1;
    }
    ln->pos = v[L_REF]->pos;
    if (v[L_WHEN])
        gs_read_expr(L, v[L_WHEN], "when", &ln->when, &ln->when_pos);
    if (v[L_DEFER] && gs_read_duration(L, v[L_DEFER], "deferrable", &ln->defer) == 0)
        ln->deferrable = 1;
    int64_t c;
    if (v[L_COPIES] && gs_read_int(L, v[L_COPIES], "copies", 1, 100, &c) == 0)
        ln->copies = (unsigned)c;
    if (v[L_FORM])
        ln->form = read_forms(L, v[L_FORM]);
    if (v[L_NOTE])
        ln->note = gs_read_string(L, v[L_NOTE], "note");
    if (v[L_JUSTIFICATION])
        ln->justification = gs_read_string(L, v[L_JUSTIFICATION], "justification");
}

static void compile_variant(gs_loader *L, gs_deadline *d, const gs_ynode *body, int in_list,
                            int is_last)
{
    const gs_ynode *v[GS_ARRAY_LEN(DEADLINE_KEYS)];
    d->pos = body->pos;
    if (gs_check_map(L, body, "deadline", DEADLINE_KEYS, v) < 0)
        return;
    if (v[D_WHEN] && !in_list)
        gs_diag_error(L->diags, "E051", v[D_WHEN]->pos,
                      "write the deadline as a list of variants to give it conditions",
                      "a single deadline cannot have 'when'");
    else if (in_list && !is_last && !v[D_WHEN])
        gs_diag_error(L->diags, "E051", body->pos,
                      "give every variant but the last a 'when' (the first that holds applies)",
                      "deadline variant without 'when' before the last variant");
    else if (in_list && is_last && v[D_WHEN])
        gs_diag_error(L->diags, "E051", v[D_WHEN]->pos,
                      "remove 'when' from the last variant: it applies when no other does",
                      "the last deadline variant must not have 'when'");
    else if (v[D_WHEN])
        gs_read_expr(L, v[D_WHEN], "when", &d->when, &d->when_pos);
    if (v[D_STATUTORY] && gs_read_duration(L, v[D_STATUTORY], "statutory", &d->statutory) == 0)
        d->has_statutory = 1;
    if (v[D_PROMISED] && gs_read_duration(L, v[D_PROMISED], "promised", &d->promised) == 0)
        d->has_promised = 1;
    if (v[D_EXTENSION] && gs_read_duration(L, v[D_EXTENSION], "extension", &d->extension) == 0)
        d->has_extension = 1;
    if (v[D_JUSTIFICATION])
        d->justification = gs_read_string(L, v[D_JUSTIFICATION], "justification");
    if (!v[D_STATUTORY] && !v[D_PROMISED])
        gs_diag_error(L->diags, "E008", body->pos, "add 'statutory:' and 'promised:'",
                      "deadline has neither 'statutory' nor 'promised'");
    /* 承诺办结时限 must lie within 法定办结时限. */
    if (d->has_statutory && d->has_promised && gs_duration_cmp(d->promised, d->statutory) > 0) {
        char p[32], s[32], hint[160];
        gs_duration_format(d->promised, p);
        gs_duration_format(d->statutory, s);
        snprintf(hint, sizeof hint, "the statutory limit (line %u) is %s; promise at most that",
                 v[D_STATUTORY]->pos.line, s);
        gs_diag_error(L->diags, "E021", v[D_PROMISED]->pos, hint,
                      "promised deadline %s exceeds the statutory %s", p, s);
    }
    const gs_ynode *sp = v[D_SPECIAL];
    if (sp && gs_need_seq(L, sp, "special") == 0 && sp->n) {
        d->special = gs_arena_calloc(L->arena, sp->n, sizeof *d->special);
        if (!d->special) {
            gs_oom(L);
            return;
        }
        for (size_t i = 0; i < sp->n; i++) {
            const gs_ynode *s[3];
            if (gs_check_map(L, sp->kids[i], "a special step", SPECIAL_KEYS, s) < 0)
                continue;
            if (!s[0] || !s[1]) {
                gs_missing(L, sp->kids[i], !s[0] ? "name" : "max", "a special step");
                continue;
            }
            gs_special *x = &d->special[d->nspecial];
            if ((x->name = gs_read_string(L, s[0], "a special step's name")) &&
                gs_read_duration(L, s[1], "max", &x->max) == 0)
                d->nspecial++;
        }
    }
}

static void compile_deadline(gs_loader *L, gs_item *it, const gs_ynode *n)
{
    size_t count = n->kind == GS_YSEQ ? n->n : 1;
    if (n->kind == GS_YSCALAR) {
        gs_diag_error(L->diags, "E007", n->pos, "write {statutory: ..., promised: ...}",
                      "deadline must be a mapping or a list of variants");
        return;
    }
    if (count == 0) {
        gs_diag_error(L->diags, "E051", n->pos, "give at least one variant",
                      "the deadline list is empty");
        return;
    }
    it->deadlines = gs_arena_calloc(L->arena, count, sizeof *it->deadlines);
    if (!it->deadlines) {
        gs_oom(L);
        return;
    }
    it->ndeadlines = (uint32_t)count;
    for (size_t i = 0; i < count; i++)
        compile_variant(L, &it->deadlines[i], n->kind == GS_YSEQ ? n->kids[i] : n,
                        n->kind == GS_YSEQ, i + 1 == count);
}

/* `partial`: an overlay's override of a base item; only the keys written
 * change, and `materials` or `deadline`, when written, replace the base's
 * whole list. */
static void compile_item(gs_loader *L, gs_item *it, const gs_ynode *body, const gs_ynode **v,
                         int partial)
{
    char what[200];
    snprintf(what, sizeof what, "item '%s'", it->code);
    if (v[I_JUSTIFICATION])
        it->justification = gs_read_string(L, v[I_JUSTIFICATION], "justification");
    if (!v[I_NAME]) {
        if (!partial)
            gs_missing(L, body, "name", what);
    } else
        it->name = gs_read_string(L, v[I_NAME], "an item's name");
    if (v[I_NAME_EN])
        it->name_en = gs_read_string(L, v[I_NAME_EN], "an item's English name");
    int e;
    if (!v[I_TYPE]) {
        if (!partial)
            gs_missing(L, body, "type", what);
    } else if (gs_read_enum(L, v[I_TYPE], "an item's type", ITEM_TYPES, &e) == 0)
        it->type = ITEM_TYPES[e];
    if (v[I_DEPT])
        it->department = gs_read_string(L, v[I_DEPT], "department");
    if (v[I_LEVEL] && gs_read_enum(L, v[I_LEVEL], "level", ITEM_LEVELS, &e) == 0)
        it->level = ITEM_LEVELS[e];
    if (v[I_LEGAL])
        gs_read_strlist(L, v[I_LEGAL], "legal_basis", &it->legal_basis);
    if (v[I_REFORM] && gs_read_enum(L, v[I_REFORM], "reform", REFORMS, &e) == 0)
        it->reform = REFORMS[e];
    if (!partial || v[I_VALID]) {
        it->valid_from = GS_DAY_MIN;
        it->valid_until = GS_DAY_MAX;
    }
    if (v[I_VALID]) {
        const gs_ynode *vv[3];
        if (gs_check_map(L, v[I_VALID], "valid", VALID_KEYS, vv) == 0) {
            if (vv[0])
                gs_read_date(L, vv[0], "valid.from", &it->valid_from);
            if (vv[1])
                gs_read_date(L, vv[1], "valid.until", &it->valid_until);
            if (vv[0] && vv[1] && it->valid_from > it->valid_until)
                gs_diag_error(L->diags, "E024", vv[1]->pos, "make 'until' not earlier than 'from'",
                              "item '%s' is valid until a day before it starts", it->code);
        }
    }
    if (v[I_COMMIT] && gs_read_enum(L, v[I_COMMIT], "commitment", COMMIT_MODES, &e) == 0)
        it->commitment_forbidden = e == 1;
    if (v[I_DEADLINE])
        compile_deadline(L, it, v[I_DEADLINE]);
    if (!partial)
        it->visits = -1;
    int64_t x;
    if (v[I_VISITS] && gs_read_int(L, v[I_VISITS], "visits", 0, 100, &x) == 0)
        it->visits = (int)x;
    if (v[I_ONLINE] && gs_read_enum(L, v[I_ONLINE], "online", ONLINE, &e) == 0)
        it->online = ONLINE[e];
    if (!partial || v[I_HALL]) {
        it->hall_entered = -1;
        it->hall_reason = NULL;
    }
    if (v[I_HALL]) {
        const gs_ynode *h[3];
        if (gs_check_map(L, v[I_HALL], "hall", HALL_KEYS, h) == 0) {
            if (!h[0])
                gs_missing(L, v[I_HALL], "entered", "hall");
            else if (gs_read_bool(L, h[0], "hall.entered", &it->hall_entered) < 0)
                it->hall_entered = -1;
            if (h[1])
                it->hall_reason = gs_read_string(L, h[1], "hall.reason");
            /* 应进必进: an item kept out of the hall must say why. */
            if (it->hall_entered == 0 && (!it->hall_reason || !*it->hall_reason))
                gs_diag_error(L->diags, "E022", v[I_HALL]->pos,
                              "add the reason, e.g. {entered: false, reason: 场地受限}",
                              "item '%s' is not entered in the hall but gives no reason",
                              it->code);
        }
    }
    if (v[I_FEE] && gs_read_number(L, v[I_FEE], "fee", &it->fee) == 0) {
        it->has_fee = 1;
        if (it->fee < 0)
            gs_diag_error(L->diags, "E009", v[I_FEE]->pos, "write 0 for no fee",
                          "fee cannot be negative");
    }
    if (v[I_RESULT])
        it->result = gs_read_string(L, v[I_RESULT], "result");
    if (v[I_DESC])
        (void)gs_read_string(L, v[I_DESC], "description");
    const gs_ynode *mats = v[I_MATERIALS];
    if (mats && partial) {
        it->lines = NULL;
        it->nlines = 0;
    }
    if (mats && gs_need_seq(L, mats, "an item's materials") == 0 && mats->n) {
        it->lines = gs_arena_calloc(L->arena, mats->n, sizeof *it->lines);
        if (!it->lines) {
            gs_oom(L);
            return;
        }
        for (size_t i = 0; i < mats->n; i++) {
            int ok;
            compile_line(L, &it->lines[it->nlines], mats->kids[i], &ok);
            if (ok)
                it->nlines++;
        }
    }
}

int gs_compile_items(gs_loader *L)
{
    struct govsvc_rulebook *rb = L->rb;
    size_t total = count_entries(L, "items", GS_YSEQ);
    if (over_limit(L, "items", total, L->opts.max_items, "items"))
        return GOVSVC_ELIMIT;
    rb->items = gs_arena_calloc(L->arena, total ? total : 1, sizeof *rb->items);
    if (!rb->items)
        return gs_oom(L);
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *items = gs_ymap_get(L->files[i].root, "items");
        if (!items || items->kind != GS_YSEQ)
            continue;
        for (size_t k = 0; k < items->n; k++) {
            const gs_ynode *body = items->kids[k], *v[GS_ARRAY_LEN(ITEM_KEYS)];
            if (gs_check_map(L, body, "an item", ITEM_KEYS, v) < 0)
                continue;
            if (!v[I_CODE]) {
                gs_missing(L, body, "code", "an item");
                continue;
            }
            const char *code = gs_need_scalar(L, v[I_CODE], "code");
            if (!code)
                continue;
            if (!is_code(code)) {
                gs_diag_error(L->diags, "E009", v[I_CODE]->pos,
                              "use letters, digits, '-', '_' and '.' only",
                              "'%s' is not a valid item code", code);
                continue;
            }
            gs_item *it = &rb->items[rb->nitems];
            it->code = gs_arena_strndup(L->arena, code, v[I_CODE]->len);
            if (!it->code)
                return gs_oom(L);
            it->pos = v[I_CODE]->pos;
            uint32_t prev;
            int r = gs_strmap_put(&rb->item_index, it->code, v[I_CODE]->len, rb->nitems, &prev);
            if (r < 0)
                return gs_oom(L);
            if (r == 0) {
                gs_item *base = &rb->items[prev];
                memset(it, 0, sizeof *it);
                if (overrides(L, base->pos, base->override_pos, L->files[i].depth)) {
                    base->override_pos = v[I_CODE]->pos;
                    compile_item(L, base, body, v, 1);
                } else {
                    dup_error(L, v[I_CODE]->pos, base->pos, "item", code);
                }
                if (L->oom)
                    return GOVSVC_ENOMEM;
                continue;
            }
            rb->nitems++;
            compile_item(L, it, body, v, 0);
            if (L->oom)
                return GOVSVC_ENOMEM;
        }
    }
    return 0;
}

int gs_compile_bundles(gs_loader *L)
{
    struct govsvc_rulebook *rb = L->rb;
    size_t total = count_entries(L, "bundles", GS_YSEQ);
    rb->bundles = gs_arena_calloc(L->arena, total ? total : 1, sizeof *rb->bundles);
    /* mark[item] == serial when the bundle numbered serial names the item
     * already: comparing with each item before made a bundle listing one
     * item a million times quadratic (E044). */
    uint32_t *mark = gs_arena_calloc(&L->tmp, rb->nitems ? rb->nitems : 1, sizeof *mark);
    uint32_t serial = 0;
    if (!rb->bundles || !mark)
        return gs_oom(L);
    for (size_t i = 0; i < L->nfiles; i++) {
        const gs_ynode *bundles = gs_ymap_get(L->files[i].root, "bundles");
        if (!bundles || bundles->kind != GS_YSEQ)
            continue;
        for (size_t k = 0; k < bundles->n; k++) {
            const gs_ynode *body = bundles->kids[k], *v[GS_ARRAY_LEN(BUNDLE_KEYS)];
            if (gs_check_map(L, body, "a bundle", BUNDLE_KEYS, v) < 0)
                continue;
            if (!v[B_CODE]) {
                gs_missing(L, body, "code", "a bundle");
                continue;
            }
            const char *code = gs_need_scalar(L, v[B_CODE], "code");
            if (!code)
                continue;
            gs_bundle *b = &rb->bundles[rb->nbundles];
            b->code = gs_arena_strndup(L->arena, code, v[B_CODE]->len);
            if (!b->code)
                return gs_oom(L);
            b->pos = v[B_CODE]->pos;
            uint32_t prev;
            int r = gs_strmap_put(&rb->bundle_index, b->code, v[B_CODE]->len, rb->nbundles, &prev);
            if (r < 0)
                return gs_oom(L);
            int partial = 0;
            if (r == 0) {
                gs_bundle *base = &rb->bundles[prev];
                memset(b, 0, sizeof *b);
                if (!overrides(L, base->pos, base->override_pos, L->files[i].depth)) {
                    dup_error(L, v[B_CODE]->pos, base->pos, "bundle", code);
                    continue;
                }
                /* An overlay's bundle: the keys written replace the base's. */
                base->override_pos = v[B_CODE]->pos;
                b = base;
                partial = 1;
            } else {
                rb->nbundles++;
            }
            if (!v[B_ITEMS] && !partial)
                gs_missing(L, body, "items", "a bundle");
            if (v[B_JUSTIFICATION])
                b->justification = gs_read_string(L, v[B_JUSTIFICATION], "justification");
            if (v[B_NAME])
                b->name = gs_read_string(L, v[B_NAME], "a bundle's name");
            serial++;
            if (v[B_ITEMS] && gs_need_seq(L, v[B_ITEMS], "a bundle's items") == 0) {
                b->items = gs_arena_calloc(L->arena, v[2]->n ? v[2]->n : 1, sizeof *b->items);
                b->nitems = 0;
                if (!b->items)
                    return gs_oom(L);
            }
            for (size_t j = 0; b->items && v[B_ITEMS] && j < v[B_ITEMS]->n; j++) {
                const gs_ynode *c = v[2]->kids[j];
                const char *ic = gs_need_scalar(L, c, "an item code");
                uint32_t idx;
                if (!ic)
                    continue;
                if (!gs_strmap_get(&rb->item_index, ic, c->len, &idx)) {
                    gs_diag_error(L->diags, "E043", c->pos, "name an item of this rulebook",
                                  "bundle '%s' names unknown item '%s'", b->code, ic);
                    continue;
                }
                int dup = mark[idx] == serial;
                mark[idx] = serial;
                if (dup) {
                    gs_diag_error(L->diags, "E044", c->pos, "list each item once",
                                  "bundle '%s' names item '%s' twice", b->code, ic);
                    continue;
                }
                b->items[b->nitems++] = idx;
            }
            if (partial && (v[B_DEADLINE] || v[B_COMBINE])) {
                b->has_deadline = 0;
                b->combine = 0;
            }
            if (v[3] && v[4])
                gs_diag_error(L->diags, "E045", v[4]->pos,
                              "give either the bundle's own 'deadline' or 'combine'",
                              "bundle '%s' has both 'deadline' and 'combine'", b->code);
            if (v[3] && gs_read_duration(L, v[3], "a bundle's deadline", &b->deadline) == 0)
                b->has_deadline = 1;
            int c;
            if (v[4] && gs_read_enum(L, v[4], "combine", COMBINE, &c) == 0)
                b->combine = c + 1;
        }
    }
    return L->oom ? GOVSVC_ENOMEM : 0;
}
