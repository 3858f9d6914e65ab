/*
 * test_expr.c - the condition language: parsing and printing, every
 * compile error with its position, Kleene evaluation, each comparison per
 * type, residual conditions and the facts a condition reads.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "expr.h"

/* -- a schema built by hand ------------------------------------------------ */

enum {
    F_TYPE,   /* applicant.type enum */
    F_CREDIT, /* applicant.credit enum, default B */
    F_FALSE,  /* applicant.false_commitment bool, default false */
    F_AGE,    /* applicant.age int 0..150 */
    F_AREA,   /* premises.area number */
    F_REGION, /* applicant.region string, pattern */
    F_DATE,   /* application.date date */
    F_SHARED, /* shared.business_license bool, no default */
    F_GCREDIT, /* guarantor.credit: same values as applicant.credit */
    F_NAME,   /* applicant.name string */
    NF
};

static const char *type_values[] = {"person", "enterprise", "individual_business"};
static const char *credit_values[] = {"A", "B", "C", "D"};
static const char *gcredit_values[] = {"A", "B", "C", "D"};

static gs_fact facts[NF];
static gs_schema schema;
static gs_arena arena;
static gs_patterns pats;
static govsvc_diag_list *diags;
static gs_value vals[NF];
static gs_env env;
static const gs_pos base = {"rules/items.yaml", 42, 15};

static void def_fact(int slot, const char *name, gs_type t)
{
    gs_fact *f = &facts[slot];
    memset(f, 0, sizeof *f);
    f->name = name;
    f->name_len = (uint32_t)strlen(name);
    f->slot = (uint32_t)slot;
    f->type = t;
    ck_assert_int_eq(gs_strmap_put(&schema.index, name, strlen(name), (uint32_t)slot, NULL), 1);
}

static void setup(void)
{
    gs_arena_init(&arena);
    memset(&pats, 0, sizeof pats);
    diags = gs_diag_list_new();
    ck_assert_ptr_nonnull(diags);
    gs_strmap_init(&schema.index);
    schema.facts = facts;
    schema.count = NF;
    def_fact(F_TYPE, "applicant.type", GS_T_ENUM);
    facts[F_TYPE].values = type_values;
    facts[F_TYPE].nvalues = 3;
    def_fact(F_CREDIT, "applicant.credit", GS_T_ENUM);
    facts[F_CREDIT].values = credit_values;
    facts[F_CREDIT].nvalues = 4;
    facts[F_CREDIT].def = (gs_value){.known = 1, .type = GS_T_ENUM, .u.e = 1};
    def_fact(F_FALSE, "applicant.false_commitment", GS_T_BOOL);
    facts[F_FALSE].def = (gs_value){.known = 1, .type = GS_T_BOOL, .u.b = 0};
    def_fact(F_AGE, "applicant.age", GS_T_INT);
    facts[F_AGE].has_min = facts[F_AGE].has_max = 1;
    facts[F_AGE].imin = 0;
    facts[F_AGE].imax = 150;
    def_fact(F_AREA, "premises.area", GS_T_NUMBER);
    def_fact(F_REGION, "applicant.region", GS_T_STRING);
    gs_pattern *p = NULL;
    char msg[128];
    size_t eoff;
    ck_assert_int_eq(gs_pattern_compile(&pats, &arena, "^[0-9]{6}$", 10, &p, msg, sizeof msg,
                                        &eoff), 0);
    facts[F_REGION].pattern = p;
    def_fact(F_DATE, "application.date", GS_T_DATE);
    def_fact(F_SHARED, "shared.business_license", GS_T_BOOL);
    def_fact(F_GCREDIT, "guarantor.credit", GS_T_ENUM);
    facts[F_GCREDIT].values = gcredit_values;
    facts[F_GCREDIT].nvalues = 4;
    def_fact(F_NAME, "applicant.name", GS_T_STRING);
    memset(vals, 0, sizeof vals);
    env.schema = &schema;
    env.vals = vals;
}

static void teardown(void)
{
    gs_patterns_free(&pats);
    gs_arena_free(&arena);
    gs_strmap_free(&schema.index);
    govsvc_diag_list_free(diags);
}

/* -- helpers --------------------------------------------------------------- */

static int compile_at(const char *src, gs_pos at, const gs_expr **out)
{
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = &arena;
    ctx.schema = &schema;
    ctx.patterns = &pats;
    ctx.diags = diags;
    ctx.base = at;
    return gs_expr_compile(&ctx, src, strlen(src), out);
}

static const gs_expr *must_compile(const char *src)
{
    const gs_expr *e = NULL;
    size_t before = diags->count;
    int rc = compile_at(src, base, &e);
    ck_assert_msg(rc == 0 && e, "'%s' did not compile (%d): %s", src, rc,
                  diags->count > before ? diags->items[before].message : "no diagnostic");
    return e;
}

