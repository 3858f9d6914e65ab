/*
 * expr_parse.c - conditions from text to trees: a lexer and a
 * recursive-descent parser for the grammar in expr.h (SPEC section 3); the
 * type checker that resolves fact names against the schema is in
 * expr_check.c.
 *
 * Parsing stops at the first syntax error (E030): after one, the rest of
 * the text cannot be read reliably. Type checking runs only on a tree that
 * parsed, and keeps going after an error so that one load reports every
 * unknown fact and every mismatch of a condition; a subtree that already
 * failed reports nothing more (no cascades).
 *
 * The lexical rules, where SPEC section 3 leaves room:
 *  - fact names are [A-Za-z_][A-Za-z0-9_]* joined by dots; a name is a
 *    keyword (and or not in matches true false known) only as a whole, so
 *    `applicant.in` is a fact;
 *  - `not in` is one operator when `not` directly follows an operand;
 *  - strings take single or double quotes and end on their line; \' \" and
 *    \\ are escapes, any other backslash is kept (patterns stay readable);
 *  - numbers are -?digits(.digits)? as written (no exponent, no leading
 *    '+'); integers that fit int64 are ints, everything else a double;
 *  - dates are YYYY-MM-DD without quotes and must exist (2026-02-30 is an
 *    error); a quoted date is a string and does not compare with a date;
 *  - white space (including newlines) separates tokens anywhere, e.g.
 *    `known ( x )`.
 *
 * Typing: a bare fact is a condition only when it is a bool; == and != need
 * the same type on both sides (int and number mix freely), < <= > >= are for
 * numbers and dates only; an enum compares with another enum of identical
 * values or with a string literal that is one of its values; `in` takes a
 * list literal whose every element would compare with ==; `matches` takes a
 * string on the left and a pattern literal on the right, compiled here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_parse.h"

#define DEFAULT_MAX_BYTES 4096
#define DEFAULT_MAX_DEPTH 64

static const struct {
    const char *word;
    tok_kind k;
} keywords[] = {
    {"and", T_AND},     {"or", T_OR},     {"not", T_NOT},     {"in", T_IN},
    {"matches", T_MATCHES}, {"true", T_TRUE}, {"false", T_FALSE}, {"known", T_KNOWN},
};

/* -- diagnostics ---------------------------------------------------------- */

/* The position of byte `off`: the base position advanced by the characters
 * before it. A condition written as a multi-line YAML scalar restarts at
 * column 1 after each newline; for folded or indented scalars that column is
 * an approximation (the scalar's indentation is not known here). */
static gs_pos pos_at(const parser *P, size_t off)
{
    gs_pos p = P->ctx->base;
    size_t line_start = 0;
    uint32_t lines = 0;
    for (size_t i = 0; i < off && i < P->len; i++) {
        if (P->src[i] == '\n') {
            lines++;
            line_start = i + 1;
        }
    }
    if (lines) {
        p.line += lines;
        p.col = 1;
    }
    p.col += (uint32_t)gs_utf8_count(P->src + line_start, off - line_start);
    return p;
}

static void vreport(parser *P, const char *code, size_t off, const char *fact, const char *hint,
                    const char *fmt, va_list ap) GS_PRINTF(6, 0);
static void vreport(parser *P, const char *code, size_t off, const char *fact, const char *hint,
                    const char *fmt, va_list ap)
{
    P->errors++;
    if (gs_diag_vadd(P->ctx->diags, GOVSVC_SEVERITY_ERROR, code, pos_at(P, off), hint, fmt, ap) <
        0)
        P->oom = 1;
    else if (fact && P->ctx->diags && gs_diag_set_fact(P->ctx->diags, fact) < 0)
        P->oom = 1;
}

void gs_expr_report(parser *P, const char *code, size_t off, const char *fact, const char *hint,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(P, code, off, fact, hint, fmt, ap);
    va_end(ap);
}

