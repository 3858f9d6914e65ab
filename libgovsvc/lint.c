/*
 * lint.c - govsvc_lint(): finding the rulebooks under a path, loading each
 * with the semantic checks, and one sorted list of everything found.
 *
 * A directory is searched recursively for top files (YAML files with a
 * top-level `rulebook:` key); the files they include are checked as part
 * of them, so a directory of several versions of one rulebook (a version
 * history) is linted version by version. The semantic checks run inside
 * the loader (gs_rulebook_load_inspect) while the YAML trees are alive, so
 * every warning points at the key it is about.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint_int.h"

static const struct {
    const char *code, *title;
} CODES[] = {
    {"E150", "no rulebook found at the path"},
    {"E151", "a deadline cannot be counted on the calendar from the effective date"},
    {"W101", "condition can never be true"},
    {"W102", "condition is always true"},
    {"W103", "two parts of a condition contradict each other"},
    {"W104", "part of a condition is redundant"},
    {"W105", "material listed twice in one item"},
    {"W106", "overlapping lines give one material different settings"},
    {"W107", "deadline variant can never apply"},
    {"W108", "catalogue material used by no item"},
    {"W109", "declared fact used by no condition"},
    {"W110", "commitment allowed on a material the government issues"},
    {"W111", "shared material that also allows a commitment"},
    {"W112", "promised deadline equal to the statutory one"},
    {"W113", "commitment without a verification period"},
    {"W114", "fully online item that still needs visits"},
    {"W115", "immediate promise on an item with deferrals"},
    {"W116", "deferral on the item's only or main material"},
    {"W117", "deferral period longer than the promised deadline"},
    {"W118", "item without legal basis"},
    {"W119", "cancelled license still in force"},
    {"W120", "calendar coverage ends within 90 days of the effective date"},
    {"W121", "bundle deadline longer than its items combined"},
    {"W122", "bundle names an item not valid on the bundle's dates"},
    {"W123", "material id one character or case away from another"},
    {"W124", "item code one character or case away from another"},
};

const char *govsvc_lint_code_title(const char *code)
{
    for (size_t i = 0; code && i < GS_ARRAY_LEN(CODES); i++)
        if (strcmp(CODES[i].code, code) == 0)
            return CODES[i].title;
    return NULL;
}

const char *govsvc_lint_code(size_t i)
{
    return i < GS_ARRAY_LEN(CODES) ? CODES[i].code : NULL;
}

void govsvc_lint_options_init(govsvc_lint_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->version = GOVSVC_LINT_OPTIONS_VERSION;
}

/* -- helpers the checks share --------------------------------------------- */

const gs_ynode *gs_lint_get(const gs_ynode *n, const char *key)
{
    return n && n->kind == GS_YMAP ? gs_ymap_get(n, key) : NULL;
}

gs_pos gs_lint_at(const gs_ynode *n, const char *key, gs_pos fallback)
{
    const gs_ynode *v = gs_lint_get(n, key);
    if (v)
        return v->pos;
    return n ? n->pos : fallback;
}

int gs_lint_report(gs_lint *c, const char *code, gs_pos pos, const char *hint, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = gs_diag_vadd(c->diags, code[0] == 'E' ? GOVSVC_SEVERITY_ERROR : GOVSVC_SEVERITY_WARNING,
                         code, pos, hint, fmt, ap);
    va_end(ap);
    return r;
}

static int same_pos(gs_pos a, gs_pos b)
{
    return a.line == b.line && a.col == b.col && a.file && b.file && strcmp(a.file, b.file) == 0;
}

/* Finds the YAML node of every item, material and bundle of the table by
 * its id and position, so checks can point at any of its keys. */
static void map_nodes(gs_lint *c)
{
    const struct govsvc_rulebook *rb = c->rb;
    for (size_t f = 0; f < c->L->nfiles; f++) {
        const gs_ynode *root = c->L->files[f].root;
        if (!root || root->kind != GS_YMAP)
            continue;
        if (c->L->files[f].is_top && !c->top) {
            c->top = root;
            c->rulebook_node = gs_lint_get(root, "rulebook");
            c->policy = gs_lint_get(root, "policy");
        }
        const gs_ynode *items = gs_ymap_get(root, "items");
        for (size_t k = 0; items && items->kind == GS_YSEQ && k < items->n; k++) {
            const gs_ynode *code = gs_lint_get(items->kids[k], "code");
            uint32_t i;
            if (code && code->kind == GS_YSCALAR &&
                gs_strmap_get(&rb->item_index, code->str, code->len, &i) &&
                same_pos(rb->items[i].pos, code->pos))
                c->item_node[i] = items->kids[k];
        }
        const gs_ynode *mats = gs_ymap_get(root, "materials");
        for (size_t k = 0; mats && mats->kind == GS_YMAP && k + 1 < mats->n; k += 2) {
            const gs_ynode *key = mats->kids[k];
            uint32_t i;
            if (key->kind == GS_YSCALAR &&
                gs_strmap_get(&rb->material_index, key->str, key->len, &i) &&
                same_pos(rb->materials[i].pos, key->pos))
                c->material_node[i] = mats->kids[k + 1];
        }
        const gs_ynode *bundles = gs_ymap_get(root, "bundles");
        for (size_t k = 0; bundles && bundles->kind == GS_YSEQ && k < bundles->n; k++) {
            const gs_ynode *code = gs_lint_get(bundles->kids[k], "code");
            uint32_t i;
            if (code && code->kind == GS_YSCALAR &&
                gs_strmap_get(&rb->bundle_index, code->str, code->len, &i) &&
                same_pos(rb->bundles[i].pos, code->pos))
                c->bundle_node[i] = bundles->kids[k];
        }
    }
}

