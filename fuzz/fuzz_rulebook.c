/*
 * fuzz_rulebook.c - structure-aware fuzzing of whole rulebooks.
 *
 * Byte-level mutation of a rulebook mostly breaks its YAML, and the loader
 * then stops at the parser. This target's mutator (LLVMFuzzerCustomMutator)
 * parses the input into a node tree instead, changes the tree - a scalar
 * replaced by a value that matters to the format (a date that does not
 * exist, a duration past the limit, a condition, an id taken from elsewhere
 * in the rulebook), an entry deleted, duplicated, moved or grafted from
 * another part, a known key added, a list wrapped around a value - and
 * writes it back as YAML. So most inputs stay valid YAML with the shape of
 * a rulebook and reach the checks, the compiler and the query.
 *
 * The input is one top file (its calendar is cal.yaml). Inputs that do not
 * parse are mutated byte-wise, as libFuzzer would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "yaml_read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("rulebook.yaml", data, size);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, fuzz_path("rulebook.yaml"), NULL, &d);
    if ((r == 0) != (rb != NULL))
        fuzz_fail("load: status and rulebook disagree");
    if (r != 0 && govsvc_diag_list_count_severity(d, GOVSVC_SEVERITY_ERROR) == 0)
        fuzz_fail("load failed without an error diagnostic");
    if (r != 0 && r != GOVSVC_ERULEBOOK && r != GOVSVC_EIO && r != GOVSVC_ELIMIT)
        fuzz_fail("load: unexpected status");
    govsvc_diag_list_free(d);
    if (rb)
        fuzz_exercise(rb, fuzz_path("rulebook.yaml"));
    govsvc_rulebook_unref(rb);
    return 0;
}

#ifdef GOVSVC_LIBFUZZER

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2,
                                 uint8_t *out, size_t max_out, unsigned int seed);

/* -- a mutable tree ---------------------------------------------------------- */

typedef struct mnode {
    gs_ykind kind;
    gs_ystyle style;
    char *str; /* scalars; NUL-terminated */
    struct mnode **kids;
    size_t n, cap;
} mnode;

/* Everything of one mutation comes from this pool and goes in one call. */
typedef struct pool {
    void **blocks;
    size_t n, cap;
    size_t nodes; /* budget: trees are capped in size */
} pool;

static void *pool_alloc(pool *p, size_t size)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->blocks = realloc(p->blocks, p->cap * sizeof *p->blocks);
        if (!p->blocks)
            abort();
    }
    void *b = calloc(1, size ? size : 1);
    if (!b)
        abort();
    return p->blocks[p->n++] = b;
}

static void pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->blocks[i]);
    free(p->blocks);
}

static char *pool_str(pool *p, const char *s, size_t len)
{
    char *c = pool_alloc(p, len + 1);
    memcpy(c, s, len);
    return c;
}

static mnode *new_mnode(pool *p, gs_ykind kind)
{
    mnode *m = pool_alloc(p, sizeof *m);
    m->kind = kind;
    p->nodes++;
    return m;
}

static void add_kid(pool *p, mnode *m, mnode *k)
{
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 4;
        mnode **kids = pool_alloc(p, nc * sizeof *kids);
        if (m->n)
            memcpy(kids, m->kids, m->n * sizeof *kids);
        m->kids = kids;
        m->cap = nc;
    }
    m->kids[m->n++] = k;
}

enum { MAX_NODES = 5000 };

static mnode *from_tree(pool *p, const gs_ynode *y)
{
    if (p->nodes >= MAX_NODES)
        return NULL;
    mnode *m = new_mnode(p, y->kind);
    m->style = y->style;
    if (y->kind == GS_YSCALAR) {
        m->str = pool_str(p, y->str, y->len);
        return m;
    }
    for (size_t i = 0; i < y->n; i++) {
        mnode *k = from_tree(p, y->kids[i]);
        if (!k)
            return NULL;
        add_kid(p, m, k);
    }
    return m;
}

static mnode *copy_node(pool *p, const mnode *s)
{
    if (p->nodes >= MAX_NODES)
        return NULL;
    mnode *m = new_mnode(p, s->kind);
    m->style = s->style;
    if (s->str)
        m->str = pool_str(p, s->str, strlen(s->str));
    for (size_t i = 0; i < s->n; i++) {
        mnode *k = copy_node(p, s->kids[i]);
        if (!k)
            return NULL;
        add_kid(p, m, k);
    }
    return m;
}