/* A syntax error: the first one ends parsing. */
static void syntax(parser *P, size_t off, const char *hint, const char *fmt, ...) GS_PRINTF(4, 5);
static void syntax(parser *P, size_t off, const char *hint, const char *fmt, ...)
{
    if (P->failed)
        return;
    P->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vreport(P, "E030", off, NULL, hint, fmt, ap);
    va_end(ap);
}

/* How many bytes of s (len bytes) to show in a message: at most max, cut at
 * a character boundary so that messages stay valid UTF-8. */
int gs_expr_clip(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return (int)len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

/* "'text'" of a token for messages (long tokens are cut), or "the end". */
static void tok_desc(const parser *P, const token *t, char *buf, size_t size)
{
    if (t->k == T_EOF) {
        snprintf(buf, size, "the end of the condition");
        return;
    }
    const char *s = P->src + t->off;
    const char *q = t->k == T_STRING ? "" : "'"; /* a string shows its own quotes */
    snprintf(buf, size, "%s%.*s%s%s", q, gs_expr_clip(s, t->len, 40), s, t->len > 40 ? "..." : "", q);
}

/* -- lexer ---------------------------------------------------------------- */

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of the UTF-8 character starting with lead byte c (1 for anything
 * malformed; the YAML reader has already rejected invalid UTF-8). */
static size_t char_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void lex_name(parser *P, size_t i, token *t)
{
    size_t j = i;
    for (;;) {
        while (j < P->len && (is_alpha((unsigned char)P->src[j]) || is_digit(P->src[j])))
            j++;
        if (j < P->len && P->src[j] == '.') {
            if (j + 1 < P->len && is_alpha((unsigned char)P->src[j + 1])) {
                j++;
                continue;
            }
            syntax(P, j, "fact names are words joined by dots, e.g. applicant.type",
                   "'.' in '%.*s' must be followed by a name", (int)(j + 1 - i), P->src + i);
        }
        break;
    }
    t->k = T_NAME;
    t->len = j - i;
    /* Keywords are 2 to 7 letters; fact names are mostly longer. */
    for (size_t k = 0; t->len <= 7 && k < GS_ARRAY_LEN(keywords); k++) {
        if (strlen(keywords[k].word) == t->len && memcmp(keywords[k].word, P->src + i, t->len) == 0)
            t->k = keywords[k].k;
    }
}

/* A number, or a date when the digits run into '-' (there is no arithmetic
 * in the language, so "2024-7-1" can only be a misspelt date). */
static void lex_number(parser *P, size_t i, token *t)
{
    const char *s = P->src;
    size_t j = i + (s[i] == '-');
    while (j < P->len && is_digit(s[j]))
        j++;
    if (s[i] != '-' && j < P->len && s[j] == '-') {
        while (j < P->len && (is_digit(s[j]) || s[j] == '-'))
            j++;
        gs_day d;
        t->k = T_DATE;
        t->len = j - i;
        if (gs_date_parse(s + i, j - i, &d) == 0)
            return;
        int shaped = j - i == 10 && s[i + 4] == '-' && s[i + 7] == '-';
        syntax(P, i,
               shaped ? "check the month and the day"
                      : "dates are written YYYY-MM-DD without quotes, e.g. 2024-07-01",
               "invalid date '%.*s'%s", gs_expr_clip(s + i, j - i, 40), s + i,
               shaped ? ": there is no such day" : "");
        return;
    }
    if (j + 1 < P->len && s[j] == '.' && is_digit(s[j + 1])) {
        j++;
        while (j < P->len && is_digit(s[j]))
            j++;
    }
    t->k = T_NUMBER;
    t->len = j - i;
}

static void lex_string(parser *P, size_t i, token *t)
{
    char q = P->src[i];
    size_t j = i + 1;
    for (;;) {
        if (j >= P->len || P->src[j] == '\n' || P->src[j] == '\r') {
            syntax(P, i, "close the string with the same quote on the same line",
                   "unterminated string");
            return;
        }
        if (P->src[j] == '\\' && j + 1 < P->len && P->src[j + 1] != '\n' &&
            P->src[j + 1] != '\r') {
            j += 2;
            continue;
        }
        if (P->src[j] == q)
            break;
        j++;
    }
    t->k = T_STRING;
    t->len = j + 1 - i;
}

/* Reads the token that starts at or after byte `at` into *t. Errors are
 * reported as they are met (and end the parse). */
static void lex(parser *P, size_t at, token *t)
{
    const char *s = P->src;
    size_t i = at;
    while (i < P->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    t->off = i;
    t->len = 0;
    t->k = T_EOF;
    if (i >= P->len)
        return;
    unsigned char c = (unsigned char)s[i];
    char c1 = i + 1 < P->len ? s[i + 1] : '\0';
    if (is_alpha(c)) {
        lex_name(P, i, t);
        return;
    }
    if (is_digit(c) || (c == '-' && is_digit(c1))) {
        lex_number(P, i, t);
        return;
    }
    if (c == '\'' || c == '"') {
        lex_string(P, i, t);
        return;
    }
    t->len = 1;
    switch (c) {
    case '(': t->k = T_LPAREN; return;
    case ')': t->k = T_RPAREN; return;
    case '[': t->k = T_LBRACK; return;
    case ']': t->k = T_RBRACK; return;
    case ',': t->k = T_COMMA; return;
    case '<':
    case '>':
        t->k = c == '<' ? T_LT : T_GT;
        if (c1 == '=') {
            t->k = c == '<' ? T_LE : T_GE;
            t->len = 2;
        }
        return;
    case '=':
        if (c1 == '=') {
            t->k = T_EQ;
            t->len = 2;
            return;
        }
        syntax(P, i, "compare with '=='", "unexpected '='");
        return;
    case '!':
        if (c1 == '=') {
            t->k = T_NE;
            t->len = 2;
            return;
        }
        syntax(P, i, "write 'not' to negate a condition", "unexpected '!'");
        return;
    case '&':
        syntax(P, i, "write 'and'", "unexpected '&'");
        return;
    case '|':
        syntax(P, i, "write 'or'", "unexpected '|'");
        return;
    default: break;
    }
    size_t n = char_len(c);
    if (i + n > P->len)
        n = P->len - i;
    if (c < 0x20 || c == 0x7F)
        syntax(P, i, "remove it", "unexpected control character 0x%02X", c);
    else
        syntax(P, i, "operators are written in ASCII: == != < <= > >= and or not in matches",
               "unexpected character '%.*s'", (int)n, s + i);
}

/* Moves to the next token. After a lexical error the current token becomes
 * the end, so that the parser unwinds without reading past the error. */
static void advance(parser *P)
{
    P->prev = P->tok;
    P->have_prev = 1;
    lex(P, P->pos, &P->tok);
    if (P->failed)
        P->tok.k = T_EOF;
    P->pos = P->tok.off + P->tok.len;
}

/* -- tree building -------------------------------------------------------- */

static gs_expr *new_node(parser *P, gs_ekind kind, size_t off)
{
    gs_expr *e = gs_arena_calloc(P->ctx->arena, 1, sizeof *e);
    if (!e) {
        P->oom = 1;
        return NULL;
    }
    e->kind = (uint8_t)kind;
    e->off = (uint32_t)off;
    return e;
}

static int set_kids(parser *P, gs_expr *e, gs_expr *const *kids, size_t n)
{
    e->kids = gs_arena_calloc(P->ctx->arena, n, sizeof *e->kids);
    if (!e->kids) {
        P->oom = 1;
        return -1;
    }
    memcpy(e->kids, kids, n * sizeof *kids);
    e->n = (uint32_t)n;
    return 0;
}

/* Depth limit (E036): the parser recurses once per '(' and per 'not', so
 * this also bounds its stack. */
static int enter(parser *P, size_t off)
{
    if (++P->depth > P->max_depth) {
        if (!P->failed) {
            P->failed = 1;
            gs_expr_report(P, "E036", off, NULL, "split the condition or simplify it",
                   "condition is nested more than %u levels deep", P->max_depth);
        }
        return -1;
    }
    return 0;
}

/* Decimal text to a value: integers that fit int64 are int literals, all
 * else is a double. Plain decimals of up to 15 significant digits are
 * converted exactly here (both the digits and the power of ten are exact
 * doubles, so one division rounds correctly) without strtod, whose decimal
 * point follows the host program's locale; only longer ones use strtod. */
static void number_value(const char *s, size_t n, gs_value *v)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int neg = s[0] == '-';
    const char *dot = memchr(s, '.', n);
    v->known = 1;
    if (!dot) {
        uint64_t acc = 0;
        int over = 0;
        for (size_t i = (size_t)neg; i < n; i++) {
            unsigned d = (unsigned)(s[i] - '0');
            if (acc > (UINT64_MAX - d) / 10)
                over = 1;
            else
                acc = acc * 10 + d;
        }
        uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
        if (!over && acc <= limit) {
            v->type = GS_T_INT;
            v->u.i = neg ? (acc == limit ? INT64_MIN : -(int64_t)acc) : (int64_t)acc;
            return;
        }
    }
    v->type = GS_T_NUMBER;
    uint64_t mant = 0;
    unsigned sig = 0, frac = 0;
    for (size_t i = (size_t)neg; i < n; i++) {
        if (s[i] == '.')
            continue;
        if (mant || s[i] != '0')
            sig++;
        mant = sig <= 15 ? mant * 10 + (unsigned)(s[i] - '0') : mant;
        if (dot && s + i > dot)
            frac++;
    }
    if (sig <= 15 && frac < GS_ARRAY_LEN(pow10)) {
        double x = (double)mant / pow10[frac];
        v->u.n = neg ? -x : x;
        return;
    }
    v->u.n = strtod(s, NULL); /* s is NUL-terminated: it is the node's text */
}

/* A literal token to a node. String literals keep their unescaped text:
 * \' \" and \\ stand for the character; any other backslash is kept as it
 * is, so a pattern such as '^\d{6}$' can be written without doubling. */
static gs_expr *parse_literal(parser *P)
{
    token t = P->tok;
    const char *s = P->src + t.off;
    gs_expr *e = new_node(P, GS_E_LIT, t.off);
    if (!e)
        return NULL;
    e->lit.known = 1;
    switch (t.k) {
    case T_STRING: {
        char *out = gs_arena_alloc(P->ctx->arena, t.len);
        if (!out) {
            P->oom = 1;
            return NULL;
        }
        size_t n = 0;
        for (size_t i = 1; i + 1 < t.len; i++) {
            if (s[i] == '\\' && i + 2 < t.len && (s[i + 1] == '\'' || s[i + 1] == '"' ||
                                                   s[i + 1] == '\\'))
                i++;
            out[n++] = s[i];
        }
        out[n] = '\0';
        e->lit.type = GS_T_STRING;
        e->lit.u.s.p = out;
        e->lit.u.s.len = (uint32_t)n;
        e->text = out;
        e->text_len = (uint32_t)n;
        break;
    }
    case T_NUMBER:
    case T_DATE: {
        char *text = gs_arena_strndup(P->ctx->arena, s, t.len);
        if (!text) {
            P->oom = 1;
            return NULL;
        }
        e->text = text;
        e->text_len = (uint32_t)t.len;
        if (t.k == T_DATE) {
            e->lit.type = GS_T_DATE;
            (void)gs_date_parse(s, t.len, &e->lit.u.d); /* checked by the lexer */
        } else {
            number_value(text, t.len, &e->lit);
        }
        break;
    }
    case T_TRUE:
    case T_FALSE:
        e->lit.type = GS_T_BOOL;
        e->lit.u.b = t.k == T_TRUE;
        e->text = t.k == T_TRUE ? "true" : "false";
        e->text_len = (uint32_t)t.len;
        break;
    default:
        return NULL; /* callers check the token kind first */
    }
    e->type = e->lit.type;
    advance(P);
    return e;
}

static int is_literal(tok_kind k)
{
    return k == T_STRING || k == T_NUMBER || k == T_DATE || k == T_TRUE || k == T_FALSE;
}

/* Says what was expected where the current token is not an operand. */
static void expected_operand(parser *P)
{
    char found[64], after[64];
    tok_desc(P, &P->tok, found, sizeof found);
    if (!P->have_prev) {
        if (P->tok.k == T_EOF)
            syntax(P, P->tok.off, "write a condition such as premises.area >= 300",
                   "empty condition");
        else
            syntax(P, P->tok.off, "a condition starts with a fact, a value, 'not', 'known(' or '('",
                   "unexpected %s", found);
        return;
    }
    tok_kind pk = P->prev.k;
    int cond = pk == T_AND || pk == T_OR || pk == T_NOT || pk == T_LPAREN;
    const char *what = cond ? "a condition" : "a value";
    const char *hint = cond ? "complete it with a condition, e.g. premises.area >= 300"
                            : "complete it with a fact or a value: a number, a 'string', a date, "
                              "true or false";
    tok_desc(P, &P->prev, after, sizeof after);
    if (P->tok.k == T_EOF)
        syntax(P, P->tok.off, hint, "expected %s after %s", what, after);
    else
        syntax(P, P->tok.off, hint, "expected %s after %s, found %s", what, after, found);
}

static gs_expr *parse_or(parser *P);

static gs_expr *parse_list(parser *P)
{
    size_t open = P->tok.off;
    gs_expr *e = new_node(P, GS_E_LIST, open);
    gs_expr **v = NULL;
    size_t n = 0, cap = 0;
    if (!e)
        return NULL;
    advance(P);
    while (!P->failed) {
        if (!is_literal(P->tok.k)) {
            char found[64];
            tok_desc(P, &P->tok, found, sizeof found);
            syntax(P, P->tok.off, "list values are strings, numbers, dates, true or false",
                   "expected a value in the list, found %s", found);
            break;
        }
        gs_expr *lit = parse_literal(P);
        if (!lit)
            break;
        if (gs_grow((void **)&v, &cap, n + 1, sizeof *v) < 0) {
            P->oom = 1;
            break;
        }
        v[n++] = lit;
        if (P->tok.k == T_COMMA) {
            advance(P);
            continue;
        }
        if (P->tok.k == T_RBRACK) {
            advance(P);
            if (set_kids(P, e, v, n) < 0)
                break;
            gs_free(v);
            return P->failed ? NULL : e;
        }
        if (P->tok.k == T_EOF) {
            syntax(P, open, "close the list with ']'", "unclosed '['");
        } else {
            char found[64];
            tok_desc(P, &P->tok, found, sizeof found);
            syntax(P, P->tok.off, "separate the values with commas and close the list with ']'",
                   "expected ',' or ']' in the list, found %s", found);
        }
    }
    gs_free(v);
    return NULL;
}

static gs_expr *parse_known(parser *P)
{
    gs_expr *e = new_node(P, GS_E_KNOWN, P->tok.off);
    if (!e)
        return NULL;
    advance(P);
    if (P->tok.k != T_LPAREN) {
        syntax(P, P->tok.off, "write known(fact.name)", "expected '(' after 'known'");
        return NULL;
    }
    advance(P);
    if (P->tok.k != T_NAME) {
        char found[64];
        tok_desc(P, &P->tok, found, sizeof found);
        syntax(P, P->tok.off, "write known(fact.name)", "expected a fact name in known(), found %s",
               found);
        return NULL;
    }
    e->text = gs_arena_strndup(P->ctx->arena, P->src + P->tok.off, P->tok.len);
    e->text_len = (uint32_t)P->tok.len;
    e->off = (uint32_t)P->tok.off; /* diagnostics point at the name */
    if (!e->text) {
        P->oom = 1;
        return NULL;
    }
    advance(P);
    if (P->tok.k != T_RPAREN) {
        char found[64];
        tok_desc(P, &P->tok, found, sizeof found);
        syntax(P, P->tok.off, "known() takes one fact name", "expected ')', found %s", found);
        return NULL;
    }
    advance(P);
    return P->failed ? NULL : e;
}

static gs_expr *parse_operand(parser *P)
{
    if (P->failed)
        return NULL;
    switch (P->tok.k) {
    case T_NAME: {
        gs_expr *e = new_node(P, GS_E_FACT, P->tok.off);
        if (!e)
            return NULL;
        e->text = gs_arena_strndup(P->ctx->arena, P->src + P->tok.off, P->tok.len);
        e->text_len = (uint32_t)P->tok.len;
        if (!e->text) {
            P->oom = 1;
            return NULL;
        }
        advance(P);
        return P->failed ? NULL : e;
    }
    case T_STRING:
    case T_NUMBER:
    case T_DATE:
    case T_TRUE:
    case T_FALSE:
        return parse_literal(P);
    case T_LBRACK:
        return parse_list(P);
    case T_KNOWN:
        return parse_known(P);
    case T_LPAREN: {
        size_t open = P->tok.off;
        if (enter(P, open) < 0)
            return NULL;
        advance(P);
        gs_expr *e = parse_or(P);
        if (!e)
            return NULL;
        if (P->tok.k != T_RPAREN) {
            char found[64];
            tok_desc(P, &P->tok, found, sizeof found);
            if (P->tok.k == T_EOF)
                syntax(P, open, "close it with ')'", "unclosed '('");
            else
                syntax(P, P->tok.off, "close the '(' or join conditions with 'and' or 'or'",
                       "expected ')', found %s", found);
            return NULL;
        }
        P->depth--;
        advance(P);
        return P->failed ? NULL : e;
    }
    default:
        expected_operand(P);
        return NULL;
    }
}

static gs_expr *parse_compare(parser *P)
{
    gs_expr *l = parse_operand(P);
    if (!l)
        return NULL;
    gs_eop op;
    size_t opoff = P->tok.off;
    int words = 1;
    switch (P->tok.k) {
    case T_EQ: op = GS_OP_EQ; break;
    case T_NE: op = GS_OP_NE; break;
    case T_LT: op = GS_OP_LT; break;
    case T_LE: op = GS_OP_LE; break;
    case T_GT: op = GS_OP_GT; break;
    case T_GE: op = GS_OP_GE; break;
    case T_IN: op = GS_OP_IN; break;
    case T_MATCHES: op = GS_OP_MATCHES; break;
    case T_NOT: {
        /* `not in` is one operator; any other `not` here is out of place and
         * the caller reports it. */
        token next;
        lex(P, P->pos, &next);
        if (P->failed || next.k != T_IN)
            return P->failed ? NULL : l;
        op = GS_OP_NOT_IN;
        words = 2;
        break;
    }
    default:
        return l;
    }
    while (words--)
        advance(P);
    gs_expr *r = parse_operand(P);
    if (!r)
        return NULL;
    gs_expr *e = new_node(P, GS_E_CMP, opoff);
    gs_expr *kids[2] = {l, r};
    if (!e || set_kids(P, e, kids, 2) < 0)
        return NULL;
    e->op = (uint8_t)op;
    return e;
}

static gs_expr *parse_unary(parser *P)
{
    if (P->failed)
        return NULL;
    if (P->tok.k != T_NOT)
        return parse_compare(P);
    size_t off = P->tok.off;
    if (enter(P, off) < 0)
        return NULL;
    advance(P);
    gs_expr *k = parse_unary(P);
    if (!k)
        return NULL;
    P->depth--;
    gs_expr *e = new_node(P, GS_E_NOT, off);
    if (!e || set_kids(P, e, &k, 1) < 0)
        return NULL;
    return e;
}

/* One `and` or `or` chain, n-ary. A parenthesised chain of the same kind
 * is spliced in: (a and b) and c is a and b and c. */
static gs_expr *parse_chain(parser *P, int is_or)
{
    gs_expr *first = is_or ? parse_chain(P, 0) : parse_unary(P);
    tok_kind sep = is_or ? T_OR : T_AND;
    gs_ekind kind = is_or ? GS_E_OR : GS_E_AND;
    if (!first || P->tok.k != sep)
        return first;
    gs_expr **v = NULL, *e = NULL;
    size_t n = 0, cap = 0;
    gs_expr *k = first;
    for (;;) {
        size_t add = k->kind == kind ? k->n : 1;
        if (gs_grow((void **)&v, &cap, n + add, sizeof *v) < 0) {
            P->oom = 1;
            goto out;
        }
        if (k->kind == kind) {
            memcpy(v + n, k->kids, k->n * sizeof *v);
            n += k->n;
        } else {
            v[n++] = k;
        }
        if (P->tok.k != sep)
            break;
        advance(P);
        k = is_or ? parse_chain(P, 0) : parse_unary(P);
        if (!k)
            goto out;
    }
    e = new_node(P, kind, first->off);
    if (e && set_kids(P, e, v, n) < 0)
        e = NULL;
out:
    gs_free(v);
    return e;
}

static gs_expr *parse_or(parser *P)
{
    return parse_chain(P, 1);
}

/* -- entry point ---------------------------------------------------------- */

/* Returns GS_REPORTED (util.h; not the -1 that expr.h mentions) after
 * diagnostics: -1 is also GOVSVC_ENOMEM, and callers must be able to tell
 * a bad condition from a failed allocation. GOVSVC_EINVAL for a context
 * without arena or schema. */
int gs_expr_compile(const gs_expr_ctx *ctx, const char *src, size_t len, const gs_expr **out)
{
    if (out)
        *out = NULL;
    if (!ctx || !ctx->arena || !ctx->schema || !out || (!src && len))
        return GOVSVC_EINVAL;
    parser P;
    memset(&P, 0, sizeof P);
    P.ctx = ctx;
    P.src = src ? src : "";
    P.len = len;
    P.max_depth = ctx->max_depth ? ctx->max_depth : DEFAULT_MAX_DEPTH;
    unsigned max_bytes = ctx->max_bytes ? ctx->max_bytes : DEFAULT_MAX_BYTES;
    if (len > max_bytes) {
        gs_expr_report(&P, "E036", 0, NULL, "split it into smaller conditions",
               "condition is %zu bytes long; the limit is %u", len, max_bytes);
        return P.oom ? GOVSVC_ENOMEM : GS_REPORTED;
    }
    lex(&P, 0, &P.tok);
    if (P.failed)
        P.tok.k = T_EOF;
    P.pos = P.tok.off + P.tok.len;
    gs_expr *e = P.failed ? NULL : parse_or(&P);
    if (e && P.tok.k != T_EOF && !P.failed) {
        char found[64];
        tok_desc(&P, &P.tok, found, sizeof found);
        syntax(&P, P.tok.off,
               P.tok.k == T_RPAREN ? "there is no '(' for it to close"
                                   : "join conditions with 'and' or 'or'",
               "unexpected %s", found);
    }
    if (e && !P.failed && !P.oom)
        gs_expr_check_cond(&P, e);
    gs_free(P.names);
    if (P.oom)
        return GOVSVC_ENOMEM;
    if (P.errors || P.failed || !e)
        return GS_REPORTED;
    *out = e;
    return 0;
}
