/*
 * cmd_lint.c - `govsvc lint` (also `govsvc-lint`): every diagnostic of rulebooks.
 */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* -- lint ---------------------------------------------------------------- */

static const char LINT_HELP[] =
    "Usage: govsvc lint [--format text|json] [--werror] PATH...\n"
    "\n"
    "Loads each rulebook (a top file, or every *.yaml file with a 'rulebook:'\n"
    "header found in a directory, recursively) and reports every diagnostic,\n"
    "sorted by file, line and column, then a summary line.\n"
    "\n"
    "Exit status: 0 clean; 1 errors found (or warnings, with --werror);\n"
    "2 usage or I/O error.\n";

typedef struct lint_state {
    int json;
    size_t errors, warnings, files;
    int io;
    int first_json;
} lint_state;

static void json_str(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void lint_report(lint_state *st, const govsvc_diag_list *l)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        if (d->severity == GOVSVC_SEVERITY_ERROR)
            st->errors++;
        else if (d->severity == GOVSVC_SEVERITY_WARNING)
            st->warnings++;
        if (!st->json) {
            char *s = govsvc_diag_format(d);
            if (s)
                printf("%s\n", s);
            govsvc_free(s);
            continue;
        }
        static const char *const sev[] = {"error", "warning", "note"};
        printf("%s\n    {\"severity\": \"%s\", \"code\": ", st->first_json ? "" : ",",
               sev[d->severity]);
        st->first_json = 0;
        json_str(d->code);
        printf(", \"message\": ");
        json_str(d->message);
        printf(", \"file\": ");
        json_str(d->file ? d->file : "");
        printf(", \"line\": %u, \"column\": %u, \"hint\": ", d->line, d->column);
        if (d->hint)
            json_str(d->hint);
        else
            printf("null");
        printf("}");
    }
}

static void lint_file(lint_state *st, const char *path)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *diags = NULL;
    int r = govsvc_rulebook_load(&rb, path, NULL, &diags);
    st->files++;
    if (r == GOVSVC_EIO)
        st->io = 1;
    lint_report(st, diags);
    govsvc_diag_list_free(diags);
    govsvc_rulebook_unref(rb);
}

/* A directory holds rulebooks (files with a top-level 'rulebook:' key) and
 * the files they include; only the former are loaded. */
static int is_top_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int top = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "rulebook:", 9) == 0) {
            top = 1;
            break;
        }
    if (f)
        fclose(f);
    return top;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lint_path(lint_state *st, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || depth > 16) {
        fprintf(stderr, "%s: error[E001]: cannot read '%s'\n", path, path);
        st->io = 1;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        lint_file(st, path);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "%s: error[E001]: cannot open directory\n", path);
        st->io = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            break;
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat s2;
        size_t l = strlen(names[i]);
        if (stat(names[i], &s2) == 0 && S_ISDIR(s2.st_mode))
            lint_path(st, names[i], depth + 1);
        else if (l > 5 && strcmp(names[i] + l - 5, ".yaml") == 0 && is_top_file(names[i]))
            lint_file(st, names[i]);
        free(names[i]);
    }
    free(names);
}

int cmd_lint(int argc, char **argv)
{
    lint_state st = {0, 0, 0, 0, 0, 1};
    int werror = 0, npaths = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(LINT_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") == 0)
                st.json = 1;
            else if (strcmp(v, "text") != 0)
                return usage_error("lint", "unknown format '%s' (text or json)", v);
        } else if (strcmp(argv[i], "--werror") == 0) {
            werror = 1;
        } else if (missing) {
            return usage_error("lint", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("lint", "unknown option '%s'", argv[i]);
        } else {
            npaths++;
        }
    }
    if (!npaths)
        return usage_error("lint", "%s", "missing PATH");
    if (st.json)
        printf("{\"diagnostics\": [");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        lint_path(&st, argv[i], 0);
    }
    if (st.json)
        printf("%s], \"errors\": %zu, \"warnings\": %zu}\n", st.first_json ? "" : "\n", st.errors,
               st.warnings);
    else
        printf("%zu rulebook%s checked: %zu error%s, %zu warning%s\n", st.files,
               st.files == 1 ? "" : "s", st.errors, st.errors == 1 ? "" : "s", st.warnings,
               st.warnings == 1 ? "" : "s");
    if (st.io)
        return EXIT_USAGE;
    return st.errors || (werror && st.warnings) ? EXIT_WRONG : EXIT_OK;
}

