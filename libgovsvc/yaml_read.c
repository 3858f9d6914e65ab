/*
 * yaml_read.c - libyaml events to a gs_ynode tree with marks.
 */
#include <string.h>

#include <yaml.h>

#include "yaml_read.h"

/* An open container. Its children so far are builder.kids[base..]: one
 * stack for all open containers (a container's children are always the
 * top of it), copied into the arena when the container closes. One growing
 * array for the whole file instead of one per container keeps the reader
 * from calling malloc for every mapping. */
typedef struct frame {
    gs_ynode *node;
    size_t base;
    const char *anchor;
} frame;

typedef struct anchor {
    const char *name;
    gs_ynode *node;
} anchor;

typedef struct builder {
    gs_arena *arena;
    const char *file;
    const char *bytes; /* the input, for positions libyaml gives as offsets */
    size_t len;
    const gs_yaml_limits *lim;
    govsvc_diag_list *diags;
    frame *stack;
    size_t depth, cap;
    gs_ynode **kids; /* children of the open containers (see frame) */
    size_t nkids, kcap;
    anchor *anchors;
    size_t nanchors, acap;
    gs_strmap anchor_index; /* name -> index in anchors */
    unsigned aliases;
    gs_ynode *root;
} builder;

static gs_pos mark_pos(const builder *b, yaml_mark_t m)
{
    gs_pos p = {b->file, (uint32_t)m.line + 1, (uint32_t)m.column + 1};
    return p;
}

static uint32_t add_weight(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* Attaches a finished node to the open container (or makes it the root).
 * `at` is where it appears: for an alias, the alias itself, not the shared
 * node's anchor (errors used to point at the anchor, lines away). */
static int attach(builder *b, gs_ynode *node, gs_pos at)
{
    if (b->depth == 0) {
        b->root = node;
        return 0;
    }
    frame *f = &b->stack[b->depth - 1];
    if (gs_grow((void **)&b->kids, &b->kcap, b->nkids + 1, sizeof *b->kids) < 0)
        return GOVSVC_ENOMEM;
    b->kids[b->nkids++] = node;
    f->node->weight = add_weight(f->node->weight, node->weight);
    /* Every node's weight already includes what its aliases expand to, so a
     * few anchors cannot describe billions of nodes (billion laughs). */
    if (f->node->weight > b->lim->max_nodes || f->node->weight == UINT32_MAX) {
        gs_diag_error(b->diags, "E013", at, "use fewer aliases or split the file",
                      "the document expands to more than %zu nodes", b->lim->max_nodes);
        return GS_REPORTED;
    }
    return 0;
}

/* Anchors are found by name through b->anchor_index (name -> index in
 * b->anchors): each alias used to scan them all, and a file of two million
 * anchors and a thousand aliases took eleven seconds. A name defined again
 * takes the place of the earlier one: the latest anchor wins, as YAML says. */
static int remember_anchor(builder *b, const char *name, gs_ynode *node)
{
    if (!name)
        return 0;
    uint32_t at;
    int put = gs_strmap_put(&b->anchor_index, name, strlen(name), (uint32_t)b->nanchors, &at);
    if (put < 0)
        return GOVSVC_ENOMEM;
    if (put == 0) {
        b->anchors[at].node = node;
        return 0;
    }
    if (gs_grow((void **)&b->anchors, &b->acap, b->nanchors + 1, sizeof *b->anchors) < 0)
        return GOVSVC_ENOMEM;
    b->anchors[b->nanchors].name = name;
    b->anchors[b->nanchors].node = node;
    b->nanchors++;
    return 0;
}

static gs_ynode *new_node(builder *b, gs_ykind kind, yaml_mark_t m)
{
    gs_ynode *n = gs_arena_calloc(b->arena, 1, sizeof *n);
    if (n) {
        n->kind = (uint8_t)kind;
        n->pos = mark_pos(b, m);
        n->weight = 1;
    }
    return n;
}

static int open_container(builder *b, gs_ykind kind, yaml_mark_t m, const char *anchor_name)
{
    if (b->depth >= b->lim->max_depth) {
        gs_diag_error(b->diags, "E013", mark_pos(b, m), "flatten the structure",
                      "nesting deeper than %u levels", b->lim->max_depth);
        return GS_REPORTED;
    }
    gs_ynode *n = new_node(b, kind, m);
    if (!n || gs_grow((void **)&b->stack, &b->cap, b->depth + 1, sizeof *b->stack) < 0)
        return GOVSVC_ENOMEM;
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->base = b->nkids;
    if (anchor_name && !(f->anchor = gs_arena_strdup(b->arena, anchor_name)))
        return GOVSVC_ENOMEM;
    return 0;
}

static int close_container(builder *b)
{
    frame *f = &b->stack[--b->depth];
    gs_ynode *n = f->node;
    size_t count = b->nkids - f->base;
    int r = 0;
    if (count) {
        n->kids = gs_arena_alloc(b->arena, count * sizeof *n->kids);
        if (n->kids)
            memcpy(n->kids, b->kids + f->base, count * sizeof *n->kids);
        else
            r = GOVSVC_ENOMEM;
    }
    n->n = count;
    b->nkids = f->base;
    if (r == 0)
        r = remember_anchor(b, f->anchor, n);
    if (r == 0)
        r = attach(b, n, n->pos);
    return r;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    if (len > b->lim->max_scalar_bytes) {
        gs_diag_error(b->diags, "E013", mark_pos(b, ev->start_mark), "split the text",
                      "a scalar of %zu bytes exceeds the limit of %zu", len,
                      b->lim->max_scalar_bytes);
        return GS_REPORTED;
    }
    /* A double-quoted "\0" (or "\x00", "\u0000") puts a NUL inside the
     * text; every later step reads C strings and would silently cut it
     * there (an item code "A\0B" would become "A"). Refuse it instead. */
    if (memchr(ev->data.scalar.value, '\0', len)) {
        gs_diag_error(b->diags, "E251", mark_pos(b, ev->start_mark),
                      "remove the \\0 (or \\x00, \\u0000) escape from the text",
                      "a text value contains a NUL character");
        return GS_REPORTED;
    }
    gs_ynode *n = new_node(b, GS_YSCALAR, ev->start_mark);
    if (!n)
        return GOVSVC_ENOMEM;
    n->str = gs_arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
    if (!n->str)
        return GOVSVC_ENOMEM;
    n->len = len;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = GS_YSINGLE; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = GS_YDOUBLE; break;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE: n->style = GS_YBLOCK; break;
    default: n->style = GS_YPLAIN; break;
    }
    int r = 0;
    if (ev->data.scalar.anchor) {
        const char *a = gs_arena_strdup(b->arena, (const char *)ev->data.scalar.anchor);
        r = a ? remember_anchor(b, a, n) : GOVSVC_ENOMEM;
    }
    return r ? r : attach(b, n, n->pos);
}

