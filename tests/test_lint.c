/*
 * test_lint.c - govsvc_lint(), driven by files, and the condition analyser.
 *
 * Every tests/lint/case-NAME.yaml is a rulebook with one kind of mistake
 * (or, case-twenty-mistakes.yaml, twenty kinds) and its expectations in
 * comments, as in tests/bad:
 *
 *   # expect: W103 19:68            (in the file itself)
 *   # expect: W108 materials.yaml:4:3
 *   # status: ERULEBOOK             (optional; default 0, or ERULEBOOK when
 *                                    an E code is expected)
 *
 * A directory tests/lint/NAME/ is linted as a directory (a version history,
 * say); its expectations sit in the first of its files, by name, that has
 * any. The test asserts exactly those diagnostics, in order, each with a
 * message and a hint, so adding a case is adding a file.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "govsvc.h"
#include "lint_int.h"
#include "testutil.h"

static const char *lint_dir;

/* Reads the expectations of one file; returns their number (-1: none). */
static int read_expectations(const char *path, tu_expect *ex, int max, int *status)
{
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[1024];
    int n = 0, any = 0, has_e = 0, explicit_status = -1;
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, "# expect: ");
        if (p && n < max) {
            tu_expect_parse(&ex[n], p + 10);
            has_e |= ex[n].code[0] == 'E';
            n++;
            any = 1;
        }
        p = strstr(line, "# status: ");
        if (p) {
            any = 1;
            explicit_status = strncmp(p + 10, "ERULEBOOK", 9) == 0 ? GOVSVC_ERULEBOOK
                              : strncmp(p + 10, "EIO", 3) == 0     ? GOVSVC_EIO
                                                                   : 0;
        }
    }
    fclose(f);
    *status = explicit_status >= 0 ? explicit_status : has_e ? GOVSVC_ERULEBOOK : 0;
    return any ? n : -1;
}

static void print_list(const govsvc_diag_list *d)
{
    char *text = NULL;
    govsvc_diag_list_to_text(d, 0, &text, NULL);
    fprintf(stderr, "%s", text ? text : "");
    govsvc_free(text);
}

/* Lints `target` and compares with the expectations read from `holder`. */
static void check_case(const char *target, const char *holder)
{
    tu_expect ex[64];
    int status;
    int n = read_expectations(holder, ex, 64, &status);
    ck_assert_msg(n > 0, "%s has no '# expect:' line", holder);
    govsvc_diag_list *d = NULL;
    int r = govsvc_lint(&d, target, NULL);
    print_list(d);
    ck_assert_msg(r == status, "%s: lint returned %d (%s), expected %d", target, r,
                  govsvc_strerror(r), status);
    size_t count = govsvc_diag_list_count(d);
    ck_assert_msg(count == (size_t)n, "%s: %zu diagnostics, expected %d", target, count, n);
    for (int i = 0; i < n; i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, (size_t)i);
        ck_assert_str_eq(g->code, ex[i].code);
        ck_assert_ptr_nonnull(g->file);
        if (ex[i].file[0]) {
            char want[400];
            snprintf(want, sizeof want, "/%s", ex[i].file);
            ck_assert_msg(tu_ends_with(g->file, want) || strcmp(g->file, ex[i].file) == 0,
                          "%s: diagnostic %d in %s, expected %s", target, i, g->file,
                          ex[i].file);
        } else {
            ck_assert_str_eq(g->file, holder);
        }
        ck_assert_msg(g->line == ex[i].line && g->column == ex[i].col,
                      "%s: %s at %u:%u, expected %u:%u", target, g->code, g->line, g->column,
                      ex[i].line, ex[i].col);
        ck_assert_ptr_nonnull(g->message);
        ck_assert_ptr_nonnull(g->hint); /* every diagnostic says how to fix it */
        ck_assert_msg(g->severity == (g->code[0] == 'W' ? GOVSVC_SEVERITY_WARNING
                                                        : GOVSVC_SEVERITY_ERROR),
                      "%s: %s has the wrong severity", target, g->code);
        if (strcmp(g->code, "E150") >= 0)
            ck_assert_ptr_nonnull(govsvc_lint_code_title(g->code)); /* documented */
    }
    govsvc_diag_list_free(d);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir (sorted), without dot files; returns the count. */
static int list_dir(const char *dir, char **names, int max)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) && n < max)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_name);
    return n;
}