/* The printed form, kept in the test arena. */
static const char *printed(const gs_expr *e)
{
    gs_buf b;
    gs_buf_init(&b);
    ck_assert_int_eq(gs_expr_print(e, &b), 0);
    const char *s = gs_arena_strdup(&arena, b.data ? b.data : "");
    gs_buf_free(&b);
    return s;
}

/* Sets facts from "name=value;name=value" (all others unset), read by the
 * declared type. */
static void assign(const char *spec)
{
    memset(vals, 0, sizeof vals);
    char *copy = gs_arena_strdup(&arena, spec);
    for (char *item = strtok(copy, ";"); item; item = strtok(NULL, ";")) {
        char *eq = strchr(item, '=');
        ck_assert_ptr_nonnull(eq);
        *eq = '\0';
        const char *v = eq + 1;
        const gs_fact *f = gs_schema_find(&schema, item, strlen(item));
        ck_assert_msg(f != NULL, "no fact %s", item);
        gs_value *x = &vals[f->slot];
        x->known = 1;
        x->type = (uint8_t)f->type;
        switch (f->type) {
        case GS_T_BOOL: x->u.b = strcmp(v, "true") == 0; break;
        case GS_T_INT: x->u.i = strtoll(v, NULL, 10); break;
        case GS_T_NUMBER: x->u.n = strtod(v, NULL); break;
        case GS_T_STRING:
            x->u.s.p = v;
            x->u.s.len = (uint32_t)strlen(v);
            break;
        case GS_T_ENUM: {
            int i = gs_fact_enum_index(f, v, strlen(v));
            ck_assert_int_ge(i, 0);
            x->u.e = (uint32_t)i;
            break;
        }
        case GS_T_DATE: ck_assert_int_eq(gs_date_parse(v, strlen(v), &x->u.d), 0); break;
        default: ck_abort_msg("bad type");
        }
    }
}

static const char *tri_name(gs_tri t)
{
    return t == GS_TRUE ? "T" : t == GS_FALSE ? "F" : "U";
}

/* -- parsing and printing -------------------------------------------------- */

static const struct {
    const char *src, *canon;
} round_trips[] = {
    {"premises.area>=300 and applicant.type!='person'",
     "premises.area >= 300 and applicant.type != 'person'"},
    {"shared.business_license or applicant.false_commitment and known(applicant.age)",
     "shared.business_license or applicant.false_commitment and known(applicant.age)"},
    {"(shared.business_license or applicant.false_commitment) and known(applicant.age)",
     "(shared.business_license or applicant.false_commitment) and known(applicant.age)"},
    {"not (shared.business_license and applicant.false_commitment)",
     "not (shared.business_license and applicant.false_commitment)"},
    {"not(not shared.business_license)", "not not shared.business_license"},
    {"not applicant.age > 3", "not applicant.age > 3"},
    {"((( shared.business_license )))", "shared.business_license"},
    {"(shared.business_license and applicant.false_commitment) and known(premises.area)",
     "shared.business_license and applicant.false_commitment and known(premises.area)"},
    {"shared.business_license or (applicant.false_commitment or true)",
     "shared.business_license or applicant.false_commitment or true"},
    {"applicant.credit in ['A','B']", "applicant.credit in ['A', 'B']"},
    {"applicant.credit not   in [\"A\"]", "applicant.credit not in ['A']"},
    {"premises.area > -1.50", "premises.area > -1.50"},
    {"premises.area < 99999999999999999999", "premises.area < 99999999999999999999"},
    {"application.date >= 2024-07-01", "application.date >= 2024-07-01"},
    {"applicant.region matches '^23\\d'", "applicant.region matches '^23\\\\d'"},
    {"applicant.name == \"it's\"", "applicant.name == 'it\\'s'"},
    {"applicant.name == 'a\\\\b'", "applicant.name == 'a\\\\b'"},
    {"(shared.business_license == true) == false", "(shared.business_license == true) == false"},
    {"(not shared.business_license) != applicant.false_commitment",
     "(not shared.business_license) != applicant.false_commitment"},
    {"known( applicant.age )", "known(applicant.age)"},
    {"true", "true"},
    {"not (shared.business_license or applicant.false_commitment) and applicant.age in [1, 2.5]",
     "not (shared.business_license or applicant.false_commitment) and applicant.age in [1, 2.5]"},
    {"shared.business_license and (applicant.age > 1 or premises.area < 2) or false",
     "shared.business_license and (applicant.age > 1 or premises.area < 2) or false"},
    {"application.date\n  in [2024-01-01,\n 2024-12-31]",
     "application.date in [2024-01-01, 2024-12-31]"},
};

