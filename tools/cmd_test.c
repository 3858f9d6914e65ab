/*
 * cmd_test.c - `govsvc test`: the rule tests kept next to rulebooks, with
 * the difference of each failed case and coverage. A thin shell over
 * govsvc_test_run() (govsvc/ruletest.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char TEST_HELP[] =
    "Usage: govsvc test [--coverage-min PERCENT] [--verbose] PATH...\n"
    "\n"
    "Runs the rule tests of each rulebook: the cases in tests/*.yaml next to\n"
    "its top file (an item or a bundle, facts, a date and the expected\n"
    "statuses, due dates and deadlines; format in docs/rule-tests.md). PATH\n"
    "is a directory (searched recursively for rulebooks), a rulebook's top\n"
    "file, or one test file. Each failed case prints the difference of the\n"
    "expected notice (-) against the actual one (+); then the material\n"
    "lines, waivers, deferrals, deadline variants and sides of conditions\n"
    "that no case exercised, and each rulebook's coverage.\n"
    "\n"
    "Options:\n"
    "  --coverage-min PERCENT  fail when a rulebook's coverage is below PERCENT\n"
    "  --verbose               list the cases that passed too\n"
    "\n"
    "Exit status: 0 every case passed (and coverage is met); 1 a case failed,\n"
    "a test file or rulebook is wrong, or coverage is below the minimum;\n"
    "2 usage or I/O error.\n";

int cmd_test(int argc, char **argv)
{
    govsvc_test_options opts = GOVSVC_TEST_OPTIONS_INIT;
    unsigned flags = 0;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t npaths = 0;
    if (!paths) {
        fprintf(stderr, "%s test: out of memory\n", prog);
        return EXIT_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(TEST_HELP, stdout);
            free(paths);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--coverage-min", &missing))) {
            char *end;
            double p = strtod(v, &end);
            if (end == v || *end != '\0' || !(p >= 0 && p <= 100)) {
                free(paths);
                return usage_error("test", "--coverage-min takes a percentage from 0 to 100, "
                                           "not '%s'", v);
            }
            opts.coverage_min = p;
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            flags |= GOVSVC_TEST_VERBOSE;
        } else if (missing) {
            free(paths);
            return usage_error("test", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return usage_error("test", "unknown option '%s'", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    if (!npaths) {
        free(paths);
        return usage_error("test", "%s", "missing PATH");
    }
    govsvc_test_report *rep = NULL;
    int r = govsvc_test_run(&rep, paths, npaths, &opts);
    free(paths);
    char *text = NULL;
    if (!rep || govsvc_test_report_to_text(rep, flags, &text, NULL) != 0) {
        fprintf(stderr, "%s test: %s\n", prog, govsvc_strerror(rep ? GOVSVC_ENOMEM : r));
        govsvc_test_report_free(rep);
        return EXIT_USAGE;
    }
    fputs(text, stdout);
    govsvc_free(text);
    govsvc_test_report_free(rep);
    return r == GOVSVC_EIO ? EXIT_USAGE : r ? EXIT_WRONG : EXIT_OK;
}