START_TEST(lint_cases)
{
    char *names[256];
    int n = list_dir(lint_dir, names, 256), cases = 0;
    for (int i = 0; i < n; i++) {
        char path[1024];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", lint_dir, names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *inner[64];
            int m = list_dir(path, inner, 64), done = 0;
            for (int k = 0; k < m; k++) {
                char holder[1200];
                tu_expect ex[1];
                int status;
                snprintf(holder, sizeof holder, "%s/%s", path, inner[k]);
                if (!done && tu_ends_with(holder, ".yaml") &&
                    read_expectations(holder, ex, 1, &status) > 0) {
                    fprintf(stderr, "%s/\n", path);
                    check_case(path, holder);
                    cases++;
                    done = 1;
                }
                free(inner[k]);
            }
        } else if (strncmp(names[i], "case-", 5) == 0 && tu_ends_with(names[i], ".yaml")) {
            fprintf(stderr, "%s\n", path);
            check_case(path, path);
            cases++;
        }
        free(names[i]);
    }
    ck_assert_int_ge(cases, 26);
}
END_TEST

/* Every lint code has a test case that expects it, and a title. */
START_TEST(every_code_tested)
{
    char *names[256];
    int n = list_dir(lint_dir, names, 256);
    for (size_t c = 0; govsvc_lint_code(c); c++) {
        const char *code = govsvc_lint_code(c);
        ck_assert_ptr_nonnull(govsvc_lint_code_title(code));
        if (strcmp(code, "E150") == 0)
            continue; /* a path, not a file: the test below */
        int found = 0;
        for (int i = 0; i < n && !found; i++) {
            char path[1024], line[512];
            snprintf(path, sizeof path, "%s/%s", lint_dir, names[i]);
            FILE *f = fopen(path, "r");
            while (f && !found && fgets(line, sizeof line, f)) {
                char *p = strstr(line, "# expect: ");
                found = p && strncmp(p + 10, code, 4) == 0;
            }
            if (f)
                fclose(f);
        }
        ck_assert_msg(found, "no test case expects %s", code);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    ck_assert_ptr_null(govsvc_lint_code_title("W999"));
    ck_assert_ptr_null(govsvc_lint_code_title(NULL));
}
END_TEST

/* Twenty different mistakes, all reported in one run, in order. */
START_TEST(twenty_mistakes)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/case-twenty-mistakes.yaml", lint_dir);
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_lint(&d, path, NULL), 0);
    size_t n = govsvc_diag_list_count(d);
    ck_assert_uint_eq(n, 20);
    for (size_t i = 0; i < n; i++) {
        const govsvc_diag *a = govsvc_diag_list_get(d, i);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(govsvc_diag_list_get(d, j)->code, a->code);
        if (i) {
            const govsvc_diag *p = govsvc_diag_list_get(d, i - 1);
            ck_assert(p->line < a->line || (p->line == a->line && p->column <= a->column));
        }
    }
    govsvc_diag_list_free(d);
}
END_TEST

START_TEST(werror_and_skip)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/case-w101-never-true.yaml", lint_dir);
    govsvc_lint_options o = GOVSVC_LINT_OPTIONS_INIT;
    govsvc_diag_list *d = NULL;
    o.flags = GOVSVC_LINT_WERROR;
    ck_assert_int_eq(govsvc_lint(&d, path, &o), GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    ck_assert_int_eq(govsvc_diag_list_get(d, 0)->severity, GOVSVC_SEVERITY_ERROR);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "W101");
    govsvc_diag_list_free(d);

    const char *skip[] = {"W101", NULL};
    o.skip = skip;
    ck_assert_int_eq(govsvc_lint(&d, path, &o), 0);
    ck_assert_ptr_null(d);

    const char *bad[] = {"W999", NULL};
    o.skip = bad;
    ck_assert_int_eq(govsvc_lint(&d, path, &o), GOVSVC_EINVAL);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(govsvc_lint(NULL, path, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_lint(&d, NULL, NULL), GOVSVC_EINVAL);
}
END_TEST

START_TEST(paths_without_rulebooks)
{
    char dir[] = "/tmp/govsvc-lint-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    govsvc_diag_list *d = NULL;
    size_t n = 99;
    const char *paths[2] = {dir, "/nonexistent/rules"};
    ck_assert_int_eq(govsvc_lint_paths(&d, paths, 2, NULL, &n), GOVSVC_EIO);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 2);
    const govsvc_diag *e = govsvc_diag_list_get(d, 0);
    ck_assert_str_eq(e->code, "E150");
    ck_assert_str_eq(e->file, dir);
    ck_assert_uint_eq(e->line, 0);
    ck_assert_uint_eq(e->column, 0);
    ck_assert_ptr_nonnull(e->hint);
    e = govsvc_diag_list_get(d, 1);
    ck_assert_str_eq(e->code, "E001");
    ck_assert_str_eq(e->file, "/nonexistent/rules");
    govsvc_diag_list_free(d);
    rmdir(dir);
}
END_TEST