/* Parses YAML into a mutable tree; NULL when it does not parse. */
static mnode *parse(pool *p, const uint8_t *data, size_t size)
{
    gs_arena a;
    gs_arena_init(&a);
    govsvc_diag_list *d = gs_diag_list_new();
    gs_yaml_limits lim = {64, 1000, 100000, 1 << 16};
    gs_ynode *root = NULL;
    mnode *m = NULL;
    if (d && gs_utf8_invalid_offset((const char *)data, size) < 0 &&
        gs_yaml_read(&a, "x", (const char *)data, size, &lim, d, &root) == 0 && root)
        m = from_tree(p, root);
    govsvc_diag_list_free(d);
    gs_arena_free(&a);
    return m;
}

/* -- writing it back as YAML (block style) -------------------------------------- */

typedef struct out {
    char *p;
    size_t len, max;
    int full;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->len + n > o->max) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void indent(out *o, int n)
{
    put(o, "\n", 1);
    for (int i = 0; i < n; i++)
        put(o, " ", 1);
}

/* Plain when the text was plain and reads the same in any context: what
 * the format reads unquoted (numbers, dates, true/false, ids, durations
 * in English) is in this set; everything else is double-quoted. */
static int plain_ok(const mnode *m)
{
    const unsigned char *s = (const unsigned char *)m->str;
    if (m->style != GS_YPLAIN || !*s)
        return 0;
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          *s == '_' || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
        return 0;
    for (; *s; s++) {
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              *s == '_' || *s == '-' || *s == '.' || *s == '/' || *s == '+' ||
              (*s == ' ' && s[1] && s[1] != ' ' && s[1] != '#' && s[1] != '-')))
            return 0;
    }
    return 1;
}

static void scalar(out *o, const mnode *m)
{
    if (plain_ok(m)) {
        puts_(o, m->str);
        return;
    }
    put(o, "\"", 1);
    for (const unsigned char *s = (const unsigned char *)m->str; *s; s++) {
        char esc[8];
        if (*s == '"' || *s == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*s;
            put(o, esc, 2);
        } else if (*s < 0x20 || *s == 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02X", *s);
            puts_(o, esc);
        } else {
            put(o, (const char *)s, 1);
        }
    }
    put(o, "\"", 1);
}

static void emit(out *o, const mnode *m, int ind)
{
    if (m->kind == GS_YSCALAR) {
        scalar(o, m);
        return;
    }
    if (m->n == 0 || (m->kind == GS_YMAP && m->n < 2)) {
        puts_(o, m->kind == GS_YSEQ ? "[]" : "{}");
        return;
    }
    if (m->kind == GS_YSEQ) {
        for (size_t i = 0; i < m->n; i++) {
            indent(o, ind);
            puts_(o, "-");
            if (m->kids[i]->kind == GS_YSCALAR) {
                puts_(o, " ");
                scalar(o, m->kids[i]);
            } else {
                emit(o, m->kids[i], ind + 2);
            }
        }
        return;
    }
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const mnode *k = m->kids[i], *v = m->kids[i + 1];
        indent(o, ind);
        if (k->kind == GS_YSCALAR) {
            scalar(o, k);
        } else { /* a complex key: explicit '? key' */
            puts_(o, "?");
            emit(o, k, ind + 2);
            indent(o, ind);
        }
        puts_(o, ":");
        if (v->kind == GS_YSCALAR) {
            puts_(o, " ");
            scalar(o, v);
        } else {
            emit(o, v, ind + 2);
        }
    }
}

/* -- mutations --------------------------------------------------------------- */

static unsigned long rng_state;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return n ? (unsigned)(rng_state % n) : 0;
}

