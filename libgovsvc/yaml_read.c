/*
 * yaml_read.c - libyaml events to a gs_ynode tree with marks.
 */
#include <string.h>

#include <yaml.h>

#include "yaml_read.h"

typedef struct frame {
    gs_ynode *node;
    gs_ynode **kids; /* grown with gs_grow, copied into the arena on close */
    size_t n, cap;
    const char *anchor;
} frame;

typedef struct anchor {
    const char *name;
    gs_ynode *node;
} anchor;

typedef struct builder {
    gs_arena *arena;
    const char *file;
    const gs_yaml_limits *lim;
    govsvc_diag_list *diags;
    frame *stack;
    size_t depth, cap;
    anchor *anchors;
    size_t nanchors, acap;
    unsigned aliases;
    gs_ynode *root;
} builder;

static gs_pos mark_pos(const builder *b, yaml_mark_t m)
{
    gs_pos p = {b->file, (uint32_t)m.line + 1, (uint32_t)m.column + 1};
    return p;
}

static size_t add_weight(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* Attaches a finished node to the open container (or makes it the root). */
static int attach(builder *b, gs_ynode *node)
{
    if (b->depth == 0) {
        b->root = node;
        return 0;
    }
    frame *f = &b->stack[b->depth - 1];
    if (gs_grow((void **)&f->kids, &f->cap, f->n + 1, sizeof *f->kids) < 0)
        return GOVSVC_ENOMEM;
    f->kids[f->n++] = node;
    f->node->weight = add_weight(f->node->weight, node->weight);
    /* Every node's weight already includes what its aliases expand to, so a
     * few anchors cannot describe billions of nodes (billion laughs). */
    if (f->node->weight > b->lim->max_nodes) {
        gs_diag_error(b->diags, "E013", node->pos, "use fewer aliases or split the file",
                      "the document expands to more than %zu nodes", b->lim->max_nodes);
        return GS_REPORTED;
    }
    return 0;
}

static int remember_anchor(builder *b, const char *name, gs_ynode *node)
{
    if (!name)
        return 0;
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
        n->kind = kind;
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
    if (anchor_name && !(f->anchor = gs_arena_strdup(b->arena, anchor_name)))
        return GOVSVC_ENOMEM;
    return 0;
}

static int close_container(builder *b)
{
    frame *f = &b->stack[--b->depth];
    gs_ynode *n = f->node;
    int r = 0;
    if (f->n) {
        n->kids = gs_arena_alloc(b->arena, f->n * sizeof *n->kids);
        if (n->kids)
            memcpy(n->kids, f->kids, f->n * sizeof *n->kids);
        else
            r = GOVSVC_ENOMEM;
    }
    n->n = f->n;
    gs_free(f->kids);
    f->kids = NULL;
    if (r == 0)
        r = remember_anchor(b, f->anchor, n);
    if (r == 0)
        r = attach(b, n);
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
    return r ? r : attach(b, n);
}

static int on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    if (++b->aliases > b->lim->max_aliases) {
        gs_diag_error(b->diags, "E013", mark_pos(b, ev->start_mark), "use fewer aliases",
                      "more than %u aliases in one file", b->lim->max_aliases);
        return GS_REPORTED;
    }
    /* The latest anchor of that name wins, as YAML says. */
    for (size_t i = b->nanchors; i-- > 0;) {
        if (strcmp(b->anchors[i].name, name) == 0)
            return attach(b, b->anchors[i].node);
    }
    gs_diag_error(b->diags, "E003", mark_pos(b, ev->start_mark), "define the anchor '&name' first",
                  "unknown alias '*%s'", name);
    return GS_REPORTED;
}

static void report_parser_error(builder *b, const yaml_parser_t *p)
{
    yaml_mark_t m = p->problem_mark;
    if (p->error == YAML_MEMORY_ERROR)
        return;
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
    while (b.depth > 0)
        gs_free(b.stack[--b.depth].kids);
    gs_free(b.stack);
    gs_free(b.anchors);
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
