/*
 * test_calendar.c - the working-day index and period counting (calendar.c)
 * on the national calendar 2023-2026.
 *
 * The calendar is built here from an embedded copy of the official table
 * (the same dates as rules/calendars/cn.yaml, which this unit test cannot
 * load: the YAML loader is another module). Expected dates were worked out
 * by hand from the notices and cross-checked with an independent script;
 * a brute-force test then compares every count with a day-by-day walk.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

/* -- the national calendar, 2023-2026 ------------------------------------ */

static const struct {
    const char *from, *to;
} HOLIDAYS[] = {
    {"2023-01-01", "2023-01-02"}, /* 元旦 */
    {"2023-01-21", "2023-01-27"}, /* 春节 */
    {"2023-04-05", "2023-04-05"}, /* 清明 */
    {"2023-04-29", "2023-05-03"}, /* 劳动节 */
    {"2023-06-22", "2023-06-24"}, /* 端午 */
    {"2023-09-29", "2023-09-29"}, /* 中秋 */
    {"2023-09-30", "2023-10-06"}, /* 国庆节 */
    {"2024-01-01", "2024-01-01"}, /* 元旦 */
    {"2024-02-10", "2024-02-17"}, /* 春节 */
    {"2024-04-04", "2024-04-06"}, /* 清明 */
    {"2024-05-01", "2024-05-05"}, /* 劳动节 */
    {"2024-06-10", "2024-06-10"}, /* 端午 */
    {"2024-09-15", "2024-09-17"}, /* 中秋 */
    {"2024-10-01", "2024-10-07"}, /* 国庆节 */
    {"2025-01-01", "2025-01-01"}, /* 元旦 */
    {"2025-01-28", "2025-02-04"}, /* 春节 */
    {"2025-04-04", "2025-04-06"}, /* 清明 */
    {"2025-05-01", "2025-05-05"}, /* 劳动节 */
    {"2025-05-31", "2025-06-02"}, /* 端午 */
    {"2025-10-01", "2025-10-05"}, /* 国庆节 */
    {"2025-10-06", "2025-10-06"}, /* 中秋 */
    {"2025-10-07", "2025-10-08"}, /* 国庆节 */
    {"2026-01-01", "2026-01-03"}, /* 元旦 */
    {"2026-02-15", "2026-02-23"}, /* 春节 */
    {"2026-04-04", "2026-04-06"}, /* 清明 */
    {"2026-05-01", "2026-05-05"}, /* 劳动节 */
    {"2026-06-19", "2026-06-21"}, /* 端午 */
    {"2026-09-25", "2026-09-27"}, /* 中秋 */
    {"2026-10-01", "2026-10-07"}, /* 国庆节 */
};

/* 调休上班: weekend days that are working days. */
static const char *const WORKDAYS[] = {
    "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
    "2023-10-08", "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
    "2024-09-14", "2024-09-29", "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27",
    "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
    "2026-09-20", "2026-10-10",
};

#define WEEKEND_SAT_SUN ((1u << 5) | (1u << 6))

static gs_day day_of(const char *s)
{
    gs_day d;
    ck_assert_msg(gs_date_parse(s, strlen(s), &d) == 0, "bad date in the test: %s", s);
    return d;
}

static govsvc_date date_of(const char *s)
{
    govsvc_date d;
    ck_assert_int_eq(govsvc_date_parse(&d, s), 0);
    return d;
}

static gs_day_range hol[GS_ARRAY_LEN(HOLIDAYS)];
static gs_day work[GS_ARRAY_LEN(WORKDAYS)];
static gs_day cover_from, cover_to;
static govsvc_calendar *cn;

static void build_cn(void)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(HOLIDAYS); i++) {
        hol[i].from = day_of(HOLIDAYS[i].from);
        hol[i].to = day_of(HOLIDAYS[i].to);
    }
    for (size_t i = 0; i < GS_ARRAY_LEN(WORKDAYS); i++)
        work[i] = day_of(WORKDAYS[i]);
    cover_from = day_of("2023-01-01");
    cover_to = day_of("2026-12-31");
    cn = gs_calloc(1, sizeof *cn);
    ck_assert_ptr_nonnull(cn);
    ck_assert_int_eq(gs_calendar_init(cn, "cn", cover_from, cover_to, WEEKEND_SAT_SUN, hol,
                                      GS_ARRAY_LEN(hol), work, GS_ARRAY_LEN(work)),
                     0);
}