/* Loader errors stop the semantic checks: only the loader's diagnostics. */
START_TEST(loader_errors_first)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/../bad/case-many-errors.yaml", lint_dir);
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_lint(&d, path, NULL), GOVSVC_ERULEBOOK);
    ck_assert_uint_eq(govsvc_diag_list_count(d), 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(govsvc_diag_list_get(d, i)->code[0], 'E');
    govsvc_diag_list_free(d);
}
END_TEST

/* -- output formats ------------------------------------------------------- */

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/govsvc-lint-src-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(source_caret)
{
    /* Columns count characters; the caret counts display cells: each CJK
     * character is two. */
    const char *src = "govsvc: 1\n  name: 测试事项 premises.aera >= 3\n";
    char *path = write_tmp(src);
    govsvc_diag d;
    memset(&d, 0, sizeof d);
    d.severity = GOVSVC_SEVERITY_WARNING;
    d.code = "W999";
    d.message = "a test";
    d.file = path;
    d.line = 2;
    d.column = 14;
    d.hint = "fix it";
    char *out = NULL;
    ck_assert_int_eq(govsvc_diag_format_source(&d, &out), 0);
    char want[512];
    snprintf(want, sizeof want,
             "%s:2:14: warning[W999]: a test\n"
             "    2 |   name: 测试事项 premises.aera >= 3\n"
             "      |                  ^~~~~~~~~~~~~\n"
             "hint: fix it",
             path);
    ck_assert_str_eq(out, want);
    govsvc_free(out);

    /* A column past the end of the line (the file changed): no snippet. */
    d.column = 80;
    ck_assert_int_eq(govsvc_diag_format_source(&d, &out), 0);
    ck_assert_ptr_null(strstr(out, " | "));
    govsvc_free(out);
    unlink(path);

    /* No file: the message alone. */
    d.file = "/nonexistent/file.yaml";
    d.column = 3;
    ck_assert_int_eq(govsvc_diag_format_source(&d, &out), 0);
    ck_assert_str_eq(out, "/nonexistent/file.yaml:2:3: warning[W999]: a test\nhint: fix it");
    govsvc_free(out);
    ck_assert_int_eq(govsvc_diag_format_source(NULL, &out), GOVSVC_EINVAL);
}
END_TEST

START_TEST(json_and_sarif)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/case-w118-no-legal-basis.yaml", lint_dir);
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_lint(&d, path, NULL), 0);
    char *json = NULL;
    ck_assert_int_eq(govsvc_lint_to_json(d, &json, NULL), 0);
    char want[2048];
    snprintf(want, sizeof want,
             "{\"diagnostics\": [\n    {\"severity\": \"warning\", \"code\": \"W118\", "
             "\"message\": \"item 'T-1' has no legal_basis\", \"file\": \"%s\", \"line\": 7, "
             "\"column\": 11, \"hint\": \"add legal_basis: the law, regulation or document "
             "that sets the item\"}\n], \"errors\": 0, \"warnings\": 1}\n",
             path);
    ck_assert_str_eq(json, want);
    govsvc_free(json);

    char *sarif = NULL;
    ck_assert_int_eq(govsvc_lint_to_sarif(d, &sarif, NULL), 0);
    ck_assert_ptr_nonnull(strstr(sarif, "\"version\": \"2.1.0\""));
    ck_assert_ptr_nonnull(strstr(sarif, "\"ruleId\": \"W118\""));
    ck_assert_ptr_nonnull(strstr(sarif, "\"startLine\": 7, \"startColumn\": 11"));
    ck_assert_ptr_nonnull(strstr(sarif, "\"columnKind\": \"unicodeCodePoints\""));
    govsvc_free(sarif);
    govsvc_diag_list_free(d);

    /* An empty run. */
    ck_assert_int_eq(govsvc_lint_to_json(NULL, &json, NULL), 0);
    ck_assert_str_eq(json, "{\"diagnostics\": [], \"errors\": 0, \"warnings\": 0}\n");
    govsvc_free(json);
    ck_assert_int_eq(govsvc_lint_to_sarif(NULL, &sarif, NULL), 0);
    ck_assert_ptr_nonnull(strstr(sarif, "\"results\": []"));
    govsvc_free(sarif);
    char *text = NULL;
    size_t len = 9;
    ck_assert_int_eq(govsvc_diag_list_to_text(NULL, GOVSVC_TEXT_SOURCE, &text, &len), 0);
    ck_assert_str_eq(text, "");
    ck_assert_uint_eq(len, 0);
    govsvc_free(text);
}
END_TEST

