/*
 * test_limits.c - every load limit is enforced: one test per limit that
 * exceeds it and checks the error (code, position, status), plus the
 * bounds that are not options (calendar span, diagnostics per list, the
 * facts file) and hostile shapes that used to cost quadratic time.
 *
 * The hostile shapes are not timed: the library counts the steps of the
 * loops whose cost grows with the input (gs_work_steps: hash probes, edit
 * distances, calendar days, condition walks), and each shape is loaded at
 * two sizes to assert the count grows linearly. Their speed at full size
 * is measured by bench-hostile (bench/hostile.h), which shares these
 * inputs.
 *
 * Rulebooks are written into a fresh temporary directory per test.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../bench/hostile.h"
#include "diag.h"
#include "govsvc.h"
#include "pattern.h"
#include "table.h"
#include "yaml_read.h"

/* Three lines every case starts with: format, identity, a small calendar. */
#define HEAD                                                                                  \
    "govsvc: 1\n"                                                                             \
    "rulebook: {id: t, version: \"1\", effective: 2026-01-01}\n"                              \
    "calendar: {id: t, covers: {from: 2026-01-01, to: 2026-12-31}}\n"

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/govsvc-limits-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *path_of(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_file(const char *name, const char *text, size_t len)
{
    FILE *f = fopen(path_of(name), "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

static void write_text(const char *name, const char *text)
{
    write_file(name, text, strlen(text));
}

/* Generated inputs are built in the library's gs_buf, asserted to have
 * had memory for everything. */
static const char *text_of(const gs_buf *b)
{
    ck_assert(!b->oom && b->data);
    return b->data;
}

/* Loads `name` with opts; asserts the status and returns the diagnostics. */
static govsvc_diag_list *load_expect(const char *name, const govsvc_load_options *o, int status)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, path_of(name), o, &d);
    if (r != status) {
        for (size_t i = 0; i < govsvc_diag_list_count(d) && i < 5; i++) {
            char *s = govsvc_diag_format(govsvc_diag_list_get(d, i));
            fprintf(stderr, "  %s\n", s);
            govsvc_free(s);
        }
    }
    ck_assert_msg(r == status, "%s: status %d (%s), expected %d", name, r, govsvc_strerror(r),
                  status);
    if (r == 0)
        govsvc_rulebook_unref(rb);
    else
        ck_assert_ptr_null(rb);
    return d;
}

/* Asserts that diagnostic i has this code, file (suffix) and position. */
static void expect_diag(const govsvc_diag_list *d, size_t i, const char *code, const char *file,
                        unsigned line, unsigned col)
{
    const govsvc_diag *g = govsvc_diag_list_get(d, i);
    ck_assert_msg(g != NULL, "no diagnostic %zu (count %zu)", i, govsvc_diag_list_count(d));
    ck_assert_str_eq(g->code, code);
    ck_assert_ptr_nonnull(g->hint);
    if (file) {
        size_t a = strlen(g->file), b = strlen(file);
        ck_assert_msg(a >= b && strcmp(g->file + a - b, file) == 0, "in %s, expected %s", g->file,
                      file);
    }
    ck_assert_msg(g->line == line && g->column == col, "%s at %u:%u, expected %u:%u (%s)", code,
                  g->line, g->column, line, col, g->message);
}

static size_t count_code(const govsvc_diag_list *d, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++)
        n += strcmp(govsvc_diag_list_get(d, i)->code, code) == 0;
    return n;
}

/* Asserts that work grows linearly: steps[0] was taken at size n and
 * steps[1] at 2n. Linear work doubles (a quadratic loop would make it four
 * times); `fixed` is what does not grow with n (a calendar's days, the
 * budget of did-you-mean comparisons), `per` a bound on steps per unit. */
static void expect_linear(const char *what, const uint64_t steps[2], uint64_t n, uint64_t per,
                          uint64_t fixed)
{
    fprintf(stderr, "%s: %llu work steps at n = %llu, %llu at 2n\n", what,
            (unsigned long long)steps[0], (unsigned long long)n, (unsigned long long)steps[1]);
    ck_assert_msg(steps[1] <= steps[0] * 5 / 2 + fixed,
                  "%s: %llu steps at n = %llu but %llu at 2n: not linear", what,
                  (unsigned long long)steps[0], (unsigned long long)n,
                  (unsigned long long)steps[1]);
    ck_assert_msg(steps[1] <= per * 2 * n + fixed, "%s: %llu steps at 2n = %llu, over %llu", what,
                  (unsigned long long)steps[1], (unsigned long long)(2 * n),
                  (unsigned long long)(per * 2 * n + fixed));
}