static void free_cn(void)
{
    govsvc_calendar_free(cn);
    cn = NULL;
}

/* The definition, day by day, straight from the table: no index involved. */
static int naive_working(gs_day d)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(hol); i++) {
        if (d >= hol[i].from && d <= hol[i].to)
            return 0;
    }
    for (size_t i = 0; i < GS_ARRAY_LEN(work); i++) {
        if (d == work[i])
            return 1;
    }
    return gs_weekday(d) < 5;
}

static int naive_add(gs_day start, gs_duration dur, gs_day *end)
{
    if (start < cover_from || start > cover_to)
        return GOVSVC_ERANGE;
    gs_day d = start;
    if (dur.unit == GS_DUR_IMMEDIATE || (dur.unit == GS_DUR_WORKING && dur.n == 0)) {
        *end = start;
        return 0;
    }
    if (dur.unit == GS_DUR_WORKING) {
        for (int32_t counted = 0; counted < dur.n;) {
            if (++d > cover_to)
                return GOVSVC_ERANGE;
            counted += naive_working(d);
        }
    } else {
        for (d = start + dur.n; d <= cover_to && !naive_working(d); d++)
            ;
        if (d > cover_to)
            return GOVSVC_ERANGE;
    }
    *end = d;
    return 0;
}

/* -- pinned due dates ------------------------------------------------------ */

#define ERANGE_ "ERANGE"