/* -- the condition analyser ----------------------------------------------- */

static const char ANALYSER_RB[] =
    "govsvc: 1\n"
    "rulebook: {id: t, version: \"1\", effective: 2024-01-01}\n"
    "calendar: CAL\n"
    "facts:\n"
    "  a: {type: number, min: 0}\n"
    "  n: {type: int, min: 0, max: 10}\n"
    "  e: {type: enum, values: [x, y, z]}\n"
    "  c: {type: enum, values: [A, B, C, D], default: B}\n"
    "  b: {type: bool}\n"
    "  d: {type: date}\n"
    "  s: {type: string}\n"
    "  t: {type: number}\n"
    "materials:\n"
    "  form: {name: 申请表, source: applicant}\n"
    "items:\n"
    "  - code: T-1\n"
    "    name: 测试\n"
    "    type: license\n"
    "    deadline: {statutory: 10 working days, promised: 3 working days}\n"
    "    materials: [{ref: form}]\n";

static govsvc_rulebook *analyser_rb(void)
{
    char text[2048], cal[1100];
    snprintf(cal, sizeof cal, "%s/../../rules/calendars/cn.yaml", lint_dir);
    char *abs = realpath(cal, NULL);
    ck_assert_ptr_nonnull(abs);
    const char *at = strstr(ANALYSER_RB, "CAL");
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - ANALYSER_RB), ANALYSER_RB, abs, at + 3);
    free(abs);
    char *path = write_tmp(text);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, path, NULL, &d);
    print_list(d);
    govsvc_diag_list_free(d);
    unlink(path);
    ck_assert_int_eq(r, 0);
    return rb;
}

/* Patterns of the conditions compiled here: they live in the test's arena,
 * so they are freed with it, not with the rulebook. */
static gs_patterns test_patterns;

static const gs_expr *compile(govsvc_rulebook *rb, gs_arena *ar, const char *src)
{
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = ar;
    ctx.schema = &rb->schema;
    ctx.patterns = &test_patterns;
    const gs_expr *e = NULL;
    ck_assert_msg(gs_expr_compile(&ctx, src, strlen(src), &e) == 0, "cannot compile %s", src);
    return e;
}

/* can_true / can_false: whether some applicant makes it true / false. */
static const struct {
    const char *expr;
    int can_true, can_false;
} CONDS[] = {
    {"a > 5", 1, 1},
    {"a < 0", 0, 1},                       /* min 0 */
    {"a >= 0", 1, 0},
    {"a > 5 and a < 3", 0, 1},
    {"a > 5 and a <= 5", 0, 1},
    {"a >= 5 and a <= 5", 1, 1},
    {"a > 5 or a <= 5", 1, 0},
    {"n > 3 and n < 4", 0, 1},             /* no whole number between */
    {"t > 3 and t < 4", 1, 1},             /* but a real one */
    {"n > 10", 0, 1},                      /* max 10 */
    {"n in [1, 2] and n != 1 and n != 2", 0, 1},
    {"n >= 9 and n != 9 and n != 10", 0, 1},
    {"e == 'x' and e == 'y'", 0, 1},
    {"e in ['x', 'y'] or e == 'z'", 1, 0},
    {"e not in ['x', 'y', 'z']", 0, 1},
    {"c != 'D' or c == 'D'", 1, 0},
    {"b and not b", 0, 1},
    {"b or not b", 1, 0},
    {"b == true and b == false", 0, 1},
    {"b != true", 1, 1},
    {"known(a) or not known(a)", 1, 0},
    {"known(c)", 1, 0},                    /* a default is a value */
    {"not known(a) and a > 1", 0, 1},
    {"d < 2024-01-01 and d > 2024-01-01", 0, 1},
    {"d > 2024-01-01 and d < 2024-01-02", 0, 1},
    {"s == 'p' and s == 'q'", 0, 1},
    {"s == 'p' and s != 'p'", 0, 1},
    {"s != 'p' and s != 'q'", 1, 1},
    {"s matches '^a' and not s matches '^a'", 0, 1},
    {"a > t and not a > t", 0, 1},         /* fact against fact: one atom */
    {"true", 1, 0},
    {"1 > 2", 0, 1},
    {"(a > 5) == true and a < 2", 0, 1},
    {"b in [true]", 1, 1},
    {"b in [true, false]", 1, 0},
};

