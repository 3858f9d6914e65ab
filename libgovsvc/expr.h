/*
 * expr.h - the condition language of SPEC section 3: parsing, type checking
 * against the declared facts, three-valued (Kleene) evaluation, residual
 * conditions and printing back in the same language.
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | compare
 *   compare := operand (('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not in'|'matches') operand)?
 *   operand := FACT | STRING | NUMBER | DATE | 'true' | 'false'
 *            | '[' literal (',' literal)* ']' | 'known(' FACT ')' | '(' expr ')'
 *
 * Compiled expressions are immutable trees in the table's arena; evaluation
 * allocates nothing and may run on many threads at once.
 */
#ifndef GS_EXPR_H
#define GS_EXPR_H

#include "diag.h"
#include "fact.h"
#include "pattern.h"
#include "util.h"

typedef enum gs_tri { GS_FALSE = 0, GS_TRUE = 1, GS_UNKNOWN = 2 } gs_tri;

typedef struct gs_expr gs_expr; /* defined in expr_int.h */

typedef struct gs_expr_ctx {
    gs_arena *arena;          /* where the tree and its strings live */
    const gs_schema *schema;  /* declared facts */
    gs_patterns *patterns;    /* `matches` patterns are compiled into this list */
    govsvc_diag_list *diags;  /* errors E030..E035 go here */
    gs_pos base;              /* position of the expression's first character */
    unsigned max_bytes;       /* 0: 4096 */
    unsigned max_depth;       /* 0: 64 */
} gs_expr_ctx;

/* Parses and type-checks src[0..len) as a boolean condition. Returns 0 and
 * *out; GS_REPORTED after adding one or more diagnostics (syntax E030, unknown fact
 * E031 with a did-you-mean hint, type mismatch E032, enum literal outside the
 * values E033, bad pattern E034, not a boolean E035, too long or too deep
 * E036), with line and column of the offending token inside the source;
 * GOVSVC_ENOMEM when out of memory; GOVSVC_EINVAL without arena or schema. */
int gs_expr_compile(const gs_expr_ctx *ctx, const char *src, size_t len, const gs_expr **out);

/* Kleene evaluation: unknown facts make comparisons unknown; `not U` = U,
 * `F and U` = F, `T or U` = T; known(f) is never unknown. */
gs_tri gs_expr_eval(const gs_expr *e, const gs_env *env);

/* The residual of e under env: e simplified by the known facts (known
 * comparisons replaced by their value, then and/or/not folded). When e is
 * not unknown under env, *out is NULL. New nodes come from `arena`.
 * Returns 0 or GOVSVC_ENOMEM. */
int gs_expr_residual(const gs_expr *e, const gs_env *env, gs_arena *arena, const gs_expr **out);

/* Prints e back in the condition language with canonical spacing
 * ("premises.area >= 300 and applicant.type != 'person'"), parentheses only
 * where precedence needs them, literals as written. Returns 0 or -1 (out of
 * memory, see b->oom). */
int gs_expr_print(const gs_expr *e, gs_buf *b);

/* Calls fn once for each distinct fact slot e reads, in first-seen order
 * (left to right). */
void gs_expr_facts(const gs_expr *e, void (*fn)(uint32_t slot, void *ud), void *ud);

/* Like gs_expr_facts, but only the facts whose value is unknown under env
 * and that the result depends on (facts inside a settled branch are
 * skipped). */
void gs_expr_unknown_facts(const gs_expr *e, const gs_env *env,
                           void (*fn)(uint32_t slot, void *ud), void *ud);

#endif