START_TEST(test_round_trip)
{
    const gs_expr *e = must_compile(round_trips[_i].src);
    const char *once = printed(e);
    ck_assert_str_eq(once, round_trips[_i].canon);
    /* Printing then parsing gives the same tree: it prints the same. */
    const gs_expr *again = must_compile(once);
    ck_assert_str_eq(printed(again), once);
}
END_TEST

START_TEST(test_print_null)
{
    ck_assert_str_eq(printed(NULL), "true");
    ck_assert_int_eq(gs_expr_eval(NULL, &env), GS_TRUE);
}
END_TEST

/* -- compile errors ------------------------------------------------------- */

static const struct {
    const char *src;
    uint32_t base_col; /* 0: 15, the base column of an unquoted scalar */
    const char *code;
    uint32_t line, col;
    const char *hint; /* NULL: not checked */
} errors[] = {
    /* E030 syntax */
    {"premises.area >= ", 0, "E030", 42, 32, NULL},
    {"shared.business_license and", 0, "E030", 42, 42, NULL},
    {"shared.business_license and )", 0, "E030", 42, 43, NULL},
    {"shared.business_license)", 0, "E030", 42, 38, NULL},
    {"applicant.name == 'abc", 0, "E030", 42, 33, NULL},
    {"applicant.name == 'ab\nc'", 0, "E030", 42, 33, NULL},
    {"applicant.age = 3", 0, "E030", 42, 29, "compare with '=='"},
    {"", 0, "E030", 42, 15, NULL},
    {"  (shared.business_license", 0, "E030", 42, 17, NULL},
    {"application.date > 2024-02-30", 0, "E030", 42, 34, NULL},
    {"application.date > 2024-2-3", 0, "E030", 42, 34, NULL},
    {"shared.business_license applicant.age", 0, "E030", 42, 39, NULL},
    {"applicant.credit in ['A',]", 0, "E030", 42, 40, NULL},
    {"applicant.credit in ['A' 'B']", 0, "E030", 42, 40, NULL},
    {"known(3)", 0, "E030", 42, 21, NULL},
    {"applicant. > 3", 0, "E030", 42, 24, NULL},
    {"! shared.business_license", 0, "E030", 42, 15, "write 'not' to negate a condition"},
    {"applicant.name == '申请' and ＝", 0, "E030", 42, 42, NULL},
    {"applicant.age > 1 not shared.business_license", 0, "E030", 42, 33, NULL},
    /* E031 unknown fact, with a did-you-mean hint */
    {"premises.aera >= 300", 0, "E031", 42, 15, "did you mean 'premises.area'?"},
    {"premises.aera >= 300", 16, "E031", 42, 16, "did you mean 'premises.area'?"},
    {"applicant.name == '申请人' and premises.aera > 1", 0, "E031", 42, 43, NULL},
    {"not known(applicant.tpye)", 0, "E031", 42, 25, "did you mean 'applicant.type'?"},
    {"shared.business_license and\n  premises.aera > 1", 0, "E031", 43, 3, NULL},
    {"zzz.qqq", 0, "E031", 42, 15, "declare it under 'facts:'"},
    /* E032 type mismatch */
    {"premises.area == 'x'", 0, "E032", 42, 29, "write numbers without quotes"},
    {"applicant.credit < 'C'", 0, "E032", 42, 32, "enum values have no order"},
    {"applicant.type == applicant.credit", 0, "E032", 42, 30, NULL},
    {"applicant.age > application.date", 0, "E032", 42, 29, NULL},
    {"application.date > '2024-01-01'", 0, "E032", 42, 32,
     "write dates without quotes, e.g. 2024-07-01"},
    {"applicant.name < 'x'", 0, "E032", 42, 30, NULL},
    {"shared.business_license >= true", 0, "E032", 42, 39, NULL},
    {"applicant.age in [1, 'two']", 0, "E032", 42, 36, NULL},
    {"applicant.age in 3", 0, "E032", 42, 32, NULL},
    {"applicant.age == [3]", 0, "E032", 42, 32, NULL},
    {"applicant.age matches '3'", 0, "E032", 42, 15, NULL},
    {"applicant.region matches applicant.name", 0, "E032", 42, 40, NULL},
    {"shared.business_license and\n  premises.area > 'x'", 0, "E032", 43, 17, NULL},
    /* E033 enum literal outside the values */
    {"applicant.type == 'persn'", 0, "E033", 42, 33, "did you mean 'person'?"},
    {"applicant.type in ['person', 'robot']", 0, "E033", 42, 44,
     "its values are 'person', 'enterprise', 'individual_business'"},
    {"'E' != applicant.credit", 0, "E033", 42, 15, NULL},
    /* E034 pattern */
    {"applicant.region matches '(['", 0, "E034", 42, 40, NULL},
    /* E035 not a condition */
    {"premises.area", 0, "E035", 42, 15, "compare it, e.g. premises.area > 0"},
    {"300", 0, "E035", 42, 15, NULL},
    {"shared.business_license and 'yes'", 0, "E035", 42, 43, NULL},
    {"not application.date", 0, "E035", 42, 19, NULL},
};