static const struct {
    const char *start, *duration, *end; /* end: a date or ERANGE_ */
} DUE[] = {
    /* 春节 2026: 调休 Saturday 02-14, holidays 02-15..02-23, 调休 Saturday 02-28. */
    {"2026-02-13", "7 working days", "2026-03-02"},
    {"2026-02-13", "7个工作日", "2026-03-02"},
    {"2026-02-13", "1 working day", "2026-02-14"},
    {"2026-02-13", "1个工作日", "2026-02-14"},
    {"2026-02-13", "0 working days", "2026-02-13"},
    {"2026-02-12", "20 working days", "2026-03-18"},
    {"2026-02-18", "1 working day", "2026-02-24"}, /* starting on a holiday */
    {"2026-02-18", "0 working days", "2026-02-18"},
    {"2026-02-15", "即办", "2026-02-15"},          /* immediate never moves */
    {"2026-02-15", "immediate", "2026-02-15"},
    {"2026-02-15", "0 days", "2026-02-24"},         /* 0 days on a holiday moves on */
    {"2026-02-13", "7 days", "2026-02-24"},         /* 02-20 is a holiday */
    {"2026-02-13", "7日", "2026-02-24"},
    /* 国庆节 2023: 09-29..10-06 off, 调休 10-07 (Sat) and 10-08 (Sun). */
    {"2023-09-28", "3 days", "2023-10-07"},
    {"2023-09-28", "3天", "2023-10-07"},
    {"2023-09-28", "1 working day", "2023-10-07"},
    {"2023-09-28", "2 working days", "2023-10-08"},
    {"2023-09-28", "3 working days", "2023-10-09"},
    /* Year ends. */
    {"2025-12-31", "1 working day", "2026-01-04"}, /* 01-01..03 off, 01-04 调休 Sunday */
    {"2025-12-31", "2 working days", "2026-01-05"},
    {"2025-12-31", "1 day", "2026-01-04"},
    {"2023-12-29", "1 working day", "2024-01-02"},
    {"2024-12-31", "1 working day", "2025-01-02"},
    /* The edges of the coverage. */
    {"2026-12-20", "7 working days", "2026-12-29"},
    {"2026-12-20", "9 working days", "2026-12-31"},
    {"2026-12-20", "10 working days", ERANGE_},
    {"2026-12-20", "10个工作日", ERANGE_},
    {"2026-12-31", "immediate", "2026-12-31"},
    {"2026-12-31", "0 working days", "2026-12-31"},
    {"2026-12-31", "1 day", ERANGE_},
    {"2026-12-31", "1 working day", ERANGE_},
    {"2026-12-26", "0 days", "2026-12-28"},          /* a Saturday moves to Monday */
    {"2026-12-26", "5 days", "2026-12-31"},
    {"2026-12-26", "6 days", ERANGE_},               /* 2027-01-01 */
    {"2022-12-31", "immediate", ERANGE_},
    {"2022-12-31", "1 working day", ERANGE_},
    {"2027-01-01", "immediate", ERANGE_},
    {"2023-01-01", "1 working day", "2023-01-03"},   /* 元旦 2023 */
    {"2023-01-01", "immediate", "2023-01-01"},
    {"2023-01-01", "100000 working days", ERANGE_},
    {"2023-01-01", "100000 days", ERANGE_},
    /* 2023 春节 and 端午. */
    {"2023-01-20", "1 working day", "2023-01-28"},
    {"2023-06-21", "3 working days", "2023-06-27"},
    /* 2024: 除夕 02-09 is a working day; 春节 02-10..02-17, 调休 02-04 and 02-18. */
    {"2024-02-08", "1 working day", "2024-02-09"},
    {"2024-02-09", "1 working day", "2024-02-18"},
    {"2024-02-09", "2 working days", "2024-02-19"},
    {"2024-02-07", "10 working days", "2024-02-27"},
    {"2024-02-07", "10 days", "2024-02-18"},
    {"2024-04-03", "1 working day", "2024-04-07"},   /* 清明, 调休 Sunday 04-07 */
    {"2024-04-30", "1 working day", "2024-05-06"},   /* 劳动节 */
    {"2024-06-07", "1 working day", "2024-06-11"},   /* 端午 */
    {"2024-09-13", "1 working day", "2024-09-14"},   /* 中秋, 调休 Saturday 09-14 */
    {"2024-09-13", "2 working days", "2024-09-18"},
    {"2024-09-27", "1 working day", "2024-09-29"},   /* 国庆节 */
    {"2024-09-30", "1 working day", "2024-10-08"},
    {"2024-10-11", "1 working day", "2024-10-12"},
    /* 2025: 春节 01-28..02-04 (除夕 included), 调休 01-26 and 02-08. */
    {"2025-01-24", "1 working day", "2025-01-26"},
    {"2025-01-27", "1 working day", "2025-02-05"},
    {"2025-01-27", "3 days", "2025-02-05"},
    {"2025-02-07", "1 working day", "2025-02-08"},
    {"2025-04-03", "1 working day", "2025-04-07"},   /* 清明 */
    {"2025-04-25", "1 working day", "2025-04-27"},   /* 劳动节 */
    {"2025-04-30", "1 working day", "2025-05-06"},
    {"2025-05-30", "1 working day", "2025-06-03"},   /* 端午 */
    {"2025-09-26", "1 working day", "2025-09-28"},   /* 国庆节 + 中秋 */
    {"2025-09-30", "1 working day", "2025-10-09"},
    {"2025-09-30", "7 days", "2025-10-09"},
    {"2025-10-10", "1 working day", "2025-10-11"},
    /* 2026, the rest. */
    {"2026-04-30", "1 day", "2026-05-06"},
    {"2026-09-30", "1 working day", "2026-10-08"},
    {"2026-10-01", "3 days", "2026-10-08"},
    {"2026-10-09", "1 working day", "2026-10-10"},   /* 调休 Saturday */
    /* Ordinary weeks. */
    {"2026-03-06", "1 working day", "2026-03-09"},   /* Friday -> Monday */
    {"2026-03-07", "1 working day", "2026-03-09"},   /* Saturday start */
    {"2026-03-06", "1 day", "2026-03-09"},           /* Saturday end -> Monday */
    {"2026-03-02", "10 working days", "2026-03-16"},
    {"2026-03-02", "20日", "2026-03-23"},            /* 03-22 is a Sunday */
};

START_TEST(test_due_dates)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(DUE); i++) {
        govsvc_date out = {0, 0, 0};
        int r = govsvc_calendar_add(cn, date_of(DUE[i].start), DUE[i].duration, &out);
        if (strcmp(DUE[i].end, ERANGE_) == 0) {
            ck_assert_msg(r == GOVSVC_ERANGE, "%s + %s: %d, expected ERANGE", DUE[i].start,
                          DUE[i].duration, r);
            continue;
        }
        ck_assert_msg(r == 0, "%s + %s: %d", DUE[i].start, DUE[i].duration, r);
        char got[11];
        ck_assert_int_eq(govsvc_date_format(&out, got), 0);
        ck_assert_msg(strcmp(got, DUE[i].end) == 0, "%s + %s: %s, expected %s", DUE[i].start,
                      DUE[i].duration, got, DUE[i].end);
        /* A due date is always a working day, except for immediate/0 working
         * days, which end on the start day itself. */
        gs_duration d;
        ck_assert_int_eq(gs_duration_parse(DUE[i].duration, strlen(DUE[i].duration), &d), 0);
        if (d.unit == GS_DUR_NATURAL || d.n > 0)
            ck_assert_int_eq(govsvc_calendar_is_working_day(cn, out), 1);
    }
}
END_TEST