/* -- file limits ---------------------------------------------------------- */

START_TEST(file_bytes)
{
    make_dir();
    write_text("rb.yaml", HEAD "# padding to go past the limit\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_file_bytes = 64;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", NULL, 0, 0);
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "limit of 64 bytes"));
    govsvc_diag_list_free(d);
    o.max_file_bytes = 4096; /* the same file under a limit it fits */
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    remove_dir();
}
END_TEST

START_TEST(total_bytes)
{
    make_dir();
    write_text("rb.yaml", HEAD "include: [a.yaml, b.yaml]\n");
    write_text("a.yaml", "govsvc: 1\n# about one hundred bytes of comment, to fill the total up\n");
    write_text("b.yaml", "govsvc: 1\n# about one hundred bytes of comment, to fill the total up\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_total_bytes = 250; /* top (~160) + a (~75) fit, b does not */
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 4, 19); /* at the include that overflows */
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "for all files"));
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

START_TEST(file_count)
{
    make_dir();
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, HEAD "include:\n");
    for (int i = 0; i < 40; i++) {
        char name[32], text[] = "govsvc: 1\n";
        snprintf(name, sizeof name, "f%d.yaml", i);
        write_text(name, text);
        gs_buf_printf(&b, "  - %s\n", name);
    }
    write_text("rb.yaml", text_of(&b));
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_files = 3; /* the top file and two includes */
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    /* One E013 at the third include, not one per include after it. */
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 7, 5);
    govsvc_diag_list_free(d);
    o.max_files = 41;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    gs_buf_free(&b);
    remove_dir();
}
END_TEST

/* -- YAML limits ---------------------------------------------------------- */

START_TEST(nesting_depth)
{
    make_dir();
    write_text("rb.yaml", HEAD "x: [[[[[[[[[[1]]]]]]]]]]\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_depth = 6; /* the top mapping and five lists fit */
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 4, 9); /* the sixth list, 7th level */
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

/* A caller asking for more depth than the parsers' stacks allow gets 1000:
 * 1500 levels are refused, not followed into a stack overflow. */
START_TEST(nesting_depth_clamped)
{
    make_dir();
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, HEAD "x: ");
    for (int i = 0; i < 1500; i++)
        gs_buf_printf(&b, "[");
    for (int i = 0; i < 1500; i++)
        gs_buf_printf(&b, "]");
    gs_buf_printf(&b, "\n");
    write_text("rb.yaml", text_of(&b));
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_depth = 1000000;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(count_code(d, "E013"), 1);
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "1000 levels"));
    govsvc_diag_list_free(d);
    gs_buf_free(&b);
    remove_dir();
}
END_TEST

