/*
 * expr_int.h - the node structure of compiled conditions, shared by
 * expr_parse.c (which builds and type-checks trees) and expr_eval.c (which
 * evaluates, simplifies and prints them). Nobody else looks inside.
 *
 * A tree is built once by gs_expr_compile() in the caller's arena and never
 * changes afterwards, so any number of threads may read it at once.
 * Residual trees (gs_expr_residual) are made of the same nodes: new and/or/
 * not nodes whose leaves are shared with the compiled tree.
 */
#ifndef GS_EXPR_INT_H
#define GS_EXPR_INT_H

#include "expr.h"

typedef enum gs_ekind {
    GS_E_LIT = 0, /* literal: `lit` holds the value, `text` its spelling */
    GS_E_FACT,    /* a fact's value: `slot`, `text` is the fact name */
    GS_E_LIST,    /* [lit, lit, ...]: kids are GS_E_LIT; only right of in / not in */
    GS_E_KNOWN,   /* known(fact): `slot`, `text` is the fact name */
    GS_E_NOT,     /* kids[0] */
    GS_E_AND,     /* kids[0..n), n >= 2, never directly holding another AND */
    GS_E_OR,      /* kids[0..n), n >= 2, never directly holding another OR */
    GS_E_CMP      /* kids[0] `op` kids[1] */
} gs_ekind;

typedef enum gs_eop {
    GS_OP_EQ = 0,
    GS_OP_NE,
    GS_OP_LT,
    GS_OP_LE,
    GS_OP_GT,
    GS_OP_GE,
    GS_OP_IN,
    GS_OP_NOT_IN,
    GS_OP_MATCHES
} gs_eop;

/* How a comparison reads its operands, decided by the type checker so that
 * evaluation never has to look at the schema. */
typedef enum gs_ecmp {
    GS_CK_BOOL = 0, /* both sides are conditions: evaluated to gs_tri */
    GS_CK_NUM,      /* int and number mix; int64 exact when both are int */
    GS_CK_STR,      /* bytes, == and != only (and matches) */
    GS_CK_ENUM,     /* value indexes (enum literals are converted at compile time) */
    GS_CK_DATE      /* gs_day */
} gs_ecmp;

struct gs_expr {
    uint8_t kind;   /* gs_ekind */
    uint8_t op;     /* gs_eop, for GS_E_CMP */
    uint8_t ck;     /* gs_ecmp, for GS_E_CMP */
    uint8_t type;   /* gs_type of the node's value: GS_T_BOOL for conditions */
    uint32_t off;   /* byte offset in the source, for compile-time diagnostics */
    uint32_t slot;  /* GS_E_FACT, GS_E_KNOWN */
    uint32_t n;     /* number of kids */
    struct gs_expr **kids;
    const char *text; /* fact name; literal as written (string literals unescaped) */
    uint32_t text_len;
    gs_value lit;   /* GS_E_LIT: the value, known = 1 */
    const gs_pattern *pattern; /* GS_E_CMP with GS_OP_MATCHES */
};

#endif