/* Values that matter to the format: edges of every scalar it reads. */
static const char *const VALUES[] = {
    "1", "2", "0", "-1", "true", "false", "null", "~", "", " ",
    "2026-02-13", "2026-02-30", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31",
    "2026-2-3", "2023-01-01", "2026-12-31", "1970-01-01",
    "immediate", "即办", "0 working days", "1 working day", "3 working days", "10 days",
    "100000 days", "100001 days", "999999 working days", "3个工作日", "5日", "7天", "-3 days",
    "3 weeks", "03 days", "1e3 days",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e308", "1e309",
    "-0", "0.1", ".5", "NaN", ".inf", "300", "12.5", "1000000000000000000000",
    "applicant.type != 'person'", "premises.area >= 300", "not applicant.false_commitment",
    "applicant.credit in ['A', 'B']", "applicant.credit not in ['D']", "known(premises.area)",
    "applicant.region matches '^23'", "applicant.region matches '(a+)+$'",
    "applicant.region matches '(('", "a and b or not c", "((((x))))", "premises.area >= 2024-01-01",
    "application.birth < 2008-02-30", "x == 'E'", "true", "not not not true",
    "person", "enterprise", "A", "D", "E", "license", "public_service", "city", "county",
    "original", "copy", "electronic", "applicant", "government", "third_party", "parallel",
    "serial", "notify_commit", "allowed", "forbidden", "full", "none", "sat", "sun", "mon",
    "bool", "int", "number", "string", "enum", "date", "^[0-9]{6}$", "[", "230100", "23010",
    "cal.yaml", "f1.yaml", "../cal.yaml", "/etc/passwd", ".", "rulebook.yaml",
    "测试", "申请表", "\xE2\x80\xA8", "\xEF\xBB\xBF", "a\tb", "x: y", "# c", "- x", "&a", "*a",
};

static const char *const KEYS[] = {
    "govsvc", "rulebook", "include", "calendar", "policy", "facts", "materials", "items",
    "bundles", "id", "version", "title", "jurisdiction", "level", "effective", "supersedes",
    "extends", "commitment_eligible", "deferral_eligible", "type", "label", "values",
    "default", "min", "max", "pattern", "name", "source", "form", "copies", "shared_when",
    "commitment", "allowed", "verify_within", "legal_basis", "code", "department", "reform",
    "valid", "from", "until", "deadline", "statutory", "promised", "special", "extension",
    "when", "visits", "online", "hall", "entered", "reason", "fee", "result", "ref",
    "deferrable", "note", "combine", "covers", "weekend", "holidays", "workdays", "date",
    "description", "sauce", "applicant.type", "premises.area",
};

/* Every node with its parent and index, for picking one at random. */
typedef struct slot {
    mnode *node, *parent;
    size_t index;
} slot;

static void collect(mnode *m, mnode *parent, size_t index, slot *v, size_t *n, size_t max)
{
    if (*n >= max)
        return;
    v[(*n)++] = (slot){m, parent, index};
    for (size_t i = 0; i < m->n; i++)
        collect(m->kids[i], m, i, v, n, max);
}

static mnode *scalar_node(pool *p, const char *s, gs_ystyle style)
{
    mnode *m = new_mnode(p, GS_YSCALAR);
    m->str = pool_str(p, s, strlen(s));
    m->style = style;
    return m;
}