START_TEST(alias_count)
{
    make_dir();
    write_text("rb.yaml", HEAD "x: &a [1]\ny: [*a, *a, *a]\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_aliases = 2;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 5, 13); /* the third alias */
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

/* Billion laughs: nine levels of ten aliases each describe 10^9 nodes in a
 * few hundred bytes. The node count after expansion stops it at once. */
START_TEST(alias_expansion)
{
    make_dir();
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, HEAD "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
        gs_buf_printf(&b, "a%d: &a%d [", i, i);
        for (int k = 0; k < 10; k++)
            gs_buf_printf(&b, "%s*a%d", k ? ", " : "", i - 1);
        gs_buf_printf(&b, "]\n");
    }
    write_text("rb.yaml", text_of(&b));
    /* 10^9 nodes if expanded; the default bound of 8M stops it. */
    govsvc_diag_list *d = load_expect("rb.yaml", NULL, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(count_code(d, "E013"), 1);
    ck_assert_ptr_nonnull(
        strstr(govsvc_diag_list_get(d, 0)->message, "expands to more than 8388608 nodes"));
    govsvc_diag_list_free(d);
    /* A small explicit bound trips on a plain list too. */
    write_text("rb.yaml", HEAD "x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_nodes = 12;
    d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(count_code(d, "E013"), 1);
    govsvc_diag_list_free(d);
    gs_buf_free(&b);
    remove_dir();
}
END_TEST

START_TEST(scalar_bytes)
{
    make_dir();
    write_text("rb.yaml", HEAD "x: \"0123456789012345678901234567890123456789\"\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_scalar_bytes = 32;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 4, 4);
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

/* -- table limits ---------------------------------------------------------- */

static void write_catalogue(int nmat, int nitems)
{
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, HEAD "materials:\n");
    for (int i = 0; i < nmat; i++)
        gs_buf_printf(&b, "  m%d: {name: 材料%d}\n", i, i);
    gs_buf_printf(&b, "items:\n");
    for (int i = 0; i < nitems; i++)
        gs_buf_printf(&b, "  - {code: I-%d, name: 事项%d, type: license, materials: [{ref: m0}]}\n", i,
                  i);
    write_text("rb.yaml", text_of(&b));
    gs_buf_free(&b);
}

START_TEST(item_count)
{
    make_dir();
    write_catalogue(1, 3);
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_items = 2;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 9, 5); /* the third item */
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "more than 2 items"));
    govsvc_diag_list_free(d);
    o.max_items = 3;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    /* A caller built against the version-1 header has no max_items: the
     * library must not read past the fields version 1 has, so whatever
     * lies there is ignored and the default applies. */
    o.version = 1;
    o.max_items = 2;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    o.max_file_bytes = 10; /* version-1 fields still apply */
    d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E013");
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

START_TEST(material_count)
{
    make_dir();
    write_catalogue(3, 1);
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_materials = 2;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ELIMIT);
    /* One error: the items' references are not then reported as unknown. */
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E013", "rb.yaml", 7, 3); /* the third material */
    govsvc_diag_list_free(d);
    o.max_materials = 3;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    remove_dir();
}
END_TEST

/* -- condition limits ------------------------------------------------------ */

START_TEST(expression_bytes)
{
    make_dir();
    write_text("rb.yaml",
               HEAD "facts: {a: {type: int}}\n"
                    "policy: {deferral_eligible: \"a > 1 or a > 2 or a > 3 or a > 4\"}\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_expr_bytes = 20;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E036", "rb.yaml", 5, 30);
    govsvc_diag_list_free(d);
    o.max_expr_bytes = 64;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    remove_dir();
}
END_TEST

START_TEST(expression_depth)
{
    make_dir();
    write_text("rb.yaml", HEAD "facts: {a: {type: int}}\n"
                               "policy: {deferral_eligible: \"((((((a > 1))))))\"}\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_expr_depth = 4;
    govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E036", "rb.yaml", 5, 34); /* the fifth '(' */
    govsvc_diag_list_free(d);
    o.max_expr_depth = 6;
    govsvc_diag_list_free(load_expect("rb.yaml", &o, 0));
    remove_dir();
}
END_TEST

/* 3000 nested 'not' (and then '(') under a caller's depth of a million: the
 * parser's stack is bounded at 1000 levels whatever the options say. */
START_TEST(expression_depth_clamped)
{
    make_dir();
    for (int paren = 0; paren < 2; paren++) {
        gs_buf b;
        gs_buf_init(&b);
        gs_buf_printf(&b, HEAD "facts: {a: {type: bool}}\npolicy: {deferral_eligible: \"");
        for (int i = 0; i < 3000; i++)
            gs_buf_printf(&b, paren ? "(" : "not ");
        gs_buf_printf(&b, "a");
        for (int i = 0; paren && i < 3000; i++)
            gs_buf_printf(&b, ")");
        gs_buf_printf(&b, "\"}\n");
        write_text("rb.yaml", text_of(&b));
        gs_buf_free(&b);
        govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
        o.max_expr_depth = 1000000;
        o.max_expr_bytes = 1000000;
        govsvc_diag_list *d = load_expect("rb.yaml", &o, GOVSVC_ERULEBOOK);
        ck_assert_uint_eq(count_code(d, "E036"), 1);
        ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "1000 levels"));
        govsvc_diag_list_free(d);
    }
    remove_dir();
}
END_TEST

/* -- pattern limits ---------------------------------------------------------- */

/* '^(a+)+$' against "aaa...a!" backtracks 2^n ways: the match limit ends
 * it, and the value is refused with E253 ("could not be checked"), never
 * accepted as matching. Run with the interpreter and with JIT (when
 * pcre2 has it): both honour the match limit. */