static const struct {
    const char *duration; /* NULL: a NULL pointer */
} BAD_TEXT[] = {
    {""},   {"3 weeks"},      {"-1 days"},  {"7 working"}, {"7个工作日内"}, {"03 days"},
    {"1.5 days"}, {"100001 days"}, {"immediately"}, {"7 working days later"}, {NULL},
};

START_TEST(test_bad_text)
{
    govsvc_date out = {1, 2, 3};
    for (size_t i = 0; i < GS_ARRAY_LEN(BAD_TEXT); i++) {
        ck_assert_int_eq(govsvc_calendar_add(cn, date_of("2026-03-02"), BAD_TEXT[i].duration,
                                             &out),
                         GOVSVC_EINVAL);
        /* Bad text is reported as such even when the start is not covered. */
        ck_assert_int_eq(govsvc_calendar_add(cn, date_of("2030-01-01"), BAD_TEXT[i].duration,
                                             &out),
                         GOVSVC_EINVAL);
    }
    /* Invalid dates and missing arguments. */
    static const govsvc_date BAD_DATES[] = {{2026, 2, 30}, {2023, 2, 29}, {2023, 13, 1},
                                            {0, 1, 1},     {2026, 0, 1},  {2026, 1, 0}};
    for (size_t i = 0; i < GS_ARRAY_LEN(BAD_DATES); i++) {
        ck_assert_int_eq(govsvc_calendar_add(cn, BAD_DATES[i], "1 working day", &out),
                         GOVSVC_EINVAL);
        ck_assert_int_eq(govsvc_calendar_is_working_day(cn, BAD_DATES[i]), GOVSVC_EINVAL);
    }
    ck_assert_int_eq(govsvc_calendar_add(NULL, date_of("2026-03-02"), "1 day", &out),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_calendar_add(cn, date_of("2026-03-02"), "1 day", NULL),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_calendar_is_working_day(NULL, date_of("2026-03-02")), GOVSVC_EINVAL);
    /* Nothing was written on failure. */
    ck_assert_int_eq(out.year, 1);
    ck_assert_int_eq(out.month, 2);
    ck_assert_int_eq(out.day, 3);
}
END_TEST

static const struct {
    const char *date;
    int expect; /* 1, 0 or GOVSVC_ERANGE */
} WORKING[] = {
    {"2026-02-13", 1},  {"2026-02-14", 1},  {"2026-02-15", 0},  {"2026-02-23", 0},
    {"2026-02-24", 1},  {"2026-02-28", 1},  {"2026-03-01", 0},  {"2024-02-09", 1},
    {"2024-02-18", 1},  {"2025-01-28", 0},  {"2025-10-06", 0},  {"2025-10-11", 1},
    {"2026-01-04", 1},  {"2026-01-03", 0},  {"2023-01-01", 0},  {"2023-01-03", 1},
    {"2026-12-31", 1},  {"2026-12-26", 0},  {"2022-12-31", GOVSVC_ERANGE},
    {"2027-01-01", GOVSVC_ERANGE},          {"1970-01-01", GOVSVC_ERANGE},
};

START_TEST(test_is_working)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(WORKING); i++) {
        ck_assert_msg(govsvc_calendar_is_working_day(cn, date_of(WORKING[i].date)) ==
                          WORKING[i].expect,
                      "%s", WORKING[i].date);
        ck_assert_int_eq(gs_calendar_is_working(cn, day_of(WORKING[i].date)), WORKING[i].expect);
    }
    /* 2023-2026: 1461 days; 249 + 251 + 248 + 248 working days once the
     * holidays and 调休 are applied. */
    ck_assert_int_eq(cn->ndays, 1461);
    int per_year[4] = {0, 0, 0, 0};
    for (gs_day d = cover_from; d <= cover_to; d++) {
        int y, m, dd;
        gs_ymd_from_day(d, &y, &m, &dd);
        per_year[y - 2023] += gs_calendar_is_working(cn, d);
    }
    ck_assert_int_eq(per_year[0], 249);
    ck_assert_int_eq(per_year[1], 251);
    ck_assert_int_eq(per_year[2], 248);
    ck_assert_int_eq(per_year[3], 248);
    ck_assert_int_eq(cn->nwork, 996);
}
END_TEST

