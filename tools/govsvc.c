/*
 * govsvc - the command line over libgovsvc: one-time notices, calendar
 * arithmetic and rulebook checks. A thin shell: every decision is the
 * library's. Each subcommand lives in cmd_<name>.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* -- main ---------------------------------------------------------------- */

static const char MAIN_HELP[] =
    "Usage: govsvc COMMAND [ARGS]\n"
    "\n"
    "Government service standards as answers: what must this applicant submit,\n"
    "and by when?\n"
    "\n"
    "Commands:\n"
    "  query      print the one-time notice (一次性告知单) for an item\n"
    "  calendar   add working days or natural days on a calendar\n"
    "  lint       check rulebooks and report every diagnostic\n"
    "  diff       what changed between two versions, for the applicant\n"
    "  stats      counts by item type, level, department; visits, online, hall\n"
    "  test       run the rule tests kept next to rulebooks, with coverage\n"
    "  version    print the library version\n"
    "\n"
    "'govsvc COMMAND --help' describes each command.\n";

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (strcmp(base, "govsvc-lint") == 0) {
        prog = "govsvc-lint";
        return cmd_lint(argc, argv);
    }
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(MAIN_HELP, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("govsvc %s (rulebook format %d)\n", govsvc_version(), GOVSVC_FORMAT_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "query") == 0)
        return cmd_query(argc - 1, argv + 1);
    if (strcmp(cmd, "calendar") == 0)
        return cmd_calendar(argc - 1, argv + 1);
    if (strcmp(cmd, "lint") == 0)
        return cmd_lint(argc - 1, argv + 1);
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc - 1, argv + 1);
    if (strcmp(cmd, "stats") == 0)
        return cmd_stats(argc - 1, argv + 1);
    if (strcmp(cmd, "test") == 0)
        return cmd_test(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\n\n%s", prog, cmd, MAIN_HELP);
    return EXIT_USAGE;
}