START_TEST(pattern_match_limit)
{
    make_dir();
    write_text("rb.yaml", HEAD "facts: {s: {type: string, pattern: '^(a+)+$'}}\n");
    const char *evil = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    for (int limit = 0; limit < 2; limit++) {
        govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
        o.pattern_match_limit = limit ? 5000 : 0; /* 0: the default, 100000 */
        govsvc_rulebook *rb = NULL;
        ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), &o, NULL), 0);
        govsvc_facts *f = NULL;
        ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
        /* E253: pcre2 stopped at the match limit (the pattern needs 2^48
         * steps on this subject). */
        ck_assert_int_eq(govsvc_facts_set_string(f, "s", evil), GOVSVC_EFACT);
        ck_assert_str_eq(govsvc_facts_last_error(f)->code, "E253");
        ck_assert_int_eq(govsvc_facts_set_string(f, "s", "aaaa"), 0); /* a real match */
        ck_assert_int_eq(govsvc_facts_set_string(f, "s", "aab"), GOVSVC_EFACT);
        ck_assert_str_eq(govsvc_facts_last_error(f)->code, "E064");
        govsvc_facts_free(f);
        govsvc_rulebook_unref(rb);
    }
    remove_dir();
}
END_TEST

/* The depth and heap limits bound pcre2's interpreter (its backtracking
 * frames live on the heap); JIT code ignores them and runs on its own
 * bounded stack. Tested on the interpreter directly, then the options are
 * checked to reach every compiled pattern. */
START_TEST(pattern_depth_and_heap_limits)
{
    gs_arena a;
    gs_arena_init(&a);
    char subject[20001];
    for (int i = 0; i < 20000; i++)
        subject[i] = i % 2 ? 'a' : 'b';
    subject[20000] = '\0';
    char msg[128];
    size_t off;
    for (int which = 0; which < 3; which++) {
        gs_patterns ps = {.head = NULL};
        ps.no_jit = 1;
        ps.match_limit = 100000000;
        if (which == 1)
            ps.depth_limit = 100;
        if (which == 2)
            ps.heap_limit = 100; /* KiB: small subjects fit, 20000 frames do not */
        if (which == 0) {
            ps.depth_limit = 100000;
            ps.heap_limit = 200000;
        }
        gs_pattern *p;
        ck_assert_int_eq(gs_pattern_compile(&ps, &a, "^(?:(a)|b)*$", 12, &p, msg, sizeof msg, &off),
                         0);
        ck_assert_int_eq(p->jit, 0);
        /* which 0: generous limits, a match; 1, 2: the limit stops it. */
        ck_assert_int_eq(gs_pattern_match(p, subject, 20000), which == 0 ? 1 : -1);
        ck_assert_int_eq(gs_pattern_match(p, "abab", 4), 1); /* small subjects still match */
        gs_patterns_free(&ps);
    }
    gs_arena_free(&a);

    make_dir();
    write_text("rb.yaml", HEAD "facts: {s: {type: string, pattern: '^x'}, t: {type: string}}\n"
                               "policy: {deferral_eligible: \"t matches 'y'\"}\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.pattern_match_limit = 1234;
    o.pattern_depth_limit = 56;
    o.pattern_heap_limit = 78;
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), &o, NULL), 0);
    int n = 0;
    for (const gs_pattern *p = rb->patterns.head; p; p = p->next, n++) {
        ck_assert_uint_eq(p->match_limit, 1234);
        ck_assert_uint_eq(p->depth_limit, 56);
        ck_assert_uint_eq(p->heap_limit, 78);
    }
    ck_assert_int_eq(n, 2);
    govsvc_rulebook_unref(rb);
    /* Defaults when the options leave them 0. */
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL), 0);
    ck_assert_uint_eq(rb->patterns.head->match_limit, 100000);
    ck_assert_uint_eq(rb->patterns.head->depth_limit, 1000);
    ck_assert_uint_eq(rb->patterns.head->heap_limit, 8192);
    govsvc_rulebook_unref(rb);
    remove_dir();
}
END_TEST

/* A condition whose `matches` hits the limit is unknown, never a guess:
 * the material is conditional. */
