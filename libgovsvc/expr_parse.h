/*
 * expr_parse.h - what the condition parser (expr_parse.c) and the type
 * checker (expr_check.c) share: the parser state and its diagnostics.
 */
#ifndef GS_EXPR_PARSE_H
#define GS_EXPR_PARSE_H

#include <stdarg.h>

#include "expr_int.h"

/* The checker's extra "type" of a list literal, next to the gs_type values. */
#define TY_LIST 100

typedef enum tok_kind {
    T_EOF = 0,
    T_NAME,
    T_STRING,
    T_NUMBER,
    T_DATE,
    T_AND,
    T_OR,
    T_NOT,
    T_IN,
    T_MATCHES,
    T_TRUE,
    T_FALSE,
    T_KNOWN,
    T_LPAREN,
    T_RPAREN,
    T_LBRACK,
    T_RBRACK,
    T_COMMA,
    T_EQ,
    T_NE,
    T_LT,
    T_LE,
    T_GT,
    T_GE
} tok_kind;

typedef struct token {
    tok_kind k;
    size_t off, len;
} token;

typedef struct parser {
    const gs_expr_ctx *ctx;
    const char *src;
    size_t len;
    size_t pos;       /* lexer: first byte after `tok` */
    token tok;        /* the current token */
    token prev;       /* the last consumed token */
    int have_prev;
    unsigned depth, max_depth;
    int failed;       /* a syntax error was reported: unwind */
    int errors;       /* diagnostics reported */
    int oom;
    const char **names; /* fact names for did-you-mean hints, built on first use */
} parser;

/* Reports a diagnostic at byte `off` of the condition (fact may be NULL). */
void gs_expr_report(parser *P, const char *code, size_t off, const char *fact, const char *hint,
                    const char *fmt, ...) GS_PRINTF(6, 7);
/* How many bytes of s to quote in a message (at most max, on a character
 * boundary). */
int gs_expr_clip(const char *s, size_t len, size_t max);
/* Type-checks a parsed tree that must be a condition (a boolean). */
void gs_expr_check_cond(parser *P, gs_expr *e);

#endif