/* The loader's inspect hook: the semantic checks on a rulebook that
 * compiled without errors. */
static int inspect(gs_loader *L, void *ud)
{
    (void)ud;
    const struct govsvc_rulebook *rb = L->rb;
    gs_lint c;
    memset(&c, 0, sizeof c);
    c.L = L;
    c.rb = rb;
    c.diags = L->diags;
    c.lx = gs_lx_new(rb);
    /* The trees' arena lives as long as this call: borrow it. */
    c.item_node = gs_arena_calloc(&L->tmp, rb->nitems + 1, sizeof *c.item_node);
    c.material_node = gs_arena_calloc(&L->tmp, rb->nmaterials + 1, sizeof *c.material_node);
    c.bundle_node = gs_arena_calloc(&L->tmp, rb->nbundles + 1, sizeof *c.bundle_node);
    c.fact_used = gs_arena_calloc(&L->tmp, rb->schema.count + 1, 1);
    c.material_used = gs_arena_calloc(&L->tmp, rb->nmaterials + 1, 1);
    int r = 0;
    if (!c.lx || !c.item_node || !c.material_node || !c.bundle_node || !c.fact_used ||
        !c.material_used)
        r = GOVSVC_ENOMEM;
    if (r == 0) {
        map_nodes(&c);
        r = gs_lint_catalogue(&c);
    }
    if (r == 0)
        r = gs_lint_items(&c);
    if (r == 0)
        r = gs_lint_names(&c);
    if (r == 0 && (gs_lx_oom(c.lx) || c.diags->oom))
        r = GOVSVC_ENOMEM;
    gs_lx_free(c.lx);
    return r;
}

/* -- a run ---------------------------------------------------------------- */

typedef struct run {
    const govsvc_lint_options *opts;
    govsvc_diag_list *out;
    gs_strmap seen; /* identical diagnostics are reported once */
    gs_arena keys;
    size_t rulebooks;
    int io, oom;
} run;

static int skipped(const run *R, const char *code)
{
    for (const char *const *s = R->opts->skip; s && *s; s++)
        if (strcmp(*s, code) == 0)
            return 1;
    return 0;
}

static void take(run *R, const govsvc_diag_list *l, const char *path)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        if (skipped(R, d->code))
            continue;
        /* The loader gives the top file's own read error no file: it is the
         * path the caller named. */
        const char *file = d->file ? d->file : path;
        char *key = gs_arena_printf(&R->keys, "%s\x1f%u\x1f%u\x1f%s\x1f%s", file, d->line,
                                    d->column, d->code, d->message);
        int fresh = key ? gs_strmap_put(&R->seen, key, strlen(key), 0, NULL) : -1;
        if (fresh < 0) {
            R->oom = 1;
            return;
        }
        if (!fresh)
            continue;
        govsvc_severity sev = d->severity;
        if (sev == GOVSVC_SEVERITY_WARNING && (R->opts->flags & GOVSVC_LINT_WERROR))
            sev = GOVSVC_SEVERITY_ERROR;
        gs_pos pos = {file, d->line, d->column};
        if (gs_diag_add(R->out, sev, d->code, pos, d->hint, "%s", d->message) < 0)
            R->oom = 1;
        else if (d->fact)
            gs_diag_set_fact(R->out, d->fact);
        if (strcmp(d->code, "E001") == 0)
            R->io = 1;
    }
}

static void lint_one(run *R, const char *path)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = gs_rulebook_load_inspect(&rb, path, R->opts->load, &d, inspect, NULL);
    R->rulebooks++;
    if (r == GOVSVC_ENOMEM)
        R->oom = 1;
    else if (r == GOVSVC_EIO)
        R->io = 1;
    take(R, d, path);
    govsvc_diag_list_free(d);
    govsvc_rulebook_unref(rb);
}