START_TEST(pattern_limit_in_condition)
{
    make_dir();
    write_text("rb.yaml", HEAD "facts: {s: {type: string}}\n"
                               "materials: {m: {name: 材料}}\n"
                               "items:\n"
                               "  - code: I\n"
                               "    name: 事项\n"
                               "    type: license\n"
                               "    materials: [{ref: m, when: \"s matches '^(a+)+$'\"}]\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.pattern_match_limit = 5000;
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), &o, NULL), 0);
    govsvc_facts *f = NULL;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    ck_assert_int_eq(govsvc_facts_set_string(f, "s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), 0);
    govsvc_query_options q = GOVSVC_QUERY_OPTIONS_INIT;
    ck_assert_int_eq(govsvc_date_parse(&q.date, "2026-03-02"), 0);
    govsvc_answer *ans = NULL;
    ck_assert_int_eq(govsvc_query_item(&ans, rb, "I", f, &q, NULL), 0);
    ck_assert_uint_eq(govsvc_answer_material_count(ans), 1);
    ck_assert_int_eq(govsvc_answer_material_status(ans, 0), GOVSVC_STATUS_CONDITIONAL);
    govsvc_answer_free(ans);
    govsvc_facts_set_string(f, "s", "aaa");
    ck_assert_int_eq(govsvc_query_item(&ans, rb, "I", f, &q, NULL), 0);
    ck_assert_int_eq(govsvc_answer_material_status(ans, 0), GOVSVC_STATUS_REQUIRED);
    govsvc_answer_free(ans);
    govsvc_facts_free(f);
    govsvc_rulebook_unref(rb);
    remove_dir();
}
END_TEST

/* -- bounds that are not options ----------------------------------------------- */

START_TEST(calendar_span)
{
    make_dir();
    write_text("rb.yaml", "govsvc: 1\n"
                          "rulebook: {id: t, version: \"1\", effective: 2026-01-01}\n"
                          "calendar: {id: t, covers: {from: 1900-01-01, to: 2200-12-31}}\n");
    govsvc_diag_list *d = load_expect("rb.yaml", NULL, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    expect_diag(d, 0, "E050", "rb.yaml", 3, 27); /* at covers */
    govsvc_diag_list_free(d);
    /* 200 years are fine, and a calendar file with thousands of long
     * holiday ranges builds in steps linear in days + ranges (marking each
     * range day by day cost ranges x days). */
    uint64_t steps[2];
    for (int k = 0; k < 2; k++) {
        char *text = hostile_calendar(2000 << k);
        ck_assert_ptr_nonnull(text);
        write_text("cal.yaml", text);
        free(text);
        govsvc_calendar *cal = NULL;
        uint64_t before = gs_work_steps;
        ck_assert_int_eq(govsvc_calendar_load(&cal, path_of("cal.yaml"), NULL, NULL), 0);
        steps[k] = gs_work_steps - before;
        govsvc_date day = {1950, 6, 1}, out;
        ck_assert_int_eq(govsvc_calendar_is_working_day(cal, day), 0);
        ck_assert_int_eq(govsvc_calendar_add(cal, day, "1 working day", &out), GOVSVC_ERANGE);
        govsvc_calendar_free(cal);
    }
    const uint64_t days = 72683; /* 1901-01-01 .. 2099-12-31 */
    expect_linear("calendar", steps, 2000, 100, days);
    remove_dir();
}
END_TEST

/* One error per line for 5000 lines: the list keeps 1000 and ends with one
 * E252 saying where reporting stopped; the load still fails. */
START_TEST(too_many_diagnostics)
{
    make_dir();
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b, HEAD);
    for (int i = 0; i < 5000; i++)
        gs_buf_printf(&b, "unknown_%d: 1\n", i);
    write_text("rb.yaml", text_of(&b));
    gs_buf_free(&b);
    govsvc_diag_list *d = load_expect("rb.yaml", NULL, GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1001);
    ck_assert_uint_eq(count_code(d, "E252"), 1);
    ck_assert_uint_eq(count_code(d, "E005"), 1000);
    expect_diag(d, 1000, "E252", "rb.yaml", 1004, 1); /* the first one dropped */
    govsvc_diag_list_free(d);
    remove_dir();
}
END_TEST

START_TEST(facts_file_limits)
{
    make_dir();
    write_text("rb.yaml", HEAD "facts: {a: {type: int}, s: {type: string}}\n");
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL), 0);
    govsvc_facts *f = NULL;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    struct {
        const char *text;
        int status;
        const char *code;
        unsigned line, col;
    } cases[] = {
        {"a: &x 1\ns: *x\n", GOVSVC_EFACT, "E013", 2, 4},         /* no aliases at all */
        {"a: [[[[[[[[[1]]]]]]]]]\n", GOVSVC_EFACT, "E013", 1, 11}, /* depth 8 */
        {NULL, GOVSVC_ELIMIT, "E013", 0, 0},                      /* over 1 MiB */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].text) {
            write_text("facts.yaml", cases[i].text);
        } else {
            size_t n = ((size_t)1 << 20) + 10;
            char *big = malloc(n);
            ck_assert_ptr_nonnull(big);
            memset(big, '#', n);
            write_file("facts.yaml", big, n);
            free(big);
        }
        govsvc_diag_list *d = NULL;
        ck_assert_int_eq(govsvc_facts_set_from_file(f, path_of("facts.yaml"), &d),
                         cases[i].status);
        expect_diag(d, 0, cases[i].code, cases[i].text ? "facts.yaml" : NULL, cases[i].line,
                    cases[i].col);
        govsvc_diag_list_free(d);
    }
    govsvc_facts_free(f);
    govsvc_rulebook_unref(rb);
    remove_dir();
}
END_TEST

