/*
 * test_load.c - loader diagnostics, driven by files.
 *
 * Every tests/bad/NAME.yaml (and tests/bad/NAME/rulebook.yaml) is a
 * malformed rulebook carrying its expectations in comments:
 *
 *   # expect: E031 42:17            (in the top file)
 *   # expect: E012 items.yaml:3:5   (in another file of the case)
 *   # status: EIO                   (optional; default ERULEBOOK)
 *
 * The test loads it and asserts that exactly the expected diagnostics come
 * out (code, file, line, column), in order, so adding a case is adding a
 * file. The remaining tests cover what files cannot: limits, I/O errors and
 * the public accessors.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "govsvc.h"
#include "testutil.h"

static const char *bad_dir;

static int read_expectations(const char *path, tu_expect *ex, int max, int *status)
{
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[1024];
    int n = 0;
    *status = GOVSVC_ERULEBOOK;
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, "# expect: ");
        if (p && n < max) {
            tu_expect_parse(&ex[n], p + 10);
            n++;
        }
        p = strstr(line, "# status: ");
        if (p) {
            if (strncmp(p + 10, "EIO", 3) == 0)
                *status = GOVSVC_EIO;
            else if (strncmp(p + 10, "ELIMIT", 6) == 0)
                *status = GOVSVC_ELIMIT;
        }
    }
    fclose(f);
    return n;
}

static void check_case(const char *top)
{
    tu_expect ex[64];
    int status;
    int n = read_expectations(top, ex, 64, &status);
    ck_assert_msg(n > 0, "%s has no '# expect:' line", top);
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, top, NULL, &d);
    ck_assert_msg(r == status, "%s: load returned %d (%s), expected %d", top, r,
                  govsvc_strerror(r), status);
    ck_assert_ptr_null(rb);
    size_t count = govsvc_diag_list_count(d);
    for (size_t i = 0; i < count; i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, i);
        char *s = govsvc_diag_format(g);
        fprintf(stderr, "  %s\n", s);
        govsvc_free(s);
    }
    ck_assert_msg(count == (size_t)n, "%s: %zu diagnostics, expected %d", top, count, n);
    for (int i = 0; i < n; i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, (size_t)i);
        ck_assert_str_eq(g->code, ex[i].code);
        ck_assert_ptr_nonnull(g->file);
        if (ex[i].file[0])
            ck_assert_msg(tu_ends_with(g->file, ex[i].file),
                          "%s: diagnostic %d in %s, expected %s", top, i, g->file, ex[i].file);
        else
            ck_assert_str_eq(g->file, top);
        ck_assert_msg(g->line == ex[i].line && g->column == ex[i].col,
                      "%s: %s at %u:%u, expected %u:%u", top, g->code, g->line, g->column,
                      ex[i].line, ex[i].col);
        ck_assert_ptr_nonnull(g->message);
        ck_assert_ptr_nonnull(g->hint); /* every loader diagnostic says how to fix it */
    }
    govsvc_diag_list_free(d);
}

START_TEST(bad_rulebooks)
{
    DIR *dir = opendir(bad_dir);
    ck_assert_ptr_nonnull(dir);
    struct dirent *e;
    int cases = 0;
    char *names[512];
    int n = 0;
    while ((e = readdir(dir)) && n < 512) {
        if (e->d_name[0] == '.')
            continue;
        names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    for (int i = 0; i < n; i++) {
        char path[1024];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", bad_dir, names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(path, sizeof path, "%s/%s/rulebook.yaml", bad_dir, names[i]);
            if (access(path, R_OK) != 0)
                path[0] = '\0';
        } else if (!tu_ends_with(names[i], ".yaml") || strncmp(names[i], "case-", 5) != 0) {
            path[0] = '\0';
        }
        if (path[0]) {
            fprintf(stderr, "%s\n", path);
            check_case(path);
            cases++;
        }
        free(names[i]);
    }
    ck_assert_int_ge(cases, 20);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(missing_file_is_io_error)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, "/nonexistent/rulebook.yaml", NULL, &d),
                     GOVSVC_EIO);
    ck_assert_ptr_null(rb);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E001");
    govsvc_diag_list_free(d);
}
END_TEST

START_TEST(directory_is_io_error)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, bad_dir, NULL, &d), GOVSVC_EIO);
    ck_assert_ptr_nonnull(strstr(govsvc_diag_list_get(d, 0)->message, "not a regular file"));
    govsvc_diag_list_free(d);
}
END_TEST

START_TEST(file_size_limit)
{
    char path[] = "/tmp/govsvc-test-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    write_file(path, "govsvc: 1\n# padding padding padding padding padding padding\n");
    govsvc_load_options o = GOVSVC_LOAD_OPTIONS_INIT;
    o.max_file_bytes = 16;
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(&rb, path, &o, &d), GOVSVC_ELIMIT);
    ck_assert_str_eq(govsvc_diag_list_get(d, 0)->code, "E013");
    govsvc_diag_list_free(d);
    unlink(path);
}
END_TEST

START_TEST(null_arguments)
{
    govsvc_rulebook *rb = NULL;
    ck_assert_int_eq(govsvc_rulebook_load(NULL, "x", NULL, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_rulebook_load(&rb, NULL, NULL, NULL), GOVSVC_EINVAL);
    govsvc_rulebook_unref(NULL);
    ck_assert_uint_eq(govsvc_diag_list_count(NULL), 0);
    ck_assert_ptr_null(govsvc_diag_list_get(NULL, 0));
    ck_assert_ptr_null(govsvc_rulebook_id(NULL));
}
END_TEST

int main(int argc, char **argv)
{
    bad_dir = argc > 1 ? argv[1] : "tests/bad";
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("diagnostics");
    tcase_add_test(tc, bad_rulebooks);
    tcase_add_test(tc, missing_file_is_io_error);
    tcase_add_test(tc, directory_is_io_error);
    tcase_add_test(tc, file_size_limit);
    tcase_add_test(tc, null_arguments);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