START_TEST(test_errors)
{
    const gs_expr *e = (const gs_expr *)1;
    gs_pos at = base;
    if (errors[_i].base_col)
        at.col = errors[_i].base_col;
    int rc = compile_at(errors[_i].src, at, &e);
    ck_assert_int_eq(rc, GS_REPORTED);
    ck_assert_ptr_null(e);
    ck_assert_msg(diags->count == 1, "'%s': %zu diagnostics, first: %s", errors[_i].src,
                  diags->count, diags->count ? diags->items[0].message : "-");
    const govsvc_diag *d = &diags->items[0];
    ck_assert_msg(strcmp(d->code, errors[_i].code) == 0, "'%s': %s %s", errors[_i].src, d->code,
                  d->message);
    ck_assert_int_eq(d->severity, GOVSVC_SEVERITY_ERROR);
    ck_assert_str_eq(d->file, "rules/items.yaml");
    ck_assert_msg(d->line == errors[_i].line && d->column == errors[_i].col,
                  "'%s': %s at %u:%u, expected %u:%u (%s)", errors[_i].src, d->code, d->line,
                  d->column, errors[_i].line, errors[_i].col, d->message);
    ck_assert_msg(d->hint != NULL, "'%s': no hint", errors[_i].src); /* every error says how */
    if (errors[_i].hint)
        ck_assert_str_eq(d->hint, errors[_i].hint);
}
END_TEST

START_TEST(test_error_messages)
{
    const gs_expr *e;
    ck_assert_int_ne(compile_at("shared.business_license and", base, &e), 0);
    ck_assert_str_eq(diags->items[0].message,
                     "expected a condition after 'and'");
    ck_assert_int_ne(compile_at("shared.business_license)", base, &e), 0);
    ck_assert_str_eq(diags->items[1].message, "unexpected ')'");
    ck_assert_int_ne(compile_at("applicant.name == 'abc", base, &e), 0);
    ck_assert_str_eq(diags->items[2].message, "unterminated string");
    ck_assert_int_ne(compile_at("premises.aera > 1", base, &e), 0);
    ck_assert_str_eq(diags->items[3].message, "unknown fact 'premises.aera'");
    ck_assert_str_eq(diags->items[3].fact, "premises.aera");
    ck_assert_int_ne(compile_at("applicant.credit < 'C'", base, &e), 0);
    ck_assert_str_eq(diags->items[4].message, "enum facts compare only with == != in");
    ck_assert_int_ne(compile_at("applicant.age == 'x'", base, &e), 0);
    ck_assert_str_eq(diags->items[5].message,
                     "cannot compare 'applicant.age' (int) with 'x' (string)");
    ck_assert_int_ne(compile_at("applicant.credit in ['A' 'B']", base, &e), 0);
    ck_assert_str_eq(diags->items[6].message, "expected ',' or ']' in the list, found 'B'");
    ck_assert_int_ne(compile_at("applicant.region matches '(['", base, &e), 0);
    ck_assert_ptr_nonnull(strstr(diags->items[7].message, "does not compile: missing"));
}
END_TEST

/* Independent errors are all reported; an unknown fact does not also make
 * its comparison or its and/or operand an error. */
START_TEST(test_many_errors)
{
    const gs_expr *e;
    int rc = compile_at("premises.aera > 1 or applicant.credit < 'C' or\n"
                        "applicant.type == 'x' or (foo.bar and premises.area)",
                        base, &e);
    ck_assert_int_eq(rc, GS_REPORTED);
    ck_assert_uint_eq(diags->count, 5);
    static const char *codes[] = {"E031", "E032", "E033", "E031", "E035"};
    static const unsigned lines[] = {42, 42, 43, 43, 43};
    static const unsigned cols[] = {15, 53, 19, 27, 39};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(diags->items[i].code, codes[i]);
        ck_assert_ptr_nonnull(diags->items[i].hint);
        ck_assert_uint_eq(diags->items[i].line, lines[i]);
        ck_assert_uint_eq(diags->items[i].column, cols[i]);
    }
}
END_TEST