/* -- hostile shapes: linear, not quadratic --------------------------------------- */


/* Each shape used to cost n^2 steps (about 10^10 at these sizes, minutes);
 * now each loads in well under a second. */
START_TEST(hostile_shapes)
{
    make_dir();
    write_text(HOSTILE_SAME_INCLUDE_FILE, HOSTILE_SAME_INCLUDE_TEXT);
    const int n = 5000;
    for (int shape = 0; shape < HOSTILE_NSHAPES; shape++) {
        uint64_t steps[2];
        for (int k = 0; k < 2; k++) {
            char *text = hostile_rulebook(shape, n << k);
            ck_assert_ptr_nonnull(text);
            write_text("rb.yaml", text);
            free(text);
            uint64_t before = gs_work_steps;
            govsvc_diag_list *d =
                load_expect("rb.yaml", NULL, shape == HOSTILE_BIG_ENUM ? 0 : GOVSVC_ERULEBOOK);
            steps[k] = gs_work_steps - before;
            if (shape != HOSTILE_BIG_ENUM)
                ck_assert_uint_eq(govsvc_diag_list_count(d), 1001); /* capped */
            govsvc_diag_list_free(d);
        }
        /* Misspelt names each search every name for a hint, within a
         * budget of GS_DYM_BUDGET comparisons per load. */
        expect_linear(hostile_shape_names[shape], steps, n, 100, GS_DYM_BUDGET);
    }
    /* A facts file of many unknown names against a rulebook of many facts
     * (each name searched all the facts: 40000 against 30000 ran for more
     * than five minutes). */
    uint64_t steps[2];
    for (int k = 0; k < 2; k++) {
        char *rbt = hostile_facts_rulebook(n << k), *ft = hostile_facts_file(n << k);
        ck_assert_ptr_nonnull(rbt);
        ck_assert_ptr_nonnull(ft);
        write_text("rb.yaml", rbt);
        write_text("facts.yaml", ft);
        free(rbt);
        free(ft);
        govsvc_rulebook *rb = NULL;
        ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL), 0);
        govsvc_facts *f = NULL;
        ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
        govsvc_diag_list *d = NULL;
        uint64_t before = gs_work_steps;
        ck_assert_int_eq(govsvc_facts_set_from_file(f, path_of("facts.yaml"), &d), GOVSVC_EFACT);
        steps[k] = gs_work_steps - before;
        ck_assert_uint_eq(govsvc_diag_list_count(d), 1001);
        govsvc_diag_list_free(d);
        govsvc_facts_free(f);
        govsvc_rulebook_unref(rb);
    }
    expect_linear("facts file", steps, n, 100, GS_DYM_BUDGET);
    remove_dir();
}
END_TEST

/* Aliases are resolved by a hash of the anchors (each alias scanned them
 * all: two million anchors and a thousand aliases took eleven seconds), and
 * an anchor defined again replaces the earlier one, as YAML says. */