/* The index against the definition: every start from a week before the
 * coverage to a week after it, every unit, a spread of counts. */
START_TEST(test_brute_force)
{
    static const int32_t N[] = {0, 1, 2, 3, 5, 7, 10, 13, 20, 30, 250, 1000};
    static const gs_dur_unit UNITS[] = {GS_DUR_WORKING, GS_DUR_NATURAL, GS_DUR_IMMEDIATE};
    long compared = 0, inside = 0;
    for (gs_day s = cover_from - 7; s <= cover_to + 7; s++) {
        for (size_t u = 0; u < GS_ARRAY_LEN(UNITS); u++) {
            for (size_t k = 0; k < GS_ARRAY_LEN(N); k++) {
                gs_duration d = {UNITS[u], UNITS[u] == GS_DUR_IMMEDIATE ? 0 : N[k]};
                gs_day want = -1, got = -1;
                int rw = naive_add(s, d, &want);
                int rg = gs_calendar_add_days(cn, s, d, &got);
                if (rw != rg || (rw == 0 && want != got)) {
                    char a[11], b[11], c[11];
                    gs_date_format(s, a);
                    gs_date_format(want, b);
                    gs_date_format(got, c);
                    ck_abort_msg("%s + %d (unit %d): want %d %s, got %d %s", a, (int)d.n,
                                 (int)d.unit, rw, b, rg, c);
                }
                compared++;
                inside += rw == 0;
            }
        }
    }
    ck_assert_int_eq(compared, (1461 + 14) * 3 * 12);
    ck_assert_int_gt(inside, 1461 * 20); /* most counts stay inside */
}
END_TEST

/* The invariants that make counting O(1). */
START_TEST(test_index_invariants)
{
    int32_t seen = 0;
    for (uint32_t i = 0; i < cn->ndays; i++) {
        seen += cn->work[i];
        ck_assert_int_eq(cn->cum[i], seen);
        ck_assert_int_eq(cn->work[i], naive_working(cn->from + (gs_day)i));
        if (cn->work[i])
            ck_assert_int_eq(cn->nth[cn->cum[i] - 1], (int32_t)i);
        int32_t nx = cn->next[i];
        if (nx < 0) {
            for (uint32_t j = i; j < cn->ndays; j++)
                ck_assert_int_eq(cn->work[j], 0);
        } else {
            ck_assert_int_ge(nx, (int32_t)i);
            ck_assert_int_eq(cn->work[nx], 1);
            for (int32_t j = (int32_t)i; j < nx; j++)
                ck_assert_int_eq(cn->work[j], 0);
        }
    }
    ck_assert_int_eq(seen, cn->nwork);
}
END_TEST

/* Counts far beyond the coverage fail cleanly, without overflow. */
START_TEST(test_huge_counts)
{
    static const int32_t N[] = {997, 998, 1461, 1462, 100000, INT32_MAX - 1, INT32_MAX};
    gs_day end = 777;
    for (size_t k = 0; k < GS_ARRAY_LEN(N); k++) {
        gs_duration w = {GS_DUR_WORKING, N[k]}, n = {GS_DUR_NATURAL, N[k]};
        ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, w, &end), GOVSVC_ERANGE);
        ck_assert_int_eq(gs_calendar_add_days(cn, cover_to, w, &end), GOVSVC_ERANGE);
        if (N[k] >= 1461) /* the number of covered days */
            ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, n, &end), GOVSVC_ERANGE);
        ck_assert_int_eq(gs_calendar_add_days(cn, cover_to, n, &end), GOVSVC_ERANGE);
    }
    ck_assert_int_eq(end, 777);
    /* The first covered day is a holiday, so the 996 working days of the
     * calendar all lie after it: 996 ends on the last one, 997 is too many. */
    gs_duration last = {GS_DUR_WORKING, 996};
    ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, last, &end), 0);
    ck_assert_int_eq(end, day_of("2026-12-31"));
    gs_duration days = {GS_DUR_NATURAL, 1460};
    ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, days, &end), 0);
    ck_assert_int_eq(end, day_of("2026-12-31"));
    /* Starts at the extremes of gs_day. */
    gs_duration one = {GS_DUR_WORKING, 1};
    ck_assert_int_eq(gs_calendar_add_days(cn, INT32_MIN, one, &end), GOVSVC_ERANGE);
    ck_assert_int_eq(gs_calendar_add_days(cn, INT32_MAX, one, &end), GOVSVC_ERANGE);
    /* A negative count or an unknown unit is a bad argument, not a date. */
    gs_duration neg = {GS_DUR_NATURAL, -1};
    ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, neg, &end), GOVSVC_EINVAL);
    gs_duration odd = {(gs_dur_unit)7, 1};
    ck_assert_int_eq(gs_calendar_add_days(cn, cover_from, odd, &end), GOVSVC_EINVAL);
}
END_TEST