START_TEST(test_limits)
{
    const gs_expr *e;
    /* E036: too long. */
    size_t n = 5000;
    char *src = gs_arena_alloc(&arena, n + 1);
    memset(src, ' ', n);
    memcpy(src, "true", 4);
    src[n] = '\0';
    ck_assert_int_eq(compile_at(src, base, &e), GS_REPORTED);
    ck_assert_str_eq(diags->items[0].code, "E036");
    ck_assert_uint_eq(diags->items[0].line, 42);
    ck_assert_uint_eq(diags->items[0].column, 15);

    /* 64 levels of parentheses are fine, the 65th is E036 at that '('. */
    char deep[300];
    for (int levels = 64; levels <= 65; levels++) {
        size_t k = 0;
        for (int i = 0; i < levels; i++)
            deep[k++] = '(';
        memcpy(deep + k, "true", 4);
        k += 4;
        for (int i = 0; i < levels; i++)
            deep[k++] = ')';
        deep[k] = '\0';
        size_t before = diags->count;
        int rc = compile_at(deep, base, &e);
        if (levels == 64) {
            ck_assert_int_eq(rc, 0);
        } else {
            ck_assert_int_eq(rc, GS_REPORTED);
            ck_assert_uint_eq(diags->count, before + 1);
            ck_assert_str_eq(diags->items[before].code, "E036");
            ck_assert_uint_eq(diags->items[before].column, 15 + 64);
        }
    }
    /* `not` nests too. */
    char nots[400] = "";
    for (int i = 0; i < 70; i++)
        strcat(nots, "not ");
    strcat(nots, "true");
    size_t before = diags->count;
    ck_assert_int_eq(compile_at(nots, base, &e), GS_REPORTED);
    ck_assert_str_eq(diags->items[before].code, "E036");
    ck_assert_uint_eq(diags->items[before].column, 15 + 64 * 4);

    /* Smaller limits from the context. */
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = &arena;
    ctx.schema = &schema;
    ctx.diags = diags;
    ctx.base = base;
    ctx.max_bytes = 10;
    ctx.max_depth = 1;
    ck_assert_int_eq(gs_expr_compile(&ctx, "true", 4, &e), 0);
    ck_assert_int_eq(gs_expr_compile(&ctx, "true or  true", 13, &e), GS_REPORTED);
    ck_assert_int_eq(gs_expr_compile(&ctx, "(true)", 6, &e), 0);
    ck_assert_int_eq(gs_expr_compile(&ctx, "((true))", 8, &e), GS_REPORTED);
    ck_assert_int_eq(gs_expr_compile(NULL, "true", 4, &e), GOVSVC_EINVAL);
}
END_TEST

/* -- Kleene logic ---------------------------------------------------------- */

/* A = shared.business_license, B = applicant.age > 17: each true, false or
 * unknown by the facts set. */
static const char *tri_a[] = {"shared.business_license=true", "shared.business_license=false", ""};
static const char *tri_b[] = {"applicant.age=30", "applicant.age=10", ""};

START_TEST(test_kleene)
{
    /* Rows and columns in the order T, F, U. */
    static const gs_tri and_t[3][3] = {{GS_TRUE, GS_FALSE, GS_UNKNOWN},
                                       {GS_FALSE, GS_FALSE, GS_FALSE},
                                       {GS_UNKNOWN, GS_FALSE, GS_UNKNOWN}};
    static const gs_tri or_t[3][3] = {{GS_TRUE, GS_TRUE, GS_TRUE},
                                      {GS_TRUE, GS_FALSE, GS_UNKNOWN},
                                      {GS_TRUE, GS_UNKNOWN, GS_UNKNOWN}};
    static const gs_tri not_t[3] = {GS_FALSE, GS_TRUE, GS_UNKNOWN};
    const gs_expr *e_and = must_compile("shared.business_license and applicant.age > 17");
    const gs_expr *e_or = must_compile("shared.business_license or applicant.age > 17");
    const gs_expr *e_and2 = must_compile("applicant.age > 17 and shared.business_license");
    const gs_expr *e_or2 = must_compile("applicant.age > 17 or shared.business_license");
    const gs_expr *e_not = must_compile("not shared.business_license");
    const gs_expr *e_notb = must_compile("not applicant.age > 17");
    for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
            char spec[128];
            snprintf(spec, sizeof spec, "%s;%s", tri_a[a], tri_b[b]);
            assign(spec);
            ck_assert_msg(gs_expr_eval(e_and, &env) == and_t[a][b], "and %d %d: %s", a, b,
                          tri_name(gs_expr_eval(e_and, &env)));
            ck_assert_msg(gs_expr_eval(e_or, &env) == or_t[a][b], "or %d %d", a, b);
            ck_assert_msg(gs_expr_eval(e_and2, &env) == and_t[b][a], "and2 %d %d", a, b);
            ck_assert_msg(gs_expr_eval(e_or2, &env) == or_t[b][a], "or2 %d %d", a, b);
        }
        assign(tri_a[a]);
        ck_assert_int_eq(gs_expr_eval(e_not, &env), not_t[a]);
        assign(tri_b[a]);
        ck_assert_int_eq(gs_expr_eval(e_notb, &env), not_t[a]);
    }
}
END_TEST

/* -- comparisons per type ------------------------------------------------- */