static void path_error(run *R, const char *code, const char *path, const char *hint,
                       const char *msg)
{
    govsvc_diag_list *tmp = gs_diag_list_new();
    if (!tmp) {
        R->oom = 1;
        return;
    }
    gs_pos pos = {path, 0, 0};
    gs_diag_error(tmp, code, pos, hint, "%s", msg);
    take(R, tmp, path);
    if (tmp->oom)
        R->oom = 1;
    govsvc_diag_list_free(tmp);
}

/* A top file has a line starting `rulebook:` (the key, at the top level);
 * included files and calendars do not. Reads at most the first 1 MiB. */
static int is_top_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[512];
    int top = 0, fresh = 1;
    size_t read = 0;
    while (!top && read < ((size_t)1 << 20) && fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        read += n;
        top = fresh && strncmp(line, "rulebook:", 9) == 0;
        fresh = n > 0 && line[n - 1] == '\n'; /* a long line continues */
    }
    fclose(f);
    return top;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lints every top file below dir, in name order. Returns the number found. */
static size_t lint_dir(run *R, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[600];
        snprintf(msg, sizeof msg, "cannot open directory '%s': %s", dir, strerror(errno));
        path_error(R, "E001", dir, "check the path and its permissions", msg);
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0, found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = gs_malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!p || gs_grow((void **)&names, &cap, n + 1, sizeof *names) < 0) {
            gs_free(p);
            R->oom = 1;
            break;
        }
        /* "." names its files as the loader names included ones: bare. */
        if (strcmp(dir, ".") == 0)
            strcpy(p, e->d_name);
        else
            sprintf(p, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
        names[n++] = p;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            /* Deep enough for any real tree; stops symlink loops. */
            if (depth < 16)
                found += lint_dir(R, names[i], depth + 1);
        } else if ((ends_with(names[i], ".yaml") || ends_with(names[i], ".yml")) &&
                   is_top_file(names[i])) {
            lint_one(R, names[i]);
            found++;
        }
        gs_free(names[i]);
    }
    gs_free(names);
    return found;
}

static void lint_path(run *R, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "cannot read '%s': %s", path, strerror(errno));
        path_error(R, "E001", path, "check the path", msg);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        lint_one(R, path);
        return;
    }
    if (lint_dir(R, path, 0) == 0 && !R->oom) {
        char msg[600];
        snprintf(msg, sizeof msg, "no rulebook found in '%s'", path);
        path_error(R, "E150", path,
                   "name a rulebook's top file (a YAML file with a top-level 'rulebook:' key) "
                   "or a directory that holds one",
                   msg);
    }
}

int govsvc_lint_paths(govsvc_diag_list **out, const char *const *paths, size_t npaths,
                      const govsvc_lint_options *opts, size_t *rulebooks)
{
    if (out)
        *out = NULL;
    if (rulebooks)
        *rulebooks = 0;
    if (!out || (!paths && npaths))
        return GOVSVC_EINVAL;
    govsvc_lint_options o;
    govsvc_lint_options_init(&o);
    if (opts && opts->version >= 1)
        o = *opts;
    for (const char *const *s = o.skip; s && *s; s++)
        if (!govsvc_lint_code_title(*s))
            return GOVSVC_EINVAL;
    for (size_t i = 0; i < npaths; i++)
        if (!paths[i])
            return GOVSVC_EINVAL;
    run R;
    memset(&R, 0, sizeof R);
    R.opts = &o;
    R.out = gs_diag_list_new();
    if (!R.out)
        return GOVSVC_ENOMEM;
    gs_strmap_init(&R.seen);
    gs_arena_init(&R.keys);
    for (size_t i = 0; i < npaths && !R.oom; i++)
        lint_path(&R, paths[i]);
    gs_strmap_free(&R.seen);
    gs_arena_free(&R.keys);
    if (R.out->oom)
        R.oom = 1;
    if (R.oom) {
        govsvc_diag_list_free(R.out);
        return GOVSVC_ENOMEM;
    }
    gs_diag_sort(R.out);
    if (rulebooks)
        *rulebooks = R.rulebooks;
    int r = R.io ? GOVSVC_EIO : gs_diag_errors(R.out) ? GOVSVC_ERULEBOOK : 0;
    if (R.out->count)
        *out = R.out;
    else
        govsvc_diag_list_free(R.out);
    return r;
}

int govsvc_lint(govsvc_diag_list **out, const char *path, const govsvc_lint_options *opts)
{
    if (out)
        *out = NULL;
    if (!path)
        return GOVSVC_EINVAL;
    const char *paths[1] = {path};
    return govsvc_lint_paths(out, paths, 1, opts, NULL);
}
