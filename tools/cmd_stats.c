/*
 * cmd_stats.c - `govsvc stats`: the figures of a rulebook that reform
 * reports quote (govsvc/stats.h does the counting).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char STATS_HELP[] =
    "Usage: govsvc stats RULEBOOK|HISTORY_DIR [--date YYYY-MM-DD] [--format text|json]\n"
    "\n"
    "Counts the rulebook's items by type (行政权力 kinds and 公共服务), level,\n"
    "department and reform mode; the share done with at most one visit (最多跑一次)\n"
    "and with none; online service none / partial / full; items not entered in the\n"
    "service hall, by reason; and the average statutory and promised working days\n"
    "with the reduction between them.\n"
    "\n"
    "Options:\n"
    "  --date YYYY-MM-DD     only the items valid on that day; for a HISTORY_DIR,\n"
    "                        the version in force that day (default: today)\n"
    "  --format text|json    Chinese text (default) or govsvc.stats/1 JSON\n"
    "  -h, --help            this help\n"
    "\n"
    "Exit status: 0 counted; 1 the rulebook is wrong; 2 usage or I/O error.\n";

int cmd_stats(int argc, char **argv)
{
    const char *path = NULL, *format = "text", *date = NULL;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(STATS_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            format = v;
        } else if ((v = opt_value(argc, argv, &i, "--date", &missing))) {
            date = v;
        } else if (missing) {
            return usage_error("stats", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("stats", "unknown option '%s'", argv[i]);
        } else if (!path) {
            path = argv[i];
        } else {
            return usage_error("stats", "unexpected argument '%s' (one RULEBOOK only)", argv[i]);
        }
    }
    int json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0)
        return usage_error("stats", "unknown format '%s' (text or json)", format);
    if (!path)
        return usage_error("stats", "%s", "missing RULEBOOK");
    govsvc_stats_options o = GOVSVC_STATS_OPTIONS_INIT;
    if (date && govsvc_date_parse(&o.date, date) != 0)
        return usage_error("stats", "--date '%s' is not a valid date (write YYYY-MM-DD)", date);
    govsvc_rulebook *rb = NULL;
    govsvc_stats *s = NULL;
    char *text = NULL;
    size_t len = 0;
    int r = load_at(path, o.date, &rb);
    if (r)
        return exit_for(r);
    r = govsvc_stats_compute(&s, rb, &o);
    if (r == 0)
        r = json ? govsvc_stats_to_json(s, &text, &len) : govsvc_stats_to_text(s, &text, &len);
    int rc = EXIT_OK;
    if (r) {
        fprintf(stderr, "%s stats: %s\n", prog, govsvc_strerror(r));
        rc = EXIT_USAGE;
    } else {
        fwrite(text, 1, len, stdout);
    }
    govsvc_free(text);
    govsvc_stats_free(s);
    govsvc_rulebook_unref(rb);
    if (fflush(stdout) != 0)
        rc = EXIT_USAGE;
    return rc;
}