static const struct {
    const char *src, *facts;
    gs_tri want;
} evals[] = {
    /* int */
    {"applicant.age == 30", "applicant.age=30", GS_TRUE},
    {"applicant.age != 30", "applicant.age=30", GS_FALSE},
    {"applicant.age < 31", "applicant.age=30", GS_TRUE},
    {"applicant.age <= 29", "applicant.age=30", GS_FALSE},
    {"applicant.age <= 30", "applicant.age=30", GS_TRUE},
    {"applicant.age > 30", "applicant.age=30", GS_FALSE},
    {"applicant.age >= 30", "applicant.age=30", GS_TRUE},
    {"applicant.age == 9007199254740992", "applicant.age=9007199254740993", GS_FALSE},
    {"applicant.age > -9223372036854775808", "applicant.age=0", GS_TRUE},
    /* int and number mixed, number */
    {"applicant.age < 30.5", "applicant.age=30", GS_TRUE},
    {"applicant.age == 30.0", "applicant.age=30", GS_TRUE},
    {"premises.area > 299", "premises.area=299.5", GS_TRUE},
    {"premises.area == 299.5", "premises.area=299.5", GS_TRUE},
    {"premises.area >= 300", "premises.area=299.5", GS_FALSE},
    {"premises.area <= applicant.age", "premises.area=29.5;applicant.age=30", GS_TRUE},
    {"premises.area < 0.1", "premises.area=0.1", GS_FALSE},
    {"premises.area > -1.5", "premises.area=-1", GS_TRUE},
    {"1 < 2", "", GS_TRUE},
    {"applicant.age in [1, 30.0]", "applicant.age=30", GS_TRUE},
    {"applicant.age not in [1, 2]", "applicant.age=30", GS_TRUE},
    /* dates */
    {"application.date == 2024-07-01", "application.date=2024-07-01", GS_TRUE},
    {"application.date != 2024-07-01", "application.date=2024-07-01", GS_FALSE},
    {"application.date < 2024-07-01", "application.date=2024-06-30", GS_TRUE},
    {"application.date <= 2024-06-29", "application.date=2024-06-30", GS_FALSE},
    {"application.date <= 2024-06-30", "application.date=2024-06-30", GS_TRUE},
    {"premises.area > 299.5", "premises.area=299.5", GS_FALSE},
    {"application.date > 2023-12-31", "application.date=2024-01-01", GS_TRUE},
    {"application.date >= 2024-01-02", "application.date=2024-01-01", GS_FALSE},
    {"application.date in [2024-01-01, 2024-10-01]", "application.date=2024-10-01", GS_TRUE},
    /* enums */
    {"applicant.type == 'person'", "applicant.type=person", GS_TRUE},
    {"applicant.type == 'person'", "applicant.type=enterprise", GS_FALSE},
    {"applicant.type != 'person'", "applicant.type=enterprise", GS_TRUE},
    {"'enterprise' == applicant.type", "applicant.type=enterprise", GS_TRUE},
    {"applicant.credit in ['A', 'B']", "", GS_TRUE}, /* default B */
    {"applicant.credit in ['A', 'B']", "applicant.credit=C", GS_FALSE},
    {"applicant.credit not in ['A', 'B']", "applicant.credit=C", GS_TRUE},
    {"applicant.credit == guarantor.credit", "guarantor.credit=B", GS_TRUE},
    {"applicant.credit != guarantor.credit", "guarantor.credit=D", GS_TRUE},
    /* strings */
    {"applicant.name == 'Li'", "applicant.name=Li", GS_TRUE},
    {"applicant.name == 'Li'", "applicant.name=Lin", GS_FALSE},
    {"applicant.name != 'Li'", "applicant.name=Lin", GS_TRUE},
    {"applicant.name in ['Wang', 'Lin']", "applicant.name=Lin", GS_TRUE},
    {"applicant.name == applicant.region", "applicant.name=1;applicant.region=1", GS_TRUE},
    {"applicant.name == 'it\\'s'", "applicant.name=it's", GS_TRUE},
    /* matches */
    {"applicant.region matches '^23[0-9]{4}$'", "applicant.region=230100", GS_TRUE},
    {"applicant.region matches '^23\\d{4}$'", "applicant.region=110000", GS_FALSE},
    {"applicant.name matches '^申'", "applicant.name=申请人", GS_TRUE},
    /* bool */
    {"shared.business_license == true", "shared.business_license=true", GS_TRUE},
    {"applicant.false_commitment != false", "", GS_FALSE}, /* default false */
    {"shared.business_license in [false]", "shared.business_license=false", GS_TRUE},
    {"(applicant.age > 3) == shared.business_license",
     "applicant.age=5;shared.business_license=true", GS_TRUE},
    {"true", "", GS_TRUE},
    {"false or not true", "", GS_FALSE},
    /* known() */
    {"known(applicant.age)", "", GS_FALSE},
    {"known(applicant.age)", "applicant.age=0", GS_TRUE},
    {"known(applicant.credit)", "", GS_TRUE},
    {"not known(premises.area) or premises.area > 1", "", GS_TRUE},
    /* unknown operands */
    {"applicant.age > 3", "", GS_UNKNOWN},
    {"3 < applicant.age", "", GS_UNKNOWN},
    {"applicant.type in ['person']", "", GS_UNKNOWN},
    {"applicant.type not in ['person']", "", GS_UNKNOWN},
    {"applicant.region matches '^2'", "", GS_UNKNOWN},
    {"applicant.credit == guarantor.credit", "", GS_UNKNOWN},
    {"(applicant.age > 3) == true", "", GS_UNKNOWN},
    {"shared.business_license", "", GS_UNKNOWN},
    /* defaults */
    {"not applicant.false_commitment and applicant.credit != 'D'", "", GS_TRUE},
    {"not applicant.false_commitment and applicant.credit != 'D'", "applicant.credit=D",
     GS_FALSE},
    {"not applicant.false_commitment", "applicant.false_commitment=true", GS_FALSE},
};