static int on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    if (++b->aliases > b->lim->max_aliases) {
        gs_diag_error(b->diags, "E013", mark_pos(b, ev->start_mark), "use fewer aliases",
                      "more than %u aliases in one file", b->lim->max_aliases);
        return GS_REPORTED;
    }
    uint32_t i;
    if (gs_strmap_get(&b->anchor_index, name, strlen(name), &i))
        return attach(b, b->anchors[i].node, mark_pos(b, ev->start_mark));
    gs_diag_error(b->diags, "E003", mark_pos(b, ev->start_mark), "define the anchor '&name' first",
                  "unknown alias '*%s'", name);
    return GS_REPORTED;
}

/* Line and column (characters) of byte `off` of the input, counting line
 * breaks as libyaml does (LF, CR LF, or a lone CR). */
static gs_pos offset_pos(const builder *b, size_t off)
{
    gs_pos p = {b->file, 1, 1};
    size_t start = 0;
    if (off > b->len)
        off = b->len;
    for (size_t i = 0; i < off; i++) {
        char c = b->bytes[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= b->len || b->bytes[i + 1] != '\n'))) {
            p.line++;
            start = i + 1;
        }
    }
    p.col = (uint32_t)gs_utf8_count(b->bytes + start, off - start) + 1;
    return p;
}

static void report_parser_error(builder *b, const yaml_parser_t *p)
{
    yaml_mark_t m = p->problem_mark;
    if (p->error == YAML_MEMORY_ERROR)
        return;
    /* libyaml's reader (control characters, bad encoding) gives no mark,
     * only the byte offset: without this every such error read "1:1". */
    if (p->error == YAML_READER_ERROR) {
        gs_diag_error(b->diags, "E003", offset_pos(b, p->problem_offset),
                      "remove the control character (save the file as plain UTF-8 text)",
                      "YAML syntax error: %s (byte 0x%02X)",
                      p->problem ? p->problem : "unreadable input", (unsigned)p->problem_value);
        return;
    }
    char ctx[256] = "";
    if (p->context)
        snprintf(ctx, sizeof ctx, " %s", p->context);
    gs_diag_error(b->diags, "E003", mark_pos(b, m), "check the indentation, quotes and colons",
                  "YAML syntax error: %s%s", p->problem ? p->problem : "malformed YAML", ctx);
}

int gs_yaml_read(gs_arena *arena, const char *file, const char *bytes, size_t len,
                 const gs_yaml_limits *limits, govsvc_diag_list *diags, gs_ynode **root)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.arena = arena;
    b.file = file;
    b.lim = limits;
    b.diags = diags;
    *root = NULL;
    /* A UTF-8 byte order mark is accepted (Windows editors write one) and
     * skipped: libyaml, told the encoding below, would read it as content
     * and fail. Marks then count from the character after it, which is
     * what editors show as line 1, column 1. */
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        len -= 3;
    }
    b.bytes = bytes;
    b.len = len;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return GOVSVC_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    int r = 0, docs = 0, done = 0;
    while (!done && r == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (parser.error == YAML_MEMORY_ERROR) {
                r = GOVSVC_ENOMEM;
            } else {
                report_parser_error(&b, &parser);
                r = GS_REPORTED;
            }
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                gs_diag_error(diags, "E003", mark_pos(&b, ev.start_mark),
                              "keep one document per file (remove the second '---')",
                              "more than one YAML document in the file");
                r = GS_REPORTED;
            }
            break;
        case YAML_SCALAR_EVENT: r = on_scalar(&b, &ev); break;
        case YAML_ALIAS_EVENT: r = on_alias(&b, &ev); break;
        case YAML_SEQUENCE_START_EVENT:
            r = open_container(&b, GS_YSEQ, ev.start_mark,
                               (const char *)ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            r = open_container(&b, GS_YMAP, ev.start_mark,
                               (const char *)ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: r = close_container(&b); break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    gs_free(b.kids);
    gs_free(b.stack);
    gs_free(b.anchors);
    gs_strmap_free(&b.anchor_index);
    yaml_parser_delete(&parser);
    if (r == 0)
        *root = b.root;
    return r;
}

const gs_ynode *gs_ymap_get(const gs_ynode *map, const char *key)
{
    if (!map || map->kind != GS_YMAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const gs_ynode *k = map->kids[i];
        if (k->kind == GS_YSCALAR && strcmp(k->str, key) == 0)
            return map->kids[i + 1];
    }
    return NULL;
}