START_TEST(test_accessors)
{
    ck_assert_str_eq(govsvc_calendar_id(cn), "cn");
    ck_assert_ptr_null(govsvc_calendar_id(NULL));
    govsvc_date a, b;
    govsvc_calendar_covers(cn, &a, &b);
    ck_assert_int_eq(a.year, 2023);
    ck_assert_int_eq(a.month, 1);
    ck_assert_int_eq(a.day, 1);
    ck_assert_int_eq(b.year, 2026);
    ck_assert_int_eq(b.month, 12);
    ck_assert_int_eq(b.day, 31);
    govsvc_calendar_covers(cn, NULL, &b); /* either pointer may be NULL */
    govsvc_calendar_covers(NULL, &a, &b);
    ck_assert_int_eq(a.year, 0);
    ck_assert_int_eq(b.year, 0);
    govsvc_calendar_free(NULL);
}
END_TEST

/* -- building calendars ---------------------------------------------------- */

START_TEST(test_init_errors)
{
    struct govsvc_calendar cal;
    gs_day from = day_of("2026-01-01");
    ck_assert_int_eq(gs_calendar_init(&cal, "x", from, from - 1, WEEKEND_SAT_SUN, NULL, 0, NULL,
                                      0),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(cal.ndays, 0);
    gs_calendar_release(&cal); /* harmless on a failed init */
    ck_assert_int_eq(gs_calendar_init(&cal, "x", from, from + 366 * 200 + 1, WEEKEND_SAT_SUN,
                                      NULL, 0, NULL, 0),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(gs_calendar_init(&cal, "x", INT32_MIN, INT32_MAX, WEEKEND_SAT_SUN, NULL, 0,
                                      NULL, 0),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(gs_calendar_init(&cal, "x", from, from, WEEKEND_SAT_SUN, NULL, 1, NULL, 0),
                     GOVSVC_EINVAL);
    /* 200 years exactly is accepted. */
    ck_assert_int_eq(gs_calendar_init(&cal, "x", from, from + 366 * 200, WEEKEND_SAT_SUN, NULL,
                                      0, NULL, 0),
                     0);
    gs_calendar_release(&cal);
    ck_assert_int_eq(cal.ndays, 0);
    gs_calendar_release(&cal); /* twice is harmless */
}
END_TEST

/* Small calendars with odd shapes: one day, no working day at all, entries
 * outside the coverage, a day listed both as holiday and as workday. */
START_TEST(test_small_calendars)
{
    struct govsvc_calendar cal;
    gs_day sat = day_of("2026-03-07"), sun = day_of("2026-03-08"), mon = day_of("2026-03-09");
    gs_day end;
    gs_duration imm = {GS_DUR_IMMEDIATE, 0}, w1 = {GS_DUR_WORKING, 1}, n0 = {GS_DUR_NATURAL, 0};

    /* One Saturday: nothing to count to, but immediate is fine. */
    ck_assert_int_eq(gs_calendar_init(&cal, NULL, sat, sat, WEEKEND_SAT_SUN, NULL, 0, NULL, 0),
                     0);
    ck_assert_str_eq(cal.id, "");
    ck_assert_int_eq(cal.nwork, 0);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, imm, &end), 0);
    ck_assert_int_eq(end, sat);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, w1, &end), GOVSVC_ERANGE);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, n0, &end), GOVSVC_ERANGE);
    gs_calendar_release(&cal);

    /* Every weekday off. */
    ck_assert_int_eq(gs_calendar_init(&cal, "none", sat, sat + 30, 0x7f, NULL, 0, NULL, 0), 0);
    ck_assert_int_eq(cal.nwork, 0);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, w1, &end), GOVSVC_ERANGE);
    gs_calendar_release(&cal);

    /* No weekend: Saturday is a working day. */
    ck_assert_int_eq(gs_calendar_init(&cal, "all", sat, mon, 0, NULL, 0, NULL, 0), 0);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, w1, &end), 0);
    ck_assert_int_eq(end, sun);
    gs_calendar_release(&cal);

    /* Holidays reaching outside the coverage are clipped; workdays outside
     * are ignored; a day both holiday and workday stays a day off. */
    gs_day_range h[] = {{sat - 10, sat}, {mon, mon + 100}, {mon + 5, mon + 2}};
    gs_day w[] = {sat - 1, sat, sun, mon + 200};
    ck_assert_int_eq(gs_calendar_init(&cal, "odd", sat, mon + 3, WEEKEND_SAT_SUN, h, 3, w, 4), 0);
    ck_assert_int_eq(gs_calendar_is_working(&cal, sat), 0);
    ck_assert_int_eq(gs_calendar_is_working(&cal, sun), 1);
    ck_assert_int_eq(gs_calendar_is_working(&cal, mon), 0);
    ck_assert_int_eq(gs_calendar_is_working(&cal, mon + 3), 0);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sat, w1, &end), 0);
    ck_assert_int_eq(end, sun);
    ck_assert_int_eq(gs_calendar_add_days(&cal, sun, w1, &end), GOVSVC_ERANGE);
    gs_calendar_release(&cal);
}
END_TEST

