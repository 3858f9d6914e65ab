/*
 * cmd_diff.c - `govsvc diff`: what changed between two versions of a
 * rulebook, for the applicant (govsvc/diff.h does the work).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char DIFF_HELP[] =
    "Usage: govsvc diff OLD NEW [options]\n"
    "       govsvc diff HISTORY_DIR [--from VERSION] [--to VERSION] [options]\n"
    "\n"
    "Compares two versions of a rulebook item by item: materials added, removed or\n"
    "renamed, their conditions, sharing and commitment, deadlines (e.g. 承诺办结\n"
    "时限 20 → 7 个工作日), reform mode and service fields; then the applicant\n"
    "situations whose answer changed, each shown by one concrete set of facts; and\n"
    "totals: items changed, proofs cancelled, promised working days saved.\n"
    "\n"
    "OLD and NEW are top files. A HISTORY_DIR holds the versions of one rulebook;\n"
    "--from and --to name versions (rulebook.version), by default the two latest.\n"
    "\n"
    "Options:\n"
    "  --format text|json|markdown  Chinese text (default), govsvc.diff/1 JSON\n"
    "                               (docs/diff-json.md) or Markdown tables\n"
    "  --max-situations N           combinations of facts compared per item\n"
    "                               (default 4096; the report says when capped)\n"
    "  -h, --help                   this help\n"
    "\n"
    "Exit status: 0 compared (whether or not anything changed); 1 a rulebook is\n"
    "wrong or a version does not exist; 2 usage or I/O error.\n";

/* The two versions named in a history (or its two latest). */
static int pick(govsvc_history *h, const char *dir, const char *from, const char *to,
                govsvc_rulebook **a, govsvc_rulebook **b)
{
    size_t n = govsvc_history_count(h);
    const char *names[2] = {from, to};
    govsvc_rulebook *v[2] = {n >= 2 ? govsvc_history_get(h, n - 2) : NULL,
                             n >= 1 ? govsvc_history_get(h, n - 1) : NULL};
    for (int i = 0; i < 2; i++) {
        if (names[i] && !(v[i] = govsvc_history_find(h, names[i]))) {
            fprintf(stderr, "%s: error[E106]: no version '%s' in %s\n", dir, names[i], dir);
            fprintf(stderr, "hint: the versions are:");
            for (size_t k = 0; k < n; k++)
                fprintf(stderr, " %s", govsvc_rulebook_version(govsvc_history_get(h, k)));
            fprintf(stderr, "\n");
            return EXIT_WRONG;
        }
    }
    if (!v[0]) {
        fprintf(stderr, "%s: error[E106]: only one version here: nothing to compare it with\n",
                dir);
        fprintf(stderr, "hint: give OLD and NEW top files, or add an older version\n");
        return EXIT_WRONG;
    }
    *a = govsvc_rulebook_ref(v[0]);
    *b = govsvc_rulebook_ref(v[1]);
    return EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL}, *format = "text", *from = NULL, *to = NULL;
    int npaths = 0;
    size_t max = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(DIFF_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            format = v;
        } else if ((v = opt_value(argc, argv, &i, "--from", &missing))) {
            from = v;
        } else if ((v = opt_value(argc, argv, &i, "--to", &missing))) {
            to = v;
        } else if ((v = opt_value(argc, argv, &i, "--max-situations", &missing))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 1000000)
                return usage_error("diff", "--max-situations '%s' is not a number from 1 to "
                                           "1000000", v);
            max = (size_t)n;
        } else if (missing) {
            return usage_error("diff", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("diff", "unknown option '%s'", argv[i]);
        } else if (npaths < 2) {
            paths[npaths++] = argv[i];
        } else {
            return usage_error("diff", "unexpected argument '%s'", argv[i]);
        }
    }
    int json = strcmp(format, "json") == 0, md = strcmp(format, "markdown") == 0;
    if (!json && !md && strcmp(format, "text") != 0)
        return usage_error("diff", "unknown format '%s' (text, json or markdown)", format);
    if (npaths == 0)
        return usage_error("diff", "%s", "missing OLD and NEW (or a HISTORY_DIR)");
    int history = npaths == 1;
    if (history && !is_directory(paths[0]))
        return usage_error("diff", "%s", "missing NEW (or give a HISTORY_DIR)");
    if (!history && (from || to))
        return usage_error("diff", "%s", "--from and --to name versions of a HISTORY_DIR");

    govsvc_rulebook *a = NULL, *b = NULL;
    govsvc_diff_report *d = NULL;
    int rc = EXIT_OK, r;
    if (history) {
        govsvc_history *h = NULL;
        r = load_history(paths[0], &h);
        rc = r ? exit_for(r) : pick(h, paths[0], from, to, &a, &b);
        govsvc_history_free(h);
    } else {
        r = load_rulebook(paths[0], &a);
        int r2 = load_rulebook(paths[1], &b); /* both, so every error shows */
        rc = r ? exit_for(r) : r2 ? exit_for(r2) : EXIT_OK;
    }
    if (rc == EXIT_OK) {
        govsvc_diff_options o = GOVSVC_DIFF_OPTIONS_INIT;
        o.max_situations = max;
        r = govsvc_diff(&d, a, b, &o, NULL);
        char *text = NULL;
        size_t len = 0;
        if (r == 0)
            r = json ? govsvc_diff_to_json(d, &text, &len)
                : md ? govsvc_diff_to_markdown(d, &text, &len)
                     : govsvc_diff_to_text(d, &text, &len);
        if (r) {
            fprintf(stderr, "%s diff: %s\n", prog, govsvc_strerror(r));
            rc = EXIT_USAGE;
        } else {
            fwrite(text, 1, len, stdout);
        }
        govsvc_free(text);
    }
    govsvc_diff_free(d);
    govsvc_rulebook_unref(a);
    govsvc_rulebook_unref(b);
    if (fflush(stdout) != 0)
        rc = EXIT_USAGE;
    return rc;
}
