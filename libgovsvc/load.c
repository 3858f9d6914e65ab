/*
 * load.c - reading a rulebook's files (top file, includes, calendar) and
 * driving the compile steps; the public load/ref/unref calls.
 *
 * Every file's bytes go into the SHA-256 digest in load order, are checked
 * for valid UTF-8, then parsed into a node tree (yaml_read.c). The compile
 * steps read the trees and build the immutable table. The loader never
 * stops at the first error: each step reports what it finds and goes on, so
 * one run shows the author every independent mistake.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

static const char *const TOP_KEYS[] = {"govsvc", "rulebook", "include", "calendar", "policy",
                                       "facts",  "materials", "items",  "bundles",  NULL};
enum { K_GOVSVC, K_RULEBOOK, K_INCLUDE, K_CALENDAR, K_POLICY };
static const char *const INC_KEYS[] = {"govsvc", "facts", "materials", "items", "bundles", NULL};
static const char *const CAL_FILE_KEYS[] = {"govsvc", "calendar", NULL};
static const char *const RB_KEYS[] = {"id",        "version",    "title",   "jurisdiction", "level",
                                      "effective", "supersedes", "extends", NULL};
enum { R_ID, R_VERSION, R_TITLE, R_JURISDICTION, R_LEVEL, R_EFFECTIVE, R_SUPERSEDES, R_EXTENDS };
static const char *const LEVELS[] = {"province", "city", "county", "township", NULL};

static void fill_limits(govsvc_load_options *o, const govsvc_load_options *in)
{
    govsvc_load_options_init(o);
    /* Copy only the fields the caller's version of the struct has: a
     * caller built against an older header has a shorter struct. A version
     * newer than this library's is read as this library's. */
    if (in && in->version >= 1) {
        size_t n = in->version >= 2 ? sizeof *o
                                    : offsetof(govsvc_load_options, max_items);
        memcpy(o, in, n);
    }
    o->version = GOVSVC_LOAD_OPTIONS_VERSION;
#define DEF(f, v) if (!o->f) o->f = (v)
    DEF(max_file_bytes, (size_t)64 << 20);
    DEF(max_total_bytes, (size_t)256 << 20);
    DEF(max_files, 256);
    DEF(max_depth, 64);
    DEF(max_aliases, 1000);
    DEF(max_nodes, (size_t)8 << 20);
    DEF(max_scalar_bytes, (size_t)1 << 20);
    DEF(max_expr_bytes, 4096);
    DEF(max_expr_depth, 64);
    DEF(pattern_match_limit, 100000);
    DEF(pattern_depth_limit, 1000);
    DEF(max_items, 100000);
    DEF(max_materials, 100000);
    DEF(pattern_heap_limit, 8192);
#undef DEF
    /* The parsers recurse once per level: keep the stack bounded whatever
     * the caller asks for. */
    if (o->max_depth > 1000)
        o->max_depth = 1000;
    if (o->max_expr_depth > 1000)
        o->max_expr_depth = 1000;
}

void govsvc_load_options_init(govsvc_load_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->version = GOVSVC_LOAD_OPTIONS_VERSION;
}

/* Line and column (characters) of a byte offset, for errors found before
 * the YAML parser runs. */
static gs_pos offset_pos(const char *file, const char *bytes, size_t off)
{
    gs_pos p = {file, 1, 1};
    size_t line_start = 0;
    /* Count as libyaml and editors do: a UTF-8 byte order mark is not a
     * column, and a lone CR (old Mac files) ends a line like LF and CR LF. */
    if (off >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        line_start = 3;
    for (size_t i = 0; i < off; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && bytes[i + 1] != '\n')) {
            p.line++;
            line_start = i + 1;
        }
    }
    p.col = (uint32_t)gs_utf8_count(bytes + line_start, off - line_start) + 1;
    return p;
}

/* Reads a whole regular file. Returns 0, or reports E001/E013 and returns
 * GOVSVC_EIO / GOVSVC_ELIMIT, or GOVSVC_ENOMEM. */
