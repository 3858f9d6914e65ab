/*
 * cmd_calendar.c - `govsvc calendar`: working-day arithmetic on a calendar file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* -- calendar ------------------------------------------------------------ */

static const char CALENDAR_HELP[] =
    "Usage: govsvc calendar CALENDAR --from YYYY-MM-DD --add DURATION\n"
    "\n"
    "Prints the date on which DURATION, counted from the given day, ends.\n"
    "The starting day is not counted (《民法典》第二百零一条); a count of natural\n"
    "days that ends on a day off moves to the next working day.\n"
    "\n"
    "DURATION: 'N working days', 'N days', 'immediate', or 'N个工作日', 'N日',\n"
    "'N天', '即办'. CALENDAR is a calendar file such as rules/calendars/cn.yaml.\n"
    "\n"
    "Exit status: 0 printed; 1 the calendar is wrong or does not cover the end\n"
    "date; 2 usage or I/O error.\n";

int cmd_calendar(int argc, char **argv)
{
    const char *path = NULL, *from = NULL, *add = NULL;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(CALENDAR_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--from", &missing))) {
            from = v;
        } else if ((v = opt_value(argc, argv, &i, "--add", &missing))) {
            add = v;
        } else if (missing) {
            return usage_error("calendar", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("calendar", "unknown option '%s'", argv[i]);
        } else if (!path) {
            path = argv[i];
        } else {
            return usage_error("calendar", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!path || !from || !add)
        return usage_error("calendar", "%s",
                           !path ? "missing CALENDAR" : !from ? "missing --from" : "missing --add");
    govsvc_date d, end;
    if (govsvc_date_parse(&d, from) != 0)
        return usage_error("calendar", "--from '%s' is not a valid date (write YYYY-MM-DD)",
                           from);
    govsvc_calendar *cal = NULL;
    govsvc_diag_list *diags = NULL;
    int r = govsvc_calendar_load(&cal, path, NULL, &diags);
    print_diags(diags, path);
    govsvc_diag_list_free(diags);
    if (r)
        return exit_for(r);
    r = govsvc_calendar_add(cal, d, add, &end);
    int rc = EXIT_OK;
    if (r == GOVSVC_EINVAL) {
        rc = usage_error("calendar",
                         "--add '%s' is not a duration ('N working days', 'N days', "
                         "'immediate', 'N个工作日', 'N日', '即办')",
                         add);
    } else if (r == GOVSVC_ERANGE) {
        govsvc_date a, b;
        char fa[11], fb[11];
        govsvc_calendar_covers(cal, &a, &b);
        govsvc_date_format(&a, fa);
        govsvc_date_format(&b, fb);
        fprintf(stderr,
                "%s: error[E071]: cannot count %s from %s: calendar '%s' ends on %s (it covers "
                "%s to %s)\nhint: add the next year's holiday notice to the calendar\n",
                path, add, from, govsvc_calendar_id(cal), fb, fa, fb);
        rc = EXIT_WRONG;
    } else if (r) {
        fprintf(stderr, "%s: %s\n", prog, govsvc_strerror(r));
        rc = EXIT_USAGE;
    } else {
        char out[11];
        govsvc_date_format(&end, out);
        printf("%s\n", out);
    }
    govsvc_calendar_free(cal);
    return rc;
}

