/*
 * schema.c - checking YAML nodes against the rulebook format: mappings with
 * known keys, scalars of the right form. Each check reports in the user's
 * terms and says how to fix it, then lets the loader go on.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int gs_oom(gs_loader *L)
{
    L->oom = 1;
    return GOVSVC_ENOMEM;
}

static const char *kind_name(const gs_ynode *n)
{
    switch (n->kind) {
    case GS_YMAP: return "a mapping";
    case GS_YSEQ: return "a list";
    default: return "a scalar";
    }
}

static void wrong_kind(gs_loader *L, const gs_ynode *n, const char *what, const char *want)
{
    const char *hint = strcmp(want, "a mapping") == 0 ? "write 'key: value' pairs here"
                       : strcmp(want, "a list") == 0  ? "write a list here: [a, b] or '- a' lines"
                                                      : "write a single value here";
    gs_diag_error(L->diags, "E007", n->pos, hint, "%s must be %s, not %s", what, want,
                  kind_name(n));
}

int gs_check_map(gs_loader *L, const gs_ynode *n, const char *what, const char *const *keys,
                 const gs_ynode **vals)
{
    size_t nkeys = 0;
    while (keys[nkeys])
        nkeys++;
    /* The key node of each value found, to name the first of a duplicate
     * without scanning back (a mapping repeating one key a million times
     * made that scan quadratic). Key lists are short, fixed tables. */
    const gs_ynode *first_key[32];
    assert(nkeys <= GS_ARRAY_LEN(first_key));
    for (size_t i = 0; i < nkeys; i++)
        vals[i] = NULL;
    if (!n || n->kind != GS_YMAP) {
        if (n)
            wrong_kind(L, n, what, "a mapping");
        return -1;
    }
    for (size_t k = 0; k + 1 < n->n; k += 2) {
        const gs_ynode *key = n->kids[k];
        if (key->kind != GS_YSCALAR) {
            gs_diag_error(L->diags, "E007", key->pos, "write keys as plain words",
                          "a key in %s must be a scalar", what);
            continue;
        }
        size_t i = 0;
        while (i < nkeys && strcmp(keys[i], key->str) != 0)
            i++;
        if (i == nkeys) {
            const char *dym = gs_did_you_mean(key->str, keys, 0);
            char hint[160];
            if (dym)
                snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
            else
                snprintf(hint, sizeof hint, "remove it, or see docs/rulebook-format.md for %s",
                         what);
            gs_diag_error(L->diags, "E005", key->pos, hint, "unknown key '%s' in %s", key->str,
                          what);
            continue;
        }
        if (vals[i]) {
            const gs_ynode *first = first_key[i];
            char hint[160];
            snprintf(hint, sizeof hint, "the first '%s' is at line %u, column %u; keep one",
                     key->str, first->pos.line, first->pos.col);
            gs_diag_error(L->diags, "E006", key->pos, hint, "duplicate key '%s' in %s", key->str,
                          what);
            continue;
        }
        vals[i] = n->kids[k + 1];
        first_key[i] = key;
    }
    return 0;
}

void gs_missing(gs_loader *L, const gs_ynode *map, const char *key, const char *what)
{
    char hint[128];
    snprintf(hint, sizeof hint, "add '%s:'", key);
    gs_diag_error(L->diags, "E008", map->pos, hint, "%s has no '%s'", what, key);
}

const char *gs_need_scalar(gs_loader *L, const gs_ynode *n, const char *what)
{
    if (n->kind != GS_YSCALAR) {
        wrong_kind(L, n, what, "a scalar");
        return NULL;
    }
    return n->str;
}

const char *gs_read_string(gs_loader *L, const gs_ynode *n, const char *what)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return NULL;
    /* Texts are kept once in the table: departments, legal bases, results
     * and names repeat from item to item. (Only in a table load, which
     * shares its conditions too and frees the index: see load.h.) */
    uint32_t idx;
    if (L->exprs && gs_strmap_get(&L->strings, s, n->len, &idx))
        return L->string_v[idx];
    const char *c = gs_arena_strndup(L->arena, s, n->len);
    if (!c) {
        gs_oom(L);
        return NULL;
    }
    if (L->exprs && L->nstrings < UINT32_MAX &&
        gs_grow((void **)&L->string_v, &L->string_cap, L->nstrings + 1, sizeof *L->string_v) == 0 &&
        gs_strmap_put(&L->strings, c, n->len, (uint32_t)L->nstrings, NULL) == 1)
        L->string_v[L->nstrings++] = c; /* (when this fails, c is simply not shared) */
    return c;
}

int gs_read_bool(gs_loader *L, const gs_ynode *n, const char *what, int *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    if (n->style == GS_YPLAIN && strcmp(s, "true") == 0) {
        *out = 1;
        return 0;
    }
    if (n->style == GS_YPLAIN && strcmp(s, "false") == 0) {
        *out = 0;
        return 0;
    }
    gs_diag_error(L->diags, "E009", n->pos, "write true or false (without quotes)",
                  "%s must be true or false, not '%s'", what, s);
    return -1;
}

