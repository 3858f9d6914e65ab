/*
 * cmd_lint.c - `govsvc lint` (also installed as `govsvc-lint`): every
 * diagnostic of the rulebooks under the given paths. A thin shell over
 * govsvc_lint_paths() and its formatters (govsvc/lint.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char LINT_HELP[] =
    "Usage: govsvc lint [--format text|json|sarif] [--werror] [--skip CODE[,CODE...]] PATH...\n"
    "\n"
    "Loads each rulebook (a top file, or every YAML file with a top-level\n"
    "'rulebook:' key found in a directory, recursively, version histories\n"
    "included) and reports what the loader finds and, for rulebooks that load,\n"
    "the semantic checks: conditions that never or always hold, contradictory\n"
    "or redundant conditions, materials listed twice, commitments and\n"
    "deferrals that contradict the item, deadlines the calendar cannot count,\n"
    "unused entries, ids one typo apart. Diagnostics are sorted by file, line\n"
    "and column; every code is explained in docs/lint.md.\n"
    "\n"
    "Options:\n"
    "  --format text   compiler style, with the source line and a caret (default)\n"
    "  --format json   {\"diagnostics\": [...], \"errors\": N, \"warnings\": N}\n"
    "  --format sarif  SARIF 2.1.0, for code-scanning tools\n"
    "  --werror        report warnings as errors\n"
    "  --skip CODES    do not report these codes (comma-separated, e.g. W104,W109)\n"
    "\n"
    "Exit status: 0 no errors; 1 errors found (or warnings, with --werror);\n"
    "2 usage or I/O error.\n";

enum { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* Splits "W104,W109" into skip[] (pointing into the copy). */
static int add_skips(char *list, const char **skip, size_t *n, size_t max)
{
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        if (!govsvc_lint_code_title(tok))
            return usage_error("lint", "'%s' is not a lint code (see docs/lint.md)", tok);
        if (*n + 1 >= max)
            return usage_error("lint", "%s", "too many --skip codes");
        skip[(*n)++] = tok;
    }
    skip[*n] = NULL;
    return 0;
}

int cmd_lint(int argc, char **argv)
{
    int format = FMT_TEXT;
    govsvc_lint_options opts = GOVSVC_LINT_OPTIONS_INIT;
    const char *skip[64] = {NULL};
    size_t nskip = 0;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    char **copies = calloc((size_t)argc + 1, sizeof *copies);
    size_t npaths = 0, ncopies = 0;
    int status = -1;
    if (!paths || !copies) {
        fprintf(stderr, "%s lint: out of memory\n", prog);
        status = EXIT_USAGE;
    }
    for (int i = 1; status < 0 && i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(LINT_HELP, stdout);
            status = EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") == 0)
                format = FMT_JSON;
            else if (strcmp(v, "sarif") == 0)
                format = FMT_SARIF;
            else if (strcmp(v, "text") == 0)
                format = FMT_TEXT;
            else
                status = usage_error("lint", "unknown format '%s' (text, json or sarif)", v);
        } else if ((v = opt_value(argc, argv, &i, "--skip", &missing))) {
            char *copy = strdup(v);
            if (!copy) {
                status = usage_error("lint", "%s", "out of memory");
                break;
            }
            copies[ncopies++] = copy;
            status = add_skips(copy, skip, &nskip, sizeof skip / sizeof *skip) ? EXIT_USAGE : -1;
        } else if (strcmp(argv[i], "--werror") == 0) {
            opts.flags |= GOVSVC_LINT_WERROR;
        } else if (missing) {
            status = usage_error("lint", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            status = usage_error("lint", "unknown option '%s'", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    if (status < 0 && npaths == 0)
        status = usage_error("lint", "%s", "missing PATH");
    if (status < 0) {
        opts.skip = nskip ? skip : NULL;
        govsvc_diag_list *diags = NULL;
        size_t rulebooks = 0;
        int r = govsvc_lint_paths(&diags, paths, npaths, &opts, &rulebooks);
        char *text = NULL;
        int f = r == GOVSVC_ENOMEM || r == GOVSVC_EINVAL ? r
                : format == FMT_JSON                     ? govsvc_lint_to_json(diags, &text, NULL)
                : format == FMT_SARIF ? govsvc_lint_to_sarif(diags, &text, NULL)
                                      : govsvc_diag_list_to_text(diags, GOVSVC_TEXT_SOURCE, &text,
                                                                 NULL);
        if (f) {
            fprintf(stderr, "%s lint: %s\n", prog, govsvc_strerror(f));
            status = EXIT_USAGE;
        } else {
            fputs(text, stdout);
            if (format == FMT_TEXT) {
                size_t e = govsvc_diag_list_count_severity(diags, GOVSVC_SEVERITY_ERROR);
                size_t w = govsvc_diag_list_count_severity(diags, GOVSVC_SEVERITY_WARNING);
                printf("%zu rulebook%s checked: %zu error%s, %zu warning%s\n", rulebooks,
                       rulebooks == 1 ? "" : "s", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
            }
            status = r == GOVSVC_EIO ? EXIT_USAGE : r ? EXIT_WRONG : EXIT_OK;
        }
        govsvc_free(text);
        govsvc_diag_list_free(diags);
    }
    for (size_t i = 0; i < ncopies; i++)
        free(copies[i]);
    free(copies);
    free(paths);
    return status;
}