/* Out of memory at every allocation of gs_calendar_init(): it fails with
 * ENOMEM, leaves nothing to free (the sanitizer checks for leaks), and
 * succeeds once memory is there. */
static long alloc_budget = -1; /* allocations left; -1 unlimited */

static void *oom_malloc(size_t size, void *ud)
{
    (void)ud;
    if (alloc_budget == 0)
        return NULL;
    if (alloc_budget > 0)
        alloc_budget--;
    return malloc(size);
}

static void *oom_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (alloc_budget == 0)
        return NULL;
    if (alloc_budget > 0)
        alloc_budget--;
    return realloc(ptr, size);
}

static void oom_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

START_TEST(test_out_of_memory)
{
    ck_assert_int_eq(govsvc_set_allocator(oom_malloc, oom_realloc, oom_free, NULL), 0);
    int ok = 0;
    for (long budget = 0; budget < 100 && !ok; budget++) {
        struct govsvc_calendar cal;
        alloc_budget = budget;
        int r = gs_calendar_init(&cal, "cn", cover_from, cover_to, WEEKEND_SAT_SUN, hol,
                                 GS_ARRAY_LEN(hol), work, GS_ARRAY_LEN(work));
        alloc_budget = -1;
        if (r == 0) {
            ok = 1;
            ck_assert_int_gt(budget, 0);
            ck_assert_int_eq(cal.nwork, cn->nwork);
            gs_calendar_release(&cal);
        } else {
            ck_assert_int_eq(r, GOVSVC_ENOMEM);
            ck_assert_int_eq(cal.ndays, 0);
            ck_assert_ptr_null(cal.work);
        }
    }
    ck_assert_int_eq(govsvc_set_allocator(NULL, NULL, NULL, NULL), 0);
    ck_assert(ok);
}
END_TEST

static Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("cn");
    tcase_add_checked_fixture(tc, build_cn, free_cn);
    tcase_add_test(tc, test_due_dates);
    tcase_add_test(tc, test_bad_text);
    tcase_add_test(tc, test_is_working);
    tcase_add_test(tc, test_brute_force);
    tcase_add_test(tc, test_index_invariants);
    tcase_add_test(tc, test_huge_counts);
    tcase_add_test(tc, test_accessors);
    tcase_add_test(tc, test_out_of_memory);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    tc = tcase_create("build");
    tcase_add_test(tc, test_init_errors);
    tcase_add_test(tc, test_small_calendars);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(calendar_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