/* One structural change; returns 0 when it could not apply. */
static int mutate_tree(pool *p, mnode *root)
{
    static slot v[MAX_NODES + 1];
    size_t n = 0;
    collect(root, NULL, 0, v, &n, MAX_NODES);
    slot s = v[rnd((unsigned)n)];
    mnode *m = s.node;
    switch (rnd(10)) {
    case 0: /* a scalar gets a value that matters */
    case 1: {
        if (m->kind != GS_YSCALAR)
            return 0;
        const char *val = VALUES[rnd(sizeof VALUES / sizeof *VALUES)];
        m->str = pool_str(p, val, strlen(val));
        m->style = rnd(4) ? GS_YPLAIN : GS_YDOUBLE;
        return 1;
    }
    case 2: { /* a scalar takes another scalar's text: ids, refs, names */
        slot o = v[rnd((unsigned)n)];
        if (m->kind != GS_YSCALAR || o.node->kind != GS_YSCALAR)
            return 0;
        m->str = pool_str(p, o.node->str, strlen(o.node->str));
        return 1;
    }
    case 3: { /* delete an entry */
        mnode *par = s.parent;
        if (!par)
            return 0;
        size_t i = s.index, w = par->kind == GS_YMAP ? 2 : 1;
        if (par->kind == GS_YMAP)
            i &= ~(size_t)1;
        if (i + w > par->n)
            return 0;
        memmove(par->kids + i, par->kids + i + w, (par->n - i - w) * sizeof *par->kids);
        par->n -= w;
        return 1;
    }
    case 4: { /* duplicate an entry (duplicate keys and ids) */
        mnode *par = s.parent;
        if (!par)
            return 0;
        size_t i = par->kind == GS_YMAP ? s.index & ~(size_t)1 : s.index;
        size_t w = par->kind == GS_YMAP ? 2 : 1;
        if (i + w > par->n)
            return 0;
        for (size_t k = 0; k < w; k++) {
            mnode *c = copy_node(p, par->kids[i + k]);
            if (!c)
                return 0;
            add_kid(p, par, c);
        }
        return 1;
    }
    case 5: { /* graft a copy of another subtree here */
        slot o = v[rnd((unsigned)n)];
        if (!s.parent)
            return 0;
        mnode *c = copy_node(p, o.node);
        if (!c)
            return 0;
        s.parent->kids[s.index] = c;
        return 1;
    }
    case 6: { /* add a known key with a value */
        if (m->kind != GS_YMAP)
            return 0;
        add_kid(p, m, scalar_node(p, KEYS[rnd(sizeof KEYS / sizeof *KEYS)], GS_YPLAIN));
        add_kid(p, m, scalar_node(p, VALUES[rnd(sizeof VALUES / sizeof *VALUES)], GS_YPLAIN));
        return 1;
    }
    case 7: { /* wrap in a list, or in a mapping */
        if (!s.parent)
            return 0;
        mnode *w = new_mnode(p, rnd(2) ? GS_YSEQ : GS_YMAP);
        if (w->kind == GS_YMAP)
            add_kid(p, w, scalar_node(p, KEYS[rnd(sizeof KEYS / sizeof *KEYS)], GS_YPLAIN));
        add_kid(p, w, m);
        s.parent->kids[s.index] = w;
        return 1;
    }
    case 8: { /* swap two entries of one container */
        if (m->n < 2)
            return 0;
        size_t a = rnd((unsigned)m->n), b = rnd((unsigned)m->n);
        mnode *t = m->kids[a];
        m->kids[a] = m->kids[b];
        m->kids[b] = t;
        return 1;
    }
    default: { /* a few bytes of a scalar, mutated by libFuzzer */
        if (m->kind != GS_YSCALAR)
            return 0;
        size_t len = strlen(m->str), max = len + 16;
        char *b = pool_alloc(p, max + 1);
        memcpy(b, m->str, len);
        size_t nl = LLVMFuzzerMutate((uint8_t *)b, len, max);
        b[nl] = '\0'; /* a NUL from the mutation ends the text there */
        m->str = b;
        return 1;
    }
    }
}

static size_t write_tree(const mnode *root, uint8_t *data, size_t max_size)
{
    out o = {(char *)data, 0, max_size, 0};
    emit(&o, root, 0);
    put(&o, "\n", 1);
    return o.full ? 0 : o.len;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    rng_state = seed ? seed : 0x9e3779b9u;
    pool p = {0};
    mnode *root = rnd(20) ? parse(&p, data, size) : NULL; /* sometimes byte-wise anyway */
    size_t r = 0;
    if (root) {
        int changed = 0;
        for (unsigned k = 0, rounds = 1 + rnd(3); k < rounds * 4 && changed < (int)rounds; k++)
            changed += mutate_tree(&p, root);
        if (changed)
            r = write_tree(root, data, max_size);
    }
    pool_free(&p);
    return r ? r : LLVMFuzzerMutate(data, size, max_size);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2,
                                 uint8_t *outbuf, size_t max_out, unsigned int seed)
{
    rng_state = seed ? seed : 0x9e3779b9u;
    pool p = {0};
    mnode *a = parse(&p, d1, s1), *b = parse(&p, d2, s2);
    size_t r = 0;
    if (a && b) {
        static slot va[MAX_NODES + 1], vb[MAX_NODES + 1];
        size_t na = 0, nb = 0;
        collect(a, NULL, 0, va, &na, MAX_NODES);
        collect(b, NULL, 0, vb, &nb, MAX_NODES);
        slot x = va[rnd((unsigned)na)], y = vb[rnd((unsigned)nb)];
        if (x.parent) {
            x.parent->kids[x.index] = y.node; /* b's subtree into a */
            r = write_tree(a, outbuf, max_out);
        }
    }
    pool_free(&p);
    if (!r) { /* fall back: the first input, as it is */
        r = s1 < max_out ? s1 : max_out;
        memcpy(outbuf, d1, r);
    }
    return r;
}

#endif /* GOVSVC_LIBFUZZER */
