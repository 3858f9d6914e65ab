/*
 * fuzz_dates.c - dates, durations and the working-day count.
 *
 * Any text goes to the date parsers (internal and public) and the
 * duration parser; text split at '|' gives a start date and a duration
 * for govsvc_calendar_add(). Besides "no crash", the target checks:
 *  - a date that parses formats back to the very same ten characters;
 *  - a duration that parses formats to a canonical form that parses to
 *    the same duration;
 *  - the O(1) calendar index agrees with counting day by day: N working
 *    days end on the N-th working day after the start (the start never
 *    counts), N days end on the first working day at or after start + N.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "fuzz_common.h"

static govsvc_calendar *cal;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (govsvc_calendar_load(&cal, fuzz_path("cal.yaml"), NULL, NULL) != 0)
        fuzz_fail("the fuzz calendar does not load");
    return 0;
}

/* The slow way, day by day, for the oracle. */
static int slow_add(gs_day start, gs_duration d, gs_day *end)
{
    if (start < cal->from || start > cal->to)
        return GOVSVC_ERANGE;
    if (d.unit == GS_DUR_IMMEDIATE || (d.unit == GS_DUR_WORKING && d.n == 0)) {
        *end = start;
        return 0;
    }
    gs_day day = start;
    if (d.unit == GS_DUR_WORKING) {
        for (int32_t k = 0; k < d.n;) {
            if (++day > cal->to)
                return GOVSVC_ERANGE;
            k += gs_calendar_is_working(cal, day) == 1;
        }
    } else {
        day = start + d.n;
        for (;; day++) {
            if (day > cal->to)
                return GOVSVC_ERANGE;
            if (gs_calendar_is_working(cal, day) == 1)
                break;
        }
    }
    *end = day;
    return 0;
}

static void check_count(gs_day start, gs_duration d)
{
    gs_day fast = 0, slow = 0;
    int a = gs_calendar_add_days(cal, start, d, &fast);
    int b = slow_add(start, d, &slow);
    if (a != b || (a == 0 && fast != slow))
        fuzz_fail("the calendar index disagrees with counting day by day");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char *z = malloc(size + 1); /* a C string, as the public calls take */
    if (!z)
        return 0;
    memcpy(z, data, size);
    z[size] = '\0';

    gs_day day;
    if (gs_date_parse(s, size, &day) == 0) {
        char back[11];
        gs_date_format(day, back);
        if (size != 10 || memcmp(back, s, 10) != 0)
            fuzz_fail("a date does not format back to itself");
    }
    govsvc_date gd;
    if (govsvc_date_parse(&gd, z) == 0) {
        char back[11];
        if (govsvc_date_format(&gd, back) != 0 || strcmp(back, z) != 0)
            fuzz_fail("a public date does not format back to itself");
    }
    gs_duration d;
    if (gs_duration_parse(s, size, &d) == 0) {
        char canon[32];
        gs_duration_format(d, canon);
        gs_duration d2;
        if (gs_duration_parse(canon, strlen(canon), &d2) != 0 || d2.unit != d.unit || d2.n != d.n)
            fuzz_fail("a duration's canonical form reads differently");
        /* From every day of a stretch that crosses the Spring Festival
         * and the end of the coverage. */
        for (gs_day st = gs_day_from_ymd(2026, 2, 1); st <= gs_day_from_ymd(2026, 3, 1); st++)
            check_count(st, d);
        check_count(gs_day_from_ymd(2026, 12, 31), d);
        check_count(gs_day_from_ymd(2024, 12, 31), d);
    }
    char *bar = strchr(z, '|');
    if (bar) {
        *bar = '\0';
        govsvc_date from, out;
        if (govsvc_date_parse(&from, z) == 0) {
            int r = govsvc_calendar_add(cal, from, bar + 1, &out);
            if (r != 0 && r != GOVSVC_EINVAL && r != GOVSVC_ERANGE)
                fuzz_fail("calendar_add: unexpected status");
            if (r == 0 && govsvc_calendar_is_working_day(cal, out) != 1 &&
                !(out.year == from.year && out.month == from.month && out.day == from.day))
                fuzz_fail("a count ended on a day off");
        }
    }
    free(z);
    return 0;
}
