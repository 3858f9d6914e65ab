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
    gs_arena *pattern_arena;  /* where compiled patterns live (NULL: arena); they
                               * outlive a tree compiled in scratch space */
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

/* Sharing of compiled conditions (expr_intern.c): a pool hands out a
 * scratch arena to compile into, then gs_expr_intern() copies the tree
 * into the pool's arena (the table's), reusing every subtree already there.
 * Shared nodes are immutable like any other; only their `off` (byte offset
 * for compile-time diagnostics) belongs to the first condition that wrote
 * them. */
typedef struct gs_expr_pool gs_expr_pool;
/* A new pool whose canonical nodes go into `arena`; NULL when out of
 * memory. */
gs_expr_pool *gs_expr_pool_new(gs_arena *arena);
void gs_expr_pool_free(gs_expr_pool *p);
/* Where to compile a condition before interning it; reset it after. */
gs_arena *gs_expr_pool_scratch(gs_expr_pool *p);
void gs_expr_pool_reset_scratch(gs_expr_pool *p);
/* Stores in *out the canonical copy of e (NULL for NULL). Returns 0 or
 * GOVSVC_ENOMEM. */
int gs_expr_intern(gs_expr_pool *p, const gs_expr *e, const gs_expr **out);

/* Conditions as bytecode (expr_prog.c), for the query's hot path: the
 * same results as gs_expr_eval(), without a call per node. All programs of
 * a table are one array of bytes (`code`), each referred to by its offset
 * (0: no program, evaluate the tree); `atoms` are the distinct comparisons
 * they read. */
typedef struct gs_atom gs_atom;
typedef struct gs_progs {
    gs_atom *atoms;
    uint32_t natoms;
    uint8_t *code;
    uint32_t ncode;
} gs_progs;
typedef struct gs_prog_builder gs_prog_builder;
/* A builder whose programs and atoms go into `arena` at the finish; NULL
 * when out of memory. */
gs_prog_builder *gs_prog_builder_new(gs_arena *arena);
void gs_prog_builder_free(gs_prog_builder *b);
/* Adds the program of e (a compiled condition of the table with this
 * schema) and stores its offset in *out; 0 when e is NULL or too deep for
 * a program. Returns 0 or GOVSVC_ENOMEM. */
int gs_prog_build(gs_prog_builder *b, const gs_schema *schema, const gs_expr *e, uint32_t *out);
/* Copies the programs and atoms into the arena, as *out. */
int gs_prog_builder_finish(gs_prog_builder *b, gs_progs *out);
/* Evaluates the program at offset prog (nonzero): exactly gs_expr_eval()
 * of its condition. */
gs_tri gs_prog_eval(const gs_progs *p, uint32_t prog, const gs_env *env);

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

/* Languages of the notice (answer_*.c). */
typedef enum gs_lang { GS_LANG_ZH = 0, GS_LANG_EN = 1 } gs_lang;

/* The label a notice shows for a fact: in English label_en, else label,
 * else the name; in Chinese label, else the name. */
const char *gs_fact_label(const gs_fact *f, gs_lang lang);

/* Prints e for people, not for the parser: facts by their labels (see
 * gs_fact_label), comparisons with ≥ ≤ ≠, `and` / `or` / `not` as 且 / 或 /
 * 非 (and, or, not in English), `not` over a comparison as the opposite
 * comparison, `in` as "为 a、b 之一", enum values as written, true and false
 * as 是 / 否 (yes / no). Example: "场所建筑面积（平方米） ≥ 300 且 申请人类型 ≠
 * person". Returns 0 or -1 (out of memory, see b->oom). */
int gs_expr_print_labels(const gs_expr *e, const gs_schema *schema, gs_lang lang, gs_buf *b);

/* Calls fn once for each distinct fact slot e reads, in first-seen order
 * (left to right). */
void gs_expr_facts(const gs_expr *e, void (*fn)(uint32_t slot, void *ud), void *ud);

/* Like gs_expr_facts, but only the facts whose value is unknown under env
 * and that the result depends on (facts inside a settled branch are
 * skipped). */
void gs_expr_unknown_facts(const gs_expr *e, const gs_env *env,
                           void (*fn)(uint32_t slot, void *ud), void *ud);

#endif