int gs_read_int(gs_loader *L, const gs_ynode *n, const char *what, int64_t min, int64_t max,
                int64_t *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    int digits = s[0] == '-' ? s[1] >= '0' && s[1] <= '9' : s[0] >= '0' && s[0] <= '9';
    if (!digits || *end || errno || v < min || v > max || n->style != GS_YPLAIN) {
        char hint[96];
        snprintf(hint, sizeof hint, "write a whole number from %lld to %lld", (long long)min,
                 (long long)max);
        gs_diag_error(L->diags, "E009", n->pos, hint, "%s must be a whole number, not '%s'",
                      what, s);
        return -1;
    }
    *out = v;
    return 0;
}

int gs_read_number(gs_loader *L, const gs_ynode *n, const char *what, double *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    int ok = n->style == GS_YPLAIN && *s && !*end && !errno && isfinite(v) &&
             ((s[0] >= '0' && s[0] <= '9') || s[0] == '-');
    if (!ok) {
        gs_diag_error(L->diags, "E009", n->pos, "write a decimal number such as 300 or 12.5",
                      "%s must be a number, not '%s'", what, s);
        return -1;
    }
    *out = v;
    return 0;
}

int gs_read_date(gs_loader *L, const gs_ynode *n, const char *what, gs_day *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    if (gs_date_parse(s, n->len, out) < 0) {
        gs_diag_error(L->diags, "E023", n->pos, "write a real date as YYYY-MM-DD",
                      "%s: '%s' is not a valid date", what, s);
        return -1;
    }
    return 0;
}

int gs_read_duration(gs_loader *L, const gs_ynode *n, const char *what, gs_duration *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    if (gs_duration_parse(s, n->len, out) < 0) {
        gs_diag_error(L->diags, "E020", n->pos,
                      "write 'N working days', 'N days' or 'immediate' "
                      "(or 'N个工作日', 'N日', '即办')",
                      "%s: '%s' is not a duration", what, s);
        return -1;
    }
    return 0;
}

int gs_read_enum(gs_loader *L, const gs_ynode *n, const char *what, const char *const *values,
                 int *out)
{
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    for (int i = 0; values[i]; i++) {
        if (strcmp(values[i], s) == 0) {
            *out = i;
            return 0;
        }
    }
    char hint[512];
    const char *dym = gs_did_you_mean(s, values, 0);
    int off = dym ? snprintf(hint, sizeof hint, "did you mean '%s'? ", dym) : 0;
    off += snprintf(hint + off, sizeof hint - (size_t)off, "allowed:");
    for (int i = 0; values[i] && (size_t)off < sizeof hint; i++)
        off += snprintf(hint + off, sizeof hint - (size_t)off, " %s", values[i]);
    gs_diag_error(L->diags, "E009", n->pos, hint, "%s: '%s' is not an allowed value", what, s);
    return -1;
}

int gs_read_strlist(gs_loader *L, const gs_ynode *n, const char *what, gs_strlist *out)
{
    out->v = NULL;
    out->n = 0;
    if (n->kind == GS_YSCALAR) {
        out->v = gs_arena_alloc(L->arena, sizeof *out->v);
        if (!out->v || !(out->v[0] = gs_read_string(L, n, what)))
            return out->v ? -1 : gs_oom(L);
        out->n = 1;
        return 0;
    }
    if (gs_need_seq(L, n, what) < 0)
        return -1;
    out->v = gs_arena_calloc(L->arena, n->n, sizeof *out->v);
    if (n->n && !out->v)
        return gs_oom(L);
    int r = 0;
    for (size_t i = 0; i < n->n; i++) {
        const char *s = gs_read_string(L, n->kids[i], what);
        if (!s) {
            r = -1;
            continue;
        }
        out->v[out->n++] = s;
    }
    return r;
}

int gs_need_seq(gs_loader *L, const gs_ynode *n, const char *what)
{
    if (n->kind != GS_YSEQ) {
        wrong_kind(L, n, what, "a list");
        return -1;
    }
    return 0;
}

int gs_read_expr(gs_loader *L, const gs_ynode *n, const char *what, const gs_expr **out,
                 gs_pos *pos)
{
    *out = NULL;
    const char *s = gs_need_scalar(L, n, what);
    if (!s)
        return -1;
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = L->exprs ? gs_expr_pool_scratch(L->exprs) : L->arena;
    ctx.pattern_arena = L->arena;
    ctx.schema = &L->rb->schema;
    ctx.patterns = &L->rb->patterns;
    ctx.diags = L->diags;
    ctx.base = n->pos;
    /* Positions inside a quoted scalar start after the quote; a block
     * scalar's text starts on the next line (its indentation is not known
     * here, so columns there are approximate). */
    if (n->style == GS_YSINGLE || n->style == GS_YDOUBLE)
        ctx.base.col++;
    else if (n->style == GS_YBLOCK)
        ctx.base.line++;
    ctx.max_bytes = L->opts.max_expr_bytes;
    ctx.max_depth = L->opts.max_expr_depth;
    if (pos)
        *pos = n->pos;
    int r = gs_expr_compile(&ctx, s, n->len, out);
    if (L->exprs) {
        /* Compiled in scratch space, kept once in the table. */
        if (r == 0)
            r = gs_expr_intern(L->exprs, *out, out);
        gs_expr_pool_reset_scratch(L->exprs);
    }
    if (r == GOVSVC_ENOMEM)
        gs_oom(L);
    return r == 0 ? 0 : -1;
}