static int read_file(gs_loader *L, const char *path, gs_pos at, char **out, size_t *len)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        gs_diag_error(L->diags, "E001", at, "check the path and the file's permissions",
                      "cannot read '%s': %s", path, strerror(e));
        L->io_error = 1;
        return GOVSVC_EIO;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        gs_diag_error(L->diags, "E001", at, "name a rulebook file, not a directory or device",
                      "cannot read '%s': not a regular file", path);
        L->io_error = 1;
        return GOVSVC_EIO;
    }
    if ((size_t)st.st_size > L->opts.max_file_bytes ||
        (size_t)st.st_size > L->opts.max_total_bytes - L->total_bytes) {
        close(fd);
        gs_diag_error(L->diags, "E013", at, "split the rulebook or raise the load limit",
                      "'%s' has %lld bytes, over the limit of %zu bytes%s", path,
                      (long long)st.st_size,
                      (size_t)st.st_size > L->opts.max_file_bytes ? L->opts.max_file_bytes
                                                                  : L->opts.max_total_bytes,
                      (size_t)st.st_size > L->opts.max_file_bytes ? "" : " for all files");
        L->limit_error = 1;
        return GOVSVC_ELIMIT;
    }
    size_t cap = (size_t)st.st_size, n = 0;
    char *buf = gs_malloc(cap + 1);
    if (!buf) {
        close(fd);
        return gs_oom(L);
    }
    for (;;) {
        if (n == cap) {
            /* The file grew while we read it: stop at the stat size plus
             * what fits the limit. */
            if (cap >= L->opts.max_file_bytes)
                break;
            size_t ncap = cap * 2 + 4096;
            if (ncap > L->opts.max_file_bytes)
                ncap = L->opts.max_file_bytes;
            char *nb = gs_realloc(buf, ncap + 1);
            if (!nb) {
                gs_free(buf);
                close(fd);
                return gs_oom(L);
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            gs_free(buf);
            close(fd);
            gs_diag_error(L->diags, "E001", at, "check the file and the disk", "cannot read '%s': %s",
                          path, strerror(e));
            L->io_error = 1;
            return GOVSVC_EIO;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    L->total_bytes += n;
    *out = buf;
    *len = n;
    return 0;
}

/* The offset of the first NEL (U+0085), LINE SEPARATOR (U+2028) or
 * PARAGRAPH SEPARATOR (U+2029) in valid UTF-8, or -1. libyaml (YAML 1.1)
 * breaks lines there, so a comment stopped in the middle and every later
 * position was a line off from what an editor shows. */
static long line_separator(const char *bytes, size_t len)
{
    /* memchr to each lead byte (0xC2, 0xE2) rather than a test per byte:
     * this runs over every byte of every file loaded. */
    const unsigned char *b = (const unsigned char *)bytes, *end = b + len;
    long found = -1;
    for (const unsigned char *p = b; (p = memchr(p, 0xC2, (size_t)(end - p))) != NULL; p++) {
        if (p + 1 < end && p[1] == 0x85) {
            found = (long)(p - b);
            break;
        }
    }
    const unsigned char *stop = found >= 0 ? b + found : end;
    for (const unsigned char *p = b; (p = memchr(p, 0xE2, (size_t)(stop - p))) != NULL; p++) {
        if (p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            return (long)(p - b);
    }
    return found;
}

/* Reads, digests, checks and parses one file; appends it to L->files. */
static int add_file(gs_loader *L, const char *path, gs_pos at, int is_top, const gs_file **out)
{
    *out = NULL;
    if (L->nfiles >= L->opts.max_files) {
        gs_diag_error(L->diags, "E013", at, "merge files or raise the load limit",
                      "more than %u files in one rulebook", L->opts.max_files);
        L->limit_error = 1;
        return GOVSVC_ELIMIT;
    }
    const char *name = gs_arena_strdup(L->arena, path);
    if (!name || gs_grow((void **)&L->files, &L->fcap, L->nfiles + 1, sizeof *L->files) < 0)
        return gs_oom(L);
    char *bytes = NULL;
    size_t len = 0;
    int r = read_file(L, path, at, &bytes, &len);
    if (r)
        return r;
    sha256_update(&L->sha, len, (const uint8_t *)bytes);
    long bad = gs_utf8_invalid_offset(bytes, len);
    const char *nul = bad < 0 ? memchr(bytes, '\0', len) : NULL;
    long sep = bad < 0 && !nul ? line_separator(bytes, len) : -1;
    gs_ynode *root = NULL;
    if (bad >= 0) {
        gs_diag_error(L->diags, "E002", offset_pos(name, bytes, (size_t)bad),
                      "save the file as UTF-8", "invalid UTF-8 at byte offset %ld (byte 0x%02X)",
                      bad, (unsigned char)bytes[bad]);
        r = GS_REPORTED;
    } else if (nul) {
        /* A NUL byte is valid UTF-8 but never text: a binary file, a UTF-16
         * file, or a damaged copy. Said with its position here, rather than
         * as libyaml's generic "control characters are not allowed". */
        gs_diag_error(L->diags, "E250", offset_pos(name, bytes, (size_t)(nul - bytes)),
                      "remove the NUL byte; if the file is UTF-16, save it as UTF-8",
                      "NUL byte at byte offset %zu", (size_t)(nul - bytes));
        r = GS_REPORTED;
    } else if (sep >= 0) {
        gs_diag_error(L->diags, "E254", offset_pos(name, bytes, (size_t)sep),
                      "replace it with a newline or a space (it often comes with text "
                      "pasted from a web page or a word processor)",
                      "a Unicode line separator (U+%04X), which YAML reads as a line break "
                      "although editors do not",
                      (unsigned char)bytes[sep] == 0xC2 ? 0x85u
                      : (unsigned char)bytes[sep + 2] == 0xA8 ? 0x2028u : 0x2029u);
        r = GS_REPORTED;
    } else {
        r = gs_yaml_read(&L->tmp, name, bytes, len, &L->ylim, L->diags, &root);
    }
    gs_free(bytes);
    if (r == GOVSVC_ENOMEM)
        return gs_oom(L);
    gs_file *f = &L->files[L->nfiles++];
    f->path = name;
    f->root = r == 0 ? root : NULL;
    f->is_top = is_top;
    f->depth = L->depth;
    *out = f;
    return 0;
}

int gs_loader_add_file(gs_loader *L, const char *path, gs_pos at, int is_top,
                       const gs_file **out)
{
    return add_file(L, path, at, is_top, out);
}

int gs_loader_read_one(gs_loader *L, const char *path, const gs_ynode **root)
{
    gs_pos none = {NULL, 0, 0};
    const gs_file *f;
    *root = NULL;
    int r = add_file(L, path, none, 1, &f);
    if (r)
        return r;
    if (!f->root && gs_diag_errors(L->diags))
        return GS_REPORTED;
    *root = f->root;
    return 0;
}

/* `govsvc: 1` must open every file. */
static void check_format(gs_loader *L, const gs_file *f, const gs_ynode *v)
{
    if (!v) {
        gs_pos p = f->root->pos;
        gs_diag_error(L->diags, "E004", p, "add 'govsvc: 1' as the first line",
                      "missing format version 'govsvc: 1'");
        return;
    }
    if (v->kind != GS_YSCALAR || strcmp(v->str, "1") != 0) {
        gs_diag_error(L->diags, "E004", v->pos, "this build reads 'govsvc: 1'",
                      "unsupported format version '%s'; this build reads version %d",
                      v->kind == GS_YSCALAR ? v->str : "?", GOVSVC_FORMAT_VERSION);
    }
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gs_strdup(".");
    if (slash == path)
        return gs_strdup("/");
    return gs_strndup(path, (size_t)(slash - path));
}

static char *join(const char *dir, const char *rel)
{
    gs_buf b;
    gs_buf_init(&b);
    if (strcmp(dir, ".") != 0) {
        gs_buf_puts(&b, dir);
        gs_buf_putc(&b, '/');
    }
    gs_buf_puts(&b, rel);
    return gs_buf_detach(&b, NULL);
}

/* Paths a rulebook names (include, extends) must stay inside `root`, a
 * real path: else a rulebook could read any file the host can (its text
 * then shows up in diagnostics). Checked on the text first, so that '../x'
 * is refused even when x does not exist (the author sees why, not "cannot
 * read"), then on the real path with symlinks resolved, so that a link
 * inside the directory cannot lead out of it. `up` is how many levels root
 * lies above the top file's directory. Reports E010 and returns 0 when the
 * path leaves root. (A file swapped for a link between this check and the
 * read is not guarded against: whoever can do that can edit the rulebook.) */
static int path_confined(gs_loader *L, const gs_ynode *n, const char *full, const char *root,
                         int up, const char *what)
{
    const char *rel = n->str, *why = NULL;
    if (rel[0] == '/')
        why = "is an absolute path";
    int depth = up;
    for (const char *p = rel; !why && *p;) {
        size_t len = strcspn(p, "/");
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                why = "leaves the rulebook's directory";
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            depth++;
        }
        p += len;
        p += *p == '/';
    }
    char *real = why ? NULL : realpath(full, NULL); /* plain malloc: released with free() */
    if (real) {
        /* A path that does not resolve is reported by the read, with its
         * reason; one that does must lie at or below root. */
        size_t dl = strlen(root);
        int inside = strncmp(real, root, dl) == 0 &&
                     (real[dl] == '/' || real[dl] == '\0' || root[dl - 1] == '/');
        free(real);
        if (!inside)
            why = "leads out of the rulebook's directory through a symbolic link";
    }
    if (!why)
        return 1;
    gs_diag_error(L->diags, "E010", n->pos,
                  up ? "name a rulebook in this directory or next to it, by a relative path"
                     : "keep included files in the rulebook's directory or below, and name "
                       "them by relative paths",
                  "%s '%s' %s", what, rel, why);
    return 0;
}

static int load_includes(gs_loader *L, const char *topdir_shown, const gs_ynode *inc)
{
    if (!inc)
        return 0;
    if (gs_need_seq(L, inc, "include") < 0)
        return 0;
    /* Names seen, by hash: a list repeating one name a million times made
     * the pairwise comparison quadratic. */
    gs_strmap seen;
    gs_strmap_init(&seen);
    int r = 0;
    for (size_t i = 0; i < inc->n && r != GOVSVC_ENOMEM; i++) {
        const gs_ynode *n = inc->kids[i];
        if (!gs_need_scalar(L, n, "an include"))
            continue;
        int put = gs_strmap_put(&seen, n->str, n->len, (uint32_t)i, NULL);
        if (put < 0) {
            r = gs_oom(L);
            break;
        }
        if (put == 0) {
            gs_diag_error(L->diags, "E011", n->pos, "list each file once",
                          "'%s' is included twice", n->str);
            continue;
        }
        char *full = join(topdir_shown, n->str);
        if (!full) {
            r = gs_oom(L);
            break;
        }
        if (!path_confined(L, n, full, L->topdir, 0, "include")) {
            gs_free(full);
            continue;
        }
        const gs_file *f;
        r = add_file(L, full, n->pos, 0, &f);
        gs_free(full);
        if (r == GOVSVC_ELIMIT && L->nfiles >= L->opts.max_files)
            break; /* past max_files: one E013 says it, not one per entry */
        if (r || !f->root)
            continue;
        const gs_ynode *v[GS_ARRAY_LEN(INC_KEYS)];
        if (gs_check_map(L, f->root, "an included file", INC_KEYS, v) == 0)
            check_format(L, f, v[0]);
    }
    gs_strmap_free(&seen);
    return r == GOVSVC_ENOMEM ? r : 0;
}

static int load_calendar(gs_loader *L, const char *topdir_shown, const gs_ynode *cal)
{
    if (cal->kind == GS_YMAP)
        return gs_compile_calendar(L, cal, &L->rb->calendar);
    if (!gs_need_scalar(L, cal, "calendar"))
        return 0;
    char *full = cal->str[0] == '/' ? gs_strdup(cal->str) : join(topdir_shown, cal->str);
    if (!full)
        return gs_oom(L);
    const gs_file *f;
    int r = add_file(L, full, cal->pos, 0, &f);
    gs_free(full);
    if (r == GOVSVC_ENOMEM)
        return r;
    if (r || !f->root)
        return 0;
    const gs_ynode *v[GS_ARRAY_LEN(CAL_FILE_KEYS)];
    if (gs_check_map(L, f->root, "a calendar file", CAL_FILE_KEYS, v) < 0)
        return 0;
    check_format(L, f, v[0]);
    if (!v[1]) {
        gs_missing(L, f->root, "calendar", "the calendar file");
        return 0;
    }
    return gs_compile_calendar(L, v[1], &L->rb->calendar);
}

int gs_loader_includes(gs_loader *L, const char *dir, const gs_ynode *inc)
{
    return load_includes(L, dir, inc);
}

int gs_loader_calendar(gs_loader *L, const char *dir, const gs_ynode *cal)
{
    return load_calendar(L, dir, cal);
}

int gs_loader_confined(gs_loader *L, const gs_ynode *n, const char *full, const char *root,
                       int up, const char *what)
{
    return path_confined(L, n, full, root, up, what);
}

static int is_id(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static void compile_header(gs_loader *L, const gs_ynode *top, const gs_ynode *rbn)
{
    struct govsvc_rulebook *rb = L->rb;
    const gs_ynode *v[GS_ARRAY_LEN(RB_KEYS)];
    if (!rbn) {
        gs_missing(L, top, "rulebook", "the top file");
        return;
    }
    if (gs_check_map(L, rbn, "rulebook", RB_KEYS, v) < 0)
        return;
    if (!v[R_ID])
        gs_missing(L, rbn, "id", "rulebook");
    else if ((rb->id = gs_read_string(L, v[R_ID], "rulebook.id")) && !is_id(rb->id))
        gs_diag_error(L->diags, "E009", v[R_ID]->pos,
                      "use lower-case letters, digits and '-', starting with a letter or digit",
                      "rulebook.id '%s' is not a valid id", rb->id);
    if (!v[R_VERSION])
        gs_missing(L, rbn, "version", "rulebook");
    else
        rb->version = gs_read_string(L, v[R_VERSION], "rulebook.version");
    if (v[R_TITLE])
        rb->title = gs_read_string(L, v[R_TITLE], "rulebook.title");
    if (v[R_JURISDICTION]) {
        const char *j = gs_read_string(L, v[R_JURISDICTION], "rulebook.jurisdiction");
        int ok = j && strlen(j) == 6 && strspn(j, "0123456789") == 6;
        if (j && !ok)
            gs_diag_error(L->diags, "E009", v[R_JURISDICTION]->pos,
                          "write the 6-digit administrative division code in quotes, "
                          "e.g. \"230100\"",
                          "rulebook.jurisdiction '%s' is not a 6-digit code", j);
        rb->jurisdiction = j;
    }
    int lv;
    if (v[R_LEVEL] && gs_read_enum(L, v[R_LEVEL], "rulebook.level", LEVELS, &lv) == 0)
        rb->level = LEVELS[lv];
    if (!v[R_EFFECTIVE])
        gs_missing(L, rbn, "effective", "rulebook");
    else
        gs_read_date(L, v[R_EFFECTIVE], "rulebook.effective", &rb->effective);
    if (v[R_SUPERSEDES])
        rb->supersedes = gs_read_string(L, v[R_SUPERSEDES], "rulebook.supersedes");
    if (v[R_EXTENDS]) /* the base chain is read by load_all (overlay.c) */
        rb->extends = gs_read_string(L, v[R_EXTENDS], "rulebook.extends");
    /* Positions of the identity, for the checks across versions (history.c). */
    if (v[R_ID])
        rb->id_pos = v[R_ID]->pos;
    if (v[R_VERSION])
        rb->version_pos = v[R_VERSION]->pos;
    if (v[R_EFFECTIVE])
        rb->effective_pos = v[R_EFFECTIVE]->pos;
    if (v[R_SUPERSEDES])
        rb->supersedes_pos = v[R_SUPERSEDES]->pos;
}

static void finish_digest(gs_loader *L)
{
    static const char hex[] = "0123456789abcdef";
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&L->sha, sizeof d, d);
    memcpy(L->rb->digest, "sha256:", 7);
    for (size_t i = 0; i < sizeof d; i++) {
        L->rb->digest[7 + 2 * i] = hex[d[i] >> 4];
        L->rb->digest[8 + 2 * i] = hex[d[i] & 15];
    }
    L->rb->digest[7 + 2 * sizeof d] = '\0';
}

void gs_rulebook_destroy(struct govsvc_rulebook *rb)
{
    if (!rb)
        return;
    if (rb->has_calendar)
        gs_calendar_release(&rb->calendar);
    gs_patterns_free(&rb->patterns);
    for (uint32_t i = 0; rb->schema.facts && i < rb->schema.count; i++)
        gs_strmap_free(&rb->schema.facts[i].value_index);
    gs_strmap_free(&rb->schema.index);
    gs_strmap_free(&rb->material_index);
    gs_strmap_free(&rb->item_index);
    gs_strmap_free(&rb->bundle_index);
    gs_arena_free(&rb->arena);
    gs_free(rb);
}

/* Runs every step on the top file; returns a status, with diagnostics in
 * L->diags. */
static int load_all(gs_loader *L, const char *path)
{
    gs_pos none = {NULL, 0, 0};
    gs_pattern_oom_clear(); /* defaults are checked against patterns */
    char *dir = dir_of(path);
    if (!dir)
        return gs_oom(L);
    char *real = realpath(dir, NULL);
    if (real) {
        L->topdir = gs_arena_strdup(&L->tmp, real);
        free(real);
        if (!L->topdir) {
            gs_free(dir);
            return gs_oom(L);
        }
    }
    const gs_file *top;
    int r = add_file(L, path, none, 1, &top);
    if (r || !top->root) {
        gs_free(dir);
        if (r == 0 && !top->root && gs_diag_errors(L->diags) == 0)
            gs_diag_error(L->diags, "E004", (gs_pos){top->path, 1, 1},
                          "start the file with 'govsvc: 1'", "the file is empty");
        return r ? r : GOVSVC_ERULEBOOK;
    }
    const gs_ynode *v[GS_ARRAY_LEN(TOP_KEYS)];
    if (gs_check_map(L, top->root, "the top file", TOP_KEYS, v) < 0) {
        gs_free(dir);
        return GOVSVC_ERULEBOOK;
    }
    check_format(L, top, v[K_GOVSVC]);
    compile_header(L, top->root, v[K_RULEBOOK]);
    /* `extends` names a file as an include does, and is confined the same
     * way, one level wider: a county rulebook extends its city's in the
     * next directory (SPEC section 2: `extends: ../city/rulebook.yaml`),
     * so the root is the directory that holds the rulebook's directory. */
    const gs_ynode *ext = gs_ymap_get(v[K_RULEBOOK], "extends");
    int ext_ok = 0;
    if (ext && ext->kind == GS_YSCALAR && L->topdir) {
        char *root = dir_of(L->topdir), *full = join(dir, ext->str);
        if (!root || !full) {
            gs_free(root);
            gs_free(full);
            gs_free(dir);
            return gs_oom(L);
        }
        ext_ok = path_confined(L, ext, full, root, 1, "extends");
        gs_free(root);
        gs_free(full);
    }
    if (L->topdir)
        r = load_includes(L, dir, v[K_INCLUDE]);
    /* An overlay's base chain (SPEC section 8), after its own files; a
     * calendar comes from the nearest level that names one. */
    if (r == 0 && ext_ok && L->rb->extends)
        r = gs_overlay_read_bases(L, path, ext, v[K_CALENDAR] != NULL);
    if (r == 0) {
        if (v[K_CALENDAR])
            r = load_calendar(L, dir, v[K_CALENDAR]);
        else if (!L->rb->extends)
            gs_missing(L, top->root, "calendar", "the top file");
    }
    gs_free(dir);
    gs_overlay_order_files(L);
    if (r == 0)
        r = gs_compile_facts(L);
    if (r == 0)
        r = gs_overlay_policies(L, v[K_POLICY]);
    if (r == 0)
        r = gs_compile_materials(L);
    if (r == 0)
        r = gs_compile_items(L);
    if (r == 0)
        r = gs_compile_bundles(L);
    if (r == 0)
        r = gs_overlay_check(L);
    if (r == 0 && !L->oom && gs_diag_errors(L->diags) == 0)
        r = gs_compile_programs(L->rb);
    finish_digest(L);
    if (L->oom || r == GOVSVC_ENOMEM || L->diags->oom || gs_pattern_oom_seen())
        return GOVSVC_ENOMEM;
    if (L->io_error)
        return GOVSVC_EIO;
    if (L->limit_error)
        return GOVSVC_ELIMIT;
    return gs_diag_errors(L->diags) ? GOVSVC_ERULEBOOK : 0;
}

/* A loader with every limit filled in, an empty diagnostic list and an
 * empty table (either may be NULL when out of memory: callers check). */
static void loader_init(gs_loader *L, const govsvc_load_options *opts)
{
    memset(L, 0, sizeof *L);
    fill_limits(&L->opts, opts);
    L->ylim.max_depth = L->opts.max_depth;
    L->ylim.max_aliases = L->opts.max_aliases;
    L->ylim.max_nodes = L->opts.max_nodes;
    L->ylim.max_scalar_bytes = L->opts.max_scalar_bytes;
    L->diags = gs_diag_list_new();
    L->rb = gs_calloc(1, sizeof *L->rb);
}

int govsvc_rulebook_load(govsvc_rulebook **out, const char *path,
                         const govsvc_load_options *opts, govsvc_diag_list **diags)
{
    return gs_rulebook_load_inspect(out, path, opts, diags, NULL, NULL);
}

int gs_rulebook_load_inspect(govsvc_rulebook **out, const char *path,
                             const govsvc_load_options *opts, govsvc_diag_list **diags,
                             gs_load_inspect_fn inspect, void *ud)
{
    if (diags)
        *diags = NULL;
    if (!out || !path)
        return GOVSVC_EINVAL;
    *out = NULL;
    gs_loader L;
    loader_init(&L, opts);
    if (!L.diags || !L.rb) {
        govsvc_diag_list_free(L.diags);
        gs_free(L.rb);
        return GOVSVC_ENOMEM;
    }
    atomic_init(&L.rb->refs, 1);
    gs_arena_init(&L.rb->arena);
    gs_arena_init(&L.tmp);
    L.arena = &L.rb->arena;
    L.rb->patterns.match_limit = L.opts.pattern_match_limit;
    L.rb->patterns.depth_limit = L.opts.pattern_depth_limit;
    L.rb->patterns.heap_limit = L.opts.pattern_heap_limit;
    L.rb->effective = GS_DAY_MIN;
    sha256_init(&L.sha);

    /* Conditions are shared across the table (expr_intern.c), except for
     * an inspection, which reads each condition against its own text. */
    int r = 0;
    if (!inspect && !(L.exprs = gs_expr_pool_new(&L.rb->arena)))
        r = GOVSVC_ENOMEM;
    if (r == 0)
        r = load_all(&L, path);
    /* A diagnostic lost for want of memory is out of memory on every path
     * out of load_all(): an early return (an empty top file, say) used to
     * report what was left, e.g. "the file is empty" for a file whose
     * YAML error could not be recorded (found by tests/test_oom.c). */
    if (r != GOVSVC_ENOMEM && (L.oom || L.diags->oom || L.tmp.failed || L.arena->failed))
        r = GOVSVC_ENOMEM;

    /* Lint's semantic checks read the finished table together with the
     * YAML trees (for the position of every key) before the trees go. */
    if (inspect && r == 0 && gs_diag_errors(L.diags) == 0 && inspect(&L, ud) == GOVSVC_ENOMEM)
        r = GOVSVC_ENOMEM;
    gs_expr_pool_free(L.exprs);
    gs_strmap_free(&L.strings);
    gs_free(L.string_v);
    gs_overlay_free(&L);
    gs_arena_free(&L.tmp);
    gs_free(L.files);
    gs_diag_sort(L.diags);
    if (r == 0 && gs_diag_errors(L.diags) == 0) {
        *out = L.rb;
    } else {
        gs_rulebook_destroy(L.rb);
        if (r == 0)
            r = GOVSVC_ERULEBOOK;
    }
    if (diags && L.diags->count > 0)
        *diags = L.diags;
    else
        govsvc_diag_list_free(L.diags);
    return r;
}

govsvc_rulebook *govsvc_rulebook_ref(govsvc_rulebook *rb)
{
    if (rb)
        atomic_fetch_add_explicit(&rb->refs, 1, memory_order_relaxed);
    return rb;
}

void govsvc_rulebook_unref(govsvc_rulebook *rb)
{
    /* Release on the decrement, acquire before freeing: every thread's reads
     * of the table happen before the memory goes away. */
    if (rb && atomic_fetch_sub_explicit(&rb->refs, 1, memory_order_acq_rel) == 1)
        gs_rulebook_destroy(rb);
}

const char *govsvc_rulebook_id(const govsvc_rulebook *rb) { return rb ? rb->id : NULL; }
const char *govsvc_rulebook_version(const govsvc_rulebook *rb) { return rb ? rb->version : NULL; }
const char *govsvc_rulebook_title(const govsvc_rulebook *rb) { return rb ? rb->title : NULL; }
const char *govsvc_rulebook_digest(const govsvc_rulebook *rb) { return rb ? rb->digest : NULL; }

govsvc_date govsvc_rulebook_effective(const govsvc_rulebook *rb)
{
    govsvc_date d = {0, 0, 0};
    if (rb && rb->effective != GS_DAY_MIN)
        gs_ymd_from_day(rb->effective, &d.year, &d.month, &d.day);
    return d;
}

size_t govsvc_rulebook_item_count(const govsvc_rulebook *rb) { return rb ? rb->nitems : 0; }

const char *govsvc_rulebook_item_code(const govsvc_rulebook *rb, size_t i)
{
    return rb && i < rb->nitems ? rb->items[i].code : NULL;
}

const char *govsvc_rulebook_item_name(const govsvc_rulebook *rb, size_t i)
{
    return rb && i < rb->nitems ? rb->items[i].name : NULL;
}

size_t govsvc_rulebook_fact_count(const govsvc_rulebook *rb) { return rb ? rb->schema.count : 0; }

const char *govsvc_rulebook_fact_name(const govsvc_rulebook *rb, size_t i)
{
    return rb && i < rb->schema.count ? rb->schema.facts[i].name : NULL;
}

long gs_rulebook_find_item(const struct govsvc_rulebook *rb, const char *code)
{
    uint32_t i;
    return gs_strmap_get(&rb->item_index, code, strlen(code), &i) ? (long)i : -1;
}

const govsvc_calendar *govsvc_rulebook_calendar(const govsvc_rulebook *rb)
{
    return rb && rb->has_calendar ? &rb->calendar : NULL;
}

int govsvc_calendar_load(govsvc_calendar **out, const char *path,
                         const govsvc_load_options *opts, govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!out || !path)
        return GOVSVC_EINVAL;
    *out = NULL;
    gs_loader L;
    loader_init(&L, opts);
    govsvc_calendar *cal = gs_calloc(1, sizeof *cal);
    if (!L.diags || !L.rb || !cal) {
        govsvc_diag_list_free(L.diags);
        gs_free(L.rb);
        gs_free(cal);
        return GOVSVC_ENOMEM;
    }
    gs_arena_init(&L.rb->arena);
    gs_arena_init(&L.tmp);
    L.arena = &L.rb->arena;
    sha256_init(&L.sha);
    gs_pos none = {NULL, 0, 0};
    const gs_file *f;
    int r = add_file(&L, path, none, 1, &f);
    if (r == 0 && f->root) {
        const gs_ynode *v[GS_ARRAY_LEN(CAL_FILE_KEYS)];
        if (gs_check_map(&L, f->root, "a calendar file", CAL_FILE_KEYS, v) == 0) {
            check_format(&L, f, v[0]);
            if (v[1])
                r = gs_compile_calendar(&L, v[1], cal);
            else
                gs_missing(&L, f->root, "calendar", "the calendar file");
        }
    } else if (r == 0) {
        gs_diag_error(L.diags, "E004", (gs_pos){f->path, 1, 1}, "start the file with 'govsvc: 1'",
                      "the file is empty");
    }
    /* As for rulebooks: a lost diagnostic or a failed allocation is out of
     * memory, whatever else happened. */
    if (r != GOVSVC_ENOMEM && (L.oom || L.diags->oom || L.tmp.failed || L.rb->arena.failed))
        r = GOVSVC_ENOMEM;
    gs_arena_free(&L.tmp);
    gs_free(L.files);
    gs_rulebook_destroy(L.rb); /* only its arena held names */
    if (r == 0 && gs_diag_errors(L.diags))
        r = GOVSVC_ERULEBOOK;
    if (r == 0) {
        *out = cal;
    } else {
        if (cal->ndays)
            gs_calendar_release(cal);
        gs_free(cal);
    }
    gs_diag_sort(L.diags);
    if (diags && L.diags->count)
        *diags = L.diags;
    else
        govsvc_diag_list_free(L.diags);
    return r;
}