START_TEST(anchors_by_name)
{
    const int n = 20000;
    uint64_t steps[2];
    for (int k = 0; k < 2; k++) {
        int m = n << k;
        char *text = hostile_anchors(m);
        ck_assert_ptr_nonnull(text);
        gs_arena a;
        gs_arena_init(&a);
        govsvc_diag_list *d = gs_diag_list_new();
        gs_yaml_limits lim = {64, 1000, (size_t)8 << 20, 1 << 20};
        gs_ynode *root = NULL;
        uint64_t before = gs_work_steps;
        ck_assert_int_eq(gs_yaml_read(&a, "anchors.yaml", text, strlen(text), &lim, d, &root), 0);
        steps[k] = gs_work_steps - before;
        const gs_ynode *y = gs_ymap_get(root, "y");
        ck_assert_ptr_nonnull(y);
        ck_assert_uint_eq(y->n, 1000);
        char want[16];
        snprintf(want, sizeof want, "%d", m - 1);
        ck_assert_str_eq(y->kids[0]->str, want);
        ck_assert_str_eq(y->kids[999]->str, "redefined"); /* the latest &a0 */
        govsvc_diag_list_free(d);
        gs_arena_free(&a);
        free(text);
    }
    expect_linear("anchors", steps, n, 20, 10000);
}
END_TEST

/* One item whose conditions hold 400 catastrophic `matches` (each up to
 * the match limit, about a millisecond), and lines of 450 unknown facts
 * each (the facts worth asking were found by walking the condition again
 * for every reference): a query of such a rulebook took seconds, and grew
 * with the rulebook without bound. */
START_TEST(hostile_query)
{
    make_dir();
    uint64_t steps[2];
    const int lines = 20;
    for (int k = 0; k < 2; k++) {
        char *text = hostile_query_rulebook(lines << k);
        ck_assert_ptr_nonnull(text);
        write_text("rb.yaml", text);
        free(text);
        govsvc_rulebook *rb = NULL;
        ck_assert_int_eq(govsvc_rulebook_load(&rb, path_of("rb.yaml"), NULL, NULL), 0);
        govsvc_facts *f = NULL;
        ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
        ck_assert_int_eq(
            govsvc_facts_set_string(f, "s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), 0);
        govsvc_query_options q = GOVSVC_QUERY_OPTIONS_INIT;
        ck_assert_int_eq(govsvc_date_parse(&q.date, "2026-03-02"), 0);
        govsvc_answer *a = NULL;
        uint64_t before = gs_work_steps;
        ck_assert_int_eq(govsvc_query_item(&a, rb, "I", f, &q, NULL), 0);
        steps[k] = gs_work_steps - before;
        /* Of the 400 catastrophic matches, 16 ran to the match limit; the
         * rest answered "cannot tell" at once. */
        ck_assert_uint_eq(gs_pattern_limit_hits(), 16);
        char *json = NULL;
        ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
        /* Matches past the limit cannot tell: conditional, never a guess. */
        ck_assert_int_eq(govsvc_answer_material_status(a, 0), GOVSVC_STATUS_CONDITIONAL);
        ck_assert_uint_eq(govsvc_answer_ask_count(a), 450); /* f0..f449; s is known */
        govsvc_free(json);
        govsvc_answer_free(a);
        govsvc_facts_free(f);
        govsvc_rulebook_unref(rb);
    }
    /* Steps per line of 450 facts: a walk of the condition per line, not
     * one per fact reference (450 x 900 nodes). */
    expect_linear("query", steps, lines, 4 * 900, 100000);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("limits");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, file_bytes);
    tcase_add_test(tc, total_bytes);
    tcase_add_test(tc, file_count);
    tcase_add_test(tc, nesting_depth);
    tcase_add_test(tc, nesting_depth_clamped);
    tcase_add_test(tc, alias_count);
    tcase_add_test(tc, alias_expansion);
    tcase_add_test(tc, scalar_bytes);
    tcase_add_test(tc, item_count);
    tcase_add_test(tc, material_count);
    tcase_add_test(tc, expression_bytes);
    tcase_add_test(tc, expression_depth);
    tcase_add_test(tc, expression_depth_clamped);
    tcase_add_test(tc, pattern_match_limit);
    tcase_add_test(tc, pattern_depth_and_heap_limits);
    tcase_add_test(tc, pattern_limit_in_condition);
    tcase_add_test(tc, calendar_span);
    tcase_add_test(tc, too_many_diagnostics);
    tcase_add_test(tc, facts_file_limits);
    tcase_add_test(tc, hostile_shapes);
    tcase_add_test(tc, hostile_query);
    tcase_add_test(tc, anchors_by_name);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
