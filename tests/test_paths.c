/*
 * test_paths.c - the files a rulebook names stay where they belong.
 *
 * Includes cannot leave the top file's directory, by '..', by an absolute
 * path or through a symbolic link; `extends` is confined one level wider
 * (a county rulebook extends its city's in the next directory). A
 * directory, a FIFO or a device where a file is expected is an I/O error
 * (E001, GOVSVC_EIO, exit 2), and reading one never blocks. The links and
 * FIFOs are made in a fresh temporary directory at test time.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "govsvc.h"

#define HEAD                                                                                  \
    "govsvc: 1\n"                                                                             \
    "rulebook: {id: t, version: \"1\", effective: 2026-01-01}\n"                              \
    "calendar: {id: t, covers: {from: 2026-01-01, to: 2026-12-31}}\n"

static char root[64]; /* the temporary directory: holds rb/ and outside.yaml */

static char *at(const char *rel)
{
    static char p[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", root, rel);
    return p[k];
}

static void write_text(const char *rel, const char *text)
{
    FILE *f = fopen(at(rel), "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    strcpy(root, "/tmp/govsvc-paths-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(root));
    ck_assert_int_eq(mkdir(at("rb"), 0755), 0);
    ck_assert_int_eq(mkdir(at("rb/sub"), 0755), 0);
    ck_assert_int_eq(mkdir(at("city"), 0755), 0);
    write_text("outside.yaml", "govsvc: 1\n");
    write_text("rb/inside.yaml", "govsvc: 1\n");
    write_text("rb/sub/deep.yaml", "govsvc: 1\n");
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes rb/rb.yaml with one include line and loads it. */
static govsvc_diag_list *load_with(const char *extra, int status)
{
    char text[1024];
    snprintf(text, sizeof text, HEAD "%s\n", extra);
    write_text("rb/rb.yaml", text);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, at("rb/rb.yaml"), NULL, &d);
    for (size_t i = 0; r != status && i < govsvc_diag_list_count(d); i++) {
        char *s = govsvc_diag_format(govsvc_diag_list_get(d, i));
        fprintf(stderr, "  %s\n", s);
        govsvc_free(s);
    }
    ck_assert_msg(r == status, "'%s': status %d, expected %d", extra, r, status);
    govsvc_rulebook_unref(rb);
    return d;
}

static void expect_one(govsvc_diag_list *d, const char *code, unsigned line, unsigned col,
                       const char *words)
{
    ck_assert_uint_eq(govsvc_diag_list_count(d), 1);
    const govsvc_diag *g = govsvc_diag_list_get(d, 0);
    ck_assert_str_eq(g->code, code);
    ck_assert_msg(g->line == line && g->column == col, "%s at %u:%u, expected %u:%u", g->code,
                  g->line, g->column, line, col);
    ck_assert_ptr_nonnull(g->hint);
    if (words)
        ck_assert_msg(strstr(g->message, words) != NULL, "'%s' lacks '%s'", g->message, words);
    govsvc_diag_list_free(d);
}

/* -- includes -------------------------------------------------------------- */

START_TEST(include_inside)
{
    /* '..' that stays inside is fine; the last one is inside but missing:
     * E001 (exit 2), not E010. Once it exists, the load is clean. */
    govsvc_diag_list_free(load_with("include: [inside.yaml, sub/deep.yaml, "
                                    "sub/../sub/./x/../deep2.yaml]",
                                    GOVSVC_EIO));
    govsvc_diag_list_free(
        load_with("include: [inside.yaml, sub/deep.yaml, ./sub/../inside2.yaml]", GOVSVC_EIO));
    write_text("rb/inside2.yaml", "govsvc: 1\n");
    ck_assert_ptr_null(
        load_with("include: [inside.yaml, sub/deep.yaml, ./sub/../inside2.yaml]", 0));
}
END_TEST

START_TEST(include_dotdot)
{
    expect_one(load_with("include: [../outside.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "leaves the rulebook's directory");
    /* Refused on its text, before any file is looked for: not E001. */
    expect_one(load_with("include: [../no-such-file.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "leaves");
    expect_one(load_with("include: [sub/../../outside.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "leaves");
    expect_one(load_with("include: [\"sub//..//../rb/inside.yaml\"]", GOVSVC_ERULEBOOK), "E010",
               4, 11, "leaves");
}
END_TEST

START_TEST(include_absolute)
{
    expect_one(load_with("include: [/etc/passwd]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "absolute path");
    char line[600];
    snprintf(line, sizeof line, "include: [\"%s\"]", at("rb/inside.yaml"));
    expect_one(load_with(line, GOVSVC_ERULEBOOK), "E010", 4, 11, "absolute path");
}
END_TEST

START_TEST(include_symlinks)
{
    /* A file link and a directory link inside rb/ that lead out of it. */
    ck_assert_int_eq(symlink(at("outside.yaml"), at("rb/link.yaml")), 0);
    ck_assert_int_eq(symlink("../city", at("rb/citylink")), 0);
    write_text("city/c.yaml", "govsvc: 1\n");
    expect_one(load_with("include: [link.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "symbolic link");
    expect_one(load_with("include: [citylink/c.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "symbolic link");
    /* A link to a device is no way out either. */
    ck_assert_int_eq(symlink("/dev/zero", at("rb/zero.yaml")), 0);
    expect_one(load_with("include: [zero.yaml]", GOVSVC_ERULEBOOK), "E010", 4, 11,
               "symbolic link");
    /* A link that stays inside is fine, relative or absolute. */
    ck_assert_int_eq(symlink("sub/deep.yaml", at("rb/rel.yaml")), 0);
    ck_assert_int_eq(symlink(at("rb/inside.yaml"), at("rb/abs.yaml")), 0);
    ck_assert_ptr_null(load_with("include: [rel.yaml, abs.yaml]", 0));
    /* A dangling link cannot be read: E001, as for any missing file. */
    ck_assert_int_eq(symlink("nowhere.yaml", at("rb/dangling.yaml")), 0);
    expect_one(load_with("include: [dangling.yaml]", GOVSVC_EIO), "E001", 4, 11, "cannot read");
}
END_TEST

/* The top file may itself be reached through a link (a hall's "current"
 * link to a versioned directory): includes are then confined to the
 * directory the link is in, resolved. */
START_TEST(top_through_symlink)
{
    write_text("rb/rb.yaml", HEAD "include: [inside.yaml]\n");
    ck_assert_int_eq(symlink("rb", at("current")), 0);
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, at("current/rb.yaml"), NULL, NULL), 0);
    govsvc_rulebook_unref(rb);
}
END_TEST

/* -- extends ----------------------------------------------------------------- */

START_TEST(extends_confined)
{
#define EXT_FMT                                                                               \
    "govsvc: 1\n"                                                                             \
    "rulebook: {id: t, version: \"1\", effective: 2026-01-01, extends: %s}\n"                 \
    "calendar: {id: t, covers: {from: 2026-01-01, to: 2026-12-31}}\n"
    struct {
        const char *ext;
        int e010;
    } cases[] = {
        {"../city/rb.yaml", 0}, /* SPEC section 2's layout: the next directory */
        {"base.yaml", 0},
        {"../../etc/passwd", 1},
        {"/etc/passwd", 1},
        {"../outside.yaml/../../x.yaml", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, EXT_FMT, cases[i].ext);
        write_text("rb/rb.yaml", text);
        govsvc_rulebook *rb = NULL;
        govsvc_diag_list *d = NULL;
        /* Confined or not, these bases do not exist: the load fails. */
        ck_assert_int_ne(govsvc_rulebook_load(&rb, at("rb/rb.yaml"), NULL, &d), 0);
        int e010 = 0;
        for (size_t k = 0; k < govsvc_diag_list_count(d); k++) {
            const govsvc_diag *g = govsvc_diag_list_get(d, k);
            if (strcmp(g->code, "E010") == 0) {
                e010++;
                ck_assert_uint_eq(g->line, 2);
                ck_assert_uint_eq(g->column, 65);
            }
        }
        ck_assert_msg(e010 == cases[i].e010, "extends %s: %d E010", cases[i].ext, e010);
        govsvc_diag_list_free(d);
    }
    /* Through a link: rb/up -> / is the way out of the parent too. */
    ck_assert_int_eq(symlink("/", at("rb/up")), 0);
    char text[512];
    snprintf(text, sizeof text, EXT_FMT, "up/etc/passwd");
    write_text("rb/rb.yaml", text);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_ne(govsvc_rulebook_load(&rb, at("rb/rb.yaml"), NULL, &d), 0);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E010");
    govsvc_diag_list_free(d);
}
END_TEST

/* -- not regular files ------------------------------------------------------- */

START_TEST(special_files_are_io_errors)
{
    ck_assert_int_eq(mkfifo(at("rb/fifo.yaml"), 0644), 0);
    /* A FIFO with no writer: opening it non-blocking and checking fstat
     * refuses it at once. A plain open would wait for a writer forever,
     * and the test would fail by its timeout (meson's, and Check's). */
    expect_one(load_with("include: [fifo.yaml]", GOVSVC_EIO), "E001", 4, 11, "not a regular file");
    expect_one(load_with("include: [sub]", GOVSVC_EIO), "E001", 4, 11, "not a regular file");
    expect_one(load_with("include: [\"\"]", GOVSVC_EIO), "E001", 4, 11, "not a regular file");
    expect_one(load_with("include: [.]", GOVSVC_EIO), "E001", 4, 11, "not a regular file");
    /* The calendar file too (it may live outside: calendars are shared). */
    char cal[600];
    snprintf(cal, sizeof cal,
             "govsvc: 1\nrulebook: {id: t, version: \"1\", effective: 2026-01-01}\ncalendar: "
             "fifo.yaml\n");
    write_text("rb/rb2.yaml", cal);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, at("rb/rb2.yaml"), NULL, &d), GOVSVC_EIO);
    expect_one(d, "E001", 3, 11, "not a regular file");
    /* As the top file: a FIFO (also with a writer attached), a directory,
     * character devices (reading /dev/zero would never end). */
    int wfd = open(at("rb/fifo.yaml"), O_RDWR | O_NONBLOCK);
    ck_assert_int_ge(wfd, 0);
    const char *tops[] = {at("rb/fifo.yaml"), at("rb"), "/dev/null", "/dev/zero", "/dev/urandom"};
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
        d = NULL;
        ck_assert_int_eq(govsvc_rulebook_load(&rb, tops[i], NULL, &d), GOVSVC_EIO);
        expect_one(d, "E001", 0, 0, "not a regular file");
        d = NULL;
        govsvc_calendar *c = NULL;
        ck_assert_int_eq(govsvc_calendar_load(&c, tops[i], NULL, &d), GOVSVC_EIO);
        govsvc_diag_list_free(d);
    }
    close(wfd);
    /* A facts file as well. */
    write_text("rb/rb.yaml", HEAD "facts: {a: {type: int}}\n");
    ck_assert_int_eq(govsvc_rulebook_load(&rb, at("rb/rb.yaml"), NULL, NULL), 0);
    govsvc_facts *f = NULL;
    ck_assert_int_eq(govsvc_facts_new(&f, rb), 0);
    const char *facts[] = {at("rb/fifo.yaml"), at("rb/sub"), "/dev/zero", at("rb/none.yaml")};
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        d = NULL;
        ck_assert_int_eq(govsvc_facts_set_from_file(f, facts[i], &d), GOVSVC_EIO);
        ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E001");
        govsvc_diag_list_free(d);
    }
    govsvc_facts_free(f);
    govsvc_rulebook_unref(rb);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("paths");
    TCase *tc = tcase_create("paths");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, include_inside);
    tcase_add_test(tc, include_dotdot);
    tcase_add_test(tc, include_absolute);
    tcase_add_test(tc, include_symlinks);
    tcase_add_test(tc, top_through_symlink);
    tcase_add_test(tc, extends_confined);
    tcase_add_test(tc, special_files_are_io_errors);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
