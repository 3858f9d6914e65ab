/*
 * fuzz_expr.c - conditions: lexer, parser and type checker on any text,
 * then evaluation, residuals and printing on whatever compiles.
 *
 * Besides "no crash, no leak", the target checks the engine's own
 * promises (a violation aborts: it is a finding):
 *  - a compiled condition printed back (gs_expr_print) compiles again and
 *    evaluates to the same value under every environment tried;
 *  - a residual exists exactly when the value is unknown, prints as a
 *    condition that compiles, and is itself unknown under that environment;
 *  - known(f) is never unknown, so evaluation always ends in three values.
 * The schema declares a fact of every type, with dotted names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "fuzz_common.h"
#include "table.h"

static govsvc_rulebook *rb; /* holds the schema */

static const char SCHEMA[] =
    "govsvc: 1\n"
    "rulebook: {id: fuzz, version: \"1\", effective: 2026-01-01}\n"
    "calendar: cal.yaml\n"
    "facts:\n"
    "  b: {type: bool}\n"
    "  applicant.false_commitment: {type: bool, default: false}\n"
    "  i: {type: int, min: 0, max: 150}\n"
    "  applicant.age: {type: int}\n"
    "  n: {type: number, min: 0}\n"
    "  premises.area: {type: number}\n"
    "  s: {type: string, pattern: '^[0-9]{6}$'}\n"
    "  applicant.region: {type: string}\n"
    "  e: {type: enum, values: [A, B, C, D], default: B}\n"
    "  applicant.credit: {type: enum, values: [A, B, C, D]}\n"
    "  applicant.type: {type: enum, values: [person, enterprise, '它']}\n"
    "  d: {type: date}\n"
    "  application.birth: {type: date}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_write("schema.yaml", SCHEMA, sizeof SCHEMA - 1);
    govsvc_diag_list *d = NULL;
    if (govsvc_rulebook_load(&rb, fuzz_path("schema.yaml"), NULL, &d) != 0) {
        fuzz_print_diags(d);
        fuzz_fail("the fuzz schema does not load");
    }
    govsvc_diag_list_free(d);
    return 0;
}

/* Environments: nothing set; everything set (two ways); half set. */
enum { NENV = 4 };
static gs_value vals[NENV][32];

static void make_envs(const gs_schema *s, const uint8_t *data, size_t size)
{
    memset(vals, 0, sizeof vals);
    unsigned seed = size ? data[0] : 0;
    for (uint32_t k = 0; k < s->count && k < 32; k++) {
        const gs_fact *f = &s->facts[k];
        for (int e = 1; e < NENV; e++) {
            if (e == 3 && (k + seed) % 2)
                continue;
            gs_value *v = &vals[e][k];
            v->known = 1;
            v->type = (uint8_t)f->type;
            int alt = e == 2;
            switch (f->type) {
            case GS_T_BOOL: v->u.b = alt; break;
            case GS_T_INT: v->u.i = alt ? 150 : 18; break;
            case GS_T_NUMBER: v->u.n = alt ? 299.5 : 300; break;
            case GS_T_STRING:
                v->u.s.p = alt ? "abc" : "230100";
                v->u.s.len = (uint32_t)strlen(v->u.s.p);
                break;
            case GS_T_ENUM: v->u.e = (uint32_t)(alt + seed) % (f->nvalues ? f->nvalues : 1); break;
            case GS_T_DATE: v->u.d = alt ? 20000 : 7300; break;
            default: v->known = 0; break;
            }
        }
    }
}

static void count_slot(uint32_t slot, void *ud)
{
    const gs_schema *s = ud;
    if (slot >= s->count)
        fuzz_fail("a fact slot out of range");
}

/* again: a printed form, which may be longer than its source (spaces
 * around operators): compiled without the length limit. */
static const gs_expr *compile(gs_arena *a, gs_patterns *ps, govsvc_diag_list *dl,
                              const char *src, size_t len, int *status, int again)
{
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = a;
    ctx.schema = &((const struct govsvc_rulebook *)rb)->schema;
    ctx.patterns = ps;
    ctx.diags = dl;
    ctx.base = (gs_pos){"expr", 1, 1};
    if (again)
        ctx.max_bytes = 1u << 24;
    const gs_expr *e = NULL;
    *status = gs_expr_compile(&ctx, src, len, &e);
    return e;
}

static char *print(const gs_expr *e)
{
    gs_buf b;
    gs_buf_init(&b);
    if (gs_expr_print(e, &b) != 0)
        fuzz_fail("print failed without an allocation failure");
    return gs_buf_detach(&b, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const gs_schema *schema = &((const struct govsvc_rulebook *)rb)->schema;
    /* Conditions come from YAML scalars, which never hold a NUL (E251);
     * printed back they would be cut there, so such inputs prove nothing. */
    if (memchr(data, '\0', size))
        return 0;
    gs_arena a;
    gs_arena_init(&a);
    gs_patterns ps = {.head = NULL};
    govsvc_diag_list *dl = gs_diag_list_new();
    int st;
    const gs_expr *e = compile(&a, &ps, dl, (const char *)data, size, &st, 0);
    if (st != 0 && st != GS_REPORTED)
        fuzz_fail("compile: unexpected status");
    if ((st == 0) != (e != NULL) || (st == GS_REPORTED) != (gs_diag_errors(dl) > 0))
        fuzz_fail("compile: status, tree and diagnostics disagree");
    for (size_t i = 0; i < govsvc_diag_list_count(dl); i++) {
        const govsvc_diag *g = govsvc_diag_list_get(dl, i);
        if (g->line < 1 || g->column < 1 || !g->hint)
            fuzz_fail("condition diagnostic without position or hint");
    }
    if (e) {
        make_envs(schema, data, size);
        char *text = print(e);
        int st2;
        const gs_expr *e2 = compile(&a, &ps, dl, text, strlen(text), &st2, 1);
        if (!e2) {
            fprintf(stderr, "printed: %s\n", text);
            fuzz_fail("a printed condition does not compile again");
        }
        gs_expr_facts(e, count_slot, (void *)schema);
        for (int k = 0; k < NENV; k++) {
            gs_env env = {schema, k ? vals[k] : NULL};
            gs_tri t = gs_expr_eval(e, &env);
            if (t != GS_TRUE && t != GS_FALSE && t != GS_UNKNOWN)
                fuzz_fail("evaluation left the three values");
            if (gs_expr_eval(e2, &env) != t) {
                fprintf(stderr, "printed: %s\n", text);
                fuzz_fail("the printed condition evaluates differently");
            }
            const gs_expr *res = NULL;
            if (gs_expr_residual(e, &env, &a, &res) != 0)
                fuzz_fail("residual failed without an allocation failure");
            if ((res != NULL) != (t == GS_UNKNOWN))
                fuzz_fail("a residual exists exactly when the value is unknown");
            gs_expr_unknown_facts(e, &env, count_slot, (void *)schema);
            if (res) {
                if (gs_expr_eval(res, &env) != GS_UNKNOWN)
                    fuzz_fail("a residual is not unknown");
                char *rt = print(res);
                int st3;
                if (!compile(&a, &ps, dl, rt, strlen(rt), &st3, 1)) {
                    fprintf(stderr, "residual: %s\n", rt);
                    fuzz_fail("a printed residual does not compile");
                }
                govsvc_free(rt);
            }
        }
        govsvc_free(text);
    }
    gs_patterns_free(&ps);
    govsvc_diag_list_free(dl);
    gs_arena_free(&a);
    return 0;
}