START_TEST(analyser_conditions)
{
    govsvc_rulebook *rb = analyser_rb();
    gs_arena ar;
    gs_arena_init(&ar);
    gs_lx *x = gs_lx_new(rb);
    ck_assert_ptr_nonnull(x);
    for (size_t i = 0; i < sizeof CONDS / sizeof *CONDS; i++) {
        const gs_expr *e = compile(rb, &ar, CONDS[i].expr);
        int t = gs_lx_sat(gs_lx_true(x, e)), f = gs_lx_sat(gs_lx_false(x, e));
        ck_assert_msg(t == (CONDS[i].can_true ? GS_LX_SAT : GS_LX_UNSAT),
                      "'%s': can be true %d, expected %d", CONDS[i].expr, t, CONDS[i].can_true);
        ck_assert_msg(f == (CONDS[i].can_false ? GS_LX_SAT : GS_LX_UNSAT),
                      "'%s': can be false %d, expected %d", CONDS[i].expr, f,
                      CONDS[i].can_false);
        gs_lx_reset(x);
    }
    ck_assert(!gs_lx_oom(x));
    gs_lx_free(x);
    gs_patterns_free(&test_patterns);
    gs_arena_free(&ar);
    govsvc_rulebook_unref(rb);
}
END_TEST

static const struct {
    const char *a, *b;
    int overlap, implies;
} PAIRS[] = {
    {"a >= 300", "a >= 1000", 1, 0},
    {"a >= 1000", "a >= 300", 1, 1},
    {"a < 300", "a >= 300", 0, 0},
    {"e == 'x'", "e in ['x', 'y']", 1, 1},
    {"not (b and c != 'D')", "b and c != 'D'", 0, 0},
    {"b and c != 'D' and e == 'x'", "b and c != 'D'", 1, 1},
    {"a > 5", "known(a)", 1, 1},
    {"a > 5", "a > 5 or e == 'x'", 1, 1},
    {"e == 'x'", "a > 5", 1, 0},
};

START_TEST(analyser_pairs)
{
    govsvc_rulebook *rb = analyser_rb();
    gs_arena ar;
    gs_arena_init(&ar);
    gs_lx *x = gs_lx_new(rb);
    for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++) {
        const gs_expr *a = compile(rb, &ar, PAIRS[i].a), *b = compile(rb, &ar, PAIRS[i].b);
        ck_assert_msg(gs_lx_may_overlap(x, a, b) == PAIRS[i].overlap, "overlap '%s', '%s'",
                      PAIRS[i].a, PAIRS[i].b);
        ck_assert_msg(gs_lx_implies(x, a, b) == PAIRS[i].implies, "'%s' implies '%s'",
                      PAIRS[i].a, PAIRS[i].b);
        gs_lx_reset(x);
    }
    /* The condition not written is always true. */
    ck_assert_int_eq(gs_lx_sat(gs_lx_true(x, NULL)), GS_LX_SAT);
    ck_assert_int_eq(gs_lx_sat(gs_lx_false(x, NULL)), GS_LX_UNSAT);
    /* A condition too large to expand proves nothing: 2^9 cubes. */
    const gs_expr *big = compile(rb, &ar,
                                 "(a > 1 or n > 1) and (a > 2 or n > 2) and (a > 3 or n > 3) and "
                                 "(a > 4 or n > 4) and (a > 5 or n > 5) and (a > 6 or n > 6) and "
                                 "(a > 7 or n > 7) and (a > 8 or n > 8) and (a > 9 or t > 9)");
    ck_assert_int_eq(gs_lx_sat(gs_lx_true(x, big)), GS_LX_UNKNOWN);
    ck_assert_int_eq(gs_lx_never_true(x, big), 0);
    gs_lx_free(x);
    gs_patterns_free(&test_patterns);
    gs_arena_free(&ar);
    govsvc_rulebook_unref(rb);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TESTS/LINT-DIR\n", argv[0]);
        return 2;
    }
    lint_dir = argv[1];
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("lint");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, lint_cases);
    tcase_add_test(tc, every_code_tested);
    tcase_add_test(tc, twenty_mistakes);
    tcase_add_test(tc, werror_and_skip);
    tcase_add_test(tc, paths_without_rulebooks);
    tcase_add_test(tc, loader_errors_first);
    tcase_add_test(tc, source_caret);
    tcase_add_test(tc, json_and_sarif);
    tcase_add_test(tc, analyser_conditions);
    tcase_add_test(tc, analyser_pairs);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