START_TEST(test_eval)
{
    const gs_expr *e = must_compile(evals[_i].src);
    assign(evals[_i].facts);
    gs_tri got = gs_expr_eval(e, &env);
    ck_assert_msg(got == evals[_i].want, "'%s' with %s: %s, expected %s", evals[_i].src,
                  evals[_i].facts, tri_name(got), tri_name(evals[_i].want));
}
END_TEST

/* -- residuals ------------------------------------------------------------- */

#define X "shared.business_license"
#define Y "applicant.age > 17"
#define Z "premises.area > 100"
#define W "applicant.type == 'person'"

static const struct {
    const char *src, *facts;
    const char *want; /* NULL: the condition is not unknown */
} residuals[] = {
    {"applicant.type != 'person' and premises.area >= 300", "applicant.type=enterprise",
     "premises.area >= 300"},
    {"applicant.type != 'person' and premises.area >= 300", "applicant.type=person", NULL},
    {"applicant.type != 'person' and premises.area >= 300",
     "applicant.type=enterprise;premises.area=300", NULL},
    {X " or " Y, "applicant.age=3", X},
    {"(" X " or " Y ") and " Z, "applicant.age=3;premises.area=200", X},
    {"not (" X " and " Y ")", "applicant.age=30", "not " X},
    {"not (" X " and " Y ")", "", "not (" X " and " Y ")"},
    {X " and (" Y " or (" Z " and " W "))", "applicant.age=3;premises.area=200", X " and " W},
    {X " and (" Y " or (" Z " and " W "))", "applicant.age=3", X " and " Z " and " W},
    {"not (" X " or " Y ") and " Z, "applicant.age=3;premises.area=200", "not " X},
    {X " or " Y, "", X " or " Y},
    {"known(applicant.age) or applicant.credit == 'A'", "", NULL},
    {"not not " X, "", "not not " X},
    {"(" X " or " Y ") and (" Z " or " W ")", "applicant.age=3;premises.area=200", X},
    {"(" X " or " Y " or " Z ") and " W, "applicant.age=3;applicant.type=person", X " or " Z},
    {"not applicant.false_commitment and applicant.credit != 'D' and " X, "",
     X},
};

START_TEST(test_residual)
{
    const gs_expr *e = must_compile(residuals[_i].src);
    assign(residuals[_i].facts);
    const gs_expr *r = (const gs_expr *)1;
    ck_assert_int_eq(gs_expr_residual(e, &env, &arena, &r), 0);
    if (!residuals[_i].want) {
        ck_assert_ptr_null(r);
        return;
    }
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(printed(r), residuals[_i].want);
    /* The residual is still unknown, and prints as something that parses. */
    ck_assert_int_eq(gs_expr_eval(r, &env), GS_UNKNOWN);
    must_compile(printed(r));
}
END_TEST

/* -- facts read ------------------------------------------------------------ */

typedef struct slots {
    uint32_t v[16];
    size_t n;
} slots;

static void collect(uint32_t slot, void *ud)
{
    slots *s = ud;
    ck_assert_uint_lt(s->n, 16);
    s->v[s->n++] = slot;
}

