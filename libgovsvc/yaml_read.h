/*
 * yaml_read.h - YAML bytes to a node tree that keeps every node's position.
 *
 * libyaml's event parser drives the build, so the tree carries the marks
 * libyaml reports (line and column of each node's first character, 1-based
 * here; columns count characters). Anchors and aliases are resolved by
 * sharing nodes, bounded by an alias count and by the node count after
 * expansion (the billion-laughs guard).
 */
#ifndef GS_YAML_READ_H
#define GS_YAML_READ_H

#include "diag.h"
#include "util.h"

typedef enum gs_ykind { GS_YSCALAR = 1, GS_YSEQ, GS_YMAP } gs_ykind;

typedef enum gs_ystyle {
    GS_YPLAIN = 0,
    GS_YSINGLE, /* 'text' */
    GS_YDOUBLE, /* "text" */
    GS_YBLOCK   /* | or > */
} gs_ystyle;

/* A node of the tree. Kept small: a large rulebook's trees are most of
 * the memory a load needs (one node per scalar, mapping and list). */
typedef struct gs_ynode {
    gs_pos pos;
    const char *str; /* scalars: NUL-terminated text */
    size_t len;
    struct gs_ynode **kids; /* sequences: items; mappings: key 2i, value 2i+1 */
    size_t n;               /* number of kids */
    uint32_t weight;        /* nodes below and including this one, after alias
                             * expansion (saturating at UINT32_MAX) */
    uint8_t kind;           /* gs_ykind */
    uint8_t style;          /* gs_ystyle */
} gs_ynode;

typedef struct gs_yaml_limits {
    unsigned max_depth;
    unsigned max_aliases;
    size_t max_nodes;
    size_t max_scalar_bytes;
} gs_yaml_limits;

/* Parses bytes[0..len) of `file` (an interned name) into a tree allocated in
 * arena. An empty document gives a NULL *root and returns 0. Syntax errors
 * (E003) and limit errors (E013) are added to diags and give GS_REPORTED;
 * GOVSVC_ENOMEM when out of memory. */
int gs_yaml_read(gs_arena *arena, const char *file, const char *bytes, size_t len,
                 const gs_yaml_limits *limits, govsvc_diag_list *diags, gs_ynode **root);

/* Mapping lookup by key text (first match), or NULL. */
const gs_ynode *gs_ymap_get(const gs_ynode *map, const char *key);

#endif