static const char *slot_list(const slots *s)
{
    char buf[128] = "";
    for (size_t i = 0; i < s->n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%u", i ? "," : "", s->v[i]);
    return gs_arena_strdup(&arena, buf);
}

static const struct {
    const char *src, *facts;
    const char *all, *unknown; /* slot lists, e.g. "4,3,1" */
} fact_rows[] = {
    {"premises.area > 1 and (applicant.age > 3 or premises.area < 9) and known(applicant.credit)",
     "", "4,3,1", "4,3"},
    {"premises.area > 1 and (applicant.age > 3 or premises.area < 9) and known(applicant.credit)",
     "premises.area=0.5", "4,3,1", ""},
    {"premises.area > 1 and (applicant.age > 3 or premises.area < 9) and known(applicant.credit)",
     "premises.area=50", "4,3,1", "3"},
    {X " and " Y, "shared.business_license=false", "7,3", ""},
    {X " and " Y, "shared.business_license=true", "7,3", "3"},
    {X " and " Y, "", "7,3", "7,3"},
    {X " or " Y, "shared.business_license=true", "7,3", ""},
    {"applicant.age > 1 and applicant.age < 5 or premises.area > 0 and applicant.age == 3", "",
     "3,4", "3,4"},
    {"applicant.age > premises.area", "applicant.age=3", "3,4", "4"},
    {"applicant.credit == guarantor.credit and not " X, "", "1,8,7", "8,7"},
    {"applicant.region matches '^2' or applicant.type in ['person']", "applicant.region=1",
     "5,0", "0"},
    {"true", "", "", ""},
};

START_TEST(test_facts)
{
    const gs_expr *e = must_compile(fact_rows[_i].src);
    assign(fact_rows[_i].facts);
    slots all = {{0}, 0}, unk = {{0}, 0};
    gs_expr_facts(e, collect, &all);
    gs_expr_unknown_facts(e, &env, collect, &unk);
    ck_assert_str_eq(slot_list(&all), fact_rows[_i].all);
    ck_assert_str_eq(slot_list(&unk), fact_rows[_i].unknown);
}
END_TEST

/* -- out of memory ---------------------------------------------------------- */

static long fail_after; /* allocations left before failing; <0: never fail */

static void *oom_malloc(size_t size, void *ud)
{
    (void)ud;
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    return malloc(size);
}

static void *oom_realloc(void *p, size_t size, void *ud)
{
    (void)ud;
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    return realloc(p, size);
}

static void oom_free(void *p, void *ud)
{
    (void)ud;
    free(p);
}

/* Every allocation failure ends in GOVSVC_ENOMEM (never a crash or a
 * leak), and with enough memory the same input compiles. */
START_TEST(test_oom)
{
    static const char *srcs[] = {
        "applicant.type != 'person' and (premises.area >= 300 or applicant.credit in ['A', 'B'])"
        " and applicant.region matches '^23'",
        "premises.aera > 1 or applicant.type == 'robot'",
    };
    for (size_t s = 0; s < GS_ARRAY_LEN(srcs); s++) {
        int done = 0;
        for (long n = 0; n < 10000 && !done; n++) {
            gs_arena a;
            gs_arena_init(&a);
            gs_patterns ps = {.head = NULL}; /* later fields zero: defaults */
            govsvc_diag_list *dl = gs_diag_list_new();
            ck_assert_ptr_nonnull(dl);
            gs_expr_ctx ctx;
            memset(&ctx, 0, sizeof ctx);
            ctx.arena = &a;
            ctx.schema = &schema;
            ctx.patterns = &ps;
            ctx.diags = dl;
            ctx.base = base;
            const gs_expr *e;
            fail_after = n;
            govsvc_set_allocator(oom_malloc, oom_realloc, oom_free, NULL);
            int rc = gs_expr_compile(&ctx, srcs[s], strlen(srcs[s]), &e);
            govsvc_set_allocator(NULL, NULL, NULL, NULL);
            if (rc != GOVSVC_ENOMEM) {
                ck_assert_int_eq(rc, s == 0 ? 0 : GS_REPORTED);
                if (s == 1)
                    ck_assert_uint_eq(dl->count, 2);
                done = 1;
            }
            gs_patterns_free(&ps);
            gs_arena_free(&a);
            govsvc_diag_list_free(dl);
        }
        ck_assert_msg(done, "never compiled");
    }
}
END_TEST

static Suite *expr_suite(void)
{
    Suite *s = suite_create("expr");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_round_trip, 0, (int)GS_ARRAY_LEN(round_trips));
    tcase_add_test(tc, test_print_null);
    tcase_add_loop_test(tc, test_errors, 0, (int)GS_ARRAY_LEN(errors));
    tcase_add_test(tc, test_error_messages);
    tcase_add_test(tc, test_many_errors);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_oom);
    suite_add_tcase(s, tc);

    tc = tcase_create("eval");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_kleene);
    tcase_add_loop_test(tc, test_eval, 0, (int)GS_ARRAY_LEN(evals));
    tcase_add_loop_test(tc, test_residual, 0, (int)GS_ARRAY_LEN(residuals));
    tcase_add_loop_test(tc, test_facts, 0, (int)GS_ARRAY_LEN(fact_rows));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(expr_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
